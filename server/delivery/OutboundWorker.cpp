#include "OutboundWorker.h"

#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/OutboxStore.h"

#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcOutbound, "conversa.server.outbound")

using namespace Qt::StringLiterals;

namespace {
constexpr int kOutboundBatch = 20;
constexpr qint64 kSweepEverySeconds = 5;

// A failed write leaves the claim in place: the message then ends as 'interrupted', never resent.
void loggedSendOutcome(const Result<Ok> &written)
{
    if (!written)
        qCWarning(lcOutbound) << "could not record a send outcome:" << written.error().code();
}
}   // namespace

OutboundWorker::OutboundWorker(Database &db, OutboundSettings settings, ProviderRegistry providers, QObject *parent)
    : QueueWorker(parent), m_db(db), m_settings(std::move(settings)), m_timer(this), m_providers(std::move(providers))
{
    m_timer.setInterval(qMax(10, m_settings.pollMs));
    connect(&m_timer, &QTimer::timeout, this, &OutboundWorker::poll);
}

OutboundWorker::~OutboundWorker()
{
    m_clients.clear();
    delete m_outbox;
    delete m_numbers;
    if (m_outbox)   // it ran on this thread: its connection goes with it
        m_db.closeThreadConnection();
}

qint64 OutboundWorker::backoffSeconds(int attempts, int capSeconds)
{
    const qint64 s = attempts >= 30 ? capSeconds : qint64(1) << qMax(0, attempts);
    return qBound<qint64>(1, s, qint64(qMax(1, capSeconds)));
}

qint64 OutboundWorker::staleAfterSeconds() const
{
    // A send (upload and message) is aborted after the timeout; claims are stamped in whole seconds.
    return (m_settings.timeoutMs + 999) / 1000 * 2 + 5;
}

void OutboundWorker::start()
{
    if (!m_outbox) {
        ProviderSettings settings;
        settings.metaGraphUrl = m_settings.metaGraphUrl;
        settings.timeoutMs = m_settings.timeoutMs;
        for (const WhatsAppProvider *p : m_providers.all())
            m_clients[p->name()] = p->client(settings);
        m_outbox = new OutboxStore(m_db);
        m_numbers = new NumberStore(m_db, m_settings.secretKey);
    }
    m_stopping = false;
    m_timer.start();
    QTimer::singleShot(0, this, &OutboundWorker::poll);
}

void OutboundWorker::shutdown()
{
    m_stopping = true;
    m_timer.stop();
    if (!m_busy)
        emit idle();
}

void OutboundWorker::poll()
{
    if (m_busy || m_stopping || !m_outbox)
        return;
    const qint64 now = nowSeconds();
    if (now - m_lastSweep >= kSweepEverySeconds) {
        m_lastSweep = now;
        const Result<int> failed = m_outbox->failInterrupted(now - staleAfterSeconds());
        if (failed && *failed > 0)
            qCWarning(lcOutbound)
                << *failed << "message(s) were being sent when their sender stopped: marked failed (interrupted)";
    }
    const Result<QList<qint64>> due = m_outbox->due(now, kOutboundBatch, m_providers.names());
    if (!due)
        return;   // logged by the store; the next poll tries again
    for (const qint64 id : *due) {
        const Result<OutboxClaim> claim = m_outbox->claim(id, now);
        if (!claim)
            return;
        if (claim->kind == OutboxClaim::Kind::Waiting) {
            qCDebug(lcOutbound) << "message" << id << "waits for its number's rate limit until" << claim->waitUntil;
            continue;
        }
        if (claim->kind != OutboxClaim::Kind::Claimed)
            continue;
        const OutboxMessage m = claim->message;
        const std::optional<ProviderRefusal> failure = startSend(m);
        if (failure) {
            loggedSendOutcome(m_outbox->markFailed(m, failure->code, failure->text));
            emit finished(m.id, u"failed"_s);
            continue;
        }
        return;   // one send at a time; the next poll starts as soon as it ends
    }
}

std::optional<ProviderRefusal> OutboundWorker::startSend(const OutboxMessage &m)
{
    const auto client = m_clients.find(m.provider);
    if (client == m_clients.end())   // the number's provider is no longer compiled in
        return ProviderRefusal{u"number_not_configured"_s, u"The WhatsApp number's provider is not available"_s};
    const Result<NumberSecrets> secrets = m_numbers->secrets(m.numberId);
    ProviderAccount account;
    account.numberId = m.numberId;
    account.metaPhoneNumberId = m.metaPhoneNumberId;
    account.wppconnectServerUrl = m.wppconnectServerUrl;
    account.wppconnectSessionName = m.wppconnectSessionName;
    if (secrets)   // unreadable secrets: the provider finds the number not configured
        account.secrets = *secrets;
    OutboundRequest r;
    r.to = m.to;
    r.type = m.messageType;
    r.content = m.content;
    r.templateName = m.templateName;
    r.templateLanguage = m.templateLanguage;
    r.templateVariables = m.templateVariables;
    r.interactive = m.interactive;
    r.replyToProviderId = m.replyToProviderId;
    r.hasMedia = m.mediaFileId > 0;
    if (r.hasMedia) {
        r.mediaPath = m_settings.dataDir + u'/' + m.mediaStoragePath;
        r.mediaMimeType = m.mediaMimeType;
        r.mediaFilename = m.mediaFilename;
    }
    m_busy = true;
    const std::optional<ProviderRefusal> refused =
        client->second->send(account, r, [this, m](const GraphResult &result) { record(m, result); });
    if (refused)
        m_busy = false;
    return refused;
}

void OutboundWorker::record(const OutboxMessage &m, const GraphResult &r)
{
    const qint64 now = nowSeconds();
    QString status;
    switch (r.outcome) {
    case GraphResult::Outcome::Sent:
        loggedSendOutcome(m_outbox->markSent(m, r.providerMessageId, now));
        status = u"sent"_s;
        break;
    case GraphResult::Outcome::Transient:
        if (m.attempts < m_settings.maxAttempts) {
            const qint64 wait = backoffSeconds(m.attempts, m_settings.maxBackoffSeconds);
            qCInfo(lcOutbound).noquote() << "message" << m.id << "attempt" << m.attempts << "failed:" << r.errorCode
                                         << "- next in" << wait << "s";
            loggedSendOutcome(m_outbox->reschedule(m, now + wait));
            status = u"pending"_s;
            break;
        }
        Q_FALLTHROUGH();
    case GraphResult::Outcome::Permanent:
    case GraphResult::Outcome::Unknown:
        qCInfo(lcOutbound).noquote() << "message" << m.id << "failed:" << r.errorCode << r.errorMessage;
        loggedSendOutcome(m_outbox->markFailed(m, r.errorCode, r.errorMessage));
        status = u"failed"_s;
        break;
    }
    m_busy = false;
    emit finished(m.id, status);
    if (m_stopping)
        emit idle();
    else
        QTimer::singleShot(0, this, &OutboundWorker::poll);
}

// ---- OutboundThread ----

OutboundThread::OutboundThread(Database &db, const OutboundSettings &settings, const ProviderRegistry &providers)
    : QueueThread(new OutboundWorker(db, settings, providers), u"outbound"_s, settings.timeoutMs * 2 + 5000)
{}

}   // namespace Conversa::Server
