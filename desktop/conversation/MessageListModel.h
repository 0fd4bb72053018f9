#pragma once

#include <Conversa/dto/MessageDto.h>

#include <QAbstractListModel>
#include <QDateTime>
#include <QList>
#include <QtQml/qqmlregistration.h>

#include <functional>

// One conversation's messages, oldest first. Loaded a page at a time: older pages are prepended by
// fetchMore() (canFetchMore() while the server has older ones and the view, near its top, asks),
// then kept current from chat.message and message.updated: a status change is a dataChanged on
// that row only. Messages typed here appear at once as local rows (with the
// client-side key that also de-duplicates the send) and become the server's message once stored.
class MessageListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ConversationController")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool hasOlder READ hasOlder NOTIFY hasOlderChanged)
    // Set by the view while it asks for the older page, its top being within a screen: only then
    // does fetchMore() load one. (The delegate model asks for more whenever it creates the last
    // row, which here is the newest message, not the edge where older pages go.)
    Q_PROPERTY(bool nearTop READ nearTop WRITE setNearTop NOTIFY nearTopChanged)
public:
    enum Role {
        IdRole = Qt::UserRole + 1,   // qint64 server id; 0 while only local
        LocalKeyRole,                // QString: the Idempotency-Key of a message typed here, else empty
        InboundRole,                 // bool: from the client
        MessageTypeRole,             // QString: text, image, document, audio, video, template…
        ContentRole,                 // QString: text or caption
        StatusRole,                  // QString: pending, sent, delivered, read, failed; "waiting" while in the outbox
        ErrorCodeRole,               // QString: the provider's (or the server's) error code when failed
        ErrorMessageRole,            // QString: its text
        CreatedAtRole,               // QDateTime
        SenderNameRole,              // QString: the agent who wrote it, "Bot", or empty for the client
        MediaFileIdRole,             // qint64, 0 without media
        ReadRole,                    // bool: inbound and already read
        TemplateNameRole,            // QString
        DayRole,                     // QString: the local day it was written, yyyy-MM-dd (the view's sections)
    };
    Q_ENUM(Role)

    explicit MessageListModel(QObject *parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_rows.size()); }
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    bool hasOlder() const { return m_hasOlder; }
    void setHasOlder(bool hasOlder);
    bool nearTop() const { return m_nearTop; }
    void setNearTop(bool nearTop);
    // What fetchMore() calls to load the page before the first row (it prepends it when it comes).
    void setOlderFetcher(std::function<void()> fetch) { m_fetchOlder = std::move(fetch); }

    void reset(const QList<Conversa::MessageDto> &messages);
    void prepend(const QList<Conversa::MessageDto> &older);   // a page of older messages, oldest first
    void upsert(const Conversa::MessageDto &message);         // updated in place by id, else appended
    void addLocal(const QString &key, const QString &type, const QString &content);
    void resolveLocal(const QString &key, const Conversa::MessageDto &message);   // the server stored it
    void setLocalStatus(const QString &key, const QString &status, const QString &error = {});
    void markRead(const QList<qint64> &ids);
    QList<qint64> unreadInbound() const;
    qint64 firstId() const;
    int rowOfId(qint64 id) const;
    int rowOfKey(const QString &key) const;

signals:
    void countChanged();
    void hasOlderChanged();
    void nearTopChanged();

private:
    struct Row {
        qint64 id = 0;
        QString key, type, content, status, errorCode, errorMessage, sender, templateName;
        bool inbound = false, read = false;
        QDateTime createdAt;
        qint64 mediaFileId = 0;
    };
    static Row rowFrom(const Conversa::MessageDto &m);

    QList<Row> m_rows;
    bool m_hasOlder = false;
    bool m_nearTop = false;
    std::function<void()> m_fetchOlder;
};
