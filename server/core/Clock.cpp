#include "Clock.h"

#include <QDateTime>

namespace Conversa::Server {

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

}   // namespace Conversa::Server
