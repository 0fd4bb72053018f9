#include "InboundPipeline.h"

#include "BusinessHours.h"
#include "PhoneNumbers.h"
#include "store/Database.h"
#include "store/FileStore.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QLocale>
#include <QLoggingCategory>
#include <QTimeZone>

#include <algorithm>
#include <optional>

Q_LOGGING_CATEGORY(lcInbound, "conversa.server.inbound")

using namespace Qt::StringLiterals;

namespace {

// One Meta message mapped onto a messages row.
struct Parsed {
    QString type;
    QString content;
    QString mediaId;
    QString mimeType;
};

QString coordinate(const QJsonValue &v)
{
    // Numbers on receive (meta-cloud-api.md §4); tolerate strings.
    if (v.isString())
        return v.toString();
    return QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
}

// Joins the non-empty parts with `separator`.
QString joined(const QStringList &parts, const QString &separator)
{
    QStringList kept;
    for (const QString &p : parts) {
        if (!p.trimmed().isEmpty())
            kept.append(p.trimmed());
    }
    return kept.join(separator);
}

// Meta message types (meta-cloud-api.md §1.3) as messages rows. A reaction is stored as a text
// message with its emoji, so the agent sees it in the conversation; removing a reaction (an
// empty emoji) is not a message. nullopt: not understood (kept in webhook_events).
std::optional<Parsed> parseMetaMessage(const QJsonObject &m)
{
    const QString type = m.value(u"type"_s).toString();
    const QJsonObject body = m.value(type).toObject();
    if (type == "text"_L1) {
        const QString text = body.value(u"body"_s).toString();
        if (text.isEmpty())
            return std::nullopt;
        return Parsed{u"text"_s, text, {}, {}};
    }
    if (type == "image"_L1 || type == "video"_L1 || type == "audio"_L1 || type == "sticker"_L1
        || type == "document"_L1) {
        const QString mediaId = body.value(u"id"_s).toString();
        if (mediaId.isEmpty())
            return std::nullopt;
        QString content = body.value(u"caption"_s).toString();
        if (content.isEmpty() && type == "document"_L1)
            content = body.value(u"filename"_s).toString();
        return Parsed{type, content, mediaId, body.value(u"mime_type"_s).toString()};
    }
    if (type == "location"_L1) {
        if (!body.contains(u"latitude"_s) || !body.contains(u"longitude"_s))
            return std::nullopt;
        const QString where = coordinate(body.value(u"latitude"_s)) + u',' + coordinate(body.value(u"longitude"_s));
        QString content = joined({where, body.value(u"name"_s).toString()}, u" "_s);
        content = joined({content, body.value(u"address"_s).toString()}, u", "_s);
        return Parsed{u"location"_s, content, {}, {}};
    }
    if (type == "contacts"_L1) {
        QStringList cards;
        for (const QJsonValue &c : m.value(u"contacts"_s).toArray()) {
            const QJsonObject contact = c.toObject();
            QStringList phones;
            for (const QJsonValue &p : contact.value(u"phones"_s).toArray())
                phones.append(p.toObject().value(u"phone"_s).toString());
            cards.append(joined({contact.value(u"name"_s).toObject().value(u"formatted_name"_s).toString(),
                                 joined(phones, u", "_s)},
                                u" "_s));
        }
        const QString content = joined(cards, u"; "_s);
        if (content.isEmpty())
            return std::nullopt;
        return Parsed{u"contact"_s, content, {}, {}};
    }
    if (type == "interactive"_L1) {
        const QString kind = body.value(u"type"_s).toString();
        const QJsonObject reply = body.value(kind).toObject();
        QString content;
        if (kind == "button_reply"_L1 || kind == "list_reply"_L1)
            content = reply.value(u"title"_s).toString();
        else if (kind == "nfm_reply"_L1)   // a WhatsApp Flow's answer
            content = reply.value(u"body"_s).toString();
        if (content.isEmpty())
            return std::nullopt;
        return Parsed{u"interactive"_s, content, {}, {}};
    }
    if (type == "button"_L1) {   // a quick-reply tap on a template button
        const QString text = body.value(u"text"_s).toString();
        const QString content = text.isEmpty() ? body.value(u"payload"_s).toString() : text;
        if (content.isEmpty())
            return std::nullopt;
        return Parsed{u"interactive"_s, content, {}, {}};
    }
    if (type == "reaction"_L1) {
        const QString emoji = body.value(u"emoji"_s).toString();
        if (emoji.isEmpty())
            return std::nullopt;
        return Parsed{u"text"_s, emoji, {}, {}};
    }
    return std::nullopt;
}

// "1749416383" → seconds; Meta sends strings, tolerate numbers. 0 when absent or invalid.
qint64 unixSeconds(const QJsonValue &v)
{
    if (v.isDouble())
        return qint64(v.toDouble());
    bool ok = false;
    const qint64 n = v.toString().toLongLong(&ok);
    return ok && n > 0 ? n : 0;
}

qint64 earliest(qint64 current, qint64 candidate)
{
    return current == 0 || (candidate > 0 && candidate < current) ? candidate : current;
}

} // namespace

InboundPipeline::InboundPipeline(Database &db, QString defaultRegion)
    : m_store(db), m_defaultRegion(std::move(defaultRegion)), m_db(db)
{
}

void InboundPipeline::setMediaStorage(const QString &dataDir, qint64 maxBytes)
{
    m_dataDir = dataDir;
    m_maxMediaBytes = maxBytes;
}

QString InboundPipeline::metaStatus(const QString &status)
{
    if (status == "sent"_L1 || status == "delivered"_L1 || status == "read"_L1 || status == "failed"_L1)
        return status;
    if (status == "played"_L1)
        return u"read"_s;
    return {};
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

Result<InboundSummary> InboundPipeline::handleMeta(const InboundNumber &number, const QByteArray &rawBody, qint64 now)
{
    InboundSummary summary;
    QJsonParseError error{};
    const QJsonDocument doc = QJsonDocument::fromJson(rawBody, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) {
        summary.notes.append(u"body is not a JSON object"_s);
    } else {
        const QJsonValue entries = doc.object().value(u"entry"_s);
        if (!entries.isArray())
            summary.notes.append(u"no entry array"_s);
        for (const QJsonValue &entry : entries.toArray()) {
            for (const QJsonValue &c : entry.toObject().value(u"changes"_s).toArray()) {
                const QJsonObject change = c.toObject();
                const QString field = change.value(u"field"_s).toString();
                if (field != "messages"_L1) {
                    summary.notes.append(u"field %1 not handled"_s.arg(field));
                    continue;
                }
                const QJsonObject value = change.value(u"value"_s).toObject();
                const QString phoneNumberId =
                    value.value(u"metadata"_s).toObject().value(u"phone_number_id"_s).toString();
                if (!number.metaPhoneNumberId.isEmpty() && phoneNumberId != number.metaPhoneNumberId) {
                    summary.notes.append(u"phone_number_id %1 is not this number's"_s.arg(phoneNumberId));
                    continue;
                }
                for (const QJsonValue &m : value.value(u"messages"_s).toArray())
                    CONVERSA_TRY(metaMessage(number, value, m.toObject(), now, summary));
                for (const QJsonValue &s : value.value(u"statuses"_s).toArray())
                    CONVERSA_TRY(metaStatusUpdate(number, s.toObject(), summary));
                for (const QJsonValue &e : value.value(u"errors"_s).toArray()) {
                    const QJsonObject err = e.toObject();
                    summary.notes.append(u"error %1: %2"_s.arg(err.value(u"code"_s).toInteger())
                                             .arg(err.value(u"title"_s).toString()));
                }
            }
        }
    }
    if (!summary.notes.isEmpty()) {
        qCInfo(lcInbound).noquote() << "meta webhook for number" << number.id << "kept for inspection:"
                                    << summary.notes.join(u"; "_s);
        CONVERSA_TRY(m_store.recordEvent(u"meta"_s, number.id, rawBody, summary.notes.join(u"; "_s), now));
    }
    return summary;
}

Result<Ok> InboundPipeline::metaMessage(const InboundNumber &number, const QJsonObject &value,
                                        const QJsonObject &message, qint64 now, InboundSummary &summary)
{
    const QString wamid = message.value(u"id"_s).toString();
    const std::optional<Parsed> parsed = parseMetaMessage(message);
    if (!parsed) {
        summary.notes.append(u"message %1 of type %2 not understood"_s.arg(wamid, message.value(u"type"_s).toString()));
        return Ok{};
    }
    InboundDelivery d;
    d.providerMessageId = wamid;
    d.from = message.value(u"from"_s).toString();
    // Named from the sender's profile (contacts[] names the wa_id; a single contact is the sender).
    const QJsonArray contacts = value.value(u"contacts"_s).toArray();
    for (const QJsonValue &c : contacts) {
        const QJsonObject contact = c.toObject();
        if (contact.value(u"wa_id"_s).toString() == d.from || contacts.size() == 1)
            d.profileName = contact.value(u"profile"_s).toObject().value(u"name"_s).toString();
    }
    d.type = parsed->type;
    d.content = parsed->content;
    d.providerMediaId = parsed->mediaId;
    d.mimeType = parsed->mimeType;
    d.at = unixSeconds(message.value(u"timestamp"_s));
    // A forwarded message's context has no id; a reply's names the quoted wamid.
    d.replyToProviderId = message.value(u"context"_s).toObject().value(u"id"_s).toString();
    return storeMessage(number, d, now, summary);
}

Result<Ok> InboundPipeline::storeMessage(const InboundNumber &number, const InboundDelivery &d, qint64 now,
                                         InboundSummary &summary)
{
    const QString &wamid = d.providerMessageId;
    if (!wamid.isEmpty()) {
        // The same provider id again (providers deliver at least once): nothing to do, not even
        // a chat to open when the first copy's chat was closed since.
        Result<bool> seen = m_store.hasMessage(number.id, wamid);
        if (!seen)
            return seen.error();
        if (*seen) {
            ++summary.duplicates;
            return Ok{};
        }
    }
    const QString &from = d.from;
    // wa_id and from are digits without "+"; a number libphonenumber does not know is still kept.
    QString phone;
    if (!from.isEmpty()) {
        if (const auto e164 = PhoneNumbers::toE164(u'+' + from, m_defaultRegion))
            phone = *e164;
        else if (from.size() >= 6 && from.size() <= 15
                 && std::all_of(from.begin(), from.end(), [](QChar ch) { return ch.isDigit(); }))
            phone = u'+' + from;
    }
    if (phone.isEmpty()) {
        summary.notes.append(u"message %1 has no usable phone number"_s.arg(wamid));
        return Ok{};
    }
    Result<qint64> client = m_store.findClient(phone);
    if (!client)
        return client.error();
    std::optional<InboundChat> open;
    if (*client) {
        Result<std::optional<InboundChat>> found = m_store.openChat(*client, number.id);
        if (!found)
            return found.error();
        open = *found;
    }
    InboundChat chat;
    std::optional<InboundCampaign> campaign;
    if (open) {
        chat = *open;
    } else {
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
        Result<InboundChat> opened = m_store.openNewChat(*client, number.id, campaign->id, now);
        if (!opened)
            return opened.error();
        chat = *opened;
    }

    InboundMessage m;
    m.chatId = chat.id;
    m.numberId = number.id;
    m.messageType = d.type;
    m.content = d.content;
    m.providerMessageId = wamid;
    m.providerMediaId = d.providerMediaId;
    m.mediaMimeType = d.mimeType;
    m.mediaFileId = d.mediaFileId;
    m.at = d.at > 0 ? d.at : now;
    m.replyToProviderId = d.replyToProviderId;
    Result<qint64> id = m_store.insertInbound(m);
    if (!id)
        return id.error();
    if (*id == 0) {   // the same provider id again
        ++summary.duplicates;
        return Ok{};
    }
    ++summary.messagesStored;
    summary.storedMessages.append(*id);
    CONVERSA_TRY(m_store.countInbound(chat.id, number.id, *client, *id, m.at));

    if (chat.created && campaign) {
        ++summary.chatsOpened;
        if (!summary.queuedCampaigns.contains(campaign->id))
            summary.queuedCampaigns.append(campaign->id);
        summary.openedChats.append(chat.id);
        // Bot flows come later: a new chat is greeted now, or told the campaign is closed.
        const bool inHours = BusinessHours::isOpen(campaign->businessHours, campaign->timezone,
                                                   QDateTime::fromSecsSinceEpoch(now, QTimeZone::utc()));
        const QString greeting = inHours ? campaign->welcomeMessage : campaign->offlineMessage;
        if (!greeting.trimmed().isEmpty()) {
            Result<qint64> bot = m_store.insertBotText(chat.id, number.id, greeting, now);
            if (!bot)
                return bot.error();
            summary.storedMessages.append(*bot);
        }
    }
    return Ok{};
}

Result<Ok> InboundPipeline::metaStatusUpdate(const InboundNumber &number, const QJsonObject &status,
                                             InboundSummary &summary)
{
    const QString wamid = status.value(u"id"_s).toString();
    const QString next = metaStatus(status.value(u"status"_s).toString());
    if (next.isEmpty()) {
        summary.notes.append(u"status %1 of %2 not understood"_s.arg(status.value(u"status"_s).toString(), wamid));
        return Ok{};
    }
    QString code;
    QString text;
    if (next == "failed"_L1) {
        const QJsonObject err = status.value(u"errors"_s).toArray().first().toObject();
        if (err.contains(u"code"_s))
            code = QString::number(err.value(u"code"_s).toInteger());
        text = err.value(u"title"_s).toString();
        if (text.isEmpty())
            text = err.value(u"message"_s).toString();
    }
    return applyStatus(number, wamid, next, unixSeconds(status.value(u"timestamp"_s)), code, text, summary);
}

Result<Ok> InboundPipeline::applyStatus(const InboundNumber &number, const QString &wamid, const QString &next,
                                        qint64 at, const QString &errorCode, const QString &errorText,
                                        InboundSummary &summary)
{
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
        code = errorCode;
        text = errorText;
    }
    // Moving on from failed (delivered or read after all) clears the error.
    const bool setError = forward && (next == "failed"_L1 || m.status == "failed"_L1);
    CONVERSA_TRY(m_store.updateStatus(m.id, forward ? next : m.status, m.sentAt, m.deliveredAt, m.readAt, code, text,
                                      setError));
    ++summary.statusesApplied;
    if (!summary.updatedMessages.contains(m.id))
        summary.updatedMessages.append(m.id);
    return Ok{};
}

// ---- WPPConnect (wppconnect.md §4) ----

QString InboundPipeline::wppAckStatus(int ack)
{
    // ack-type.ts: <= -1 failed, 0 pending (clock), 1 sent, 2 received, 3 read, 4 played, 5 peer.
    if (ack <= -1)
        return u"failed"_s;
    if (ack == 1)
        return u"sent"_s;
    if (ack == 2)
        return u"delivered"_s;
    if (ack == 3 || ack == 4)
        return u"read"_s;
    return {};
}

Result<InboundSummary> InboundPipeline::handleWppConnect(const InboundNumber &number, const QJsonObject &event,
                                                         const QByteArray &rawBody, qint64 now)
{
    InboundSummary summary;
    const QString name = event.value(u"event"_s).toString();
    const QString session = event.value(u"session"_s).toString();
    if (!number.wppconnectSession.isEmpty() && !session.isEmpty() && session != number.wppconnectSession) {
        summary.notes.append(u"session %1 is not this number's"_s.arg(session));
    } else if (name == "onmessage"_L1) {
        CONVERSA_TRY(wppMessage(number, event, now, summary));
    } else if (name == "onack"_L1) {
        const QJsonValue id = event.value(u"id"_s);
        const QString providerId = id.isObject() ? id.toObject().value(u"_serialized"_s).toString() : id.toString();
        const QJsonValue ackValue = event.value(u"ack"_s);
        const int ack = ackValue.toInt(0);
        const QString next = wppAckStatus(ack);
        if (providerId.isEmpty() || !ackValue.isDouble()) {
            summary.notes.append(u"onack without id or ack"_s);
        } else if (!next.isEmpty()) {
            const QString code = next == "failed"_L1 ? u"ack_%1"_s.arg(ack) : QString();
            const QString text = next == "failed"_L1
                ? u"WPPConnect reported the message as not delivered (ack %1)"_s.arg(ack)
                : QString();
            CONVERSA_TRY(applyStatus(number, providerId, next, now, code, text, summary));
        }
    } else {
        summary.notes.append(u"event %1 not handled"_s.arg(name.isEmpty() ? u"(none)"_s : name));
    }
    if (!summary.notes.isEmpty()) {
        qCInfo(lcInbound).noquote() << "wppconnect webhook for number" << number.id << "kept for inspection:"
                                    << summary.notes.join(u"; "_s);
        CONVERSA_TRY(m_store.recordEvent(u"wppconnect"_s, number.id, rawBody, summary.notes.join(u"; "_s), now));
    }
    return summary;
}

Result<Ok> InboundPipeline::wppMessage(const InboundNumber &number, const QJsonObject &e, qint64 now,
                                       InboundSummary &summary)
{
    const QString id = e.value(u"id"_s).toString();
    const QString type = e.value(u"type"_s).toString();
    if (e.value(u"fromMe"_s).toBool()) {
        summary.notes.append(u"message %1 is our own"_s.arg(id));
        return Ok{};
    }
    const QString from = e.value(u"from"_s).toString();
    if (e.value(u"isGroupMsg"_s).toBool() || !from.endsWith("@c.us"_L1)) {
        // Groups, channels and @lid senders (no phone number) are not clients.
        summary.notes.append(u"message %1 from %2 is not from a person's phone number"_s.arg(id, from));
        return Ok{};
    }
    InboundDelivery d;
    d.providerMessageId = id;
    d.from = from.left(from.indexOf(u'@'));
    const QJsonObject sender = e.value(u"sender"_s).toObject();
    d.profileName = sender.value(u"pushname"_s).toString();
    if (d.profileName.isEmpty())
        d.profileName = e.value(u"notifyName"_s).toString();
    d.at = qint64(e.value(u"t"_s).toDouble());
    const QJsonValue quoted = e.value(u"quotedMsgId"_s);
    d.replyToProviderId = quoted.isObject() ? quoted.toObject().value(u"_serialized"_s).toString() : quoted.toString();
    const QString body = e.value(u"body"_s).toString();
    const QString caption = e.value(u"caption"_s).toString();
    if (type == "chat"_L1) {
        if (body.isEmpty()) {
            summary.notes.append(u"message %1 has no text"_s.arg(id));
            return Ok{};
        }
        d.type = u"text"_s;
        d.content = body;
    } else if (type == "image"_L1 || type == "video"_L1 || type == "audio"_L1 || type == "ptt"_L1
               || type == "sticker"_L1 || type == "document"_L1) {
        d.type = type == "ptt"_L1 ? u"audio"_s : type;
        d.content = caption;
        if (d.content.isEmpty() && type == "document"_L1)
            d.content = e.value(u"filename"_s).toString();
        d.mimeType = e.value(u"mimetype"_s).toString();
        if (!id.isEmpty()) {   // no file for a duplicate delivery
            Result<bool> seen = m_store.hasMessage(number.id, id);
            if (!seen)
                return seen.error();
            if (*seen) {
                ++summary.duplicates;
                return Ok{};
            }
        }
        // autoDownload (the default) puts the whole file in body as base64.
        const QByteArray bytes = QByteArray::fromBase64(body.toLatin1());
        if (!bytes.isEmpty()) {
            QString name = e.value(u"filename"_s).toString();
            if (name.isEmpty())
                name = d.type;
            Result<qint64> file = storeMedia(bytes, name, summary);
            if (!file)
                return file.error();
            d.mediaFileId = *file;
        } else {
            summary.notes.append(u"message %1 of type %2 arrived without its file"_s.arg(id, type));
        }
    } else if (type == "location"_L1) {
        const QJsonValue lat = e.value(u"lat"_s);
        const QJsonValue lng = e.value(u"lng"_s);
        if (!lat.isDouble() || !lng.isDouble()) {
            summary.notes.append(u"location %1 without coordinates"_s.arg(id));
            return Ok{};
        }
        d.type = u"location"_s;
        d.content = joined({QString::number(lat.toDouble(), 'g', QLocale::FloatingPointShortest) + u','
                                + QString::number(lng.toDouble(), 'g', QLocale::FloatingPointShortest),
                            e.value(u"loc"_s).toString()},
                           u" "_s);
    } else if (type == "list_response"_L1 || type == "buttons_response"_L1 || type == "template_button_reply"_L1) {
        if (body.isEmpty()) {
            summary.notes.append(u"reply %1 has no text"_s.arg(id));
            return Ok{};
        }
        d.type = u"interactive"_s;
        d.content = body;
    } else {
        summary.notes.append(u"message %1 of type %2 not understood"_s.arg(id, type));
        return Ok{};
    }
    return storeMessage(number, d, now, summary);
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
    case FileStorage::Outcome::Stored:
        break;
    case FileStorage::Outcome::Refused:
        summary.notes.append(u"inline media %1 is not an accepted file type"_s.arg(name));
        return qint64(0);
    case FileStorage::Outcome::Failed:
        return ApiError::internal();
    }
    Result<qint64> id = FileStore(m_db).insert(f, nowSeconds());
    if (!id)
        FileStorage::remove(m_dataDir, f.storagePath, f.thumbnailPath);
    return id;
}
