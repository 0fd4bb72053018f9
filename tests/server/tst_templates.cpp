// GET /v1/chats/{id}/templates: a Meta number's approved templates from the Graph API stand-in,
// all pages, kept five minutes per business account; none for WPPConnect; the caller must see the
// chat. Over real HTTP, against SQLite and PostgreSQL.
#include "FakeMetaGraph.h"
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/SearchText.h"

#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"EAAG-templates-token"_s;

QJsonObject graphTemplate(const QString &name, const QString &status, const QString &body, const QString &header = {},
                          const QString &language = u"es"_s)
{
    QJsonArray components;
    if (!header.isEmpty())
        components.append(QJsonObject{{u"type"_s, u"HEADER"_s}, {u"format"_s, u"TEXT"_s}, {u"text"_s, header}});
    components.append(QJsonObject{{u"type"_s, u"BODY"_s}, {u"text"_s, body}});
    components.append(QJsonObject{{u"type"_s, u"FOOTER"_s}, {u"text"_s, u"Contacto Sur"_s}});
    return {{u"name"_s, name},
            {u"language"_s, language},
            {u"status"_s, status},
            {u"category"_s, u"UTILITY"_s},
            {u"components"_s, components},
            {u"id"_s, u"5%1"_s.arg(qHash(name))}};
}

}   // namespace

class tst_Templates : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void approvedTemplatesOfEveryPage();
    void cachedPerBusinessAccount();
    void wppconnectHasNone();
    void refusals();

private:
    qint64 number(const QString &provider, const QString &account, const QString &token)
    {
        const qint64 now = nowSeconds();
        const int n = ++m_seq;
        const qint64 id = insertReturningId(m_server.db(),
                                            "INSERT INTO whatsapp_numbers (phone_number, provider, status, "
                                            "meta_phone_number_id, meta_business_account_id, created_at, updated_at) "
                                            "VALUES (?, ?, 'active', ?, ?, ?, ?) RETURNING id",
                                            {u"+5730033%1"_s.arg(n, 5, 10, QChar(u'0')), provider,
                                             nullIfEmpty(provider == "meta"_L1 ? u"10654%1"_s.arg(n) : QString()),
                                             nullIfEmpty(account), now, now});
        if (!token.isEmpty()) {
            NumberStore numbers(m_server.db(), m_server.app().config().secretKey);
            NumberSecrets secrets;
            secrets.metaAccessToken = token;
            if (!numbers.writeSecrets(id, secrets))
                qWarning("writeSecrets failed");
        }
        return id;
    }
    qint64 chat(qint64 numberId, qint64 agentId)
    {
        const qint64 now = nowSeconds();
        const QString phone = u"+57312%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
        const qint64 client =
            insertReturningId(m_server.db(),
                              "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                              "updated_at) VALUES (?, 'Lucía', ?, ?, ?) RETURNING id",
                              {phone, SearchText::of({u"Lucía"_s, phone}), now, now});
        return insertReturningId(
            m_server.db(),
            "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, "
            "status, created_at, assigned_at, last_activity_at) VALUES (?, ?, ?, ?, 'active', ?, ?, ?) "
            "RETURNING id",
            {client, m_campaign, numberId, agentId, now, now, now});
    }
    ApiResponse templates(qint64 chatId, const QByteArray &token)
    {
        return m_server.request("GET", u"/v1/chats/%1/templates"_s.arg(chatId), {}, token);
    }

    FakeMetaGraph m_graph;
    TestServer m_server;
    QByteArray m_agent;
    qint64 m_agentId = 0;
    qint64 m_campaign = 0;
    int m_seq = 0;
};

void tst_Templates::initTestCase()
{
    QVERIFY(m_graph.listen());
    QVERIFY(
        m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()}, {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"0"_s}}));
    m_agent = m_server.tokenFor(u"agent"_s, &m_agentId);
    QVERIFY(!m_agent.isEmpty());
    const qint64 now = nowSeconds();
    m_campaign =
        insertReturningId(m_server.db(),
                          "INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('Cobranza', 'COB', ?, ?) "
                          "RETURNING id",
                          {now, now});
    QVERIFY(m_campaign);
}

void tst_Templates::approvedTemplatesOfEveryPage()
{
    // 130 templates: two pages of 100 for our client; every third one still pending review.
    QJsonArray all;
    for (int i = 0; i < 130; ++i) {
        all.append(graphTemplate(u"aviso_%1"_s.arg(i, 3, 10, QChar(u'0')), i % 3 == 2 ? u"PENDING"_s : u"APPROVED"_s,
                                 u"Hola {{1}}, tu pago de {{2}} vence el {{3}}. {{1}}, responde SI para confirmar."_s,
                                 i == 0 ? u"Recordatorio"_s : QString()));
    }
    all.append(graphTemplate(u"cita_confirmada"_s, u"APPROVED"_s, u"{{nombre}}, tu cita es el {{ fecha }}."_s, {},
                             u"es_CO"_s));
    m_graph.setMessageTemplates(u"900100"_s, all, kToken);
    const qint64 chatId = chat(number(u"meta"_s, u"900100"_s, kToken), m_agentId);

    const ApiResponse r = templates(chatId, m_agent);
    QCOMPARE(r.status, 200);
    const QJsonArray data = r.value(u"data"_s).toArray();
    QCOMPARE(data.size(), 88);   // 87 of the 130 approved, and the named one
    const QJsonObject first = data.first().toObject();
    QCOMPARE(first.value(u"name"_s).toString(), u"aviso_000"_s);
    QCOMPARE(first.value(u"language"_s).toString(), u"es"_s);
    QCOMPARE(first.value(u"category"_s).toString(), u"UTILITY"_s);
    QCOMPARE(first.value(u"header"_s).toString(), u"Recordatorio"_s);
    QCOMPARE(first.value(u"footer"_s).toString(), u"Contacto Sur"_s);
    QCOMPARE(first.value(u"variables"_s).toArray(), QJsonArray({u"1"_s, u"2"_s, u"3"_s}));
    QVERIFY(data.at(1).toObject().value(u"header"_s).isNull());
    for (const QJsonValue &t : data) {   // aviso_002, 005, … are pending: never offered
        const QString name = t.toObject().value(u"name"_s).toString();
        QVERIFY2(!name.startsWith(u"aviso_"_s) || name.mid(6).toInt() % 3 != 2, qPrintable(name));
    }
    const QJsonObject named = data.last().toObject();
    QCOMPARE(named.value(u"name"_s).toString(), u"cita_confirmada"_s);
    QCOMPARE(named.value(u"language"_s).toString(), u"es_CO"_s);
    QCOMPARE(named.value(u"variables"_s).toArray(), QJsonArray({u"nombre"_s, u"fecha"_s}));
    // Two pages, the second by the `after` cursor, each with our token.
    const QList<FakeMetaGraph::Request> lookups = m_graph.templateLookups(u"900100"_s);
    QCOMPARE(lookups.size(), 2);
    QVERIFY(lookups.at(1).path.contains("after="));
    QCOMPARE(lookups.at(0).authorization, "Bearer " + kToken.toUtf8());
}

void tst_Templates::cachedPerBusinessAccount()
{
    m_graph.setMessageTemplates(u"900200"_s, {graphTemplate(u"saludo"_s, u"APPROVED"_s, u"Hola {{1}}"_s)}, kToken);
    const qint64 numberId = number(u"meta"_s, u"900200"_s, kToken);
    const qint64 chat1 = chat(numberId, m_agentId);
    const qint64 chat2 = chat(numberId, m_agentId);
    QCOMPARE(templates(chat1, m_agent).status, 200);
    // Meta's list changes, but a second chat on the same account within five minutes is served
    // from memory: Graph is asked once.
    m_graph.setMessageTemplates(u"900200"_s, {}, kToken);
    const ApiResponse again = templates(chat2, m_agent);
    QCOMPARE(again.status, 200);
    QCOMPARE(again.value(u"data"_s).toArray().size(), 1);
    QCOMPARE(m_graph.templateLookups(u"900200"_s).size(), 1);
}

void tst_Templates::wppconnectHasNone()
{
    const qint64 chatId = chat(number(u"wppconnect"_s, {}, {}), m_agentId);
    const ApiResponse r = templates(chatId, m_agent);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.object(), QJsonObject({{u"data"_s, QJsonArray()}}));
}

void tst_Templates::refusals()
{
    m_graph.setMessageTemplates(u"900300"_s, {graphTemplate(u"saludo"_s, u"APPROVED"_s, u"Hola"_s)}, kToken);
    const qint64 chatId = chat(number(u"meta"_s, u"900300"_s, kToken), m_agentId);
    // Not signed in; another agent's chat is not theirs to see.
    const qint64 mark = m_server.auditMark();
    QCOMPARE(templates(chatId, {}).status, 401);
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"chat.templates"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"status_code"_s).toInt(), 401);
    const QByteArray other = m_server.tokenFor(u"agent"_s);
    QCOMPARE(templates(chatId, other).status, 404);
    QCOMPARE(templates(99999999, m_agent).status, 404);
    // A number without its business account id, or without a token: what to fix, as a 409.
    const ApiResponse noAccount = templates(chat(number(u"meta"_s, {}, kToken), m_agentId), m_agent);
    QCOMPARE(noAccount.status, 409);
    QVERIFY(
        noAccount.value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"meta_business_account_id"_s));
    QCOMPARE(templates(chat(number(u"meta"_s, u"900300"_s, {}), m_agentId), m_agent).status, 409);
    // Meta refusing the token: the agent is told to try again, and nothing is cached.
    const qint64 badToken = chat(number(u"meta"_s, u"900400"_s, u"EAAG-revoked"_s), m_agentId);
    m_graph.setMessageTemplates(u"900400"_s, {graphTemplate(u"saludo"_s, u"APPROVED"_s, u"Hola"_s)}, kToken);
    const ApiResponse refusedByMeta = templates(badToken, m_agent);
    QCOMPARE(refusedByMeta.status, 503);
    QCOMPARE(templates(badToken, m_agent).status, 503);
    QCOMPARE(m_graph.templateLookups(u"900400"_s).size(), 2);
}

QTEST_GUILESS_MAIN(tst_Templates)
#include "tst_templates.moc"
