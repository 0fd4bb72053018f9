// GET /v1/bot-flows/{id}/stats over real HTTP (docs/BOT_FLOWS.md#statistics): sessions and their
// steps written straight into bot_sessions and bot_session_steps, then every figure, the date and
// version filters, a flow without sessions, refusals — against SQLite and PostgreSQL.
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"

#include <Conversa/dto/BotFlowDto.h>

#include <QDateTime>
#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

QJsonObject statsNode(const QString &key, const QString &type, const QJsonObject &config)
{
    return {{u"node_key"_s, key}, {u"node_type"_s, type}, {u"config"_s, config}};
}

QJsonObject statsOption(const QString &label, const QString &next)
{
    return {{u"label"_s, label}, {u"value"_s, label.toLower()}, {u"next"_s, next}};
}

// welcome → menu → (sales | ask → bye); sessions also know `old_node`, removed since.
QJsonArray statsNodes()
{
    return {statsNode(u"welcome"_s, u"message"_s, {{u"content"_s, u"Hola"_s}, {u"next"_s, u"menu"_s}}),
            statsNode(u"menu"_s, u"menu"_s,
                      {{u"content"_s, u"Elige"_s},
                       {u"options"_s,
                        QJsonArray{statsOption(u"Ventas"_s, u"sales"_s), statsOption(u"Soporte"_s, u"ask"_s)}}}),
            statsNode(u"ask"_s, u"input"_s,
                      {{u"content"_s, u"¿Pedido?"_s}, {u"variable"_s, u"order"_s}, {u"next"_s, u"bye"_s}}),
            statsNode(u"sales"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}}), statsNode(u"bye"_s, u"end"_s, {})};
}

qint64 utcDay(int day)
{
    return QDateTime(QDate(2026, 3, day), QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
}

// A step: the node entered, by which edge (empty for the first).
struct StatsStep {
    QString node;
    QString edge;
};

QJsonObject nodeStatOf(const ApiResponse &r, const QString &key)
{
    for (const QJsonValue &n : r.value(u"node_stats"_s).toArray()) {
        if (n.toObject().value(u"node_key"_s).toString() == key)
            return n.toObject();
    }
    return {};
}

// "node: visits/exits/waiting" per node, in the answer's order.
QStringList nodeFigures(const ApiResponse &r)
{
    QStringList out;
    for (const QJsonValue &v : r.value(u"node_stats"_s).toArray()) {
        const QJsonObject n = v.toObject();
        out.append(u"%1: %2/%3/%4"_s.arg(n.value(u"node_key"_s).toString())
                       .arg(n.value(u"visits"_s).toInteger())
                       .arg(n.value(u"exits"_s).toInteger())
                       .arg(n.value(u"waiting"_s).toInteger()));
    }
    return out;
}

QStringList edgeFigures(const ApiResponse &r)
{
    QStringList out;
    for (const QJsonValue &v : r.value(u"edges"_s).toArray()) {
        const QJsonObject e = v.toObject();
        out.append(u"%1>%2 %3 %4"_s
                       .arg(e.value(u"from"_s).toString(), e.value(u"to"_s).toString(), e.value(u"edge"_s).toString())
                       .arg(e.value(u"count"_s).toInteger()));
    }
    return out;
}

}   // namespace

class tst_BotFlowStats : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void everyFigure();
    void filters_data();
    void filters();
    void emptyFlow();
    void validation_data();
    void validation();
    void refusals_data();
    void refusals();

private:
    ApiResponse stats(qint64 flow, const QString &query = {}, const QByteArray &token = {})
    {
        return m_server.request("GET",
                                u"/v1/bot-flows/%1/stats"_s.arg(flow) + (query.isEmpty() ? QString() : u'?' + query),
                                {}, token.isNull() ? m_admin : token);
    }
    qint64 createFlow(const QString &name);
    bool addSession(qint64 flow, int version, const QString &status, const QString &node, qint64 startedAt,
                    qint64 endedAt, const QList<StatsStep> &steps);

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;
    qint64 m_client = 0;
    qint64 m_campaign = 0;
    qint64 m_number = 0;
    qint64 m_flow = 0;
};

void tst_BotFlowStats::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty());
    const qint64 now = nowSeconds();
    m_number =
        insertReturningId(m_server.db(),
                          "INSERT INTO whatsapp_numbers (phone_number, provider, status, created_at, updated_at) "
                          "VALUES ('+573000000777', 'meta', 'active', ?, ?) RETURNING id",
                          {now, now});
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) VALUES (?, ?, ?, ?) "
                                   "RETURNING id",
                                   {u"Bots"_s, u"BOTS"_s, now, now});
    m_client =
        insertReturningId(m_server.db(),
                          "INSERT INTO clients (phone_number, search_text, custom_fields, created_at, updated_at) "
                          "VALUES ('+573001112233', '', '{}', ?, ?) RETURNING id",
                          {now, now});
    QVERIFY(m_number && m_campaign && m_client);
    m_flow = createFlow(u"Estadísticas"_s);
    const qint64 other = createFlow(u"Otro"_s);
    QVERIFY(m_flow && other);

    const qint64 d1 = utcDay(10), d2 = utcDay(11), d3 = utcDay(12);
    const StatsStep welcome{u"welcome"_s, {}};
    const StatsStep menu{u"menu"_s, u"config.next"_s};
    const StatsStep ask{u"ask"_s, u"config.options[1].next"_s};
    const StatsStep bye{u"bye"_s, u"config.next"_s};
    // Day 1, version 1: a completion (100 s), a transfer at the day's last second (50 s), a failure at a removed node.
    QVERIFY(addSession(m_flow, 1, u"completed"_s, u"bye"_s, d1 + 36000, d1 + 36100, {welcome, menu, ask, bye}));
    QVERIFY(addSession(m_flow, 1, u"transferred"_s, u"sales"_s, d1 + 86399, d1 + 86449,
                       {welcome, menu, {u"sales"_s, u"config.options[0].next"_s}}));
    QVERIFY(addSession(m_flow, 1, u"failed"_s, u"old_node"_s, d1 + 3600, d1 + 3601,
                       {welcome, {u"old_node"_s, u"config.next"_s}}));
    // Day 2: a timeout at the menu (version 1), too many invalid answers at ask (version 2).
    QVERIFY(addSession(m_flow, 1, u"timed_out"_s, u"menu"_s, d2 + 100, d2 + 400, {welcome, menu}));
    QVERIFY(addSession(m_flow, 2, u"invalid_answers"_s, u"ask"_s, d2 + 200, d2 + 260, {welcome, menu, ask}));
    // Day 3, version 2: one waiting at ask, one completion (301 s) that passed the menu twice.
    QVERIFY(addSession(m_flow, 2, u"active"_s, u"ask"_s, d3, 0, {welcome, menu, ask}));
    QVERIFY(addSession(m_flow, 2, u"completed"_s, u"bye"_s, d3 + 10, d3 + 311,
                       {welcome, menu, {u"old_node"_s, u"config.options[2].next"_s}, menu, ask, bye}));
    // Another flow's session counts for that flow only.
    QVERIFY(addSession(other, 1, u"completed"_s, u"welcome"_s, d1 + 10, d1 + 20, {welcome}));
}

qint64 tst_BotFlowStats::createFlow(const QString &name)
{
    const ApiResponse r =
        m_server.request("POST", u"/v1/bot-flows"_s,
                         {{u"name"_s, name}, {u"start_node_id"_s, u"welcome"_s}, {u"nodes"_s, statsNodes()}}, m_admin);
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

bool tst_BotFlowStats::addSession(qint64 flow, int version, const QString &status, const QString &node,
                                  qint64 startedAt, qint64 endedAt, const QList<StatsStep> &steps)
{
    // A closed chat each: a client may have any number of them.
    const qint64 chat = insertReturningId(m_server.db(),
                                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, status, "
                                          "created_at, last_activity_at) VALUES (?, ?, ?, 'closed', ?, ?) RETURNING id",
                                          {m_client, m_campaign, m_number, startedAt, startedAt});
    const qint64 session = insertReturningId(
        m_server.db(),
        "INSERT INTO bot_sessions (chat_id, flow_id, flow_version, status, node_key, waiting_for, started_at, "
        "updated_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {chat, flow, version, status, node,
         status == "active"_L1 ? QVariant(u"reply"_s) : QVariant(QMetaType(QMetaType::QString)), startedAt,
         endedAt ? endedAt : startedAt, endedAt ? QVariant(endedAt) : QVariant(QMetaType(QMetaType::LongLong))});
    if (!chat || !session)
        return false;
    QString from;
    for (qsizetype i = 0; i < steps.size(); ++i) {
        const qint64 step = insertReturningId(
            m_server.db(),
            "INSERT INTO bot_session_steps (session_id, flow_id, flow_version, node_key, from_node_key, edge, "
            "entered_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {session, flow, version, steps[i].node, nullIfEmpty(from), nullIfEmpty(steps[i].edge), startedAt + i});
        if (!step)
            return false;
        from = steps[i].node;
    }
    return true;
}

void tst_BotFlowStats::everyFigure()
{
    const ApiResponse r = stats(m_flow, {}, m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"total_sessions"_s).toInt(), 7);
    QCOMPARE(r.value(u"total_completions"_s).toInt(), 3);
    QCOMPARE(r.value(u"completion_rate"_s).toDouble(), 42.86);
    QCOMPARE(r.value(u"avg_completion_time_seconds"_s).toInt(), 150);   // (100 + 50 + 301) / 3
    // The draft's nodes in its order, then the removed one.
    QCOMPARE(nodeFigures(r),
             (QStringList{u"welcome: 7/0/0"_s, u"menu: 6/1/0"_s, u"ask: 4/1/1"_s, u"sales: 1/0/0"_s, u"bye: 2/0/0"_s,
                          u"old_node: 2/1/0"_s}));
    QCOMPARE(edgeFigures(r),
             (QStringList{u"ask>bye config.next 2"_s, u"menu>ask config.options[1].next 4"_s,
                          u"menu>old_node config.options[2].next 1"_s, u"menu>sales config.options[0].next 1"_s,
                          u"old_node>menu config.next 1"_s, u"welcome>menu config.next 6"_s,
                          u"welcome>old_node config.next 1"_s}));
    QCOMPARE(r.value(u"outcomes"_s).toObject(),
             (QJsonObject{{u"active"_s, 1},
                          {u"completed"_s, 2},
                          {u"transferred"_s, 1},
                          {u"timed_out"_s, 1},
                          {u"invalid_answers"_s, 1},
                          {u"step_limit"_s, 0},
                          {u"failed"_s, 1},
                          {u"interrupted"_s, 0}}));
    // The protocol library reads it with the server's key names.
    const Conversa::BotFlowStatsDto dto = Conversa::BotFlowStatsDto::fromJson(r.object());
    QCOMPARE(dto.totalSessions, 7);
    QCOMPARE(dto.completionRate, std::optional<double>(42.86));
    QCOMPARE(dto.nodeStats.size(), 6);
    QCOMPARE(dto.nodeStats.at(2).waiting, 1);
    QCOMPARE(dto.edges.size(), 7);
    QCOMPARE(dto.edges.at(1).count, 4);
    QCOMPARE(dto.outcomes.value(u"failed"_s).toInt(), 1);
    QCOMPARE(dto.toJson(), r.object());
    QCOMPARE(nodeStatOf(r, u"menu"_s).value(u"visits"_s).toInt(), 6);   // the twice-passing session once
}

void tst_BotFlowStats::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("sessions");
    QTest::addColumn<int>("completions");
    QTest::addColumn<double>("rate");
    QTest::addColumn<int>("avg");
    QTest::addColumn<QStringList>("nodes");

    QTest::addRow("day-2") << u"from_date=2026-03-11&to_date=2026-03-11"_s << 2 << 0 << 0.0 << 0
                           << QStringList{u"welcome: 2/0/0"_s, u"menu: 2/1/0"_s, u"ask: 1/1/0"_s, u"sales: 0/0/0"_s,
                                          u"bye: 0/0/0"_s};
    // to_date is inclusive: the transfer at 23:59:59 counts.
    QTest::addRow("day-1") << u"to_date=2026-03-10"_s << 3 << 2 << 66.67 << 75
                           << QStringList{u"welcome: 3/0/0"_s, u"menu: 2/0/0"_s, u"ask: 1/0/0"_s,
                                          u"sales: 1/0/0"_s,   u"bye: 1/0/0"_s,  u"old_node: 1/1/0"_s};
    QTest::addRow("from-day-3") << u"from_date=2026-03-12"_s << 2 << 1 << 50.0 << 301
                                << QStringList{u"welcome: 2/0/0"_s, u"menu: 2/0/0"_s, u"ask: 2/0/1"_s,
                                               u"sales: 0/0/0"_s,   u"bye: 1/0/0"_s,  u"old_node: 1/0/0"_s};
    QTest::addRow("version-1") << u"version=1"_s << 4 << 2 << 50.0 << 75
                               << QStringList{u"welcome: 4/0/0"_s, u"menu: 3/1/0"_s, u"ask: 1/0/0"_s,
                                              u"sales: 1/0/0"_s,   u"bye: 1/0/0"_s,  u"old_node: 1/1/0"_s};
    QTest::addRow("version-2-day-2") << u"version=2&from_date=2026-03-11&to_date=2026-03-11"_s << 1 << 0 << 0.0 << 0
                                     << QStringList{u"welcome: 1/0/0"_s, u"menu: 1/0/0"_s, u"ask: 1/1/0"_s,
                                                    u"sales: 0/0/0"_s, u"bye: 0/0/0"_s};
    QTest::addRow("unknown-version") << u"version=9"_s << 0 << 0 << 0.0 << 0
                                     << QStringList{u"welcome: 0/0/0"_s, u"menu: 0/0/0"_s, u"ask: 0/0/0"_s,
                                                    u"sales: 0/0/0"_s, u"bye: 0/0/0"_s};
}

void tst_BotFlowStats::filters()
{
    QFETCH(QString, query);
    QFETCH(int, sessions);
    QFETCH(int, completions);
    QFETCH(double, rate);
    QFETCH(int, avg);
    QFETCH(QStringList, nodes);
    const ApiResponse r = stats(m_flow, query);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"total_sessions"_s).toInt(), sessions);
    QCOMPARE(r.value(u"total_completions"_s).toInt(), completions);
    QCOMPARE(r.value(u"completion_rate"_s).toDouble(), rate);
    QCOMPARE(r.value(u"avg_completion_time_seconds"_s).toInt(), avg);
    QCOMPARE(nodeFigures(r), nodes);
    qint64 outcomes = 0;
    const QJsonObject o = r.value(u"outcomes"_s).toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        outcomes += it.value().toInteger();
    QCOMPARE(outcomes, sessions);
}

void tst_BotFlowStats::emptyFlow()
{
    const qint64 flow = createFlow(u"Vacío"_s);
    QVERIFY(flow);
    const ApiResponse r = stats(flow);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"total_sessions"_s).toInt(-1), 0);
    QCOMPARE(r.value(u"total_completions"_s).toInt(-1), 0);
    QCOMPARE(r.value(u"completion_rate"_s).toDouble(-1), 0.0);
    QCOMPARE(r.value(u"avg_completion_time_seconds"_s).toInt(-1), 0);
    QCOMPARE(nodeFigures(r),
             (QStringList{u"welcome: 0/0/0"_s, u"menu: 0/0/0"_s, u"ask: 0/0/0"_s, u"sales: 0/0/0"_s, u"bye: 0/0/0"_s}));
    QVERIFY(r.value(u"edges"_s).toArray().isEmpty());
    QCOMPARE(r.value(u"outcomes"_s).toObject().size(), 8);
    QCOMPARE(r.value(u"outcomes"_s).toObject().value(u"completed"_s).toInt(-1), 0);
    // A flow without nodes either.
    const ApiResponse bare = m_server.request("POST", u"/v1/bot-flows"_s, {{u"name"_s, u"Nada"_s}}, m_admin);
    QCOMPARE(bare.status, 201);
    const ApiResponse none = stats(bare.value(u"id"_s).toInteger());
    QCOMPARE(none.status, 200);
    QVERIFY(none.value(u"node_stats"_s).toArray().isEmpty());
}

void tst_BotFlowStats::validation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("from-date") << u"from_date=ayer"_s << QStringList{u"from_date"_s};
    QTest::addRow("to-date") << u"to_date=2026-02-30"_s << QStringList{u"to_date"_s};
    QTest::addRow("to-before-from") << u"from_date=2026-03-12&to_date=2026-03-11"_s << QStringList{u"to_date"_s};
    QTest::addRow("version-zero") << u"version=0"_s << QStringList{u"version"_s};
    QTest::addRow("version-text") << u"version=uno"_s << QStringList{u"version"_s};
}

void tst_BotFlowStats::validation()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    const ApiResponse r = stats(m_flow, query);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
}

void tst_BotFlowStats::refusals_data()
{
    QTest::addColumn<QString>("role");   // "" for no token
    QTest::addColumn<QString>("flow");   // existing, missing or deleted
    QTest::addColumn<int>("status");
    QTest::addRow("anonymous") << QString() << u"existing"_s << 401;
    QTest::addRow("agent") << u"agent"_s << u"existing"_s << 403;
    QTest::addRow("supervisor") << u"supervisor"_s << u"existing"_s << 200;
    QTest::addRow("missing") << u"admin"_s << u"missing"_s << 404;
    QTest::addRow("deleted") << u"admin"_s << u"deleted"_s << 404;
}

void tst_BotFlowStats::refusals()
{
    QFETCH(QString, role);
    QFETCH(QString, flow);
    QFETCH(int, status);
    qint64 id = m_flow;
    if (flow == "missing"_L1) {
        id = 987654;
    } else if (flow == "deleted"_L1) {
        id = createFlow(u"Borrado"_s);
        QVERIFY(id);
        QCOMPARE(m_server.request("DELETE", u"/v1/bot-flows/%1"_s.arg(id), {}, m_admin).status, 204);
    }
    const QByteArray token = role.isEmpty() ? QByteArray("")
        : role == "agent"_L1                ? m_agent
        : role == "supervisor"_L1           ? m_supervisor
                                            : m_admin;
    QCOMPARE(stats(id, {}, token).status, status);
}

QTEST_GUILESS_MAIN(tst_BotFlowStats)
#include "tst_bot_flow_stats.moc"
