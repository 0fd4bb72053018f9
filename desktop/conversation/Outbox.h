#pragma once

#include <Conversa/api/ApiRequests.h>

#include <QList>
#include <QString>

// Messages typed here and not yet stored by the server, kept in a JSON file so that they are sent
// after a restart too. Each keeps its Idempotency-Key for its whole life: however often it is sent
// (retries, a lost answer, a restart), the server stores it once. An entry belongs to a user on a
// server and is only sent by them.
class Outbox {
public:
    struct Entry {
        QString server;   // the API's base URL
        qint64 userId = 0;
        QString preview;                        // what the local row shows
        Conversa::SendMessageRequest request;   // with its idempotencyKey
        bool inFlight = false;                  // not saved: after a restart nothing is in flight
    };

    // file: where the entries are kept; empty keeps them in memory only.
    explicit Outbox(const QString &file);

    const QList<Entry> &entries() const { return m_entries; }
    int count() const { return int(m_entries.size()); }
    Entry *find(const QByteArray &key);
    void add(const Entry &entry);
    void remove(const QByteArray &key);
    void removeFor(const QString &server, qint64 userId);   // a sign-out gives up what is unsent
    void setInFlight(const QByteArray &key, bool inFlight);
    QList<QByteArray> keysFor(const QString &server, qint64 userId) const;

private:
    void load();
    void save() const;

    QString m_file;
    QList<Entry> m_entries;
};
