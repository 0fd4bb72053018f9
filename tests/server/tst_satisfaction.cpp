// The satisfaction survey after close (issue 13, docs/ROUTING.md#satisfaction-survey): closing a
// chat whose campaign has csat_enabled queues the survey (a list on Meta, text on WPPConnect),
// only inside the customer service window; an answer 1-5 through a signed Meta webhook within
// csat_timeout_minutes becomes the closed chat's csat_score, is acknowledged and opens no chat;
// anything else, a late answer or a second one opens a chat as before. Over real HTTP, against
// SQLite and PostgreSQL.
#include "TestServer.h"

#include "crypto/WebhookSignature.h"
#include "domain/SatisfactionSurvey.h"
#include "providers/WhatsAppProvider.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kCsatMetaId = u"300000000000001"_s;
const QByteArray kCsatSecret = "csat-secret-0123456789";
const QString kDefaultQuestion = u"¿Qué tan satisfecho estás con la atención que recibiste?"_s;
const QString kThanks = u"¡Gracias por tu calificación!"_s;

QByteArray metaEnvelope(const QString &from, const QJsonObject &message)
{
    QJsonObject msg = message;
    msg.insert(u"from"_s, from);
    const QJsonObject value{{u"messaging_product"_s, u"whatsapp"_s},
                            {u"metadata"_s,
                             QJsonObject{{u"display_phone_number"_s, u"15550001111"_s},
                                         {u"phone_number_id"_s, kCsatMetaId}}},
                            {u"contacts"_s,
                             QJsonArray{QJsonObject{{u"profile"_s, QJsonObject{{u"name"_s, u"Cliente Encuesta"_s}}},
                                                    {u"wa_id"_s, from}}}},
                            {u"messages"_s, QJsonArray{msg}}};
    const QJsonObject root{{u"object"_s, u"whatsapp_business_account"_s},
                           {u"entry"_s,
                            QJsonArray{QJsonObject{{u"id"_s, u"1"_s},
                                                   {u"changes"_s,
                                                    QJsonArray{QJsonObject{{u"value"_s, value},
                                                                           {u"field"_s, u"messages"_s}}}}}}}};
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

QJsonObject text(const QString &body)
{
    return {{u"type"_s, u"text"_s}, {u"text"_s, QJsonObject{{u"body"_s, body}}}};
}

QJsonObject listReply(const QString &id, const QString &title)
{
    return {{u"type"_s, u"interactive"_s},
            {u"interactive"_s,
             QJsonObject{{u"type"_s, u"list_reply"_s},
                         {u"list_reply"_s, QJsonObject{{u"id"_s, id}, {u"title"_s, title}}}}}};
}

InboundDelivery delivery(const QString &type, const QString &content, const QString &replyId = {})
{
    InboundDelivery d;
    d.type = type;
    d.content = content;
    d.replyId = replyId;
    return d;
}

}   // namespace

class tst_Satisfaction : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void score_data();
    void score();
    void texts();
    void metaSurveyIsAList();
    void wppConnectSurveyIsText();
    void noSurveyWithoutTheSetting();
    void noSurveyOutsideTheWindow();
    void answers_data();
    void answers();
    void secondAnswerOpensAChat();
    void answerTellsTheInbox();
    void englishCustomers();

private:
    qint64 createCampaign(const QString &code, const QJsonObject &csat, qint64 numberId)
    {
        QJsonObject body{{u"name"_s, code}, {u"code"_s, code}};
        for (auto it = csat.begin(); it != csat.end(); ++it)
            body.insert(it.key(), it.value());
        const ApiResponse r = m_server.request("POST", u"/v1/campaigns"_s, body, m_admin);
        if (r.status != 201) {
            qWarning("campaign create failed: %d %s", r.status, r.body.constData());
            return 0;
        }
        const qint64 id = r.value(u"id"_s).toInteger();
        SqlQuery link(m_server.db(),
                      "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) "
                      "VALUES (?, ?, TRUE, ?)",
                      {id, numberId, nowSeconds()});
        return link.exec() ? id : 0;
    }
    ApiResponse inbound(const QString &from, QJsonObject message)
    {
        return inbound(m_server, m_metaNumber, from, message);
    }
    ApiResponse inbound(TestServer &server, qint64 numberId, const QString &from, QJsonObject message)
    {
        message.insert(u"id"_s, u"wamid.csat-%1"_s.arg(++m_seq));
        message.insert(u"timestamp"_s, QString::number(nowSeconds()));
        const QByteArray body = metaEnvelope(from, message);
        return server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(numberId), body, "application/json", {},
                                 {{"X-Hub-Signature-256",
                                   "sha256=" + WebhookSignature::hmacSha256Hex(kCsatSecret, body)}});
    }
    QString newPhone() { return u"57315%1"_s.arg(++m_seq, 7, 10, QChar(u'0')); }
    qint64 integer(const QString &sql, const QVariantList &values = {})
    {
        SqlQuery q(m_server.db(), sql, values);
        if (!q.exec() || !q.next())
            return 0;
        return q.integer(0);
    }
    // The chats of the client with this phone (digits), oldest first.
    QList<qint64> chatsOf(const QString &from)
    {
        QList<qint64> out;
        SqlQuery q(m_server.db(),
                   "SELECT c.id FROM chats c JOIN clients cl ON cl.id = c.client_id WHERE cl.phone_number = ? "
                   "ORDER BY c.id",
                   {QString(u'+' + from)});
        if (q.exec())
            while (q.next())
                out.append(q.integer(0));
        return out;
    }
    // A chat the client opened by writing on the Meta number.
    qint64 openByWriting(const QString &from)
    {
        if (inbound(from, text(u"hola, necesito ayuda"_s)).status != 200)
            return 0;
        const QList<qint64> chats = chatsOf(from);
        return chats.size() == 1 ? chats.first() : 0;
    }
    // A chat made directly in the database (no inbound message: the Meta window is closed).
    qint64 insertChat(qint64 numberId, qint64 campaignId)
    {
        const qint64 now = nowSeconds();
        const QString phone = u'+' + newPhone();
        const qint64 client = integer(u"INSERT INTO clients (phone_number, search_text, created_at, updated_at) "
                                      "VALUES (?, ?, ?, ?) RETURNING id"_s,
                                      {phone, SearchText::of({phone}), now, now});
        return integer(u"INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, created_at, "
                       "last_activity_at) VALUES (?, ?, ?, 'queued', ?, ?) RETURNING id"_s,
                       {client, campaignId, numberId, now, now});
    }
    int close(qint64 chatId)
    {
        return m_server.request("POST", u"/v1/chats/%1/close"_s.arg(chatId), {{u"outcome"_s, u"resolved"_s}}, m_admin)
            .status;
    }
    qint64 botMessages(qint64 chatId)
    {
        return m_server.count(u"messages"_s,
                              u"chat_id = %1 AND direction = 'outbound' AND is_bot_message = TRUE"_s.arg(chatId));
    }
    QJsonObject chatJson(qint64 id) { return m_server.request("GET", u"/v1/chats/%1"_s.arg(id), {}, m_admin).object(); }

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    qint64 m_metaNumber = 0;
    qint64 m_wppNumber = 0;
    qint64 m_metaCampaign = 0;
    qint64 m_wppCampaign = 0;
    qint64 m_plainNumber = 0;
    qint64 m_plainCampaign = 0;
    int m_seq = 0;
};

void tst_Satisfaction::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty());
    const ApiResponse n = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573002000001"_s},
                                            {u"display_name"_s, u"Encuestas"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, kCsatMetaId},
                                            {u"meta_access_token"_s, u"EAAB-token"_s},
                                            {u"meta_app_secret"_s, QString::fromLatin1(kCsatSecret)}},
                                           m_admin);
    QCOMPARE(n.status, 201);
    m_metaNumber = n.value(u"id"_s).toInteger();
    const qint64 now = nowSeconds();
    m_wppNumber = integer(u"INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                          "VALUES ('+573002000002', 'wppconnect', ?, ?) RETURNING id"_s,
                          {now, now});
    m_plainNumber = integer(u"INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                            "VALUES ('+573002000003', 'wppconnect', ?, ?) RETURNING id"_s,
                            {now, now});
    QVERIFY(m_metaNumber && m_wppNumber && m_plainNumber);
    m_metaCampaign =
        createCampaign(u"CSAT_META"_s, {{u"csat_enabled"_s, true}, {u"csat_timeout_minutes"_s, 30}}, m_metaNumber);
    m_wppCampaign =
        createCampaign(u"CSAT_WPP"_s, {{u"csat_enabled"_s, true}, {u"csat_message"_s, u"¿Cómo te atendió Ana hoy?"_s}},
                       m_wppNumber);
    m_plainCampaign = createCampaign(u"CSAT_NONE"_s, {}, m_plainNumber);
    QVERIFY(m_metaCampaign && m_wppCampaign && m_plainCampaign);
}

void tst_Satisfaction::score_data()
{
    QTest::addColumn<QString>("type");
    QTest::addColumn<QString>("content");
    QTest::addColumn<QString>("replyId");
    QTest::addColumn<int>("expected");   // 0: not an answer

    QTest::addRow("digit") << u"text"_s << u"4"_s << QString() << 4;
    QTest::addRow("spaces") << u"text"_s << u" 4 "_s << QString() << 4;
    QTest::addRow("dot") << u"text"_s << u"4."_s << QString() << 4;
    QTest::addRow("star") << u"text"_s << u"4⭐"_s << QString() << 4;
    QTest::addRow("stars") << u"text"_s << u"5 ⭐⭐⭐⭐⭐"_s << QString() << 5;
    QTest::addRow("keycap") << u"text"_s << u"4️⃣"_s << QString() << 4;
    QTest::addRow("fullwidth") << u"text"_s << u"４"_s << QString() << 4;
    QTest::addRow("one") << u"text"_s << u"1"_s << QString() << 1;
    QTest::addRow("zero") << u"text"_s << u"0"_s << QString() << 0;
    QTest::addRow("six") << u"text"_s << u"6"_s << QString() << 0;
    QTest::addRow("two-digits") << u"text"_s << u"45"_s << QString() << 0;
    QTest::addRow("words") << u"text"_s << u"4 personas"_s << QString() << 0;
    QTest::addRow("greeting") << u"text"_s << u"hola"_s << QString() << 0;
    QTest::addRow("empty") << u"text"_s << QString() << QString() << 0;
    QTest::addRow("list-id") << u"interactive"_s << u"whatever"_s << u"csat#2"_s << 2;
    QTest::addRow("list-id-out-of-range") << u"interactive"_s << u"9"_s << u"csat#9"_s << 0;
    QTest::addRow("list-title") << u"interactive"_s << u"2 ⭐ Insatisfecho"_s << QString() << 2;
    QTest::addRow("another-menu-id") << u"interactive"_s << u"Ventas"_s << u"node_menu#1"_s << 0;
    QTest::addRow("image-caption") << u"image"_s << u"4"_s << QString() << 0;
}

void tst_Satisfaction::score()
{
    QFETCH(QString, type);
    QFETCH(QString, content);
    QFETCH(QString, replyId);
    QFETCH(int, expected);
    const std::optional<int> got =
        SatisfactionSurvey(m_server.db(), Language::Spanish).score(delivery(type, content, replyId));
    QCOMPARE(got.value_or(0), expected);
}

void tst_Satisfaction::texts()
{
    // The list: five rows, best first, ids csat#5..csat#1, titles within Meta's 24 characters.
    for (const Language language : {Language::Spanish, Language::English}) {
        const SatisfactionSurvey survey(m_server.db(), language);
        const QJsonObject list = survey.list();
        QCOMPARE(list.value(u"type"_s).toString(), u"list"_s);
        const QJsonArray options = list.value(u"options"_s).toArray();
        QCOMPARE(options.size(), 5);
        for (int i = 0; i < 5; ++i) {
            const QJsonObject o = options.at(i).toObject();
            QCOMPARE(o.value(u"id"_s).toString(), u"csat#%1"_s.arg(5 - i));
            const QString title = o.value(u"title"_s).toString();
            QVERIFY2(title.startsWith(QString::number(5 - i)) && title.size() <= 24, qPrintable(title));
            // A list reply that comes back with its title only still counts.
            QCOMPARE(survey.score(delivery(u"interactive"_s, title)).value_or(0), 5 - i);
        }
        QVERIFY(list.value(u"button"_s).toString().size() <= 20);
    }
    const SatisfactionSurvey english(m_server.db(), Language::English);
    QCOMPARE(english.acknowledgement(), u"Thank you for your rating!"_s);
    QCOMPARE(english.question({}, true), u"How satisfied are you with the help you received?"_s);
    const SatisfactionSurvey spanish(m_server.db(), Language::Spanish);
    QCOMPARE(spanish.acknowledgement(), kThanks);
    QCOMPARE(spanish.question({}, true), kDefaultQuestion);
    QCOMPARE(spanish.list().value(u"button"_s).toString(), u"Calificar"_s);
    QCOMPARE(spanish.question(u"  ¿Nos calificas?  "_s, false),
             u"¿Nos calificas?\n\nResponde con un número del 1 (muy insatisfecho) al 5 (muy satisfecho)."_s);
}

void tst_Satisfaction::metaSurveyIsAList()
{
    const QString from = newPhone();
    const qint64 chat = openByWriting(from);
    QVERIFY(chat);
    const qint64 before = botMessages(chat);
    QCOMPARE(close(chat), 200);
    QCOMPARE(botMessages(chat), before + 1);

    SqlQuery q(m_server.db(),
               "SELECT message_type, content, interactive, status, is_bot_message FROM messages "
               "WHERE chat_id = ? AND direction = 'outbound' ORDER BY id DESC LIMIT 1",
               {chat});
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.string(0), u"interactive"_s);
    QCOMPARE(q.string(1), kDefaultQuestion);
    QCOMPARE(q.string(3), u"pending"_s);   // the outbound worker sends it
    QVERIFY(q.boolean(4));
    const QJsonObject interactive = QJsonDocument::fromJson(q.string(2).toUtf8()).object();
    QCOMPARE(interactive, SatisfactionSurvey(m_server.db(), Language::Spanish).list());
    QCOMPARE(interactive.value(u"options"_s).toArray().first().toObject().value(u"id"_s).toString(), u"csat#5"_s);
    QCOMPARE(interactive.value(u"options"_s).toArray().last().toObject().value(u"title"_s).toString(),
             u"1 ⭐ Muy insatisfecho"_s);
    QVERIFY(integer(u"SELECT csat_sent_at FROM chats WHERE id = ?"_s, {chat}) > 0);
    const QJsonObject json = chatJson(chat);
    QCOMPARE(json.value(u"status"_s).toString(), u"closed"_s);
    QVERIFY(json.contains(u"csat_score"_s));
    QVERIFY(json.value(u"csat_score"_s).isNull());
}

void tst_Satisfaction::wppConnectSurveyIsText()
{
    const qint64 chat = insertChat(m_wppNumber, m_wppCampaign);
    QVERIFY(chat);
    QCOMPARE(close(chat), 200);
    QCOMPARE(botMessages(chat), 1);
    SqlQuery q(m_server.db(),
               "SELECT message_type, content, interactive, status FROM messages WHERE chat_id = ? AND direction = "
               "'outbound'",
               {chat});
    QVERIFY(q.exec() && q.next());
    QCOMPARE(q.string(0), u"text"_s);
    QCOMPARE(q.string(1),
             u"¿Cómo te atendió Ana hoy?\n\nResponde con un número del 1 (muy insatisfecho) al 5 (muy satisfecho)."_s);
    QVERIFY(q.isNull(2));
    QCOMPARE(q.string(3), u"pending"_s);
}

void tst_Satisfaction::noSurveyWithoutTheSetting()
{
    const qint64 chat = insertChat(m_plainNumber, m_plainCampaign);
    QVERIFY(chat);
    QCOMPARE(close(chat), 200);
    QCOMPARE(botMessages(chat), 0);
    QCOMPARE(integer(u"SELECT COUNT(*) FROM chats WHERE id = ? AND csat_sent_at IS NULL"_s, {chat}), 1);
}

void tst_Satisfaction::noSurveyOutsideTheWindow()
{
    // A Meta chat the client never wrote on: outside the 24-hour window only templates may go.
    const qint64 chat = insertChat(m_metaNumber, m_metaCampaign);
    QVERIFY(chat);
    QCOMPARE(close(chat), 200);
    QCOMPARE(botMessages(chat), 0);
    QCOMPARE(integer(u"SELECT COUNT(*) FROM chats WHERE id = ? AND csat_sent_at IS NULL"_s, {chat}), 1);
}

void tst_Satisfaction::answers_data()
{
    QTest::addColumn<QJsonObject>("message");
    QTest::addColumn<bool>("late");      // the survey was sent longer ago than csat_timeout_minutes (30)
    QTest::addColumn<int>("expected");   // 0: not an answer, a new chat opens

    QTest::addRow("four") << text(u"4"_s) << false << 4;
    QTest::addRow("five-with-stars") << text(u"5⭐"_s) << false << 5;
    QTest::addRow("keycap") << text(u"3️⃣"_s) << false << 3;
    QTest::addRow("list-reply") << listReply(u"csat#2"_s, u"2 ⭐ Insatisfecho"_s) << false << 2;
    QTest::addRow("greeting") << text(u"hola"_s) << false << 0;
    QTest::addRow("out-of-range") << text(u"7"_s) << false << 0;
    QTest::addRow("after-the-timeout") << text(u"4"_s) << true << 0;
}

void tst_Satisfaction::answers()
{
    QFETCH(QJsonObject, message);
    QFETCH(bool, late);
    QFETCH(int, expected);
    const QString from = newPhone();
    const qint64 chat = openByWriting(from);
    QVERIFY(chat);
    QCOMPARE(close(chat), 200);
    if (late)
        QVERIFY(integer(u"UPDATE chats SET csat_sent_at = csat_sent_at - 31 * 60 WHERE id = ? RETURNING id"_s, {chat}));
    const qint64 botBefore = botMessages(chat);

    QCOMPARE(inbound(from, message).status, 200);
    const QString wamid = u"wamid.csat-%1"_s.arg(m_seq);
    const qint64 storedOn = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = ?"_s, {wamid});
    const QList<qint64> chats = chatsOf(from);
    const QJsonObject closed = chatJson(chat);
    QCOMPARE(closed.value(u"status"_s).toString(), u"closed"_s);
    if (expected > 0) {
        QCOMPARE(chats, QList<qint64>{chat});   // no chat opened, none reopened
        QCOMPARE(storedOn, chat);
        QCOMPARE(closed.value(u"csat_score"_s).toInt(), expected);
        QVERIFY(integer(u"SELECT csat_answered_at FROM chats WHERE id = ?"_s, {chat}) > 0);
        QCOMPARE(botMessages(chat), botBefore + 1);
        SqlQuery q(m_server.db(),
                   "SELECT content, status, message_type FROM messages WHERE chat_id = ? AND direction = 'outbound' "
                   "ORDER BY id DESC LIMIT 1",
                   {chat});
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.string(0), kThanks);
        QCOMPARE(q.string(1), u"pending"_s);
        QCOMPARE(q.string(2), u"text"_s);
    } else {
        QCOMPARE(chats.size(), 2);
        QCOMPARE(storedOn, chats.last());
        QCOMPARE(chatJson(chats.last()).value(u"status"_s).toString(), u"queued"_s);
        QVERIFY(closed.value(u"csat_score"_s).isNull());
        QCOMPARE(botMessages(chat), botBefore);
    }
}

void tst_Satisfaction::secondAnswerOpensAChat()
{
    const QString from = newPhone();
    const qint64 chat = openByWriting(from);
    QVERIFY(chat);
    QCOMPARE(close(chat), 200);
    QCOMPARE(inbound(from, text(u"5"_s)).status, 200);
    QCOMPARE(chatJson(chat).value(u"csat_score"_s).toInt(), 5);
    QCOMPARE(inbound(from, text(u"3"_s)).status, 200);
    const QList<qint64> chats = chatsOf(from);
    QCOMPARE(chats.size(), 2);
    QCOMPARE(chatJson(chat).value(u"csat_score"_s).toInt(), 5);
    QCOMPARE(chatJson(chats.last()).value(u"status"_s).toString(), u"queued"_s);

    // Closing the new chat asks again (it has no score of its own); the old one keeps its answer.
    const qint64 before = botMessages(chats.last());
    QCOMPARE(close(chats.last()), 200);
    QCOMPARE(botMessages(chats.last()), before + 1);
    QCOMPARE(inbound(from, text(u"2"_s)).status, 200);
    QCOMPARE(chatJson(chats.last()).value(u"csat_score"_s).toInt(), 2);
    QCOMPARE(chatJson(chat).value(u"csat_score"_s).toInt(), 5);
    QCOMPARE(chatsOf(from).size(), 2);
}

void tst_Satisfaction::answerTellsTheInbox()
{
    const QString from = newPhone();
    const qint64 chat = openByWriting(from);
    QVERIFY(chat);
    QCOMPARE(close(chat), 200);

    Conversa::SocketIoClient socket;
    QList<std::pair<QString, QJsonObject>> events;
    connect(&socket, &Conversa::SocketIoClient::event, this, [&events](const QString &name, const QJsonValue &payload) {
        events.append({name, payload.toObject()});
    });
    QSignalSpy up(&socket, &Conversa::SocketIoClient::connected);
    socket.open(m_server.baseUrl(), m_supervisor);
    QVERIFY(up.wait(5000));

    QCOMPARE(inbound(from, text(u"4"_s)).status, 200);
    // chat.updated carries {chat}, chat.message {chat_id, message}.
    const auto seen = [&events, chat](const QString &name) {
        QList<QJsonObject> out;
        for (const auto &[n, p] : events) {
            const qint64 id = p.contains(u"chat_id"_s) ? p.value(u"chat_id"_s).toInteger()
                                                       : p.value(u"chat"_s).toObject().value(u"id"_s).toInteger();
            if (n == name && id == chat)
                out.append(p);
        }
        return out;
    };
    // (On PostgreSQL the close's own events come through the relay and may arrive after the socket
    // connected: look for the ones the answer caused.)
    const auto scored = [&seen] {
        for (const QJsonObject &p : seen(u"chat.updated"_s)) {
            const QJsonObject c = p.value(u"chat"_s).toObject();
            if (c.value(u"csat_score"_s).toInt() == 4 && c.value(u"status"_s).toString() == "closed"_L1)
                return true;
        }
        return false;
    };
    QTRY_VERIFY_WITH_TIMEOUT(scored(), 5000);
    // The answer and the acknowledgement.
    const auto contents = [&seen] {
        QStringList out;
        for (const QJsonObject &p : seen(u"chat.message"_s))
            out.append(p.value(u"message"_s).toObject().value(u"content"_s).toString());
        return out;
    };
    QTRY_VERIFY_WITH_TIMEOUT(contents().contains(u"4"_s) && contents().contains(kThanks), 5000);
    socket.close();
}

void tst_Satisfaction::englishCustomers()
{
    // CONVERSA_CUSTOMER_LANGUAGE=en: the default question, the list and the acknowledgement in English.
    TestServer english;
    QVERIFY(english.start({{u"CONVERSA_CUSTOMER_LANGUAGE"_s, u"en"_s}}));
    const QByteArray admin = english.tokenFor(u"admin"_s);
    const ApiResponse n = english.request("POST", u"/v1/whatsapp-numbers"_s,
                                          {{u"phone_number"_s, u"+573002000009"_s},
                                           {u"provider"_s, u"meta"_s},
                                           {u"meta_phone_number_id"_s, kCsatMetaId},
                                           {u"meta_access_token"_s, u"EAAB-token"_s},
                                           {u"meta_app_secret"_s, QString::fromLatin1(kCsatSecret)}},
                                          admin);
    QCOMPARE(n.status, 201);
    const qint64 number = n.value(u"id"_s).toInteger();
    const ApiResponse c =
        english.request("POST", u"/v1/campaigns"_s,
                        {{u"name"_s, u"English"_s}, {u"code"_s, u"EN"_s}, {u"csat_enabled"_s, true}}, admin);
    QCOMPARE(c.status, 201);
    SqlQuery
        link(english.db(),
             "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
             {c.value(u"id"_s).toInteger(), number, nowSeconds()});
    QVERIFY(link.exec());

    const QString from = newPhone();
    QCOMPARE(inbound(english, number, from, text(u"hello"_s)).status, 200);
    qint64 chat = 0;
    {   // a statement left open would keep SQLite's snapshot of this moment
        SqlQuery q(english.db(), "SELECT id FROM chats WHERE whatsapp_number_id = ?", {number});
        QVERIFY(q.exec() && q.next());
        chat = q.integer(0);
    }
    QVERIFY(chat);
    QCOMPARE(english.request("POST", u"/v1/chats/%1/close"_s.arg(chat), {}, admin).status, 200);
    QCOMPARE(inbound(english, number, from, text(u"5"_s)).status, 200);

    {   // closed before the server stops (the statement belongs to its connection)
        SqlQuery
            q(english.db(),
              "SELECT message_type, content, interactive FROM messages WHERE chat_id = ? AND direction = 'outbound' "
              "ORDER BY id",
              {chat});
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.string(0), u"interactive"_s);
        QCOMPARE(q.string(1), u"How satisfied are you with the help you received?"_s);
        const QJsonObject list = QJsonDocument::fromJson(q.string(2).toUtf8()).object();
        QCOMPARE(list.value(u"button"_s).toString(), u"Rate"_s);
        QCOMPARE(list.value(u"options"_s).toArray().first().toObject().value(u"title"_s).toString(),
                 u"5 ⭐ Very satisfied"_s);
        QVERIFY(q.next());
        QCOMPARE(q.string(1), u"Thank you for your rating!"_s);
    }
    QCOMPARE(english.request("GET", u"/v1/chats/%1"_s.arg(chat), {}, admin).value(u"csat_score"_s).toInt(), 5);
}   // `english` stops last, after the statements on its connection are gone

QTEST_MAIN(tst_Satisfaction)
#include "tst_satisfaction.moc"
