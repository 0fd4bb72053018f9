#pragma once

#include "TestServer.h"

#include <QHash>
#include <QString>

// The reports' hand-worked data set (every figure is worked out in tst_reports.cpp), shared by
// tst_reports and tst_report_exports. Campaign Ventas (first response due in 60 s, resolution in
// 3,600 s), campaign Soporte (the same targets), agents A and B, one Meta number, a published flow;
// the period is 2026-11-02 and 2026-11-03, UTC.
//   C1 Ventas  11-02 10:00:00  queued at once, A assigned +30, A answers +50, A closes +650: sale
//              1,000, CSAT 5, 6 messages. wait 30, first response 20, handling 620; SLA: answered
//              50 s after queueing (in time), closed 650 s after opening (in time).
//   C2 Ventas  11-02 23:59:59  (the period's first day, last second) queued; A assigned +90 and
//              transfers it away +150; B answers +190 and closes +4,000: no_sale, CSAT 3, 4 messages.
//              wait 90, first response 100 (credited to B), handling 3,910; both SLAs breached.
//   C3 Ventas  11-03 08:00  queued, nobody assigned, closed +300: abandoned, 1 message.
//   C4 Ventas  11-03 09:00  the bot talks to it and closes it +120: resolved by the bot, 3 messages.
//   C5 Ventas  11-03 12:00  the bot hands it over +60 (queued); A assigned +100, answers +130; still
//              open, 5 messages. wait 40, first response 30; answered 70 s after queueing (breached).
//   C6 Ventas  11-04 00:00:00  the day after the period (outside in UTC, inside in Bogotá).
//   C7 Ventas  11-01 23:59:59  the day before (outside in both).
//   C8 Soporte 11-02 15:00  queued; A assigned +10, answers +20, closes +100: information, 2 messages.
namespace ReportDataSet {

constexpr qint64 kDay = 86400;
constexpr qint64 T = 1793577600;   // 2026-11-02T00:00:00Z

// A conversation as the reports read it; times 0 when they did not happen.
struct Chat {
    qint64 campaign = 0;
    qint64 opened = 0;
    qint64 firstQueued = 0;
    qint64 firstAssigned = 0;
    qint64 firstResponse = 0;
    qint64 firstResponseAgent = 0;
    qint64 closed = 0;
    qint64 agent = 0;
    QString outcome;
    qint64 value = 0;
    int csat = 0;
    int messages = 0;
    QString client;   // the client's first name; "Cliente N" when empty
};

struct World {
    QByteArray admin;
    QByteArray supervisor;
    QByteArray agentAToken;
    QByteArray agentBToken;
    qint64 agentA = 0;
    qint64 agentB = 0;
    qint64 sales = 0;
    qint64 support = 0;
    qint64 number = 0;
    qint64 flow = 0;
    qint64 chats[9] = {};    // chats[1] .. chats[8]: C1 .. C8
    qint64 opened[9] = {};   // when each opened
    int seq = 0;             // clients written so far
};

// A conversation with its own client (phone +57311 and the client's sequence number).
qint64 addChat(TestServer &server, World &world, const Chat &c);
// The users, number, campaigns and flow, then C1-C8 with their bot sessions and C2's transfer;
// `clientNames` names the clients of some of them (by 1-8). False, with a warning, on any failure.
bool build(TestServer &server, const QString &emailDomain, World &world, const QHash<int, QString> &clientNames = {});
// Runs a statement; false, with a warning naming it, on failure.
bool exec(TestServer &server, const char *sql, std::initializer_list<QVariant> values);
QVariant timeOrNull(qint64 t);

}   // namespace ReportDataSet
