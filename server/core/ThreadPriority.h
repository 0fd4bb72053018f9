#pragma once

namespace Conversa::Server {

// Background work that must not take CPU from the event loops lowers its own thread's priority
// (Linux nice values are per thread; a process started from the thread inherits it). Within one
// process this holds whatever the kernel's autogroup setting. Once per thread; a failure (a
// container without the right) leaves the thread as it was.
void lowerThreadPriority(int niceness);

}   // namespace Conversa::Server
