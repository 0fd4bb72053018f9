// conversa-desktop: the agents' workstation. Builds the one AppContext, hands it to QML, and
// signs in again on its own when the last login was remembered (or with --email and a password
// given, for scripted runs such as bench/run-desktop). Built with CONVERSA_DESKTOP_BENCH_PROBE, it
// also takes the benchmark's --bench-* options.
#include "AppContext.h"
#include "AttachmentImageProvider.h"
#include "QmlModules.h"
#include "SessionController.h"
#include "TrayNotifier.h"
#ifdef CONVERSA_BENCH_PROBE
#include "BenchProbe.h"
#endif

#include <QApplication>
#include <QCommandLineParser>
#include <QQmlApplicationEngine>
#include <QQuickStyle>
#include <QQuickWindow>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
#ifdef CONVERSA_BENCH_PROBE
    const qint64 startedUs = BenchProbe::nowUs();
#endif
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
    const QCommandLineOption email(u"email"_s, u"Sign in as this user at start (with --server)"_s, u"email"_s);
    parser.addOption(email);
    const QCommandLineOption password(
        u"password"_s, u"The password for --email; CONVERSA_PASSWORD is read when absent (safer: not shown by ps)"_s,
        u"password"_s);
    parser.addOption(password);
#ifdef CONVERSA_BENCH_PROBE
    const QCommandLineOption benchReport(u"bench-report"_s, u"Append what bench/run-desktop measures to this file"_s,
                                         u"file"_s);
    parser.addOption(benchReport);
    const QCommandLineOption benchOpenChat(u"bench-open-chat"_s,
                                           u"With --bench-report: open this chat once the inbox is shown"_s, u"id"_s);
    parser.addOption(benchOpenChat);
    const QCommandLineOption benchScroll(u"bench-scroll-to-oldest"_s,
                                         u"With --bench-open-chat: scroll it up until every message is loaded"_s);
    parser.addOption(benchScroll);
#endif
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
#ifdef CONVERSA_BENCH_PROBE
    std::unique_ptr<BenchProbe> probe;
    if (parser.isSet(benchReport)) {
        probe = std::make_unique<BenchProbe>(context, *window,
                                             BenchProbe::Options{.reportFile = parser.value(benchReport),
                                                                 .mainStartedUs = startedUs,
                                                                 .openChatId = parser.value(benchOpenChat).toLongLong(),
                                                                 .scrollToOldest = parser.isSet(benchScroll)});
    }
#endif
    if (parser.isSet(email)) {
        const QString secret =
            parser.isSet(password) ? parser.value(password) : qEnvironmentVariable("CONVERSA_PASSWORD");
        const QString url = parser.isSet(server) ? parser.value(server) : context.session()->serverUrl();
        context.session()->login(url, parser.value(email), secret, false);
    } else {
        context.session()->tryAutoLogin();
    }
    return QApplication::exec();
}
