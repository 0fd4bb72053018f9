// ChatListModel under QAbstractItemModelTester: fresh loads, chats inserted where their activity
// puts them, updates in place, a new message moving its chat to the top, unread counts, removal;
// and never a reset for an update.
#include "ChatListModel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject chatJson(qint64 id, const QString &name, const QString &lastAt, int unread = 0,
                     const QString &status = u"assigned"_s)
{
    return {{u"id"_s, id},
            {u"client"_s,
             QJsonObject{{u"id"_s, id * 10},
                         {u"first_name"_s, name},
                         {u"last_name"_s, QJsonValue::Null},
                         {u"phone_number"_s, u"+5731500000%1"_s.arg(id, 2, 10, QLatin1Char('0'))}}},
            {u"campaign"_s, QJsonObject{{u"id"_s, 1}, {u"name"_s, u"Ventas"_s}}},
            {u"assigned_agent"_s, QJsonObject{{u"id"_s, 7}, {u"first_name"_s, u"Ana"_s}, {u"last_name"_s, u"Ruiz"_s}}},
            {u"status"_s, status},
            {u"priority"_s, u"normal"_s},
            {u"unread_count"_s, unread},
            {u"tags"_s, QJsonArray{u"vip"_s}},
            {u"created_at"_s, u"2026-01-01T08:00:00Z"_s},
            {u"last_message_at"_s, lastAt},
            {u"last_message"_s,
             QJsonObject{{u"id"_s, id * 100},
                         {u"content"_s, u"hola %1"_s.arg(id)},
                         {u"direction"_s, u"inbound"_s},
                         {u"created_at"_s, lastAt}}}};
}

Conversa::ChatDto chat(qint64 id, const QString &name, const QString &lastAt, int unread = 0,
                       const QString &status = u"assigned"_s)
{
    return Conversa::ChatDto::fromJson(chatJson(id, name, lastAt, unread, status));
}

Conversa::MessageDto message(qint64 id, const QString &content, const QString &direction, const QString &at)
{
    return Conversa::MessageDto::fromJson({{u"id"_s, id},
                                           {u"content"_s, content},
                                           {u"direction"_s, direction},
                                           {u"created_at"_s, at},
                                           {u"read_at"_s, QJsonValue::Null}});
}

QList<qint64> ids(const ChatListModel &m)
{
    QList<qint64> out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.append(m.chatIdAt(i));
    return out;
}

}   // namespace

class tst_ChatListModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void roles();
    void insertByActivity_data();
    void insertByActivity();
    void updateInPlace();
    void messageMovesToTop_data();
    void messageMovesToTop();
    void unreadAndRemove();
    void appendSkipsListed();

private:
    std::unique_ptr<ChatListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_ChatListModel::init()
{
    m_model = std::make_unique<ChatListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->reset({chat(3, u"Carla"_s, u"2026-01-01T12:00:00Z"_s, 2), chat(2, u"Beto"_s, u"2026-01-01T11:00:00Z"_s),
                    chat(1, u"Alba"_s, u"2026-01-01T10:00:00Z"_s, 1)});
}

void tst_ChatListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_ChatListModel::roles()
{
    const QModelIndex first = m_model->index(0);
    QCOMPARE(m_model->data(first, ChatListModel::IdRole).toLongLong(), 3);
    QCOMPARE(m_model->data(first, ChatListModel::ClientNameRole).toString(), u"Carla"_s);
    QCOMPARE(m_model->data(first, ChatListModel::PhoneNumberRole).toString(), u"+573150000003"_s);
    QCOMPARE(m_model->data(first, ChatListModel::CampaignNameRole).toString(), u"Ventas"_s);
    QCOMPARE(m_model->data(first, ChatListModel::AssignedAgentNameRole).toString(), u"Ana Ruiz"_s);
    QCOMPARE(m_model->data(first, ChatListModel::LastMessageRole).toString(), u"hola 3"_s);
    QCOMPARE(m_model->data(first, ChatListModel::LastMessageInboundRole).toBool(), true);
    QCOMPARE(m_model->data(first, ChatListModel::UnreadCountRole).toInt(), 2);
    QCOMPARE(m_model->data(first, ChatListModel::TagsRole).toStringList(), QStringList{u"vip"_s});
    QCOMPARE(m_model->data(first, ChatListModel::LastActivityRole).toDateTime(),
             QDateTime::fromString(u"2026-01-01T12:00:00Z"_s, Qt::ISODate));
    QCOMPARE(m_model->data(first, ChatListModel::StatusTextRole).toString(), u"Assigned"_s);   // no translator loaded
    QCOMPARE(m_model->totalUnread(), 3);
    const QHash<int, QByteArray> names = m_model->roleNames();
    QCOMPARE(names.value(ChatListModel::UnreadCountRole), QByteArray("unreadCount"));
    QCOMPARE(names.value(ChatListModel::IdRole), QByteArray("chatId"));
}

void tst_ChatListModel::insertByActivity_data()
{
    QTest::addColumn<QString>("lastAt");
    QTest::addColumn<QList<qint64>>("order");
    QTest::addRow("newest") << u"2026-01-01T13:00:00Z"_s << QList<qint64>{9, 3, 2, 1};
    QTest::addRow("middle") << u"2026-01-01T10:30:00Z"_s << QList<qint64>{3, 2, 9, 1};
    QTest::addRow("oldest") << u"2026-01-01T09:00:00Z"_s << QList<qint64>{3, 2, 1, 9};
}

void tst_ChatListModel::insertByActivity()
{
    QFETCH(QString, lastAt);
    QFETCH(QList<qint64>, order);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    m_model->upsert(chat(9, u"Nuevo"_s, lastAt));
    QCOMPARE(ids(*m_model), order);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(resets.size(), 0);
}

void tst_ChatListModel::updateInPlace()
{
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy moved(m_model.get(), &QAbstractItemModel::rowsMoved);
    // The detail shape of chat.updated: no last_message, same activity; status and agent change.
    QJsonObject detail = chatJson(2, u"Beto"_s, u"2026-01-01T11:00:00Z"_s, 4, u"queued"_s);
    detail.remove(u"last_message"_s);
    detail.insert(u"assigned_agent"_s, QJsonValue::Null);
    m_model->upsert(Conversa::ChatDto::fromJson(detail));
    QCOMPARE(resets.size(), 0);
    QCOMPARE(moved.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    const QModelIndex row = m_model->index(1);
    QCOMPARE(m_model->data(row, ChatListModel::StatusRole).toString(), u"queued"_s);
    QCOMPARE(m_model->data(row, ChatListModel::AssignedAgentIdRole).toLongLong(), 0);
    QCOMPARE(m_model->data(row, ChatListModel::UnreadCountRole).toInt(), 4);
    QCOMPARE(m_model->data(row, ChatListModel::LastMessageRole).toString(), u"hola 2"_s);   // kept
    QCOMPARE(m_model->totalUnread(), 7);
}

void tst_ChatListModel::messageMovesToTop_data()
{
    QTest::addColumn<qint64>("chatId");
    QTest::addColumn<QString>("direction");
    QTest::addColumn<bool>("countUnread");
    QTest::addColumn<QList<qint64>>("order");
    QTest::addColumn<int>("unread");
    QTest::addRow("inbound-last-row") << qint64(1) << u"inbound"_s << true << QList<qint64>{1, 3, 2} << 2;
    QTest::addRow("inbound-open-chat") << qint64(1) << u"inbound"_s << false << QList<qint64>{1, 3, 2} << 1;
    QTest::addRow("outbound-middle") << qint64(2) << u"outbound"_s << true << QList<qint64>{2, 3, 1} << 0;
    QTest::addRow("already-on-top") << qint64(3) << u"inbound"_s << true << QList<qint64>{3, 2, 1} << 3;
}

void tst_ChatListModel::messageMovesToTop()
{
    QFETCH(qint64, chatId);
    QFETCH(QString, direction);
    QFETCH(bool, countUnread);
    QFETCH(QList<qint64>, order);
    QFETCH(int, unread);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy removed(m_model.get(), &QAbstractItemModel::rowsRemoved);
    QVERIFY(m_model->applyMessage(chatId, message(5000, u"¿Sigue disponible?"_s, direction, u"2026-01-01T14:00:00Z"_s),
                                  countUnread));
    QCOMPARE(ids(*m_model), order);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(removed.size(), 0);   // moved, not removed and inserted again
    const QModelIndex top = m_model->index(0);
    QCOMPARE(m_model->data(top, ChatListModel::LastMessageRole).toString(), u"¿Sigue disponible?"_s);
    QCOMPARE(m_model->data(top, ChatListModel::UnreadCountRole).toInt(), unread);
    // The same message again (an echo) changes nothing.
    QVERIFY(m_model->applyMessage(chatId, message(5000, u"¿Sigue disponible?"_s, direction, u"2026-01-01T14:00:00Z"_s),
                                  countUnread));
    QCOMPARE(m_model->data(top, ChatListModel::UnreadCountRole).toInt(), unread);
    // A chat not listed is not invented.
    QVERIFY(!m_model->applyMessage(42, message(5001, u"x"_s, u"inbound"_s, u"2026-01-01T14:00:00Z"_s), true));
    QCOMPARE(m_model->rowCount(), 3);
}

void tst_ChatListModel::unreadAndRemove()
{
    QSignalSpy total(m_model.get(), &ChatListModel::totalUnreadChanged);
    m_model->setUnread(3, 0);
    QCOMPARE(m_model->totalUnread(), 1);
    QCOMPARE(total.size(), 1);
    m_model->setUnread(3, 0);
    QCOMPARE(total.size(), 1);
    m_model->remove(1);
    QCOMPARE(ids(*m_model), (QList<qint64>{3, 2}));
    QCOMPARE(m_model->totalUnread(), 0);
    m_model->remove(1);   // gone already
    QCOMPARE(m_model->rowCount(), 2);
}

void tst_ChatListModel::appendSkipsListed()
{
    m_model->append({chat(2, u"Beto"_s, u"2026-01-01T11:00:00Z"_s), chat(0 + 4, u"Dora"_s, u"2026-01-01T07:00:00Z"_s)});
    QCOMPARE(ids(*m_model), (QList<qint64>{3, 2, 1, 4}));
}

QTEST_GUILESS_MAIN(tst_ChatListModel)
#include "tst_chat_list_model.moc"
