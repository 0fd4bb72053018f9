// How the audit log and the login attempts are kept from growing without end: rows past their
// retention go and the rest stays (store/RetentionStore), and refused anonymous requests past an
// address's share are counted, not written (docs/CONFIGURATION.md#retention).
#include "TestServer.h"

#include "core/Clock.h"
#include "store/Database.h"

#include <QTest>

#include <algorithm>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

class tst_Retention : public QObject {
    Q_OBJECT

private slots:
    void oldRowsGoOthersStay();
    void auditKeptForEverByDefault();
    void anonymousRefusalsAreCappedPerAddress();
};

namespace {

constexpr qint64 kDay = 86400;

bool addAudit(TestServer &server, const QString &action, qint64 createdAt)
{
    return SqlQuery(server.db(),
                    "INSERT INTO audit_logs (action, success, status_code, created_at) VALUES (?, TRUE, 200, ?)",
                    {action, createdAt})
        .exec();
}

bool addAttempt(TestServer &server, const QString &email, qint64 createdAt)
{
    return SqlQuery(server.db(),
                    "INSERT INTO login_attempts (email, ip_address, success, created_at) VALUES (?, '10.0.0.1', FALSE, ?)",
                    {email, createdAt})
        .exec();
}

}   // namespace

void tst_Retention::oldRowsGoOthersStay()
{
    TestServer server;
    QVERIFY(server.start({{u"CONVERSA_AUDIT_RETENTION_DAYS"_s, u"30"_s},
                          {u"CONVERSA_LOGIN_ATTEMPT_RETENTION_DAYS"_s, u"60"_s},
                          {u"CONVERSA_RETENTION_SWEEP_MS"_s, u"200"_s}}));
    const qint64 now = nowSeconds();
    for (int i = 0; i < 2500; ++i)   // more than one batch
        QVERIFY(addAudit(server, u"probe.old"_s, now - 31 * kDay - i));
    QVERIFY(addAudit(server, u"probe.recent"_s, now - 29 * kDay));
    QVERIFY(addAttempt(server, u"old@example.com"_s, now - 61 * kDay));
    QVERIFY(addAttempt(server, u"kept@example.com"_s, now - 59 * kDay));

    QTRY_COMPARE_WITH_TIMEOUT(server.count(u"audit_logs"_s, u"action = 'probe.old'"_s), 0, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(server.count(u"login_attempts"_s, u"email = 'old@example.com'"_s), 0, 10000);
    QCOMPARE(server.count(u"audit_logs"_s, u"action = 'probe.recent'"_s), 1);
    QCOMPARE(server.count(u"login_attempts"_s, u"email = 'kept@example.com'"_s), 1);
}

void tst_Retention::auditKeptForEverByDefault()
{
    TestServer server;
    QVERIFY(server.start({{u"CONVERSA_RETENTION_SWEEP_MS"_s, u"200"_s}}));
    const qint64 now = nowSeconds();
    QVERIFY(addAudit(server, u"probe.ancient"_s, now - 3650 * kDay));
    QVERIFY(addAttempt(server, u"old@example.com"_s, now - 91 * kDay));   // past the 90-day default
    QTRY_COMPARE_WITH_TIMEOUT(server.count(u"login_attempts"_s, u"email = 'old@example.com'"_s), 0, 10000);
    QCOMPARE(server.count(u"audit_logs"_s, u"action = 'probe.ancient'"_s), 1);
}

void tst_Retention::anonymousRefusalsAreCappedPerAddress()
{
    TestServer server;
    QVERIFY(server.start({{u"CONVERSA_ANONYMOUS_AUDIT_LIMIT"_s, u"5"_s}}));
    const QByteArray agent = server.tokenFor(u"agent"_s);
    const qint64 mark = server.auditMark();
    for (int i = 0; i < 8; ++i)
        QCOMPARE(server.request("GET", u"/v1/audit-logs"_s).status, 401);
    // Someone signed in is still audited every time.
    for (int i = 0; i < 8; ++i)
        QCOMPARE(server.request("GET", u"/v1/audit-logs"_s, {}, agent).status, 403);
    const QList<QJsonObject> rows = server.auditRowsSince(u"audit.list"_s, mark);
    const auto anonymous = std::count_if(rows.begin(), rows.end(), [](const QJsonObject &row) {
        return row.value(u"user_id"_s).isNull() || row.value(u"user_id"_s).toInteger() == 0;
    });
    QCOMPARE(anonymous, 5);
    QCOMPARE(rows.size() - anonymous, 8);
    const ApiResponse metrics = server.request("GET", u"/metrics"_s);
    QVERIFY2(metrics.body.contains("conversa_audit_rows_dropped 3"), metrics.body.right(600).constData());
}

QTEST_MAIN(tst_Retention)
#include "tst_retention.moc"
