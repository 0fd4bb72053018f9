#include "ThreadPriority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace Conversa::Server {

void lowerThreadPriority(int niceness)
{
    thread_local int lowered = 0;
    if (lowered < niceness) {
        setpriority(PRIO_PROCESS, pid_t(syscall(SYS_gettid)), niceness);
        lowered = niceness;
    }
}

}   // namespace Conversa::Server
