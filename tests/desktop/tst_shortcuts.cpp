// The workspace's keyboard, through the real QML window and key events against the real server:
// Ctrl+F (and Ctrl+F again) puts the cursor in the search with its text selected; Ctrl+Down /
// Ctrl+Up and Alt+Down / Alt+Up open the next / previous chat and stop at the ends; in the composer
// Enter (Return or the keypad's) sends, Shift+Enter breaks the line, and Enter on nothing sends
// nothing.
#include "DesktopHarness.h"
#include "FakeMetaGraph.h"
#include "Fixtures.h"
#include "TestServer.h"
#include "WindowProbe.h"

#include "ConversationController.h"
#include "InboxController.h"
#include "QmlModules.h"

#include "crypto/WebhookSignature.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QByteArray kAppSecret = "shortcuts-app-secret";
const QString kMetaId = u"555000333"_s;

QByteArray inbound(const QString &waId, const QString &name, const QString &wamid, const QString &text)
{
    return metaTextWebhook(kMetaId, u"573000000888"_s, waId, name, wamid, text);
}

}   // namespace

class tst_DesktopShortcuts : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void findFocusesSearch();
    void nextAndPreviousChat();
    void enterSends();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    QQuickItem *item(const char *name) const { return window()->findChild<QQuickItem *>(QString::fromLatin1(name)); }
    qint64 chatAt(int row) const { return m_app->inbox()->model()->chatIdAt(row); }
    void key(Qt::Key k, Qt::KeyboardModifiers modifiers = Qt::NoModifier) { QTest::keyClick(window(), k, modifiers); }
    // QTest::keyClicks takes only widgets.
    void type(const QString &text)
    {
        for (const QChar c : text)
            QTest::keyClick(window(), c.toLatin1());
    }
    int rowsWithContent(const QString &text) const
    {
        const MessageListModel *m = m_app->conversation()->messages();
        int rows = 0;
        for (int i = 0; i < m->rowCount(); ++i)
            rows += m->data(m->index(i), MessageListModel::ContentRole).toString() == text ? 1 : 0;
        return rows;
    }

    FakeMetaGraph m_graph;
    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
};

void tst_DesktopShortcuts::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QVERIFY(m_graph.listen());
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                            {u"CONVERSA_OUTBOUND_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s}}));
    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    const qint64 agent = m_server.createUser(u"teclas@example.com"_s, u"correct horse 1"_s, u"agent"_s, u"active"_s,
                                             u"Tere"_s, u"Clas"_s);
    const ApiResponse n = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573000000888"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, kMetaId},
                                            {u"meta_access_token"_s, u"EAAB-keys"_s},
                                            {u"meta_app_secret"_s, QString::fromUtf8(kAppSecret)}},
                                           admin);
    QCOMPARE(n.status, 201);
    const qint64 number = n.value(u"id"_s).toInteger();
    const qint64 now = nowSeconds();
    const qint64 campaign = insertReturningId(m_server.db(),
                                              "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                              "VALUES ('Teclado', 'KEYS', ?, ?) RETURNING id",
                                              {now, now});
    QVERIFY(campaign > 0);
    SqlQuery
        link(m_server.db(),
             "INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)",
             {campaign, number, now});
    QVERIFY(link.exec());
    SqlQuery join(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                  {campaign, agent, now});
    QVERIFY(join.exec());

    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    // Shortcuts only fire in the active window.
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));

    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"teclas@example.com"_s, u"correct horse 1"_s));
    QTRY_VERIFY(item("workspacePage"));
    m_app->session()->setAgentStatus(u"available"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->session()->agentStatus(), u"available"_s, 5000);

    // Three chats routed to the agent, newest on top.
    const QStringList names{u"Ana Uno"_s, u"Beto Dos"_s, u"Carla Tres"_s};
    for (int i = 0; i < names.size(); ++i) {
        if (i > 0)
            QTest::qWait(1100);   // activity times have seconds precision
        const QByteArray body = inbound(u"57315000000%1"_s.arg(i), names[i], u"wamid.k-%1"_s.arg(i), u"Hola"_s);
        const ApiResponse r =
            m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(number), body, "application/json", {},
                                {{"X-Hub-Signature-256",
                                  "sha256=" + WebhookSignature::hmacSha256Hex(kAppSecret, body)}});
        QCOMPARE(r.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(m_app->inbox()->model()->rowCount(), i + 1, 10000);
    }
    QTRY_COMPARE(item("chatList")->property("count").toInt(), 3);
    QCOMPARE(m_app->inbox()->model()->data(m_app->inbox()->model()->index(0), ChatListModel::ClientNameRole).toString(),
             u"Carla Tres"_s);
    QCOMPARE(m_app->conversation()->chatId(), 0);
}

void tst_DesktopShortcuts::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_DesktopShortcuts::findFocusesSearch()
{
    QQuickItem *search = item("searchField");
    QVERIFY(search);
    QVERIFY(!search->hasActiveFocus());
    key(Qt::Key_F, Qt::ControlModifier);
    QTRY_VERIFY(search->hasActiveFocus());
    // What is typed now searches.
    type(u"Beto"_s);
    QCOMPARE(search->property("text").toString(), u"Beto"_s);
    QCOMPARE(m_app->inbox()->search(), u"Beto"_s);
    QTRY_COMPARE_WITH_TIMEOUT(m_app->inbox()->model()->rowCount(), 1, 10000);
    // Ctrl+F again selects what is there, so that typing replaces it.
    key(Qt::Key_F, Qt::ControlModifier);
    QCOMPARE(search->property("selectedText").toString(), u"Beto"_s);
    key(Qt::Key_Backspace);
    QCOMPARE(m_app->inbox()->search(), QString());
    QTRY_COMPARE_WITH_TIMEOUT(m_app->inbox()->model()->rowCount(), 3, 10000);
    QTRY_COMPARE(item("chatList")->property("count").toInt(), 3);
}

void tst_DesktopShortcuts::nextAndPreviousChat()
{
    ConversationController *c = m_app->conversation();
    // Nothing open: the next chat is the first.
    key(Qt::Key_Down, Qt::ControlModifier);
    QTRY_COMPARE(c->chatId(), chatAt(0));
    key(Qt::Key_Down, Qt::ControlModifier);
    QTRY_COMPARE(c->chatId(), chatAt(1));
    QTRY_COMPARE(item("chatTitle")->property("text").toString(), u"Beto Dos"_s);
    key(Qt::Key_Down, Qt::AltModifier);
    QTRY_COMPARE(c->chatId(), chatAt(2));
    // The last one stays.
    key(Qt::Key_Down, Qt::ControlModifier);
    QTest::qWait(200);
    QCOMPARE(c->chatId(), chatAt(2));
    key(Qt::Key_Up, Qt::ControlModifier);
    QTRY_COMPARE(c->chatId(), chatAt(1));
    key(Qt::Key_Up, Qt::AltModifier);
    QTRY_COMPARE(c->chatId(), chatAt(0));
    key(Qt::Key_Up, Qt::ControlModifier);
    QTest::qWait(200);
    QCOMPARE(c->chatId(), chatAt(0));
    QCOMPARE(item("chatList")->property("currentIndex").toInt(), 0);
}

void tst_DesktopShortcuts::enterSends()
{
    ConversationController *c = m_app->conversation();
    QVERIFY(c->chatId() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(c->messages()->rowCount() >= 1, 10000);
    QQuickItem *composer = item("composer");
    QVERIFY(composer);
    QTRY_VERIFY(composer->isVisible());
    composer->forceActiveFocus();
    QVERIFY(composer->hasActiveFocus());
    const int before = c->messages()->rowCount();

    // Enter on an empty composer sends nothing.
    key(Qt::Key_Return);
    QTest::qWait(300);
    QCOMPARE(c->messages()->rowCount(), before);

    // Shift+Enter breaks the line; nothing goes.
    type(u"Hola"_s);
    key(Qt::Key_Return, Qt::ShiftModifier);
    type(u"mundo"_s);
    QCOMPARE(composer->property("text").toString(), u"Hola\nmundo"_s);
    QCOMPARE(c->messages()->rowCount(), before);

    // Enter sends both lines and empties the composer, which keeps the cursor.
    key(Qt::Key_Return);
    QTRY_COMPARE(c->messages()->rowCount(), before + 1);
    QCOMPARE(rowsWithContent(u"Hola\nmundo"_s), 1);
    QCOMPARE(composer->property("text").toString(), QString());
    QVERIFY(composer->hasActiveFocus());

    // The keypad's Enter too.
    type(u"Otra"_s);
    key(Qt::Key_Enter, Qt::KeypadModifier);
    QTRY_COMPARE(c->messages()->rowCount(), before + 2);
    QCOMPARE(rowsWithContent(u"Otra"_s), 1);
    QCOMPARE(composer->property("text").toString(), QString());
    // Both reached the server.
    QTRY_COMPARE_WITH_TIMEOUT(m_server.count(u"messages"_s, u"content = 'Otra'"_s), 1, 10000);
    QCOMPARE(m_server.count(u"messages"_s, u"content = 'Hola\nmundo'"_s), 1);
}

QTEST_MAIN(tst_DesktopShortcuts)
#include "tst_shortcuts.moc"
