#pragma once

#include "http/Result.h"
#include "store/InboundStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

class Database;

// What one webhook delivery did (for logs and tests).
struct InboundSummary {
    int messagesStored = 0;
    int duplicates = 0;
    int statusesApplied = 0;
    int chatsOpened = 0;
    QStringList notes;   // what was not understood; non-empty: the body went to webhook_events
};

// The inbound side of WhatsApp (CONTRACT §4–§5, issue 4), run inside the webhook's transaction:
// for each inbound message, the phone is normalised, the client found or created (named from
// the profile), the open chat of (client, number) found or opened `queued` on the number's
// primary campaign (greeted with the campaign's welcome message, or its offline message outside
// business hours, stored pending for the outbound worker), and the message stored once per
// provider id; status updates move outbound messages forward only. Whatever is not understood
// is kept in webhook_events with a note, never dropped and never an error.
class InboundPipeline {
public:
    InboundPipeline(Database &db, QString defaultRegion);

    // One Meta webhook POST body (already authenticated) for `number`.
    Result<InboundSummary> handleMeta(const InboundNumber &number, const QByteArray &rawBody, qint64 now);

    // Meta's status vocabulary mapped onto ours ("played" is "read"); empty when unknown.
    static QString metaStatus(const QString &status);
    // Order of statuses: a status only ever moves to a higher rank (pending < sent < failed <
    // delivered < read). A failed message that Meta later reports delivered or read did reach
    // the client; a late "sent" never undoes a failure.
    static int statusRank(const QString &status);

private:
    Result<Ok> metaMessage(const InboundNumber &number, const QJsonObject &value, const QJsonObject &message,
                           qint64 now, InboundSummary &summary);
    Result<Ok> metaStatusUpdate(const InboundNumber &number, const QJsonObject &status, InboundSummary &summary);

    InboundStore m_store;
    QString m_defaultRegion;
};
