#include "InboundPipeline.h"

#include "BotEngine.h"
#include "BusinessHours.h"
#include "PhoneNumbers.h"
#include "SatisfactionSurvey.h"
#include "store/Database.h"
#include "store/FileStore.h"

#include <QDateTime>
#include <QLoggingCategory>
#include <QTimeZone>

#include <algorithm>
#include <optional>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcInbound, "conversa.server.inbound")

using namespace Qt::StringLiterals;

namespace {

qint64 earliest(qint64 current, qint64 candidate)
{
    return current == 0 || (candidate > 0 && candidate < current) ? candidate : current;
}

}   // namespace

InboundPipeline::InboundPipeline(Database &db, QString defaultRegion, BotEngine *bot)
    : m_store(db), m_defaultRegion(std::move(defaultRegion)), m_db(db), m_bot(bot)
{}

void InboundPipeline::setMediaStorage(const QString &dataDir, qint64 maxBytes)
{
    m_dataDir = dataDir;
    m_maxMediaBytes = maxBytes;
}

int InboundPipeline::statusRank(const QString &status)
{
    if (status == "sent"_L1)
        return 1;
    if (status == "failed"_L1)
        return 2;
    if (status == "delivered"_L1)
        return 3;
    if (status == "read"_L1)
        return 4;
    return 0;   // pending
}

InboundMessage InboundPipeline::messageOf(const InboundDelivery &d, qint64 chatId, qint64 numberId, qint64 mediaFileId,
                                          qint64 now)
{
    InboundMessage m;
    m.chatId = chatId;
    m.numberId = numberId;
    m.messageType = d.type;
    m.content = d.content;
    m.providerMessageId = d.providerMessageId;
    m.providerMediaId = d.providerMediaId;
    m.mediaMimeType = d.mimeType;
    m.mediaFileId = mediaFileId;
    m.at = d.at > 0 ? d.at : now;
    m.replyToProviderId = d.replyToProviderId;
    return m;
}

StoredMessage InboundPipeline::storedInbound(const InboundMessage &m, qint64 id, qint64 agentId)
{
    StoredMessage stored{id};
    if (!m.replyToProviderId.isEmpty())
        return stored;   // the quote's row is read back with the message
    Message &e = stored.message.emplace();
    e.id = id;
    e.chatId = m.chatId;
    e.numberId = m.numberId;
    e.direction = u"inbound"_s;
    e.messageType = m.messageType;
    e.content = m.content;
    e.mediaFileId = m.mediaFileId;
    e.status = u"delivered"_s;
    e.createdAt = m.at;
    e.deliveredAt = m.at;
    stored.agentId = agentId;
    return stored;
}

Result<InboundSummary> InboundPipeline::handle(const WhatsAppProvider &provider, const InboundNumber &number,
                                               const WebhookContent &content, const QByteArray &rawBody, qint64 now)
{
    InboundSummary summary;
    for (const InboundItem &item : content.items) {
        if (const auto *note = std::get_if<WebhookNote>(&item)) {
            summary.notes.append(note->text);
        } else if (const auto *status = std::get_if<StatusUpdate>(&item)) {
            CONVERSA_TRY(applyStatus(number, *status, now, summary));
        } else if (const auto *d = std::get_if<InboundDelivery>(&item)) {
            CONVERSA_TRY(d->mediaInline ? inlineMessage(number, *d, now, summary)
                                        : storeMessage(number, *d, now, summary));
        }
    }
    if (!summary.notes.isEmpty()) {
        qCInfo(lcInbound).noquote() << provider.name() << "webhook for number" << number.id
                                    << "kept for inspection:" << summary.notes.join(u"; "_s);
        CONVERSA_TRY(m_store.recordEvent(provider.name(), number.id, rawBody, summary.notes.join(u"; "_s), now));
    }
    return summary;
}

Result<Ok> InboundPipeline::inlineMessage(const InboundNumber &number, InboundDelivery d, qint64 now,
                                          InboundSummary &summary)
{
    if (!d.providerMessageId.isEmpty()) {   // no file for a duplicate delivery
        Result<bool> seen = m_store.hasMessage(number.id, d.providerMessageId);
        if (!seen)
            return seen.error();
        if (*seen) {
            ++summary.duplicates;
            return Ok{};
        }
    }
    qint64 fileId = 0;
    if (!d.inlineMedia.isEmpty()) {
        Result<qint64> file = storeMedia(d.inlineMedia, d.inlineMediaName, summary);
        if (!file)
            return file.error();
        fileId = *file;
    } else {
        summary.notes.append(d.missingMediaNote);
    }
    return storeMessage(number, d, now, summary, fileId);
}

Result<Ok> InboundPipeline::storeMessage(const InboundNumber &number, const InboundDelivery &d, qint64 now,
                                         InboundSummary &summary, qint64 mediaFileId)
{
    const QString &wamid = d.providerMessageId;
    const QString &from = d.from;
    // wa_id and from are digits without "+"; a number libphonenumber does not know is still kept.
    QString phone;
    if (!from.isEmpty()) {
        if (const auto e164 = PhoneNumbers::toE164(u'+' + from, m_defaultRegion))
            phone = *e164;
        else if (from.size() >= 6 && from.size() <= 15 &&
                 std::all_of(from.begin(), from.end(), [](QChar ch) { return ch.isDigit(); }))
            phone = u'+' + from;
    }
    if (phone.isEmpty()) {
        Result<bool> seen = wamid.isEmpty() ? false : m_store.hasMessage(number.id, wamid);
        if (!seen)
            return seen.error();
        if (*seen)
            ++summary.duplicates;
        else
            summary.notes.append(u"message %1 has no usable phone number"_s.arg(wamid));
        return Ok{};
    }
    Result<InboundLookup> known = m_store.lookup(number.id, wamid, phone);
    if (!known)
        return known.error();
    // The same provider id again (providers deliver at least once): nothing to do, not even a
    // chat to open when the first copy's chat was closed since.
    if (known->seen) {
        ++summary.duplicates;
        return Ok{};
    }
    Result<qint64> client = known->clientId;
    const std::optional<InboundChat> &open = known->open;
    InboundChat chat;
    std::optional<InboundCampaign> campaign;
    std::optional<CampaignBot> bot;
    if (open) {
        chat = *open;
    } else {
        // An answer to the survey of the client's last closed chat stays there (docs/ROUTING.md).
        if (*client) {
            Result<bool> answered =
                SatisfactionSurvey(m_db, m_customerLanguage).takeAnswer(*client, number, d, mediaFileId, now, summary);
            if (!answered)
                return answered.error();
            if (*answered)
                return Ok{};
        }
        // A new chat opens on the number's primary campaign; without one, nothing is created.
        Result<std::optional<InboundCampaign>> found = m_store.campaignOf(number.id);
        if (!found)
            return found.error();
        campaign = *found;
        if (!campaign) {
            summary.notes.append(u"message %1: the number has no campaign to open a chat on"_s.arg(wamid));
            return Ok{};
        }
        if (!*client) {
            const QString profileName = d.profileName.simplified();
            const qsizetype space = profileName.indexOf(u' ');
            const QString firstName = (space < 0 ? profileName : profileName.left(space)).left(100);
            const QString lastName = (space < 0 ? QString() : profileName.mid(space + 1)).left(100);
            client = m_store.createClient(phone, firstName, lastName, now);
            if (!client)
                return client.error();
        }
        if (m_bot) {
            Result<std::optional<CampaignBot>> found = m_bot->botOf(campaign->id);
            if (!found)
                return found.error();
            bot = *found;
        }
        Result<InboundChat> opened = m_store.openNewChat(*client, number.id, campaign->id, now, bot.has_value());
        if (!opened)
            return opened.error();
        chat = *opened;
    }

    const InboundMessage m = messageOf(d, chat.id, number.id, mediaFileId, now);
    Result<InboundStore::Stored> stored = m_store.storeInbound(m, *client);
    if (!stored)
        return stored.error();
    if (stored->messageId == 0) {   // the same provider id again
        ++summary.duplicates;
        return Ok{};
    }
    ++summary.messagesStored;
    summary.storedMessages.append(storedInbound(m, stored->messageId, stored->agentId));

    if (chat.created && campaign) {
        ++summary.chatsOpened;
        summary.openedChats.append(chat.id);
        if (bot) {
            // The flow greets: no welcome message (docs/BOT_FLOWS.md#sessions).
            Result<ChatEffects> started = m_bot->start(chat.id, *bot);
            if (!started)
                return started.error();
            summary.botEvents += started->events;
            return Ok{};
        }
        if (!summary.queuedCampaigns.contains(campaign->id))
            summary.queuedCampaigns.append(campaign->id);
        const bool inHours = BusinessHours::isOpen(campaign->businessHours, campaign->timezone,
                                                   QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()));
        const QString greeting = inHours ? campaign->welcomeMessage : campaign->offlineMessage;
        if (!greeting.trimmed().isEmpty()) {
            Result<qint64> greeted = m_store.insertBotText(chat.id, number.id, greeting, now);
            if (!greeted)
                return greeted.error();
            summary.storedMessages.append(StoredMessage{*greeted});
        }
    } else if (m_bot && chat.status == "bot"_L1) {
        Result<ChatEffects> answered = m_bot->clientMessage(chat.id, d.content, d.replyId);
        if (!answered)
            return answered.error();
        summary.botEvents += answered->events;
    }
    return Ok{};
}

Result<Ok> InboundPipeline::applyStatus(const InboundNumber &number, const StatusUpdate &update, qint64 now,
                                        InboundSummary &summary)
{
    const QString &wamid = update.providerMessageId;
    const QString &next = update.status;
    const qint64 at = update.at == StatusUpdate::kReceived ? now : update.at;
    Result<std::optional<OutboundRef>> found = m_store.outboundByProviderId(number.id, wamid);
    if (!found)
        return found.error();
    if (!*found) {
        summary.notes.append(u"status %1 for unknown message %2"_s.arg(next, wamid));
        return Ok{};
    }
    OutboundRef m = **found;
    // Each moment is kept at its earliest report, whatever order the webhooks arrive in; read
    // implies delivered, and both imply sent.
    if (next == "read"_L1) {
        m.readAt = earliest(m.readAt, at);
        m.deliveredAt = earliest(m.deliveredAt, at);
        m.sentAt = earliest(m.sentAt, at);
    } else if (next == "delivered"_L1) {
        m.deliveredAt = earliest(m.deliveredAt, at);
        m.sentAt = earliest(m.sentAt, at);
    } else if (next == "sent"_L1) {
        m.sentAt = earliest(m.sentAt, at);
    }
    const bool forward = statusRank(next) > statusRank(m.status);
    QString code;
    QString text;
    if (forward && next == "failed"_L1) {
        code = update.errorCode;
        text = update.errorText;
    }
    // Moving on from failed (delivered or read after all) clears the error.
    const bool setError = forward && (next == "failed"_L1 || m.status == "failed"_L1);
    CONVERSA_TRY(
        m_store.updateStatus(m.id, forward ? next : m.status, m.sentAt, m.deliveredAt, m.readAt, code, text, setError));
    ++summary.statusesApplied;
    if (!summary.updatedMessages.contains(m.id))
        summary.updatedMessages.append(m.id);
    return Ok{};
}

Result<qint64> InboundPipeline::storeMedia(const QByteArray &bytes, const QString &name, InboundSummary &summary)
{
    if (m_dataDir.isEmpty()) {
        summary.notes.append(u"inline media not stored (no data dir)"_s);
        return qint64(0);
    }
    if (bytes.size() > m_maxMediaBytes) {
        summary.notes.append(u"inline media of %1 bytes is over the limit"_s.arg(bytes.size()));
        return qint64(0);
    }
    FileRecord f;
    switch (FileStorage::write(m_dataDir, bytes, name, f)) {
    case FileStorage::Outcome::Stored: break;
    case FileStorage::Outcome::Refused:
        summary.notes.append(u"inline media %1 is not an accepted file type"_s.arg(name));
        return qint64(0);
    case FileStorage::Outcome::Failed: return ApiError::internal();
    }
    Result<qint64> id = FileStore(m_db).insert(f, nowSeconds());
    if (!id)
        FileStorage::remove(m_dataDir, f.storagePath, f.thumbnailPath);
    return id;
}

}   // namespace Conversa::Server
