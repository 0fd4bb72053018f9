#include "ReportDataSet.h"

#include "Fixtures.h"

#include "store/Database.h"

#include <QJsonArray>
#include <QJsonObject>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace ReportDataSet {

QVariant timeOrNull(qint64 t)
{
    return t ? QVariant(t) : QVariant(QMetaType(QMetaType::LongLong));
}

bool exec(TestServer &server, const char *sql, std::initializer_list<QVariant> values)
{
    SqlQuery q(server.db(), sql, values);
    if (!q.exec()) {
        qWarning("failed: %s", sql);
        return false;
    }
    return true;
}

qint64 addChat(TestServer &server, World &world, const Chat &c)
{
    const int seq = ++world.seq;
    const QString phone = u"+57311%1"_s.arg(seq, 7, 10, QChar(u'0'));
    const qint64 client =
        insertReturningId(server.db(),
                          "INSERT INTO clients (phone_number, first_name, search_text, custom_fields, created_at, "
                          "updated_at) VALUES (?, ?, '', '{}', ?, ?) RETURNING id",
                          {phone, c.client.isEmpty() ? u"Cliente %1"_s.arg(seq) : c.client, c.opened, c.opened});
    const QString status = c.closed ? u"closed"_s : c.agent ? u"active"_s : u"queued"_s;
    return insertReturningId(
        server.db(),
        "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, created_at, "
        "queued_at, first_queued_at, assigned_at, first_assigned_at, first_response_at, first_response_agent_id, "
        "last_activity_at, closed_at, outcome, outcome_value, csat_score, message_count) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {client, c.campaign, world.number, timeOrNull(c.agent), status, c.opened, timeOrNull(c.firstQueued),
         timeOrNull(c.firstQueued), timeOrNull(c.firstAssigned), timeOrNull(c.firstAssigned),
         timeOrNull(c.firstResponse), timeOrNull(c.firstResponseAgent), c.opened, timeOrNull(c.closed),
         c.outcome.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(c.outcome), timeOrNull(c.value),
         c.csat ? QVariant(c.csat) : timeOrNull(0), c.messages});
}

bool build(TestServer &server, const QString &emailDomain, World &w, const QHash<int, QString> &clientNames)
{
    const QString password = u"Agente-Passw0rd-1"_s;
    const QString ana = u"ana@"_s + emailDomain;
    const QString beto = u"beto@"_s + emailDomain;
    w.admin = server.tokenFor(u"admin"_s);
    w.supervisor = server.tokenFor(u"supervisor"_s);
    w.agentA = server.createUser(ana, password, u"agent"_s, u"active"_s, u"Ana"_s, u"Arias"_s);
    w.agentB = server.createUser(beto, password, u"agent"_s, u"active"_s, u"Beto"_s, u"Bravo"_s);
    w.agentAToken = server.login(ana, password);
    w.agentBToken = server.login(beto, password);
    if (w.admin.isEmpty() || w.supervisor.isEmpty() || w.agentAToken.isEmpty() || w.agentBToken.isEmpty())
        return false;

    const qint64 now = nowSeconds();
    w.number = insertReturningId(server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, display_name, provider, status, "
                                 "created_at, updated_at) VALUES ('+573009990000', 'Ventas', 'meta', 'active', ?, ?) "
                                 "RETURNING id",
                                 {now, now});
    const auto campaign = [&](const QString &name) {
        return insertReturningId(
            server.db(),
            "INSERT INTO campaigns (name, code, sla_first_response_seconds, sla_resolution_seconds, "
            "created_at, updated_at) VALUES (?, ?, 60, 3600, ?, ?) RETURNING id",
            {name, name.toUpper(), now, now});
    };
    w.sales = campaign(u"Ventas"_s);
    w.support = campaign(u"Soporte"_s);
    if (!w.number || !w.sales || !w.support || !w.agentA || !w.agentB)
        return false;
    for (qint64 c : {w.sales, w.support}) {
        for (qint64 a : {w.agentA, w.agentB}) {
            if (!exec(server, "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                      {c, a, now}))
                return false;
        }
    }
    const ApiResponse flow =
        server.request("POST", u"/v1/bot-flows"_s,
                       {{u"name"_s, u"Bienvenida"_s},
                        {u"start_node_id"_s, u"welcome"_s},
                        {u"nodes"_s,
                         QJsonArray{QJsonObject{{u"node_key"_s, u"welcome"_s}, {u"node_type"_s, u"end"_s}}}}},
                       w.admin);
    if (flow.status != 201)
        return false;
    w.flow = flow.value(u"id"_s).toInteger();

    const qint64 A = w.agentA, B = w.agentB;
    const qint64 t1 = T + 36000, t2 = T + kDay - 1, t3 = T + kDay + 28800, t4 = T + kDay + 32400, t5 = T + kDay + 43200,
                 t6 = T + 2 * kDay, t7 = T - 1, t8 = T + 54000;
    const Chat chats[9] = {
        {},
        {w.sales, t1, t1, t1 + 30, t1 + 50, A, t1 + 650, A, u"sale"_s, 1000, 5, 6},
        {w.sales, t2, t2, t2 + 90, t2 + 190, B, t2 + 4000, B, u"no_sale"_s, 0, 3, 4},
        {w.sales, t3, t3, 0, 0, 0, t3 + 300, 0, {}, 0, 0, 1},
        {w.sales, t4, 0, 0, 0, 0, t4 + 120, 0, {}, 0, 0, 3},
        {w.sales, t5, t5 + 60, t5 + 100, t5 + 130, A, 0, A, {}, 0, 0, 5},
        {w.sales, t6, t6, 0, 0, 0, t6 + 60, 0, {}, 0, 0, 2},
        {w.sales, t7, t7, 0, 0, 0, t7 + 60, 0, {}, 0, 0, 2},
        {w.support, t8, t8, t8 + 10, t8 + 20, A, t8 + 100, A, u"information"_s, 0, 0, 2},
    };
    for (int i = 1; i <= 8; ++i) {
        Chat c = chats[i];
        c.client = clientNames.value(i);
        w.opened[i] = c.opened;
        w.chats[i] = addChat(server, w, c);
        if (!w.chats[i])
            return false;
    }
    for (const auto &[chat, status, at] :
         {std::tuple{w.chats[4], u"completed"_s, t4}, std::tuple{w.chats[5], u"transferred"_s, t5}}) {
        if (!exec(server,
                  "INSERT INTO bot_sessions (chat_id, flow_id, flow_version, status, node_key, started_at, "
                  "updated_at, ended_at) VALUES (?, ?, 1, ?, 'welcome', ?, ?, ?)",
                  {chat, w.flow, status, at, at, at + 30}))
            return false;
    }
    return exec(server,
                "INSERT INTO chat_events (chat_id, event, from_status, to_status, from_agent_id, to_agent_id, "
                "created_at) VALUES (?, 'transfer', 'active', 'assigned', ?, ?, ?)",
                {w.chats[2], A, B, t2 + 150});
}

}   // namespace ReportDataSet
