#include "MediaFetcher.h"

#include "providers/meta/MetaCloudProvider.h"
#include "store/Database.h"
#include "store/FileStore.h"
#include "store/MediaStore.h"
#include "store/NumberStore.h"

#include <QLoggingCategory>
#include <QMimeDatabase>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcMedia, "conversa.server.media")

using namespace Qt::StringLiterals;

namespace {
constexpr int kMediaBatch = 20;

void loggedMediaOutcome(const Result<Ok> &written)
{
    if (!written)
        qCWarning(lcMedia) << "could not record a media fetch outcome:" << written.error().code();
}

// A name for the stored file: WhatsApp sends none for images, audio and video.
QString mediaName(const MediaJob &job, const QString &mimeType)
{
    const QString suffix = QMimeDatabase().mimeTypeForName(mimeType).preferredSuffix();
    const QString base = u"whatsapp-%1-%2"_s.arg(job.messageType, job.providerMediaId);
    return suffix.isEmpty() ? base : base + u'.' + suffix;
}

}   // namespace

MediaFetcher::MediaFetcher(Database &db, MediaSettings settings, ProviderRegistry providers, QObject *parent)
    : QueueWorker(parent), m_db(db), m_settings(std::move(settings)), m_timer(this), m_providers(std::move(providers))
{
    m_timer.setInterval(qMax(10, m_settings.pollMs));
    connect(&m_timer, &QTimer::timeout, this, &MediaFetcher::poll);
}

MediaFetcher::~MediaFetcher()
{
    m_clients.clear();
    delete m_media;
    delete m_numbers;
    if (m_media)   // it ran on this thread: its connection goes with it
        m_db.closeThreadConnection();
}

qint64 MediaFetcher::backoffSeconds(int attempts, int capSeconds)
{
    const int shift = qMax(0, attempts - 1);
    const qint64 s = shift >= 30 ? capSeconds : qint64(1) << shift;
    return qBound<qint64>(1, s, qint64(qMax(1, capSeconds)));
}

qint64 MediaFetcher::metaLimit(const QString &type)
{
    return MetaCloudProvider::mediaLimit(type);
}

qint64 MediaFetcher::staleAfterSeconds() const
{
    // Two requests, each aborted after the timeout; claims are stamped in whole seconds.
    return (m_settings.timeoutMs + 999) / 1000 * 2 + 5;
}

void MediaFetcher::start()
{
    if (!m_media) {
        ProviderSettings settings;
        settings.metaGraphUrl = m_settings.metaGraphUrl;
        settings.timeoutMs = m_settings.timeoutMs;
        for (const WhatsAppProvider *p : m_providers.all()) {
            if (p->capabilities().mediaFetch)
                m_clients[p->name()] = p->client(settings);
        }
        m_media = new MediaStore(m_db);
        m_numbers = new NumberStore(m_db, m_settings.secretKey);
    }
    m_stopping = false;
    m_timer.start();
    QTimer::singleShot(0, this, &MediaFetcher::poll);
}

void MediaFetcher::shutdown()
{
    m_stopping = true;
    m_timer.stop();
    if (!m_busy)
        emit idle();
}

void MediaFetcher::poll()
{
    if (m_busy || m_stopping || !m_media)
        return;
    const qint64 now = nowSeconds();
    const qint64 staleBefore = now - staleAfterSeconds();
    const Result<QList<qint64>> due =
        m_media->due(now, staleBefore, kMediaBatch, m_providers.namesWith(&ProviderCapabilities::mediaFetch));
    if (!due)
        return;   // logged by the store; the next poll tries again
    for (const qint64 id : *due) {
        const Result<std::optional<MediaJob>> claim = m_media->claim(id, now, staleBefore);
        if (!claim)
            return;
        if (!claim->has_value())
            continue;
        const MediaJob job = **claim;
        if (!m_clients.count(job.provider)) {
            loggedMediaOutcome(
                m_media->giveUp(job, u"media_unsupported"_s, u"Media of this provider is not fetched"_s, now));
            emit finished(job.messageId, u"failed"_s);
            continue;
        }
        const Result<NumberSecrets> secrets = m_numbers->secrets(job.numberId);
        const std::optional<ProviderRefusal> refused = fetch(job, secrets ? *secrets : NumberSecrets{});
        if (refused && refused->code == "number_not_configured"_L1) {
            // Maybe configured later: keep trying, slowly.
            loggedMediaOutcome(m_media->reschedule(job, now + m_settings.maxBackoffSeconds));
            qCWarning(lcMedia) << "number" << job.numberId << "is not configured for its provider: media of message"
                               << job.messageId << "waits";
            emit finished(job.messageId, u"retry"_s);
            continue;
        }
        if (refused) {
            loggedMediaOutcome(m_media->giveUp(job, refused->code, refused->text, now));
            emit finished(job.messageId, u"failed"_s);
            continue;
        }
        return;   // one download at a time; the next poll starts as soon as it ends
    }
}

std::optional<ProviderRefusal> MediaFetcher::fetch(const MediaJob &job, const NumberSecrets &secrets)
{
    ProviderAccount account;
    account.numberId = job.numberId;
    account.metaPhoneNumberId = job.metaPhoneNumberId;
    account.secrets = secrets;
    m_busy = true;
    const std::optional<ProviderRefusal> refused =
        m_clients.at(job.provider)
            ->fetchMedia(account, job.providerMediaId, job.messageType, m_settings.maxBytes,
                         [this, job](const GraphResult &r, const QByteArray &bytes) {
                             if (r.outcome != GraphResult::Outcome::Sent)
                                 fail(job, r);
                             else
                                 store(job, bytes);
                         });
    if (refused)
        m_busy = false;
    return refused;
}

void MediaFetcher::store(const MediaJob &job, const QByteArray &bytes)
{
    FileRecord file;
    switch (FileStorage::write(m_settings.dataDir, bytes, mediaName(job, job.mimeType), file)) {
    case FileStorage::Outcome::Refused:
        fail(job,
             GraphResult{GraphResult::Outcome::Permanent,
                         {},
                         u"media_type_refused"_s,
                         u"The media is not of an accepted file type"_s});
        return;
    case FileStorage::Outcome::Failed:
        fail(job,
             GraphResult{GraphResult::Outcome::Transient,
                         {},
                         u"media_not_written"_s,
                         u"The media could not be written to the data directory"_s});
        return;
    case FileStorage::Outcome::Stored: break;
    }
    const Result<bool> attached = m_media->attach(job, file, nowSeconds());
    if (!attached || !*attached) {
        FileStorage::remove(m_settings.dataDir, file.storagePath, file.thumbnailPath);
        if (!attached) {
            fail(job,
                 GraphResult{GraphResult::Outcome::Transient,
                             {},
                             u"database"_s,
                             u"The file row could not be written"_s});
            return;
        }
        done(job, u"stored"_s);   // another fetcher stored it first
        return;
    }
    qCDebug(lcMedia) << "message" << job.messageId << "media stored as file" << file.id;
    done(job, u"stored"_s);
}

void MediaFetcher::fail(const MediaJob &job, const GraphResult &r)
{
    const qint64 now = nowSeconds();
    if (r.outcome == GraphResult::Outcome::Transient && job.attempts < m_settings.maxAttempts) {
        const qint64 wait = backoffSeconds(job.attempts, m_settings.maxBackoffSeconds);
        qCInfo(lcMedia).noquote() << "media of message" << job.messageId << "attempt" << job.attempts
                                  << "failed:" << r.errorCode << "- next in" << wait << "s";
        loggedMediaOutcome(m_media->reschedule(job, now + wait));
        done(job, u"retry"_s);
        return;
    }
    qCInfo(lcMedia).noquote() << "media of message" << job.messageId << "given up:" << r.errorCode << r.errorMessage;
    const QString code = r.errorCode.startsWith("media_"_L1) ? r.errorCode : u"media_unavailable"_s;
    const QString text = r.errorCode.startsWith("media_"_L1)
        ? r.errorMessage
        : u"The media could not be downloaded from WhatsApp (%1: %2)"_s.arg(r.errorCode, r.errorMessage);
    loggedMediaOutcome(m_media->giveUp(job, code, text, now));
    done(job, u"failed"_s);
}

void MediaFetcher::done(const MediaJob &job, const QString &outcome)
{
    m_busy = false;
    emit finished(job.messageId, outcome);
    if (m_stopping)
        emit idle();
    else
        QTimer::singleShot(0, this, &MediaFetcher::poll);
}

// ---- MediaThread ----

MediaThread::MediaThread(Database &db, const MediaSettings &settings, const ProviderRegistry &providers)
    : QueueThread(new MediaFetcher(db, settings, providers), u"media"_s, settings.timeoutMs * 2 + 5000)
{}

}   // namespace Conversa::Server
