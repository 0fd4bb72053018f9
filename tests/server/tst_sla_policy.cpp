// SlaPolicy, the one SLA rule: when a chat's first response and resolution are due and whether
// they were breached, and when routing takes a chat back from an agent who has not answered. Each
// case is checked in C++ and, on the same row, through the SQL the policy gives the stores
// (an in-memory SQLite database), so the two definitions cannot drift apart. No server.
#include "core/SlaPolicy.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 T = 1'700'000'000;   // some moment
constexpr SlaTargets kTargets{.firstResponseSeconds = 300, .resolutionSeconds = 3600};

QVariant orNull(qint64 v)
{
    return v > 0 ? QVariant(v) : QVariant(QMetaType::fromType<qint64>());
}

}   // namespace

class tst_SlaPolicy : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void evaluate_data();
    void evaluate();
    void agentAnswerOverdue_data();
    void agentAnswerOverdue();

private:
    // The SQL fragment's verdict on one chat row (with kTargets' campaign), binding `bound` if given.
    bool sql(const SlaChatTimes &c, const QString &condition, const QVariant &bound = {});

    QSqlDatabase m_db;
    int m_seq = 0;
};

void tst_SlaPolicy::initTestCase()
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"sla"_s);
    m_db.setDatabaseName(u":memory:"_s);
    QVERIFY(m_db.open());
    QSqlQuery q(m_db);
    QVERIFY(q.exec(u"CREATE TABLE campaigns (id INTEGER PRIMARY KEY, sla_first_response_seconds INTEGER NOT NULL, "
                   "sla_resolution_seconds INTEGER NOT NULL)"_s));
    QVERIFY(
        q.exec(u"CREATE TABLE chats (id INTEGER PRIMARY KEY, campaign_id INTEGER NOT NULL, created_at BIGINT NOT NULL, "
               "queued_at BIGINT, assigned_at BIGINT, first_response_at BIGINT, closed_at BIGINT)"_s));
    QVERIFY(q.exec(u"INSERT INTO campaigns VALUES (1, %1, %2)"_s.arg(kTargets.firstResponseSeconds)
                       .arg(kTargets.resolutionSeconds)));
}

bool tst_SlaPolicy::sql(const SlaChatTimes &c, const QString &condition, const QVariant &bound)
{
    const int id = ++m_seq;
    QSqlQuery insert(m_db);
    insert.prepare(u"INSERT INTO chats VALUES (?, 1, ?, ?, ?, ?, ?)"_s);
    for (const QVariant &v : {QVariant(id), QVariant(c.createdAt), orNull(c.queuedAt), orNull(c.assignedAt),
                              orNull(c.firstResponseAt), orNull(c.closedAt)})
        insert.addBindValue(v);
    if (!insert.exec())
        qWarning() << insert.lastError().text();
    QSqlQuery q(m_db);
    q.prepare(u"SELECT CASE WHEN %1 THEN 1 ELSE 0 END FROM chats ch JOIN campaigns c ON c.id = ch.campaign_id "
              "WHERE ch.id = ?"_s.arg(condition));
    if (bound.isValid())
        q.addBindValue(bound);
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        qWarning() << q.lastError().text();
    return q.value(0).toInt() == 1;
}

void tst_SlaPolicy::evaluate_data()
{
    QTest::addColumn<qint64>("queuedAt");
    QTest::addColumn<qint64>("firstResponseAt");
    QTest::addColumn<qint64>("closedAt");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<qint64>("responseDue");
    QTest::addColumn<bool>("responseBreached");
    QTest::addColumn<bool>("resolutionBreached");
    // Every chat is created at T; the targets are 300 s (first response) and 3600 s (resolution).
    QTest::newRow("open, waiting, before the due moment") << T << 0ll << 0ll << T + 100 << T + 300 << false << false;
    QTest::newRow("open, waiting, at the due moment") << T << 0ll << 0ll << T + 300 << T + 300 << false << false;
    QTest::newRow("open, waiting, past it") << T << 0ll << 0ll << T + 301 << T + 300 << true << false;
    QTest::newRow("never queued: the clock starts at creation")
        << 0ll << T + 301 << 0ll << T + 400 << T + 300 << true << false;
    QTest::newRow("queued later: the clock starts at queueing")
        << T + 1000 << T + 1200 << 0ll << T + 1300 << T + 1300 << false << false;
    QTest::newRow("answered in time, later than now says nothing")
        << T << T + 300 << 0ll << T + 9999 << T + 300 << false << true;
    QTest::newRow("answered late") << T << T + 301 << 0ll << T + 302 << T + 300 << true << false;
    QTest::newRow("closed unanswered before the due moment")
        << T << 0ll << T + 200 << T + 9999 << T + 300 << false << false;
    QTest::newRow("closed unanswered after it") << T << 0ll << T + 400 << T + 9999 << T + 300 << true << false;
    QTest::newRow("closed at the resolution due moment")
        << T << T + 10 << T + 3600 << T + 9999 << T + 300 << false << false;
    QTest::newRow("closed after it") << T << T + 10 << T + 3601 << T + 3601 << T + 300 << false << true;
    QTest::newRow("open past the resolution due moment") << T << T + 10 << 0ll << T + 3601 << T + 300 << false << true;
}

void tst_SlaPolicy::evaluate()
{
    QFETCH(qint64, queuedAt);
    QFETCH(qint64, firstResponseAt);
    QFETCH(qint64, closedAt);
    QFETCH(qint64, now);
    QFETCH(qint64, responseDue);
    QFETCH(bool, responseBreached);
    QFETCH(bool, resolutionBreached);
    const SlaChatTimes chat{.createdAt = T,
                            .queuedAt = queuedAt,
                            .firstResponseAt = firstResponseAt,
                            .closedAt = closedAt};

    const SlaStatus s = SlaPolicy::evaluate(chat, kTargets, now);
    QCOMPARE(s.firstResponseDueAt, responseDue);
    QCOMPARE(s.firstResponseBreached, responseBreached);
    QCOMPARE(s.resolutionDueAt, T + 3600);
    QCOMPARE(s.resolutionBreached, resolutionBreached);

    // The SQL agrees wherever it is asked: answered chats for the first response, closed ones
    // for the resolution.
    if (firstResponseAt > 0)
        QCOMPARE(sql(chat, SlaPolicy::respondedInTimeSql(u"ch"_s, u"c"_s)), !responseBreached);
    if (closedAt > 0)
        QCOMPARE(sql(chat, SlaPolicy::resolvedInTimeSql(u"ch"_s, u"c"_s)), !resolutionBreached);
    QVERIFY(sql(chat,
                u"%1 = %2"_s.arg(SlaPolicy::firstResponseStartSql(u"ch"_s)).arg(SlaPolicy::firstResponseStart(chat))));
}

void tst_SlaPolicy::agentAnswerOverdue_data()
{
    QTest::addColumn<qint64>("queuedAt");
    QTest::addColumn<qint64>("assignedAt");
    QTest::addColumn<qint64>("firstResponseAt");
    QTest::addColumn<qint64>("now");
    QTest::addColumn<bool>("overdue");
    // The agent's clock starts at the assignment, however long the chat waited before.
    QTest::newRow("within the target of the assignment") << T << T + 1000 << 0ll << T + 1300 << false;
    QTest::newRow("past it") << T << T + 1000 << 0ll << T + 1301 << true;
    QTest::newRow("answered") << T << T + 1000 << T + 1100 << T + 9999 << false;
    QTest::newRow("not assigned") << T << 0ll << 0ll << T + 9999 << false;
}

void tst_SlaPolicy::agentAnswerOverdue()
{
    QFETCH(qint64, queuedAt);
    QFETCH(qint64, assignedAt);
    QFETCH(qint64, firstResponseAt);
    QFETCH(qint64, now);
    QFETCH(bool, overdue);
    const SlaChatTimes chat{.createdAt = T,
                            .queuedAt = queuedAt,
                            .assignedAt = assignedAt,
                            .firstResponseAt = firstResponseAt};
    QCOMPARE(SlaPolicy::agentAnswerOverdue(chat, kTargets, now), overdue);
    QCOMPARE(sql(chat, SlaPolicy::agentAnswerOverdueSql(u"ch"_s, u"c"_s), now), overdue);
}

QTEST_APPLESS_MAIN(tst_SlaPolicy)
#include "tst_sla_policy.moc"
