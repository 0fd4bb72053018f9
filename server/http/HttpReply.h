#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>

namespace Conversa::Server {

// A response a handler hands back to the router. The MIME type is always explicit: QHttpServer
// sniffs it otherwise, at a seventh of the throughput.
struct HttpReply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    // A body read from this file instead of `body`: the router streams it in chunks, with
    // Content-Length and single-range support (Range: bytes=a-b answers 206, or 416).
    QString filePath;
    bool deleteFileAfter = false;   // the file is a temporary one: removed once sent or abandoned

    static HttpReply json(const QJsonObject &object, int status = 200)
    {
        return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}, {}, false};
    }
    static HttpReply json(QByteArray jsonText, int status = 200)
    {
        return {status, "application/json", std::move(jsonText), {}, {}, false};
    }
    static HttpReply noContent() { return {204, {}, {}, {}, {}, false}; }
    static HttpReply bytes(QByteArray body, QByteArray contentType, int status = 200)
    {
        return {status, std::move(contentType), std::move(body), {}, {}, false};
    }
    // A file on disk as a download named `downloadName` (Content-Disposition: attachment), never
    // cached. The router checks the file when it answers: a file that cannot be opened is a 500.
    static HttpReply file(const QString &path, QByteArray contentType, const QString &downloadName,
                          bool deleteAfter = false);
    // A CSV export as a download: "<name>-YYYYMMDD.csv", never cached, with its row count.
    static HttpReply csvDownload(const QByteArray &name, QByteArray csv, qint64 rows, bool truncated);
    // attachment; filename="ascii"; filename*=UTF-8''… (RFC 6266 / RFC 5987) for non-ASCII names.
    static QByteArray attachment(const QString &downloadName);

    bool isFile() const { return !filePath.isEmpty(); }
    HttpReply &withHeader(QByteArray name, QByteArray value)
    {
        headers.append({std::move(name), std::move(value)});
        return *this;
    }
};

}   // namespace Conversa::Server
