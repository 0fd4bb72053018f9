// Messages (the OpenAPI document, docs/PROVIDERS.md): sending (text, media, template) into a visible open chat, one
// message, read receipts and retries — over real HTTP, against SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/SearchText.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

QSet<QString> fieldsOf(const ApiResponse &r)
{
    const QStringList fields = r.errorFields();
    return QSet<QString>(fields.begin(), fields.end());
}

}   // namespace

class tst_Messages : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void sendText();
    void sendMediaAndTemplate();
    void sendReply();
    void sendIdempotent();
    void sendValidation_data();
    void sendValidation();
    void sendRefusals();
    void getMessage();
    void markRead();
    void retry();
    void unauthenticated_data();
    void unauthenticated();

private:
    ApiResponse call(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QByteArray &token = {})
    {
        return m_server.request(method, path, body, token.isNull() ? m_agent : token);
    }
    qint64 chat(const QString &status, qint64 agentId)
    {
        const qint64 now = nowSeconds();
        const QString phone = u"+57311%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        const qint64 client =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                              "updated_at) VALUES (?, 'Carlos', ?, ?, ?) RETURNING id",
                              {phone, SearchText::of({u"Carlos"_s, phone}), now, now});
        return insertReturningId(m_server.db(),
                                 "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
                                 "status, created_at, assigned_at, last_activity_at, last_inbound_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                                 {client, m_campaign, m_number, nullIfZero(agentId), status, now - 60,
                                  nullIfZero(agentId ? now - 30 : 0), now - 60,
                                  now - 60});   // inside Meta's 24-hour window
    }
    qint64 message(qint64 chatId, const QString &direction, const QString &status)
    {
        return insertReturningId(
            m_server.db(),
            "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
            "status, error_code, error_message, created_at) VALUES (?, ?, ?, 'text', 'hola', ?, ?, ?, ?) "
            "RETURNING id",
            {chatId, m_number, direction, status, nullIfEmpty(status == "failed"_L1 ? u"131047"_s : QString()),
             nullIfEmpty(status == "failed"_L1 ? u"Re-engagement message"_s : QString()), nowSeconds()});
    }
    qint64 file(qint64 uploadedBy)
    {
        return insertReturningId(m_server.db(),
                                 "INSERT INTO files (filename, original_filename, mime_type, size_bytes, sha256, "
                                 "storage_path, uploaded_by, created_at) VALUES ('f.png', 'f.png', 'image/png', 10, "
                                 "'00', ?, ?, ?) RETURNING id",
                                 {u"files/test/%1.png"_s.arg(++m_seq), uploadedBy, nowSeconds()});
    }
    QJsonObject chatJson(qint64 id) { return call("GET", u"/v1/chats/%1"_s.arg(id), {}, m_admin).object(); }
    QList<QJsonObject> auditFor(const QString &action, qint64 entityId)
    {
        QList<QJsonObject> out;
        for (const QJsonObject &row : m_server.auditRows(action)) {
            if (row.value(u"entity_id"_s).toInteger() == entityId)
                out.append(row);
        }
        return out;
    }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_agent;
    QByteArray m_agent2;
    qint64 m_agentId = 0;
    qint64 m_agent2Id = 0;
    qint64 m_campaign = 0;
    qint64 m_number = 0;
    int m_seq = 0;
};

void tst_Messages::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    m_agent2 = m_server.tokenFor(u"agent"_s, &m_agent2Id);
    QVERIFY(!m_admin.isEmpty() && !m_agent.isEmpty() && !m_agent2.isEmpty());
    const qint64 now = nowSeconds();
    m_number = insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES ('+573001111111', 'meta', ?, ?) RETURNING id",
                                 {now, now});
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                   "VALUES ('Ventas', 'VENTAS', ?, ?) RETURNING id",
                                   {now, now});
    QVERIFY(m_number && m_campaign);
}

void tst_Messages::sendText()
{
    const qint64 chatId = chat(u"assigned"_s, m_agentId);
    const ApiResponse r = call("POST", u"/v1/messages"_s,
                               {{u"chat_id"_s, chatId},
                                {u"message_type"_s, u"text"_s},
                                {u"content"_s, u"Hola, ¿en qué puedo ayudarte?"_s}});
    QCOMPARE(r.status, 201);
    const QJsonObject m = r.object();
    const qint64 id = m.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(m.value(u"chat_id"_s).toInteger(), chatId);
    QCOMPARE(m.value(u"direction"_s).toString(), u"outbound"_s);
    QCOMPARE(m.value(u"message_type"_s).toString(), u"text"_s);
    QCOMPARE(m.value(u"content"_s).toString(), u"Hola, ¿en qué puedo ayudarte?"_s);
    QCOMPARE(m.value(u"status"_s).toString(), u"pending"_s);
    QVERIFY(m.value(u"created_at"_s).toString().endsWith(u'Z'));
    QCOMPARE(m.value(u"user"_s).toObject().value(u"id"_s).toInteger(), m_agentId);

    // The chat moved: first response, active, counters and last message.
    QJsonObject c = chatJson(chatId);
    QCOMPARE(c.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(c.value(u"message_count"_s).toInteger(), 1);
    const QString firstResponse = c.value(u"first_response_at"_s).toString();
    QVERIFY(!firstResponse.isEmpty());
    QCOMPARE(c.value(u"last_message_at"_s).toString(), m.value(u"created_at"_s).toString());
    QVERIFY(c.value(u"metrics"_s).toObject().value(u"first_response_time_seconds"_s).toInteger() >= 30);
    QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND last_message_id = %2"_s.arg(chatId).arg(id)), 1);

    const QList<QJsonObject> audit = auditFor(u"message.create"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), true);
    QCOMPARE(audit.first().value(u"entity_type"_s).toString(), u"Message"_s);
    const QJsonObject changes = audit.first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"chat_id"_s).toObject().value(u"to"_s).toInteger(), chatId);
    QCOMPARE(changes.value(u"chat_status"_s).toObject().value(u"from"_s).toString(), u"assigned"_s);
    QCOMPARE(changes.value(u"chat_status"_s).toObject().value(u"to"_s).toString(), u"active"_s);

    // A second message keeps the first response time.
    QCOMPARE(call("POST", u"/v1/messages"_s,
                  {{u"chat_id"_s, chatId}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"¿Algo más?"_s}})
                 .status,
             201);
    c = chatJson(chatId);
    QCOMPARE(c.value(u"message_count"_s).toInteger(), 2);
    QCOMPARE(c.value(u"first_response_at"_s).toString(), firstResponse);
}

void tst_Messages::sendReply()
{
    // A reply quotes a message of the same chat; the quote is shown with it and audited.
    const qint64 chatId = chat(u"active"_s, m_agentId);
    const qint64 quoted = message(chatId, u"inbound"_s, u"delivered"_s);
    const qint64 elsewhere = message(chat(u"active"_s, m_agentId), u"inbound"_s, u"delivered"_s);
    const qint64 before = m_server.count(u"messages"_s);
    for (const QJsonValue &bad :
         {QJsonValue(elsewhere), QJsonValue(qint64(999999999)), QJsonValue(u"1"_s), QJsonValue(0)}) {
        const ApiResponse r = call("POST", u"/v1/messages"_s,
                                   {{u"chat_id"_s, chatId},
                                    {u"message_type"_s, u"text"_s},
                                    {u"content"_s, u"Sí"_s},
                                    {u"reply_to_message_id"_s, bad}});
        QCOMPARE(r.status, 422);
        QCOMPARE(fieldsOf(r), QSet<QString>{u"reply_to_message_id"_s});
    }
    QCOMPARE(m_server.count(u"messages"_s), before);

    const ApiResponse r = call("POST", u"/v1/messages"_s,
                               {{u"chat_id"_s, chatId},
                                {u"message_type"_s, u"text"_s},
                                {u"content"_s, u"Sí, ese"_s},
                                {u"reply_to_message_id"_s, quoted}});
    QCOMPARE(r.status, 201);
    const QJsonObject expected{{u"id"_s, quoted},
                               {u"direction"_s, u"inbound"_s},
                               {u"message_type"_s, u"text"_s},
                               {u"content"_s, u"hola"_s}};
    QCOMPARE(r.value(u"reply_to"_s).toObject(), expected);
    const qint64 id = r.value(u"id"_s).toInteger();
    QCOMPARE(call("GET", u"/v1/messages/%1"_s.arg(id)).value(u"reply_to"_s).toObject(), expected);
    QVERIFY(call("GET", u"/v1/messages/%1"_s.arg(quoted)).value(u"reply_to"_s).isNull());
    // The conversation shows it too.
    const QJsonArray page = call("GET", u"/v1/chats/%1/messages"_s.arg(chatId)).value(u"data"_s).toArray();
    QCOMPARE(page.last().toObject().value(u"reply_to"_s).toObject(), expected);
    const QList<QJsonObject> audit = auditFor(u"message.create"_s, id);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first()
                 .value(u"changes"_s)
                 .toObject()
                 .value(u"reply_to_message_id"_s)
                 .toObject()
                 .value(u"to"_s)
                 .toInteger(),
             quoted);
}

void tst_Messages::sendIdempotent()
{
    // The desktop's outbox repeats a send until it gets an answer: one message, however often.
    const qint64 chatId = chat(u"active"_s, m_agentId);
    const QJsonObject body{{u"chat_id"_s, chatId},
                           {u"message_type"_s, u"text"_s},
                           {u"content"_s, u"Enviado sin red"_s}};
    const auto send = [&](const QByteArray &key, const QJsonObject &b, const QByteArray &token) {
        return m_server.request("POST", u"/v1/messages"_s, b, token, {{"Idempotency-Key", key}});
    };
    const qint64 before = m_server.count(u"messages"_s);
    const ApiResponse first = send("outbox-7f3a", body, m_agent);
    QCOMPARE(first.status, 201);
    QVERIFY(first.header("Idempotent-Replayed").isEmpty());
    const qint64 id = first.value(u"id"_s).toInteger();
    QCOMPARE(m_server.count(u"messages"_s, u"idempotency_key = 'outbox-7f3a'"_s), 1);

    // The repeat answers the same message and stores and queues nothing.
    const ApiResponse again = send("outbox-7f3a", body, m_agent);
    QCOMPARE(again.status, 201);
    QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
    QCOMPARE(again.object(), first.object());
    QCOMPARE(m_server.count(u"messages"_s), before + 1);
    QCOMPARE(chatJson(chatId).value(u"message_count"_s).toInteger(), 1);
    const QList<QJsonObject> audit = auditFor(u"message.create"_s, id);
    QCOMPARE(audit.size(), 2);   // newest first: the replay, then the send
    QCOMPARE(audit.first().value(u"changes"_s).toObject().value(u"idempotent_replay"_s).toBool(), true);
    QCOMPARE(audit.last().value(u"changes"_s).toObject().value(u"idempotent_replay"_s).toBool(), false);

    // Keys are the sender's: another agent's same key is another message.
    const qint64 chat2 = chat(u"active"_s, m_agent2Id);
    const ApiResponse other =
        send("outbox-7f3a", {{u"chat_id"_s, chat2}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"Otro"_s}},
             m_agent2);
    QCOMPARE(other.status, 201);
    QVERIFY(other.value(u"id"_s).toInteger() != id);
    // The same key for another chat is a conflict, not a replay.
    const ApiResponse elsewhere =
        send("outbox-7f3a",
             {{u"chat_id"_s, chat(u"active"_s, m_agentId)}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"x"_s}},
             m_agent);
    QCOMPARE(elsewhere.status, 409);
    QCOMPARE(elsewhere.errorCode(), QByteArray("CONFLICT"));
    // Keys too long or not visible ASCII are refused, and nothing is stored.
    const qint64 stored = m_server.count(u"messages"_s);
    for (const QByteArray &bad : {QByteArray(129, 'k'), QByteArray("con espacio"), QByteArray("clé")}) {
        const ApiResponse r = send(bad, body, m_agent);
        QCOMPARE(r.status, 422);
        QCOMPARE(fieldsOf(r), QSet<QString>{u"Idempotency-Key"_s});
    }
    QCOMPARE(m_server.count(u"messages"_s), stored);
}

void tst_Messages::sendMediaAndTemplate()
{
    const qint64 chatId = chat(u"active"_s, m_agentId);
    const qint64 fileId = file(m_agentId);
    ApiResponse r = call("POST", u"/v1/messages"_s,
                         {{u"chat_id"_s, chatId},
                          {u"message_type"_s, u"image"_s},
                          {u"media_file_id"_s, fileId},
                          {u"content"_s, u"Aquí está el catálogo de productos"_s}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"media_file_id"_s).toInteger(), fileId);
    QCOMPARE(r.value(u"message_type"_s).toString(), u"image"_s);

    r = call("POST", u"/v1/messages"_s,
             {{u"chat_id"_s, chatId},
              {u"message_type"_s, u"template"_s},
              {u"template_name"_s, u"welcome_template"_s},
              {u"template_language"_s, u"es"_s},
              {u"template_variables"_s, QJsonObject{{u"1"_s, u"Carlos"_s}, {u"2"_s, u"Plan Premium"_s}}}});
    QCOMPARE(r.status, 201);
    QCOMPARE(r.value(u"template_name"_s).toString(), u"welcome_template"_s);
    QCOMPARE(r.value(u"template_variables"_s).toObject().value(u"2"_s).toString(), u"Plan Premium"_s);
    QVERIFY(r.value(u"content"_s).isNull());
    const ApiResponse again = call("GET", u"/v1/messages/%1"_s.arg(r.value(u"id"_s).toInteger()));
    QCOMPARE(again.value(u"template_variables"_s).toObject().value(u"1"_s).toString(), u"Carlos"_s);
    QCOMPARE(again.value(u"template_language"_s).toString(), u"es"_s);
}

void tst_Messages::sendValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QStringList>("fields");
    const QJsonObject text{{u"message_type"_s, u"text"_s}, {u"content"_s, u"hola"_s}};
    QJsonObject noChat = text;
    QTest::addRow("no-chat") << noChat << QStringList{u"chat_id"_s};
    QTest::addRow("no-type") << QJsonObject{{u"chat_id"_s, -1}} << QStringList{u"message_type"_s};
    QTest::addRow("bad-type") << QJsonObject{{u"chat_id"_s, -1}, {u"message_type"_s, u"fax"_s}}
                              << QStringList{u"message_type"_s};
    QTest::addRow("text-no-content") << QJsonObject{{u"chat_id"_s, -1}, {u"message_type"_s, u"text"_s}}
                                     << QStringList{u"content"_s};
    QTest::addRow("text-too-long") << QJsonObject{{u"chat_id"_s, -1},
                                                  {u"message_type"_s, u"text"_s},
                                                  {u"content"_s, QString(4097, u'a')}}
                                   << QStringList{u"content"_s};
    QTest::addRow("image-no-file") << QJsonObject{{u"chat_id"_s, -1}, {u"message_type"_s, u"image"_s}}
                                   << QStringList{u"media_file_id"_s};
    QTest::addRow("image-unknown-file") << QJsonObject{{u"chat_id"_s, -1},
                                                       {u"message_type"_s, u"document"_s},
                                                       {u"media_file_id"_s, 999999}}
                                        << QStringList{u"media_file_id"_s};
    QTest::addRow("image-others-file") << QJsonObject{{u"chat_id"_s, -1},
                                                      {u"message_type"_s, u"video"_s},
                                                      {u"media_file_id"_s, -2}}
                                       << QStringList{u"media_file_id"_s};
    QTest::addRow("template-empty") << QJsonObject{{u"chat_id"_s, -1}, {u"message_type"_s, u"template"_s}}
                                    << QStringList{u"template_name"_s, u"template_language"_s, u"template_variables"_s};
    QTest::addRow("template-vars-array") << QJsonObject{{u"chat_id"_s, -1},
                                                        {u"message_type"_s, u"template"_s},
                                                        {u"template_name"_s, u"t"_s},
                                                        {u"template_language"_s, u"es"_s},
                                                        {u"template_variables"_s, QJsonArray{u"a"_s}}}
                                         << QStringList{u"template_variables"_s};
    QTest::addRow("chat-id-string") << QJsonObject{{u"chat_id"_s, u"12"_s},
                                                   {u"message_type"_s, u"text"_s},
                                                   {u"content"_s, u"x"_s}}
                                    << QStringList{u"chat_id"_s};
}

void tst_Messages::sendValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QStringList, fields);
    const qint64 chatId = chat(u"active"_s, m_agentId);
    if (body.value(u"chat_id"_s).toInteger() == -1)
        body.insert(u"chat_id"_s, chatId);
    if (body.value(u"media_file_id"_s).toInteger() == -2)
        body.insert(u"media_file_id"_s, file(m_agent2Id));   // uploaded by someone else
    const ApiResponse r = call("POST", u"/v1/messages"_s, body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), "VALIDATION_ERROR");
    QCOMPARE(fieldsOf(r), QSet<QString>(fields.begin(), fields.end()));
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1"_s.arg(chatId)), 0);
}

void tst_Messages::sendRefusals()
{
    const QJsonObject text{{u"message_type"_s, u"text"_s}, {u"content"_s, u"hola"_s}};
    // Closed chat: 409.
    const qint64 closed = chat(u"closed"_s, m_agentId);
    QJsonObject body = text;
    body.insert(u"chat_id"_s, closed);
    const qint64 mark = m_server.auditMark();
    ApiResponse r = call("POST", u"/v1/messages"_s, body);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "CONFLICT");
    // Another agent's chat, or none: 404.
    body.insert(u"chat_id"_s, chat(u"active"_s, m_agent2Id));
    QCOMPARE(call("POST", u"/v1/messages"_s, body).status, 404);
    body.insert(u"chat_id"_s, 999999);
    QCOMPARE(call("POST", u"/v1/messages"_s, body).status, 404);
    QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1"_s.arg(closed)), 0);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"message.create"_s, mark);
    QCOMPARE(audit.size(), 3);   // the 409 and the two 404s
    for (const QJsonObject &row : audit)
        QCOMPARE(row.value(u"success"_s).toBool(), false);
    QCOMPARE(audit.last().value(u"status_code"_s).toInt(), 409);
}

void tst_Messages::getMessage()
{
    const qint64 chatId = chat(u"active"_s, m_agentId);
    const qint64 id = message(chatId, u"inbound"_s, u"delivered"_s);
    const ApiResponse r = call("GET", u"/v1/messages/%1"_s.arg(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"id"_s).toInteger(), id);
    QCOMPARE(r.value(u"chat_id"_s).toInteger(), chatId);
    QCOMPARE(r.value(u"direction"_s).toString(), u"inbound"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"delivered"_s);
    QVERIFY(r.value(u"user"_s).isNull());
    QVERIFY(r.value(u"read_at"_s).isNull());
    QCOMPARE(call("GET", u"/v1/messages/%1"_s.arg(id), {}, m_agent2).status, 404);
    QCOMPARE(call("GET", u"/v1/messages/%1"_s.arg(id), {}, m_admin).status, 200);
    QCOMPARE(call("GET", u"/v1/messages/999999"_s).status, 404);
}

void tst_Messages::markRead()
{
    const qint64 chatId = chat(u"active"_s, m_agentId);
    const qint64 id = message(chatId, u"inbound"_s, u"delivered"_s);
    SqlQuery q(m_server.db(), "UPDATE chats SET unread_count = 1 WHERE id = ?", {chatId});
    QVERIFY(q.exec());

    QCOMPARE(call("POST", u"/v1/messages/%1/read"_s.arg(id), {}, m_agent2).status, 404);
    ApiResponse r = call("POST", u"/v1/messages/%1/read"_s.arg(id));
    QCOMPARE(r.status, 200);
    const QString readAt = r.value(u"read_at"_s).toString();
    QVERIFY(readAt.endsWith(u'Z'));
    QCOMPARE(chatJson(chatId).value(u"unread_count"_s).toInteger(), 0);
    QList<QJsonObject> audit = auditFor(u"message.read"_s, id);
    QCOMPARE(audit.size(), 2);   // the refused 404, then this one
    QCOMPARE(audit.first().value(u"success"_s).toBool(), true);
    QCOMPARE(audit.at(1).value(u"success"_s).toBool(), false);
    QCOMPARE(audit.first().value(u"changes"_s).toObject().value(u"read_at"_s).toObject().value(u"to"_s).toString(),
             readAt);

    // Again: nothing changes, the counter stays.
    SqlQuery bump(m_server.db(), "UPDATE chats SET unread_count = 3 WHERE id = ?", {chatId});
    QVERIFY(bump.exec());
    r = call("POST", u"/v1/messages/%1/read"_s.arg(id));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"read_at"_s).toString(), readAt);
    QCOMPARE(chatJson(chatId).value(u"unread_count"_s).toInteger(), 3);

    const qint64 outbound = message(chatId, u"outbound"_s, u"sent"_s);
    r = call("POST", u"/v1/messages/%1/read"_s.arg(outbound));
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "CONFLICT");
}

void tst_Messages::retry()
{
    const qint64 chatId = chat(u"active"_s, m_agentId);
    const qint64 failed = message(chatId, u"outbound"_s, u"failed"_s);
    QCOMPARE(call("POST", u"/v1/messages/%1/retry"_s.arg(failed), {}, m_agent2).status, 404);
    ApiResponse r = call("POST", u"/v1/messages/%1/retry"_s.arg(failed));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"pending"_s);
    QVERIFY(r.value(u"error_code"_s).isNull());
    QCOMPARE(m_server.count(u"messages"_s, u"id = %1 AND status = 'pending' AND error_code IS NULL"_s.arg(failed)), 1);
    const QJsonObject change =
        auditFor(u"message.retry"_s, failed).first().value(u"changes"_s).toObject().value(u"status"_s).toObject();
    QCOMPARE(change.value(u"from"_s).toString(), u"failed"_s);
    QCOMPARE(change.value(u"to"_s).toString(), u"pending"_s);

    // Now pending: retrying again is a conflict, as is any other non-failed status.
    r = call("POST", u"/v1/messages/%1/retry"_s.arg(failed));
    QCOMPARE(r.status, 409);
    const qint64 delivered = message(chatId, u"outbound"_s, u"delivered"_s);
    QCOMPARE(call("POST", u"/v1/messages/%1/retry"_s.arg(delivered)).status, 409);
    QCOMPARE(m_server.count(u"messages"_s, u"id = %1 AND status = 'delivered'"_s.arg(delivered)), 1);
}

void tst_Messages::unauthenticated_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("action");
    QTest::addRow("create") << QByteArray("POST") << u"/v1/messages"_s << u"message.create"_s;
    QTest::addRow("get") << QByteArray("GET") << u"/v1/messages/1"_s << u"message.get"_s;
    QTest::addRow("read") << QByteArray("POST") << u"/v1/messages/1/read"_s << u"message.read"_s;
    QTest::addRow("retry") << QByteArray("POST") << u"/v1/messages/1/retry"_s << u"message.retry"_s;
}

void tst_Messages::unauthenticated()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, action);
    const qsizetype before = m_server.auditRows(action).size();
    const ApiResponse r = m_server.request(method, path, {}, QByteArray());
    QCOMPARE(r.status, 401);
    QCOMPARE(m_server.auditRows(action).size(), before + 1);
}

QTEST_MAIN(tst_Messages)
#include "tst_messages.moc"
