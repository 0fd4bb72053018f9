#include "Outbox.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace {
Q_LOGGING_CATEGORY(lcDesktopOutbox, "conversa.desktop.outbox")
}

namespace {

QJsonObject toJson(const Outbox::Entry &e)
{
    const Conversa::SendMessageRequest &r = e.request;
    QJsonObject o{{u"server"_s, e.server},
                  {u"user_id"_s, e.userId},
                  {u"preview"_s, e.preview},
                  {u"key"_s, QString::fromLatin1(r.idempotencyKey)},
                  {u"chat_id"_s, r.chatId},
                  {u"message_type"_s, r.messageType},
                  {u"content"_s, r.content},
                  {u"template_name"_s, r.templateName},
                  {u"template_language"_s, r.templateLanguage},
                  {u"template_variables"_s, r.templateVariables}};
    if (r.mediaFileId)
        o.insert(u"media_file_id"_s, *r.mediaFileId);
    if (r.replyToMessageId)
        o.insert(u"reply_to_message_id"_s, *r.replyToMessageId);
    return o;
}

Outbox::Entry fromJson(const QJsonObject &o)
{
    Outbox::Entry e;
    e.server = o.value(u"server"_s).toString();
    e.userId = o.value(u"user_id"_s).toInteger();
    e.preview = o.value(u"preview"_s).toString();
    Conversa::SendMessageRequest &r = e.request;
    r.idempotencyKey = o.value(u"key"_s).toString().toLatin1();
    r.chatId = o.value(u"chat_id"_s).toInteger();
    r.messageType = o.value(u"message_type"_s).toString();
    r.content = o.value(u"content"_s).toString();
    r.templateName = o.value(u"template_name"_s).toString();
    r.templateLanguage = o.value(u"template_language"_s).toString();
    r.templateVariables = o.value(u"template_variables"_s).toObject();
    if (o.contains(u"media_file_id"_s))
        r.mediaFileId = o.value(u"media_file_id"_s).toInteger();
    if (o.contains(u"reply_to_message_id"_s))
        r.replyToMessageId = o.value(u"reply_to_message_id"_s).toInteger();
    return e;
}

}   // namespace

Outbox::Outbox(const QString &file) : m_file(file)
{
    load();
}

Outbox::Entry *Outbox::find(const QByteArray &key)
{
    for (Entry &e : m_entries) {
        if (e.request.idempotencyKey == key)
            return &e;
    }
    return nullptr;
}

void Outbox::add(const Entry &entry)
{
    m_entries.append(entry);
    save();
}

void Outbox::remove(const QByteArray &key)
{
    if (m_entries.removeIf([&](const Entry &e) { return e.request.idempotencyKey == key; }) > 0)
        save();
}

void Outbox::removeFor(const QString &server, qint64 userId)
{
    if (m_entries.removeIf([&](const Entry &e) { return e.server == server && e.userId == userId; }) > 0)
        save();
}

void Outbox::setInFlight(const QByteArray &key, bool inFlight)
{
    if (Entry *e = find(key))
        e->inFlight = inFlight;
}

QList<QByteArray> Outbox::keysFor(const QString &server, qint64 userId) const
{
    QList<QByteArray> keys;
    for (const Entry &e : m_entries) {
        if (e.server == server && e.userId == userId)
            keys.append(e.request.idempotencyKey);
    }
    return keys;
}

void Outbox::load()
{
    if (m_file.isEmpty())
        return;
    QFile f(m_file);
    if (!f.open(QIODevice::ReadOnly))
        return;   // nothing waiting
    for (const QJsonValue &v : QJsonDocument::fromJson(f.readAll()).array()) {
        const Entry e = fromJson(v.toObject());
        if (!e.request.idempotencyKey.isEmpty() && e.request.chatId > 0)
            m_entries.append(e);
    }
}

void Outbox::save() const
{
    if (m_file.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_file).absolutePath());
    QJsonArray array;
    for (const Entry &e : m_entries)
        array.append(toJson(e));
    // Written whole and renamed, so that a crash never leaves half a file.
    QSaveFile f(m_file);
    if (!f.open(QIODevice::WriteOnly) || f.write(QJsonDocument(array).toJson(QJsonDocument::Compact)) < 0 ||
        !f.commit())
        qCWarning(lcDesktopOutbox) << "cannot save the outbox to" << m_file << f.errorString();
}
