#pragma once

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QPair>

namespace Conversa::Server {

// A response a handler hands back to the router. The MIME type is always explicit: QHttpServer
// sniffs it otherwise, at a seventh of the throughput.
struct HttpReply {
    int status = 200;
    QByteArray contentType = "application/json";
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static HttpReply json(const QJsonObject &object, int status = 200)
    {
        return {status, "application/json", QJsonDocument(object).toJson(QJsonDocument::Compact), {}};
    }
    static HttpReply json(QByteArray jsonText, int status = 200)
    {
        return {status, "application/json", std::move(jsonText), {}};
    }
    static HttpReply noContent() { return {204, {}, {}, {}}; }
    static HttpReply bytes(QByteArray body, QByteArray contentType, int status = 200)
    {
        return {status, std::move(contentType), std::move(body), {}};
    }
    // A CSV export as a download: "<name>-YYYYMMDD.csv", never cached, with its row count.
    static HttpReply csvDownload(const QByteArray &name, QByteArray csv, qint64 rows, bool truncated);
    HttpReply &withHeader(QByteArray name, QByteArray value)
    {
        headers.append({std::move(name), std::move(value)});
        return *this;
    }
};

}   // namespace Conversa::Server
