// The real app window when the user's role requires two-factor authentication: an agent signs in,
// is shown the set-up page instead of the workspace, types the password, gets the QR code, types
// the authenticator's code and reaches the workspace with the socket connected. A screenshot of
// the set-up page lands in build/<preset>/artifacts/.
#include "DesktopHarness.h"
#include "QmlModules.h"
#include "TestServer.h"
#include "WindowProbe.h"

#include "core/Clock.h"
#include "crypto/Totp.h"

#include <QJsonArray>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickWindow>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

class tst_TwoFactorSetupUi : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void agentIsWalkedThroughSetup();

private:
    QQuickWindow *window() const { return qobject_cast<QQuickWindow *>(m_engine->rootObjects().value(0)); }
    QQuickItem *item(const QString &name) const { return findItem(window()->contentItem(), name); }
    bool shown(const QString &name) const
    {
        QQuickItem *i = item(name);
        return i && i->isVisible();
    }
    void click(const QString &name)
    {
        QQuickItem *i = item(name);
        QVERIFY2(i && i->isVisible(), qPrintable(name));
        QTest::mouseClick(window(), Qt::LeftButton, {},
                          i->mapToScene(QPointF(i->width() / 2, i->height() / 2)).toPoint());
    }
    void type(const QString &field, const QString &text)
    {
        QQuickItem *i = item(field);
        QVERIFY2(i, qPrintable(field));
        i->forceActiveFocus();
        for (const QChar c : text)   // QTest::keyClicks takes only widgets here (Qt 6.4)
            QTest::keyClick(window(), c.toLatin1());
        QCOMPARE(i->property("text").toString(), text);
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    std::unique_ptr<QQmlApplicationEngine> m_engine;
};

void tst_TwoFactorSetupUi::initTestCase()
{
    QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
    QVERIFY(m_server.start());
    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    m_engine = loadMainWindow(m_app.get());
    QVERIFY(window());
    window()->resize(1280, 720);
    window()->requestActivate();
    QVERIFY(QTest::qWaitForWindowActive(window()));
}

void tst_TwoFactorSetupUi::cleanupTestCase()
{
    m_engine.reset();
    m_app.reset();
    m_server.stop();
}

void tst_TwoFactorSetupUi::agentIsWalkedThroughSetup()
{
    const QByteArray admin = m_server.tokenFor(u"admin"_s);
    qint64 agentRole = 0;
    for (const QJsonValue &role : m_server.request("GET", u"/v1/roles"_s, {}, admin).value(u"data"_s).toArray())
        if (role[u"name"_s].toString() == u"agent"_s)
            agentRole = role[u"id"_s].toInteger();
    QCOMPARE(m_server.request("PUT", u"/v1/roles/%1"_s.arg(agentRole), {{u"require_two_factor"_s, true}}, admin).status,
             200);
    m_server.createUser(u"agente@example.com"_s, u"correct horse 3"_s, u"agent"_s, u"active"_s, u"Águeda"_s,
                        u"Agente"_s);

    m_app->session()->login(m_server.baseUrl().toString(), u"agente@example.com"_s, u"correct horse 3"_s, false);
    QTRY_VERIFY_WITH_TIMEOUT(shown(u"twoFactorSetupPage"_s), 10000);
    QVERIFY(!item(u"workspacePage"_s));
    QCOMPARE(m_app->socket().state(), Conversa::SocketIoClient::State::Closed);

    type(u"setupPassword"_s, u"correct horse 3"_s);
    click(u"setupStart"_s);
    QTRY_VERIFY_WITH_TIMEOUT(shown(u"setupQrImage"_s), 5000);
    QTRY_COMPARE(item(u"setupQrImage"_s)->property("status").toInt(), 1);   // Image.Ready: the PNG decoded
    QString why;
    QVERIFY2(saveScreenshot(window(), QStringLiteral(CONVERSA_ARTIFACTS_DIR),
                            u"desktop-two-factor-setup-%1"_s.arg(TestServer::engine()), &why),
             qPrintable(why));

    type(u"setupCode"_s, Totp::codeAt(m_app->session()->twoFactorSecret().toLatin1(), nowSeconds()));
    click(u"setupConfirm"_s);
    QTRY_VERIFY_WITH_TIMEOUT(item(u"workspacePage"_s), 5000);
    QVERIFY(!item(u"twoFactorSetupPage"_s));
    QTRY_VERIFY_WITH_TIMEOUT(m_app->socket().state() == Conversa::SocketIoClient::State::Connected, 10000);
}

QTEST_MAIN(tst_TwoFactorSetupUi)
#include "tst_two_factor_setup_ui.moc"
