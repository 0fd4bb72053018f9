#include "HttpReply.h"

#include <QDateTime>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

HttpReply HttpReply::file(const QString &path, QByteArray contentType, const QString &downloadName, bool deleteAfter)
{
    HttpReply reply{200, std::move(contentType), {}, {}, path, deleteAfter};
    reply.withHeader("Content-Disposition", attachment(downloadName)).withHeader("Cache-Control", "private, no-store");
    return reply;
}

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

QByteArray HttpReply::attachment(const QString &downloadName)
{
    QByteArray ascii;
    bool plainAscii = true;
    for (const QChar c : downloadName) {
        const char16_t u = c.unicode();
        const bool printable = u >= 0x20 && u < 0x7f;
        plainAscii = plainAscii && printable;
        ascii += printable && u != '"' && u != '\\' ? char(u) : '_';
    }
    QByteArray out = "attachment; filename=\"" + ascii + '"';
    if (!plainAscii)
        out += "; filename*=UTF-8''" + QUrl::toPercentEncoding(downloadName);
    return out;
}

}   // namespace Conversa::Server
