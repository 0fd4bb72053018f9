#include "OutboundWorker.h"

#include "providers/MetaGraphClient.h"
#include "providers/WppConnectClient.h"
#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/OutboxStore.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcOutbound, "conversa.server.outbound")

using namespace Qt::StringLiterals;

namespace {
constexpr int kBatch = 20;
constexpr qint64 kSweepEverySeconds = 5;

// A failed write leaves the claim in place: the message then ends as 'interrupted', never resent.
void logged(const Result<Ok> &written)
{
    if (!written)
        qCWarning(lcOutbound) << "could not record a send outcome:" << written.error().code();
}
}

OutboundWorker::OutboundWorker(Database &db, OutboundSettings settings, QObject *parent)
    : QueueWorker(parent), m_db(db), m_settings(std::move(settings)), m_timer(this)
{
    m_timer.setInterval(qMax(10, m_settings.pollMs));
    connect(&m_timer, &QTimer::timeout, this, &OutboundWorker::poll);
}

OutboundWorker::~OutboundWorker()
{
    delete m_client;
    delete m_wpp;
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
    if (!m_client) {
        m_client = new MetaGraphClient(m_settings.metaGraphUrl, m_settings.timeoutMs);
        m_wpp = new WppConnectClient(m_settings.timeoutMs);
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
            qCWarning(lcOutbound) << *failed << "message(s) were being sent when their sender stopped: marked failed (interrupted)";
    }
    const Result<QList<qint64>> due = m_outbox->due(now, kBatch);
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
        const std::optional<SendFailure> failure = m.provider == "wppconnect"_L1 ? startWppConnect(m) : startMeta(m);
        if (failure) {
            logged(m_outbox->markFailed(m, failure->code, failure->text));
            emit finished(m.id, u"failed"_s);
            continue;
        }
        return;   // one send at a time; the next poll starts as soon as it ends
    }
}

std::optional<OutboundWorker::SendFailure> OutboundWorker::startMeta(const OutboxMessage &m)
{
    const Result<NumberSecrets> secrets = m_numbers->secrets(m.numberId);
    if (!secrets || secrets->metaAccessToken.isEmpty() || m.metaPhoneNumberId.isEmpty())
        return SendFailure{u"number_not_configured"_s, u"The WhatsApp number has no Meta phone number id or access token"_s};
    GraphMessage g;
    g.phoneNumberId = m.metaPhoneNumberId;
    g.accessToken = secrets->metaAccessToken;
    g.to = m.to;
    g.type = m.messageType;
    g.content = m.content;
    g.templateName = m.templateName;
    g.templateLanguage = m.templateLanguage;
    g.templateVariables = m.templateVariables;
    g.replyToProviderId = m.replyToProviderId;
    if (m.mediaFileId > 0) {
        g.mediaPath = m_settings.dataDir + u'/' + m.mediaStoragePath;
        g.mediaMimeType = m.mediaMimeType;
        g.mediaFilename = m.mediaFilename;
    }
    if (g.type != "text"_L1 && g.type != "template"_L1 && !MetaGraphClient::isMedia(g.type))
        return SendFailure{u"unsupported_type"_s, u"This message type cannot be sent through WhatsApp yet"_s};
    m_busy = true;
    m_client->send(g, [this, m](const GraphResult &r) { record(m, r); });
    return std::nullopt;
}

std::optional<OutboundWorker::SendFailure> OutboundWorker::startWppConnect(const OutboxMessage &m)
{
    const Result<NumberSecrets> secrets = m_numbers->secrets(m.numberId);
    if (!secrets || secrets->wppconnectApiKey.isEmpty() || m.wppconnectServerUrl.isEmpty()
        || m.wppconnectSessionName.isEmpty())
        return SendFailure{u"number_not_configured"_s,
                           u"The WhatsApp number has no WPPConnect server URL, session name or secret key"_s};
    // WPPConnect sends free text and files; templates are Meta's.
    if (m.messageType != "text"_L1 && !(MetaGraphClient::isMedia(m.messageType) && m.mediaFileId > 0))
        return SendFailure{u"unsupported_type"_s, u"This message type cannot be sent through WPPConnect"_s};
    const WppConnection c{m.wppconnectServerUrl, m.wppconnectSessionName, secrets->wppconnectApiKey};
    WppMessage w;
    w.to = m.to;
    w.type = m.messageType;
    w.content = m.content;
    w.replyToProviderId = m.replyToProviderId;
    if (m.mediaFileId > 0) {
        w.mediaPath = m_settings.dataDir + u'/' + m.mediaStoragePath;
        w.mediaMimeType = m.mediaMimeType;
        w.mediaFilename = m.mediaFilename;
    }
    m_busy = true;
    m_wpp->send(c, w, [this, m](const GraphResult &r) { record(m, r); });
    return std::nullopt;
}

void OutboundWorker::record(const OutboxMessage &m, const GraphResult &r)
{
    const qint64 now = nowSeconds();
    QString status;
    switch (r.outcome) {
    case GraphResult::Outcome::Sent:
        logged(m_outbox->markSent(m, r.providerMessageId, now));
        status = u"sent"_s;
        break;
    case GraphResult::Outcome::Transient:
        if (m.attempts < m_settings.maxAttempts) {
            const qint64 wait = backoffSeconds(m.attempts, m_settings.maxBackoffSeconds);
            qCInfo(lcOutbound).noquote() << "message" << m.id << "attempt" << m.attempts << "failed:" << r.errorCode
                                         << "- next in" << wait << "s";
            logged(m_outbox->reschedule(m, now + wait));
            status = u"pending"_s;
            break;
        }
        Q_FALLTHROUGH();
    case GraphResult::Outcome::Permanent:
    case GraphResult::Outcome::Unknown:
        qCInfo(lcOutbound).noquote() << "message" << m.id << "failed:" << r.errorCode << r.errorMessage;
        logged(m_outbox->markFailed(m, r.errorCode, r.errorMessage));
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

OutboundThread::OutboundThread(Database &db, const OutboundSettings &settings)
    : QueueThread(new OutboundWorker(db, settings), u"outbound"_s, settings.timeoutMs * 2 + 5000)
{
}
