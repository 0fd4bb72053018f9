#pragma once

#include <QFlags>

namespace Conversa::Server {

class Database;
class RealtimeBus;
class RequestContext;

// The server → client events of WhatsApp numbers (docs/REALTIME.md), to the `numbers` room
// (sockets of users with whatsapp.numbers.manage):
//   number.status {number_id, status, connection_status, last_connected_at, last_error, detail}
//   number.qr     {number_id, qr_code, expires_at}
// Each reads the number after the commit that changed it, on the calling thread's connection; a
// number that is gone by then, or that shows no QR any more, sends nothing.
class NumberEvents {
public:
    enum Change { Status = 0x1, Qr = 0x2 };
    Q_DECLARE_FLAGS(Changes, Change)

    // Once the request's changes are committed (on the request's thread).
    static void afterCommit(RequestContext &ctx, Database &db, RealtimeBus &bus, qint64 numberId, Changes changes);
    // Now: the caller has committed (workers).
    static void publish(Database &db, RealtimeBus &bus, qint64 numberId, Changes changes);
};

Q_DECLARE_OPERATORS_FOR_FLAGS(NumberEvents::Changes)

}   // namespace Conversa::Server
