// The live dashboard in the real app window against the real server (SQLite and PostgreSQL): a
// supervisor opens the workspace's "Dashboard" tab, sees the campaign's queue and agent; a client's
// signed webhook leaves a chat waiting and the tile and the queue row show it without a reload;
// the wallboard mode enlarges the page; clicking the queue opens the inbox on that campaign's
// queued chats. An agent has no such tab. Screenshots of the dashboard and the wallboard land in
// build/<preset>/artifacts/.
#include "DashboardController.h"
#include "DesktopHarness.h"
#include "Fixtures.h"
#include "InboxController.h"
#include "QmlModules.h"
#include "TestServer.h"
#include "WindowProbe.h"

#include "crypto/WebhookSignature.h"
#include "store/Database.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

#include <cstdio>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {
const QByteArray kAppSecret = "dashboard-page-secret";
const QString kMetaId = u"555000419"_s;
}   // namespace

class tst_DashboardPage : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void liveInTheWindow();
    void drillDownToInbox();
    void agentHasNoDashboard();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    // By the visual tree: what a Repeater or a ListView makes has no QObject parent to find.
    QQuickItem *item(const QString &name) const { return findItem(window()->contentItem(), name); }
    bool visible(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible();
    }
    void click(QQuickItem *i)
    {
        QTest::mouseClick(window(), Qt::LeftButton, {},
                          i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint());
    }
    void signInAs(const QString &email, const QString &password)
    {
        if (item(u"workspacePage"_s)) {
            m_app->session()->logout();
            QTRY_VERIFY(!item(u"workspacePage"_s));
        }
        QVERIFY(signIn(*m_app, m_server.baseUrl(), email, password));
        QTRY_VERIFY(item(u"workspacePage"_s));
    }
    DashboardController *controller() const
    {
        QQuickItem *page = item(u"dashboardPage"_s);
        return page ? qobject_cast<DashboardController *>(page->property("controller").value<QObject *>()) : nullptr;
    }
    void screenshot(const QString &name);

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
    qint64 m_campaign = 0;
    qint64 m_number = 0;
};

void tst_DashboardPage::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    // The test server pushes no analytics.update unless asked: once a second, as in production.
    QVERIFY(
        m_server.start({{u"CONVERSA_ROUTING_SWEEP_MS"_s, u"3600000"_s}, {u"CONVERSA_ANALYTICS_PUSH_MS"_s, u"1000"_s}}));
    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    const ApiResponse n = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573000000419"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, kMetaId},
                                            {u"meta_access_token"_s, u"EAAB-page"_s},
                                            {u"meta_app_secret"_s, QString::fromUtf8(kAppSecret)}},
                                           admin);
    QCOMPARE(n.status, 201);
    m_number = n.value(u"id"_s).toInteger();
    m_campaign = campaignWithNumber(m_server.db(), u"Renovaciones"_s, u"RENOV"_s, m_number);
    QVERIFY(m_campaign > 0);
    const qint64 now = nowSeconds();
    const qint64 agent =
        m_server.createUser(u"nico@example.com"_s, u"correct horse 1"_s, u"agent"_s, u"active"_s, u"Nico"_s, u"Sanz"_s);
    SqlQuery join(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
                  {m_campaign, agent, now});
    QVERIFY(join.exec());
    m_server.createUser(u"vera@example.com"_s, u"correct horse 2"_s, u"supervisor"_s, u"active"_s, u"Vera"_s, u"Luz"_s);

    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_DashboardPage::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_DashboardPage::screenshot(const QString &name)
{
    QString why;
    QVERIFY2(saveScreenshot(window(), QStringLiteral(CONVERSA_ARTIFACTS_DIR),
                            u"desktop-%1-%2"_s.arg(name, TestServer::engine()), &why),
             qPrintable(why));
}

void tst_DashboardPage::liveInTheWindow()
{
    signInAs(u"vera@example.com"_s, u"correct horse 2"_s);
    QTRY_VERIFY(visible(u"dashboardTab"_s));
    click(item(u"dashboardTab"_s));
    QTRY_VERIFY(controller());
    QTRY_COMPARE(controller()->state(), DashboardController::Live);
    const QString row = u"queueRow_%1"_s.arg(m_campaign);
    QTRY_VERIFY(visible(row));
    QTRY_VERIFY(item(u"tile_waiting"_s));
    QTRY_COMPARE(findItem(item(u"tile_waiting"_s), u"tileValue"_s)->property("text").toString(), u"0"_s);
    const int fetches = controller()->fetchCount();

    const QByteArray body =
        metaTextWebhook(kMetaId, u"573000000419"_s, u"573115550002"_s, u"Irene"_s, u"wamid.page-1"_s, u"Buenas"_s);
    QCOMPARE(m_server
                 .requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(m_number), body, "application/json", {},
                             {{"X-Hub-Signature-256", "sha256=" + WebhookSignature::hmacSha256Hex(kAppSecret, body)}})
                 .status,
             200);
    QTRY_COMPARE(findItem(item(u"tile_waiting"_s), u"tileValue"_s)->property("text").toString(), u"1"_s);
    QCOMPARE(controller()->fetchCount(), fetches);   // pushed, not fetched
    QTRY_VERIFY(visible(u"trendChart"_s));
    QVERIFY(item(u"firstResponseChart"_s));
    QVERIFY(item(u"slaChart"_s));
    screenshot(u"dashboard"_s);

    click(item(u"wallboardButton"_s));
    QTRY_VERIFY(item(u"dashboardPage"_s)->property("wallboard").toBool());
    screenshot(u"wallboard"_s);
    click(item(u"wallboardButton"_s));
    QTRY_VERIFY(!item(u"dashboardPage"_s)->property("wallboard").toBool());
}

void tst_DashboardPage::drillDownToInbox()
{
    QQuickItem *row = item(u"queueRow_%1"_s.arg(m_campaign));
    QVERIFY(row);
    click(row);
    QTRY_VERIFY(item(u"chatsTab"_s)->property("checked").toBool());
    QCOMPARE(m_app->inbox()->tab(), InboxController::Queued);
    QCOMPARE(m_app->inbox()->campaignFilter(), m_campaign);
    QTRY_COMPARE(m_app->inbox()->model()->rowCount(), 1);   // Irene's chat, waiting
}

void tst_DashboardPage::agentHasNoDashboard()
{
    signInAs(u"nico@example.com"_s, u"correct horse 1"_s);
    QVERIFY(!visible(u"dashboardTab"_s));
    QVERIFY(!item(u"dashboardPage"_s));
}

QTEST_MAIN(tst_DashboardPage)
#include "tst_dashboard_page.moc"
