// conversa-desktop: the agents' workstation. Builds the one AppContext, hands it to QML, and
// signs in again on its own when the last login was remembered.
#include "AppContext.h"
#include "AttachmentImageProvider.h"
#include "SessionController.h"
#include "TrayNotifier.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(Conversa_AppPlugin)

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QApplication application(argc, argv);
    QApplication::setOrganizationName(u"Conversa"_s);
    QApplication::setApplicationName(u"Conversa Desktop"_s);
    QApplication::setApplicationVersion(QStringLiteral(CONVERSA_VERSION));
    QApplication::setQuitOnLastWindowClosed(true);

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Conversa customer service workstation"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(u"server"_s, u"The server's address, e.g. http://127.0.0.1:8080"_s, u"url"_s);
    parser.addOption(server);
    parser.process(application);

    if (qEnvironmentVariableIsEmpty("QT_QUICK_CONTROLS_STYLE"))
        QQuickStyle::setStyle(u"Fusion"_s);

    AppContext context(AppContext::Options{});
    if (parser.isSet(server) && context.session()->serverUrl().isEmpty())
        context.settings().setValue(u"session/server_url"_s, parser.value(server));

    QQmlApplicationEngine engine;
    engine.addImportPath(u"qrc:/"_s);
    engine.addImageProvider(u"conversa"_s, new AttachmentImageProvider(context));   // the engine owns it
    QObject::connect(&context, &AppContext::languageChanged, &engine, &QQmlEngine::retranslate);
    engine.setInitialProperties({{u"app"_s, QVariant::fromValue(&context)}});
    engine.load(QUrl(u"qrc:/Conversa/App/Main.qml"_s));
    if (engine.rootObjects().isEmpty())
        return 1;
    auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    window->setIcon(TrayNotifier::iconWithBadge(0));
    std::unique_ptr<TrayNotifier> tray;
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        tray = std::make_unique<TrayNotifier>(context);
        QObject::connect(tray.get(), &TrayNotifier::activated, window, [window] {
            window->show();
            window->raise();
            window->requestActivate();
        });
    }
    context.session()->tryAutoLogin();
    return QApplication::exec();
}
