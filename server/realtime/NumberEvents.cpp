#include "NumberEvents.h"

#include "RealtimeBus.h"
#include "core/JsonWriter.h"
#include "http/RequestContext.h"
#include "store/NumberStore.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

void NumberEvents::afterCommit(RequestContext &ctx, Database &db, RealtimeBus &bus, qint64 numberId, Changes changes)
{
    // After the answer has gone out, at the thread's next turn of its event loop (as ChatEvents).
    ctx.afterCommit([&db, &bus, numberId, changes] {
        QTimer::singleShot(0, [&db, &bus, numberId, changes] { publish(db, bus, numberId, changes); });
    });
}

void NumberEvents::publish(Database &db, RealtimeBus &bus, qint64 numberId, Changes changes)
{
    const QStringList rooms{u"numbers"_s};
    NumberStore numbers(db, {});   // reads no secret
    if (changes & Status) {
        const Result<WhatsAppNumber> n = numbers.find(numberId);
        if (!n)
            return;
        const Result<QList<NumberConnectionEvent>> last = numbers.connections(numberId, 1);
        JsonWriter w(512);
        w.beginObject().field("number_id", n->id).field("status", n->status);
        w.field("connection_status", n->connectionStatus);
        w.timeOrNull("last_connected_at", n->lastConnectedAt);
        w.textOrNull("last_error", n->lastError);
        w.textOrNull("detail", last && !last->isEmpty() ? last->first().detail : QString());
        w.endObject();
        bus.publish(rooms, u"number.status"_s, w.take());
    }
    if (changes & Qr) {
        const Result<NumberQr> qr = numbers.qr(numberId);
        if (!qr || qr->dataUrl.isEmpty())
            return;
        JsonWriter w(qr->dataUrl.size() + 128);
        w.beginObject().field("number_id", numberId).field("qr_code", qr->dataUrl);
        w.timeOrNull("expires_at", qr->expiresAt);
        w.endObject();
        bus.publish(rooms, u"number.qr"_s, w.take());
    }
}

}   // namespace Conversa::Server
