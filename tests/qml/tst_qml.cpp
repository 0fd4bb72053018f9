// The QML pages under QtQuickTest (tests/qml/tst_*.qml), offscreen, against the real server: the
// setup starts it in-process, creates an agent and an admin, and gives the tests the app's
// AppContext as `app` and the server's address as `serverUrl`.
#include "AppContext.h"
#include "QmlModules.h"
#include "TestServer.h"

#include <QQmlContext>
#include <QQmlEngine>
#include <QTemporaryDir>
#include <QUuid>
#include <QtQuickTest>

#include <memory>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class Setup : public QObject {
    Q_OBJECT
public slots:
    void applicationAvailable()
    {
        if (!m_server.start())
            qFatal("the test server did not start");
        m_server.createUser(u"qml@example.com"_s, u"correct horse 1"_s, u"agent"_s, u"active"_s, u"Quim"_s, u"Martí"_s);
        // The admin screens' forms (tst_user_form.qml).
        m_server.createUser(u"qml-admin@example.com"_s, u"correct horse 2"_s, u"admin"_s, u"active"_s, u"Ada"_s,
                            u"Min"_s);
        AppContext::Options options;
        options.settingsFile = m_dir.filePath(u"settings.ini"_s);
        options.keychainService = u"conversa-qml-test-"_s + QUuid::createUuid().toString(QUuid::Id128);
        m_app = std::make_unique<AppContext>(options);
        m_app->setLanguage(u"en"_s);
    }
    void qmlEngineAvailable(QQmlEngine *engine)
    {
        engine->addImportPath(u"qrc:/"_s);
        QObject::connect(m_app.get(), &AppContext::languageChanged, engine, &QQmlEngine::retranslate);   // as main.cpp
        engine->rootContext()->setContextProperty(u"app"_s, m_app.get());
        engine->rootContext()->setContextProperty(u"serverUrl"_s, m_server.baseUrl().toString());
    }
    void cleanupTestCase()
    {
        m_app.reset();
        m_server.stop();
    }

private:
    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
};

QUICK_TEST_MAIN_WITH_SETUP(conversa_qml, Setup)
#include "tst_qml.moc"
