// The periodic health check of numbers (issue 4, the OpenAPI document): the real HealthMonitor of a running
// server checks Meta numbers on the Graph stand-in and WPPConnect numbers on the WPPConnect
// stand-in once per interval; GET /v1/whatsapp-numbers/:id/status shows the latest check, and a
// check that contradicts the stored connection status records one connection change. Inactive
// numbers are not checked, and a due check is claimed by one server only. SQLite and PostgreSQL.
#include "FakeMetaGraph.h"
#include "FakeWppConnect.h"
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/NumberStore.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QJsonArray>
#include <QSet>
#include <QSignalSpy>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {
const QString kToken = u"EAAG-health-token"_s;
}

class tst_NumberHealth : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void metaHealthy();
    void metaRefusedToken();
    void metaFlagged();
    void wppSessionUpAndDown();
    void inactiveNotChecked();
    void claimIsExclusive();   // last: it claims every number far ahead

private:
    qint64 createMeta(const QString &phoneNumberId, const QString &token)
    {
        const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                               {{u"phone_number"_s, u"+5730077%1"_s.arg(++m_seq, 5, 10, QChar(u'0'))},
                                                {u"provider"_s, u"meta"_s},
                                                {u"meta_phone_number_id"_s, phoneNumberId},
                                                {u"meta_access_token"_s, token}},
                                               m_admin);
        if (r.status != 201)
            qWarning("POST /v1/whatsapp-numbers: %d %s", r.status, r.body.constData());
        return r.value(u"id"_s).toInteger();
    }
    QJsonObject status(qint64 id)
    {
        return m_server.request("GET", u"/v1/whatsapp-numbers/%1/status"_s.arg(id), {}, m_admin).object();
    }
    QJsonObject health(qint64 id) { return status(id).value(u"health"_s).toObject(); }
    QStringList history(qint64 id)
    {
        QStringList out;
        for (const QJsonValue &e : status(id).value(u"history"_s).toArray())
            out.append(e.toObject().value(u"status"_s).toString());
        return out;   // newest first
    }

    FakeMetaGraph m_graph;
    FakeWppConnect m_wpp;
    TestServer m_server;
    QByteArray m_admin;
    int m_seq = 0;
};

void tst_NumberHealth::initTestCase()
{
    QVERIFY(m_graph.listen());
    QVERIFY(m_wpp.listen());
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                            {u"CONVERSA_HEALTH_CHECK_SECONDS"_s, u"1"_s},
                            {u"CONVERSA_OUTBOUND_TIMEOUT_MS"_s, u"5000"_s}}));
    QVERIFY(m_server.app().health());
    m_admin = m_server.tokenFor(u"admin"_s);
    QVERIFY(!m_admin.isEmpty());
}

void tst_NumberHealth::metaHealthy()
{
    const QString phoneId = u"106540352240001"_s;
    m_graph.addPhoneNumber(phoneId, u"CONNECTED"_s, kToken);
    const qint64 id = createMeta(phoneId, kToken);
    QVERIFY(id > 0);
    QTRY_VERIFY_WITH_TIMEOUT(!health(id).isEmpty(), 10000);
    const QJsonObject s = status(id);
    const QJsonObject h = s.value(u"health"_s).toObject();
    QCOMPARE(h.value(u"is_healthy"_s).toBool(), true);
    QCOMPARE(h.value(u"provider_status"_s).toString(), u"CONNECTED"_s);
    QVERIFY(h.value(u"response_time_ms"_s).isDouble());
    QVERIFY(h.value(u"response_time_ms"_s).toInteger() >= 0);
    QVERIFY(h.value(u"last_check_at"_s).toString().endsWith(u'Z'));
    QVERIFY(h.value(u"error"_s).isNull());
    // The Graph was asked for the number's status with its own token.
    const QList<FakeMetaGraph::Request> asked = m_graph.phoneNumberLookups(phoneId);
    QVERIFY(!asked.isEmpty());
    QCOMPARE(asked.first().path, "/v21.0/" + phoneId.toUtf8() + "?fields=status,quality_rating");
    QCOMPARE(asked.first().authorization, "Bearer " + kToken.toUtf8());
    // A number created 'disconnected' is now connected, recorded once however often it is checked.
    QCOMPARE(s.value(u"connection_status"_s).toString(), u"connected"_s);
    QVERIFY(!s.value(u"last_connected_at"_s).isNull());
    QTRY_VERIFY_WITH_TIMEOUT(m_graph.phoneNumberLookups(phoneId).size() >= 3, 10000);
    QCOMPARE(history(id).count(u"connected"_s), 1);
}

void tst_NumberHealth::metaRefusedToken()
{
    const QString phoneId = u"106540352240002"_s;
    m_graph.addPhoneNumber(phoneId, u"CONNECTED"_s, u"the-token-meta-knows"_s);
    const qint64 id = createMeta(phoneId, u"EAAG-revoked"_s);
    QTRY_VERIFY_WITH_TIMEOUT(!health(id).isEmpty(), 10000);
    const QJsonObject s = status(id);
    const QJsonObject h = s.value(u"health"_s).toObject();
    QCOMPARE(h.value(u"is_healthy"_s).toBool(), false);
    QVERIFY2(h.value(u"error"_s).toString().startsWith(u"190"_s), qPrintable(h.value(u"error"_s).toString()));
    QCOMPARE(s.value(u"connection_status"_s).toString(), u"error"_s);
    QVERIFY(s.value(u"last_error"_s).toString().contains(u"access token"_s));
    QCOMPARE(history(id).first(), u"error"_s);
}

void tst_NumberHealth::metaFlagged()
{
    const QString phoneId = u"106540352240003"_s;
    m_graph.addPhoneNumber(phoneId, u"FLAGGED"_s, kToken);
    const qint64 id = createMeta(phoneId, kToken);
    QTRY_VERIFY_WITH_TIMEOUT(!health(id).isEmpty(), 10000);
    const QJsonObject h = health(id);
    QCOMPARE(h.value(u"is_healthy"_s).toBool(), false);
    QCOMPARE(h.value(u"provider_status"_s).toString(), u"FLAGGED"_s);
    QCOMPARE(status(id).value(u"connection_status"_s).toString(), u"error"_s);
}

void tst_NumberHealth::wppSessionUpAndDown()
{
    const QString session = u"health_1"_s;
    m_wpp.setSessionState(session, u"CONNECTED"_s);
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573005500999"_s},
                                            {u"provider"_s, u"wppconnect"_s},
                                            {u"wppconnect_session_name"_s, session},
                                            {u"wppconnect_server_url"_s, m_wpp.baseUrl()},
                                            {u"wppconnect_api_key"_s, m_wpp.secretKey()}},
                                           m_admin);
    QCOMPARE(r.status, 201);
    const qint64 id = r.value(u"id"_s).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(health(id).value(u"is_healthy"_s).toBool(), true, 10000);
    QCOMPARE(health(id).value(u"provider_status"_s).toString(), u"CONNECTED"_s);
    QCOMPARE(status(id).value(u"connection_status"_s).toString(), u"connected"_s);
    QVERIFY(!m_wpp.requests(u"status-session"_s).isEmpty());

    // The session closes behind our back: the next check sees it and records the change once,
    // and pushes it to the sockets of those who manage numbers (number.status).
    Conversa::SocketIoClient admin;
    QList<QJsonObject> pushed;
    connect(&admin, &Conversa::SocketIoClient::event, this, [&pushed](const QString &name, const QJsonValue &p) {
        if (name == "number.status"_L1)
            pushed.append(p.toObject());
    });
    QSignalSpy up(&admin, &Conversa::SocketIoClient::connected);
    admin.open(m_server.baseUrl(), m_admin);
    QVERIFY(up.wait(5000));
    m_wpp.setSessionState(session, u"CLOSED"_s);
    QTRY_COMPARE_WITH_TIMEOUT(health(id).value(u"is_healthy"_s).toBool(true), false, 10000);
    QCOMPARE(health(id).value(u"provider_status"_s).toString(), u"CLOSED"_s);
    QCOMPARE(status(id).value(u"connection_status"_s).toString(), u"disconnected"_s);
    const qint64 checks = m_wpp.requests(u"status-session"_s).size();
    QTRY_VERIFY_WITH_TIMEOUT(m_wpp.requests(u"status-session"_s).size() >= checks + 2, 10000);
    QCOMPARE(history(id).mid(0, 2), QStringList({u"disconnected"_s, u"connected"_s}));
    QCOMPARE(history(id).count(u"disconnected"_s), 1);
    QTRY_VERIFY_WITH_TIMEOUT(!pushed.isEmpty(), 5000);
    QCOMPARE(pushed.size(), 1);   // once, however often it is checked
    QCOMPARE(pushed.first().value(u"number_id"_s).toInteger(), id);
    QCOMPARE(pushed.first().value(u"connection_status"_s).toString(), u"disconnected"_s);
    QCOMPARE(pushed.first().value(u"detail"_s).toString(),
             status(id).value(u"history"_s).toArray().first().toObject().value(u"detail"_s).toString());
    admin.close();
}

void tst_NumberHealth::inactiveNotChecked()
{
    const QString phoneId = u"106540352240004"_s;
    m_graph.addPhoneNumber(phoneId, u"CONNECTED"_s, kToken);
    // Written inactive straight into the table: through the API it would be active for a moment.
    const qint64 now = nowSeconds();
    const qint64 id =
        insertReturningId(m_server.db(),
                          "INSERT INTO whatsapp_numbers (phone_number, provider, status, meta_phone_number_id, "
                          "created_at, updated_at) VALUES ('+573007799999', 'meta', 'inactive', ?, ?, ?) "
                          "RETURNING id",
                          {phoneId, now, now});
    QVERIFY(id > 0);
    NumberStore numbers(m_server.db(), m_server.app().config().secretKey);
    NumberSecrets secrets;
    secrets.metaAccessToken = kToken;
    QVERIFY(numbers.writeSecrets(id, secrets));
    // Another number created after it is checked meanwhile.
    const QString otherId = u"106540352240005"_s;
    m_graph.addPhoneNumber(otherId, u"CONNECTED"_s, kToken);
    const qint64 other = createMeta(otherId, kToken);
    QTRY_VERIFY_WITH_TIMEOUT(m_graph.phoneNumberLookups(otherId).size() >= 2, 10000);
    QCOMPARE(m_graph.phoneNumberLookups(phoneId).size(), 0);
    QVERIFY(status(id).value(u"health"_s).isNull());
    QVERIFY(!health(other).isEmpty());
}

void tst_NumberHealth::claimIsExclusive()
{
    // Two servers asking at the same moment: each due number goes to one of them.
    NumberStore numbers(m_server.db(), m_server.app().config().secretKey);
    const qint64 later = nowSeconds() + 100000;
    const Result<QList<qint64>> first = numbers.claimHealthChecks(later, later - 1, 100);
    QVERIFY(first);
    QVERIFY(first->size() >= 5);
    const Result<QList<qint64>> second = numbers.claimHealthChecks(later, later - 1, 100);
    QVERIFY(second);
    QCOMPARE(second->size(), 0);
    // Due again only once the interval after that claim has passed.
    const Result<QList<qint64>> again = numbers.claimHealthChecks(later + 60, later, 100);
    QVERIFY(again);
    QCOMPARE(QSet<qint64>(again->begin(), again->end()), QSet<qint64>(first->begin(), first->end()));
}

QTEST_GUILESS_MAIN(tst_NumberHealth)
#include "tst_number_health.moc"
