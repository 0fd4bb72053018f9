#include "HttpReply.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

HttpReply HttpReply::csvDownload(const QByteArray &name, QByteArray csv, qint64 rows, bool truncated)
{
    const QByteArray day = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd"_s).toLatin1();
    HttpReply reply = bytes(std::move(csv), "text/csv; charset=utf-8");
    reply.withHeader("Content-Disposition", "attachment; filename=\"" + name + '-' + day + ".csv\"")
        .withHeader("Cache-Control", "no-store")
        .withHeader("X-Export-Rows", QByteArray::number(rows));
    if (truncated)
        reply.withHeader("X-Export-Truncated", "true");
    return reply;
}

}   // namespace Conversa::Server
