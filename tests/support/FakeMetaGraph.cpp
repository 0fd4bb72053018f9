#include "FakeMetaGraph.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {

QByteArray graphError(int code, const char *message)
{
    return QJsonDocument(QJsonObject{{u"error"_s,
                                      QJsonObject{{u"message"_s, QString::fromUtf8(message)},
                                                  {u"type"_s, u"OAuthException"_s},
                                                  {u"code"_s, code},
                                                  {u"fbtrace_id"_s, u"AFakeTrace"_s}}}})
        .toJson(QJsonDocument::Compact);
}

}   // namespace

FakeMetaGraph::FakeMetaGraph(QObject *parent) : FakeHttpServer(parent) {}

QString FakeMetaGraph::baseUrl() const
{
    return u"http://127.0.0.1:%1/v21.0"_s.arg(port());
}

void FakeMetaGraph::failNextMessages(int status, const QByteArray &body, int times)
{
    for (int i = 0; i < times; ++i)
        m_scripted.enqueue({status, body});
}

void FakeMetaGraph::addMedia(const QString &mediaId, const QByteArray &bytes, const QByteArray &mimeType)
{
    m_media.insert(mediaId, {bytes, mimeType});
}

void FakeMetaGraph::addPhoneNumber(const QString &phoneNumberId, const QString &status, const QString &token)
{
    m_phoneNumbers.insert(phoneNumberId, {status, token});
}

QList<FakeMetaGraph::Request> FakeMetaGraph::phoneNumberLookups(const QString &phoneNumberId) const
{
    QList<Request> out;
    const QByteArray prefix = "/v21.0/" + phoneNumberId.toUtf8() + "?";
    for (const Request &r : m_requests) {
        if (r.method == "GET" && r.path.startsWith(prefix))
            out.append(r);
    }
    return out;
}

void FakeMetaGraph::failNextMediaLookups(int status, const QByteArray &body, int times)
{
    for (int i = 0; i < times; ++i)
        m_scriptedLookups.enqueue({status, body});
}

void FakeMetaGraph::failNextDownloads(int status, const QByteArray &body, int times)
{
    for (int i = 0; i < times; ++i)
        m_scriptedDownloads.enqueue({status, body});
}

QList<FakeMetaGraph::Request> FakeMetaGraph::mediaLookups() const
{
    QList<Request> out;
    for (const Request &r : m_requests) {
        if (r.method == "GET" && r.path.startsWith("/v21.0/"))
            out.append(r);
    }
    return out;
}

QList<FakeMetaGraph::Request> FakeMetaGraph::downloads() const
{
    QList<Request> out;
    for (const Request &r : m_requests) {
        if (r.method == "GET" && r.path.startsWith("/attachments/"))
            out.append(r);
    }
    return out;
}

QList<FakeMetaGraph::Request> FakeMetaGraph::requests() const
{
    return m_requests;
}

QList<FakeMetaGraph::Request> FakeMetaGraph::messageRequests() const
{
    QList<Request> out;
    for (const Request &r : m_requests) {
        if (r.method == "POST" && r.path.endsWith("/messages"))
            out.append(r);
    }
    return out;
}

void FakeMetaGraph::clear()
{
    m_requests.clear();
    m_scripted.clear();
    m_scriptedLookups.clear();
    m_scriptedDownloads.clear();
}

QByteArray FakeMetaGraph::sample(const QString &name)
{
    QFile f(QStringLiteral(CONVERSA_TEST_DATA_DIR) + u"/meta/"_s + name);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("missing test data %s", qPrintable(f.fileName()));
    return f.readAll();
}

void FakeMetaGraph::setMessageTemplates(const QString &businessAccountId, const QJsonArray &templates,
                                        const QString &token)
{
    m_templates.insert(businessAccountId, {templates, token});
}

QList<FakeMetaGraph::Request> FakeMetaGraph::templateLookups(const QString &businessAccountId) const
{
    QList<Request> out;
    const QByteArray prefix = "/v21.0/" + businessAccountId.toUtf8() + "/message_templates";
    for (const Request &r : m_requests) {
        if (r.method == "GET" && r.path.startsWith(prefix))
            out.append(r);
    }
    return out;
}

void FakeMetaGraph::handle(QTcpSocket *socket, HttpRequest request)
{
    Request r;
    static_cast<HttpRequest &>(r) = std::move(request);
    static const QRegularExpression messages(u"^/v21\\.0/([^/]+)/messages$"_s);
    static const QRegularExpression media(u"^/v21\\.0/([^/]+)/media$"_s);
    static const QRegularExpression lookup(u"^/v21\\.0/([^/?]+)(\\?.*)?$"_s);
    static const QRegularExpression attachment(u"^/(lookaside|attachments)/([^/?]+)(\\?.*)?$"_s);
    const QString path = QString::fromUtf8(r.path);
    QByteArray body;
    QByteArray contentType = "application/json";
    QByteArray extraHeaders;
    const bool bearer = r.authorization.startsWith("Bearer ") && r.authorization.size() > 7;
    static const QRegularExpression templates(u"^/v21\\.0/([^/]+)/message_templates(\\?.*)?$"_s);
    const QRegularExpressionMatch phone = lookup.match(path);
    const QRegularExpressionMatch templateList = templates.match(path);
    if (r.method == "GET" && templateList.hasMatch()) {
        const QUrlQuery query(templateList.captured(2).mid(1));
        const auto account = m_templates.constFind(templateList.captured(1));
        if (account == m_templates.cend()) {
            r.status = 400;
            body = graphError(100,
                              "Unsupported get request. Object with ID does not exist, cannot be loaded due to "
                              "missing permissions, or does not support this operation.");
        } else if (r.authorization != "Bearer " + account->second.toUtf8()) {
            r.status = 401;
            body = graphError(190, "Error validating access token: Session has expired.");
        } else {
            // Cursors are opaque to clients; here, the base64 of the next index.
            const int asked = query.queryItemValue(u"limit"_s).toInt();
            const int limit = asked > 0 ? qMin(asked, 1000) : 25;   // Meta's default page size
            const int from = QByteArray::fromBase64(query.queryItemValue(u"after"_s).toLatin1()).toInt();
            const QJsonArray all = account->first;
            QJsonArray page;
            for (int i = from; i < all.size() && i < from + limit; ++i)
                page.append(all.at(i));
            QJsonObject answer{{u"data"_s, page}};
            if (!page.isEmpty()) {
                const QString after = QString::fromLatin1(QByteArray::number(from + page.size()).toBase64());
                QJsonObject paging{{u"cursors"_s,
                                    QJsonObject{{u"before"_s, QString::fromLatin1(QByteArray::number(from).toBase64())},
                                                {u"after"_s, after}}}};
                if (from + page.size() < all.size())
                    paging.insert(u"next"_s,
                                  u"https://graph.facebook.com/v21.0/%1/message_templates?limit=%2&after=%3"_s
                                      .arg(templateList.captured(1))
                                      .arg(limit)
                                      .arg(after));
                answer.insert(u"paging"_s, paging);
            }
            r.status = 200;
            body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        }
    } else if (r.method == "GET" && phone.hasMatch() && m_phoneNumbers.contains(phone.captured(1))) {
        // Meta answers the fields asked for, plus id; a token that is not the number's is 190.
        const auto &[status, token] = m_phoneNumbers.value(phone.captured(1));
        if (r.authorization != "Bearer " + token.toUtf8()) {
            r.status = 401;
            body = graphError(190, "Error validating access token: Session has expired.");
        } else {
            const QJsonObject all{{u"verified_name"_s, u"Conversa Demo"_s},
                                  {u"display_phone_number"_s, u"+1 555-078-3881"_s},
                                  {u"quality_rating"_s, u"GREEN"_s},
                                  {u"status"_s, status}};
            QJsonObject answer{{u"id"_s, phone.captured(1)}};
            const QString query = phone.captured(2);
            const qsizetype at = query.indexOf(u"fields="_s);
            const QStringList fields = at < 0 ? QStringList() : query.mid(at + 7).section(u'&', 0, 0).split(u',');
            for (const QString &f : fields) {
                if (all.contains(f))
                    answer.insert(f, all.value(f));
            }
            r.status = 200;
            body = QJsonDocument(answer).toJson(QJsonDocument::Compact);
        }
    } else if (r.method == "GET" && (lookup.match(path).hasMatch() || attachment.match(path).hasMatch())) {
        const QRegularExpressionMatch l = lookup.match(path);
        const QRegularExpressionMatch a = attachment.match(path);
        const QString id = l.hasMatch() ? l.captured(1) : a.captured(2);
        auto &scripted = l.hasMatch() ? m_scriptedLookups : m_scriptedDownloads;
        if (!bearer) {
            r.status = 401;
            body = graphError(190, "Invalid OAuth access token - Cannot parse access token");
        } else if (a.hasMatch() && a.captured(1) == "lookaside"_L1) {
            // Meta's lookaside host may redirect: the client has to follow it.
            r.status = 302;
            extraHeaders = "Location: http://" + m_redirectHost + ':' + QByteArray::number(port()) + "/attachments/" + id.toUtf8() +
                a.captured(3).toUtf8() + "\r\n";
        } else if (!scripted.isEmpty()) {
            const auto s = scripted.dequeue();
            r.status = s.first;
            body = s.second;
        } else if (!m_media.contains(id)) {
            r.status = 404;
            if (l.hasMatch()) {
                body = graphError(100,
                                  "Unsupported get request. Object with ID does not exist, cannot be loaded due to "
                                  "missing permissions, or does not support this operation.");
            } else {
                contentType = "text/html";
                body = "Not found";
            }
        } else if (l.hasMatch()) {
            const auto &media = m_media.value(id);
            r.status = 200;
            const QString url = u"http://127.0.0.1:%1/lookaside/%2?ext=1&hash=ATx"_s.arg(port()).arg(id);
            body = QJsonDocument(
                       QJsonObject{{u"messaging_product"_s, u"whatsapp"_s},
                                   {u"url"_s, url},
                                   {u"mime_type"_s, QString::fromLatin1(media.second)},
                                   {u"sha256"_s,
                                    QString::fromLatin1(
                                        QCryptographicHash::hash(media.first, QCryptographicHash::Sha256).toHex())},
                                   {u"file_size"_s, QString::number(media.first.size())},
                                   {u"id"_s, id}})
                       .toJson(QJsonDocument::Compact);
        } else {
            const auto &media = m_media.value(id);
            r.status = 200;
            body = media.first;
            contentType = media.second;
        }
    } else if (r.method != "POST") {
        r.status = 400;
        body = graphError(100, "Unsupported get request.");
    } else if (!r.authorization.startsWith("Bearer ") || r.authorization.size() <= 7) {
        r.status = 401;
        body = graphError(190, "Invalid OAuth access token - Cannot parse access token");
    } else if (messages.match(path).hasMatch()) {
        if (!m_scripted.isEmpty()) {
            const auto scripted = m_scripted.dequeue();
            r.status = scripted.first;
            body = scripted.second;
        } else {
            r.status = 200;
            r.answeredId = u"wamid.FAKE%1%2"_s.arg(++m_seq).arg(QUuid::createUuid().toString(QUuid::Id128).left(16));
            const QString to = r.json.value(u"to"_s).toString();
            QString waId = to;
            waId.remove(u'+');
            body = QJsonDocument(
                       QJsonObject{{u"messaging_product"_s, u"whatsapp"_s},
                                   {u"contacts"_s, QJsonArray{QJsonObject{{u"input"_s, to}, {u"wa_id"_s, waId}}}},
                                   {u"messages"_s, QJsonArray{QJsonObject{{u"id"_s, r.answeredId}}}}})
                       .toJson(QJsonDocument::Compact);
        }
    } else if (media.match(path).hasMatch()) {
        if (!r.contentType.startsWith("multipart/form-data") || !r.body.contains("name=\"file\"")) {
            r.status = 400;
            body = graphError(100, "(#100) The parameter file is required.");
        } else {
            r.status = 200;
            r.answeredId = QString::number(4490709327384000LL + ++m_seq);
            body = QJsonDocument(QJsonObject{{u"id"_s, r.answeredId}}).toJson(QJsonDocument::Compact);
        }
    } else {
        r.status = 400;
        body = graphError(100, "Unknown path components");
    }
    const int status = r.status;
    m_requests.append(r);
    emit received(int(m_requests.size() - 1));

    const QByteArray reason = status == 200 ? "OK" : status == 302 ? "Found" : "Error";
    reply(socket, status, reason, contentType, body, extraHeaders, m_delayMs);
}
