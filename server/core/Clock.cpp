#include "Clock.h"

#include <QDateTime>

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}
