// MessageListModel under QAbstractItemModelTester: history pages (older ones prepended), status
// changes in place, fetchMore() asking for the older page only while there is one and the view is
// near its top, messages typed here as local rows that become the server's message whether
// the POST answer or the socket's chat.message comes first, and read marks.
#include "MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QJsonObject messageJson(qint64 id, const QString &direction, const QString &status, const QString &content = {})
{
    return {{u"id"_s, id},
            {u"chat_id"_s, 1},
            {u"direction"_s, direction},
            {u"message_type"_s, u"text"_s},
            {u"content"_s, content.isEmpty() ? u"m%1"_s.arg(id) : content},
            {u"status"_s, status},
            {u"error_code"_s, QJsonValue::Null},
            {u"error_message"_s, QJsonValue::Null},
            {u"user"_s,
             direction == u"outbound"_s
                 ? QJsonValue(QJsonObject{{u"id"_s, 7}, {u"first_name"_s, u"Ana"_s}, {u"last_name"_s, u"Ruiz"_s}})
                 : QJsonValue(QJsonValue::Null)},
            {u"is_bot_message"_s, false},
            {u"created_at"_s, u"2026-01-01T10:00:%1Z"_s.arg(id % 60, 2, 10, QLatin1Char('0'))},
            {u"read_at"_s, QJsonValue::Null}};
}

Conversa::MessageDto message(qint64 id, const QString &direction, const QString &status, const QString &content = {})
{
    return Conversa::MessageDto::fromJson(messageJson(id, direction, status, content));
}

QList<qint64> ids(const MessageListModel &m)
{
    QList<qint64> out;
    for (int i = 0; i < m.rowCount(); ++i)
        out.append(m.data(m.index(i), MessageListModel::IdRole).toLongLong());
    return out;
}

}   // namespace

class tst_MessageListModel : public QObject {
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void pages();
    void fetchMoreOlderPages();
    void statusInPlace_data();
    void statusInPlace();
    void localThenAnswer_data();
    void localThenAnswer();
    void readMarks();

private:
    std::unique_ptr<MessageListModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
};

void tst_MessageListModel::init()
{
    m_model = std::make_unique<MessageListModel>();
    m_tester = std::make_unique<QAbstractItemModelTester>(m_model.get(),
                                                          QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_model->reset({message(10, u"inbound"_s, u"delivered"_s), message(11, u"outbound"_s, u"sent"_s)});
}

void tst_MessageListModel::fetchMoreOlderPages()
{
    MessageListModel &m = *m_model;
    int fetches = 0;
    m.setOlderFetcher([&] {
        ++fetches;
        m.setHasOlder(false);   // the page was the last
        m.prepend({message(1, u"inbound"_s, u"delivered"_s), message(2, u"inbound"_s, u"delivered"_s)});
    });
    m.reset({message(3, u"inbound"_s, u"delivered"_s), message(4, u"outbound"_s, u"sent"_s)});
    QSignalSpy hasOlder(&m, &MessageListModel::hasOlderChanged);
    // Nothing older on the server: nothing to fetch, wherever the view is.
    m.setNearTop(true);
    QVERIFY(!m.canFetchMore({}));
    m.setHasOlder(true);
    QCOMPARE(hasOlder.size(), 1);
    // Older messages, but the view far from its top (the delegate model asks whenever it creates
    // the newest row): still nothing.
    m.setNearTop(false);
    QVERIFY(!m.canFetchMore({}));
    m.fetchMore({});
    QCOMPARE(fetches, 0);
    // Near the top: the older page, once, prepended.
    m.setNearTop(true);
    QVERIFY(m.canFetchMore({}));
    QVERIFY(!m.canFetchMore(m.index(0)));   // a list: no children
    m.fetchMore({});
    QCOMPARE(fetches, 1);
    QCOMPARE(ids(m), (QList<qint64>{1, 2, 3, 4}));
    QVERIFY(!m.hasOlder());
    QVERIFY(!m.canFetchMore({}));
    m.fetchMore({});
    QCOMPARE(fetches, 1);
}

void tst_MessageListModel::cleanup()
{
    m_tester.reset();
    m_model.reset();
}

void tst_MessageListModel::pages()
{
    QCOMPARE(m_model->firstId(), 10);
    m_model->prepend({message(8, u"inbound"_s, u"delivered"_s), message(9, u"outbound"_s, u"read"_s)});
    QCOMPARE(ids(*m_model), (QList<qint64>{8, 9, 10, 11}));
    m_model->prepend({message(9, u"outbound"_s, u"read"_s)});   // overlap is skipped
    QCOMPARE(ids(*m_model), (QList<qint64>{8, 9, 10, 11}));
    QCOMPARE(m_model->data(m_model->index(1), MessageListModel::SenderNameRole).toString(), u"Ana Ruiz"_s);
    QCOMPARE(m_model->data(m_model->index(0), MessageListModel::InboundRole).toBool(), true);
}

void tst_MessageListModel::statusInPlace_data()
{
    QTest::addColumn<QString>("status");
    QTest::addColumn<QString>("errorCode");
    QTest::addRow("delivered") << u"delivered"_s << QString();
    QTest::addRow("read") << u"read"_s << QString();
    QTest::addRow("failed") << u"failed"_s << u"131047"_s;
}

void tst_MessageListModel::statusInPlace()
{
    QFETCH(QString, status);
    QFETCH(QString, errorCode);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    QJsonObject m = messageJson(11, u"outbound"_s, status);
    if (!errorCode.isEmpty()) {
        m.insert(u"error_code"_s, errorCode);
        m.insert(u"error_message"_s, u"Re-engagement message"_s);
    }
    m_model->upsert(Conversa::MessageDto::fromJson(m));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
    QCOMPARE(inserted.size(), 0);
    QCOMPARE(resets.size(), 0);
    QCOMPARE(m_model->data(m_model->index(1), MessageListModel::StatusRole).toString(), status);
    QCOMPARE(m_model->data(m_model->index(1), MessageListModel::ErrorCodeRole).toString(), errorCode);
}

void tst_MessageListModel::localThenAnswer_data()
{
    QTest::addColumn<bool>("socketFirst");
    QTest::addRow("answer-first") << false;
    QTest::addRow("socket-first") << true;
}

void tst_MessageListModel::localThenAnswer()
{
    QFETCH(bool, socketFirst);
    m_model->addLocal(u"key-1"_s, u"text"_s, u"Hola, ya le ayudo"_s);
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->data(m_model->index(2), MessageListModel::IdRole).toLongLong(), 0);
    QCOMPARE(m_model->data(m_model->index(2), MessageListModel::StatusRole).toString(), u"pending"_s);
    m_model->setLocalStatus(u"key-1"_s, u"waiting"_s);
    QCOMPARE(m_model->data(m_model->index(2), MessageListModel::StatusRole).toString(), u"waiting"_s);
    const Conversa::MessageDto stored = message(12, u"outbound"_s, u"pending"_s, u"Hola, ya le ayudo"_s);
    if (socketFirst)
        m_model->upsert(stored);
    m_model->resolveLocal(u"key-1"_s, stored);
    QCOMPARE(ids(*m_model), (QList<qint64>{10, 11, 12}));   // once, whatever came first
    QCOMPARE(m_model->data(m_model->index(2), MessageListModel::LocalKeyRole).toString(), u"key-1"_s);
    QCOMPARE(m_model->rowOfKey(u"key-1"_s), 2);
    // The worker's update then lands on that row.
    m_model->upsert(message(12, u"outbound"_s, u"sent"_s, u"Hola, ya le ayudo"_s));
    QCOMPARE(m_model->rowCount(), 3);
    QCOMPARE(m_model->data(m_model->index(2), MessageListModel::StatusRole).toString(), u"sent"_s);
}

void tst_MessageListModel::readMarks()
{
    m_model->upsert(message(12, u"inbound"_s, u"delivered"_s));
    QCOMPARE(m_model->unreadInbound(), (QList<qint64>{10, 12}));
    m_model->markRead({10, 12});
    QVERIFY(m_model->unreadInbound().isEmpty());
    QVERIFY(m_model->data(m_model->index(0), MessageListModel::ReadRole).toBool());
}

QTEST_GUILESS_MAIN(tst_MessageListModel)
#include "tst_message_list_model.moc"
