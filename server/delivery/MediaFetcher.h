#pragma once

#include "QueueThread.h"
#include "providers/ProviderRegistry.h"

#include <QByteArray>
#include <QString>
#include <QTimer>

#include <map>
#include <memory>

namespace Conversa::Server {

class Database;
class MediaStore;
class NumberStore;
struct GraphResult;
struct MediaJob;

struct MediaSettings {
    QString metaGraphUrl;   // for the providers (ProviderSettings)
    QString dataDir;        // stored files are relative to it
    QByteArray secretKey;   // opens the numbers' access tokens
    int pollMs = 1000;
    int timeoutMs = 30000;        // one Graph request (the media URL, the download)
    qint64 maxBytes = 16 << 20;   // the upload limit: no stored file is larger
    int maxAttempts = 10;         // transient failures before the fetch gives up
    int maxBackoffSeconds = 300;
};

// Downloads inbound WhatsApp media (docs/PROVIDERS.md). Every poll it looks for inbound messages with a
// provider_media_id and no media_file_id on numbers of providers that fetch media by id, claims
// one (MediaStore::claim), has the number's provider download it (Meta: the URL asked of Graph
// with the number's token, at most the upload limit and Meta's limit for the type, the SHA-256
// checked), stores it like an upload (FileStorage: generated
// name, MIME from the content, image preview) and sets messages.media_file_id. Transient errors
// are retried with exponential backoff; media Meta no longer has (404), too large or of a type
// that is not accepted gives up with the reason in the message's error_code / error_message.
// A download is idempotent: a claim left by a fetcher that died is taken again once stale, and a
// file is attached only to a message that has none yet.
//
// Lives on its own thread (MediaThread, a QueueThread) with its own database connection and network access.
class MediaFetcher final : public QueueWorker {
    Q_OBJECT
public:
    MediaFetcher(Database &db, MediaSettings settings, ProviderRegistry providers, QObject *parent = nullptr);
    ~MediaFetcher() override;

    void start() override;
    void shutdown() override;

    // The wait before attempt `attempts + 1` (2^(attempts-1) seconds, capped).
    static qint64 backoffSeconds(int attempts, int capSeconds);
    // Meta's size limit for a media type (MetaCloudProvider::mediaLimit).
    static qint64 metaLimit(const QString &messageType);
    // A claim older than this (seconds) can no longer be in flight anywhere.
    qint64 staleAfterSeconds() const;

signals:
    void finished(qint64 messageId, const QString &outcome);   // stored | retry | failed

private:
    void poll();
    // Starts the download on the job's provider (m_busy until it ends), or says why it cannot start.
    std::optional<ProviderRefusal> fetch(const MediaJob &job, const NumberSecrets &secrets);
    void store(const MediaJob &job, const QByteArray &bytes);
    void fail(const MediaJob &job, const GraphResult &result);
    void done(const MediaJob &job, const QString &outcome);

    Database &m_db;
    MediaSettings m_settings;
    QTimer m_timer;
    ProviderRegistry m_providers;
    std::map<QString, std::unique_ptr<ProviderClient>> m_clients;   // by provider, made on this thread
    MediaStore *m_media = nullptr;
    NumberStore *m_numbers = nullptr;
    bool m_busy = false;
    bool m_stopping = false;
};

// The media fetcher on its own thread; stop() lets a download in flight finish.
class MediaThread final : public QueueThread {
public:
    MediaThread(Database &db, const MediaSettings &settings,
                const ProviderRegistry &providers = ProviderRegistry::builtIn());
    MediaFetcher *fetcher() const { return static_cast<MediaFetcher *>(queueWorker()); }
};

}   // namespace Conversa::Server
