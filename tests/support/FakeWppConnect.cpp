#include "FakeWppConnect.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QByteArray compact(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

const char *reason(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    default: return "Error";
    }
}

}   // namespace

FakeWppConnect::FakeWppConnect(QObject *parent) : FakeHttpServer(parent) {}

QString FakeWppConnect::baseUrl() const
{
    return u"http://127.0.0.1:%1"_s.arg(port());
}

void FakeWppConnect::failNext(const QString &route, int status, const QByteArray &body, int times)
{
    for (int i = 0; i < times; ++i)
        m_scripted[route].enqueue({status, body});
}

QList<FakeWppConnect::Request> FakeWppConnect::requests(const QString &route) const
{
    QList<Request> out;
    for (const Request &r : m_requests) {
        if (r.route == route)
            out.append(r);
    }
    return out;
}

QByteArray FakeWppConnect::qrPng()
{
    // A 1×1 PNG: what matters is that it is a PNG.
    return QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}

QByteArray FakeWppConnect::sample(const QString &name)
{
    QFile f(QStringLiteral(CONVERSA_TEST_DATA_DIR) + u"/wppconnect/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

void FakeWppConnect::handle(QTcpSocket *socket, HttpRequest request)
{
    Request r;
    static_cast<HttpRequest &>(r) = std::move(request);
    // /api/<session>/<route> or /api/<session>/<secretkey>/generate-token
    const QStringList parts = QString::fromUtf8(r.path).split(u'/');
    r.session = QUrl::fromPercentEncoding(parts.value(2).toUtf8());
    r.route = parts.value(parts.size() - 1);
    QByteArray body;
    QByteArray contentType = "application/json; charset=utf-8";
    const QString state = m_states.value(r.session);
    const QByteArray token = r.authorization.split(' ').value(1);

    if (parts.value(1) != "api"_L1 || parts.size() < 4) {
        r.status = 404;
        body = "Cannot " + r.method + ' ' + r.path;
        contentType = "text/html; charset=utf-8";
    } else if (r.route == "generate-token"_L1 && parts.size() == 5 && r.method == "POST") {
        if (QUrl::fromPercentEncoding(parts.value(3).toUtf8()) != m_secretKey) {
            r.status = 400;
            body = compact({{u"response"_s, false}, {u"message"_s, u"The SECRET_KEY is incorrect"_s}});
        } else {
            const QString t =
                u"$2b$10$FAKE%1%2"_s.arg(++m_seq).arg(QUuid::createUuid().toString(QUuid::Id128).left(20));
            m_tokens[r.session].insert(t);
            r.status = 201;
            body = compact({{u"status"_s, u"success"_s},
                            {u"session"_s, r.session},
                            {u"token"_s, t},
                            {u"full"_s, QString(r.session + u':' + t)}});
        }
    } else if (r.authorization.isEmpty()) {
        r.status = 401;
        body = compact({{u"message"_s, u"Token is not present. Check your header and try again"_s}});
    } else if (!m_tokens.value(r.session).contains(QString::fromUtf8(token))) {
        r.status = 401;
        body = sample(u"error-bad-token.json"_s);
    } else if (m_scripted.contains(r.route) && !m_scripted[r.route].isEmpty()) {
        const auto s = m_scripted[r.route].dequeue();
        r.status = s.first;
        body = s.second;
    } else if (r.route == "start-session"_L1) {
        m_webhooks.insert(r.session, r.json.value(u"webhook"_s).toString());
        r.status = 200;
        if (state == "CONNECTED"_L1) {
            body = compact({{u"status"_s, u"CONNECTED"_s}, {u"qrcode"_s, QJsonValue()}, {u"session"_s, r.session}});
        } else {
            // A new session answers at once; the browser starts in the background and shows a QR.
            body = compact({{u"status"_s, u"CLOSED"_s}, {u"qrcode"_s, QJsonValue()}, {u"session"_s, r.session}});
            m_states.insert(r.session, u"QRCODE"_s);
        }
    } else if (r.route == "status-session"_L1) {
        r.status = 200;
        if (state.isEmpty()) {
            body = compact({{u"status"_s, u"CLOSED"_s}, {u"qrcode"_s, QJsonValue()}, {u"session"_s, r.session}});
        } else {
            const QJsonValue qr = state == "QRCODE"_L1
                ? QJsonValue(QString(u"data:image/png;base64,"_s + QString::fromLatin1(qrPng().toBase64())))
                : QJsonValue();
            body = compact({{u"status"_s, state},
                            {u"qrcode"_s, qr},
                            {u"urlcode"_s, u"2@fake"_s},
                            {u"version"_s, u"2.10.4"_s},
                            {u"session"_s, r.session}});
        }
    } else if (r.route == "qrcode-session"_L1) {
        r.status = 200;
        if (state == "QRCODE"_L1) {
            body = qrPng();
            contentType = "image/png";
        } else if (state.isEmpty() || state == "CLOSED"_L1) {
            body = compact(
                {{u"status"_s, QJsonValue()},
                 {u"message"_s,
                  u"Session not started. Please, use the /start-session route, for initialization your session"_s},
                 {u"session"_s, r.session}});
        } else {
            body = compact(
                {{u"status"_s, state}, {u"message"_s, u"QRCode is not available..."_s}, {u"session"_s, r.session}});
        }
    } else if (r.route == "close-session"_L1) {
        m_states.insert(r.session, u"CLOSED"_s);
        r.status = 200;
        body =
            compact({{u"status"_s, true}, {u"message"_s, u"Session successfully closed"_s}, {u"session"_s, r.session}});
    } else if (r.route == "send-message"_L1 || r.route == "send-image"_L1 || r.route == "send-file-base64"_L1 ||
               r.route == "send-file"_L1) {
        const QString phone = r.json.value(u"phone"_s).toString();
        if (state != "CONNECTED"_L1) {
            r.status = 404;
            body = sample(u"error-session-not-active.json"_s);
        } else if (r.route != "send-message"_L1 && !r.json.value(u"base64"_s).toString().startsWith("data:"_L1)) {
            r.status = 500;
            body = compact(
                {{u"status"_s, u"Error"_s},
                 {u"message"_s, u"Erro ao enviar a mensagem."_s},
                 {u"error"_s,
                  QJsonObject{{u"code"_s, u"empty_file"_s}, {u"message"_s, u"Empty or invalid file or base64"_s}}}});
        } else {
            r.status = 201;
            r.answeredId = u"true_%1@c.us_3EB0%2"_s.arg(phone, QString::number(++m_seq).rightJustified(16, u'0'));
            QJsonObject message{{u"id"_s, r.answeredId}, {u"ack"_s, 1}};
            if (r.route == "send-message"_L1) {
                message.insert(u"body"_s, r.json.value(u"message"_s));
                message.insert(u"type"_s, u"chat"_s);
                message.insert(u"fromMe"_s, true);
                message.insert(u"to"_s, QString(phone + u"@c.us"_s));
            }
            body = compact({{u"status"_s, u"success"_s},
                            {u"response"_s, QJsonArray{message}},
                            {u"mapper"_s, u"return"_s},
                            {u"session"_s, r.session}});
        }
    } else {
        r.status = 404;
        body = "Cannot " + r.method + ' ' + r.path;
        contentType = "text/html; charset=utf-8";
    }
    const int status = r.status;
    m_requests.append(r);
    reply(socket, status, reason(status), contentType, body);
}
