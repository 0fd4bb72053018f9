// conversa-server: the API + Socket.IO server. Sub-commands: serve (default), migrate,
// create-admin --email E (--password-stdin, CONVERSA_ADMIN_PASSWORD or --password P), seed-demo [--if-empty],
// backup create [--output F] | backup verify F | backup restore F (docs/BACKUPS.md).
#include "app/DemoSeeder.h"
#include "app/ServerApp.h"
#include "config/ServerConfig.h"
#include "core/Translator.h"
#include "domain/BackupService.h"
#include "store/Database.h"

#include <sys/stat.h>

#include <QCommandLineParser>
#include <QTextStream>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QSocketNotifier>

#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char c = 1;
    [[maybe_unused]] const auto n = ::write(g_signalPipe[1], &c, 1);
}

int fail(const ApiError &error)
{
    QString line = translated(Language::English, "Api", error.message(), error.args());
    for (const FieldError &d : error.details())
        line = d.field + u": "_s + translated(Language::English, "Api", d.message, d.args);
    line.replace(u'\n', u' ');   // one line, even for a multi-line driver message
    std::fprintf(stderr, "conversa-server: %s\n", qPrintable(line.simplified()));
    return 1;
}

// conversa-server backup create|verify|restore: what the API does, for the machine's operator
// (a restore larger than an upload allows, a fresh machine with no admin yet).
int backupCommand(ServerApp &server, const QStringList &arguments, const QString &output)
{
    const QString action = arguments.value(1);
    const QString file = arguments.value(2);
    if (action != "create"_L1 && (action != "verify"_L1 && action != "restore"_L1)) {
        std::fprintf(stderr, "conversa-server: backup needs create [--output F], verify F or restore F\n");
        return 2;
    }
    if (action != "create"_L1 && file.isEmpty()) {
        std::fprintf(stderr, "conversa-server: backup %s needs the archive's path\n", qPrintable(action));
        return 2;
    }
    const Result<Ok> prepared = server.prepare();
    if (!prepared)
        return fail(prepared.error());
    BackupService &backups = server.backups();
    if (action == "create"_L1) {
        if (!output.isEmpty() && QFileInfo::exists(output)) {
            std::fprintf(stderr, "conversa-server: %s already exists\n", qPrintable(output));
            return 1;
        }
        Result<BackupRecord> begun = ApiError::internal();
        {
            Transaction tx(server.database());
            begun = backups.begin(u"cli"_s, 0);
            if (begun && !tx.commit())
                begun = ApiError::internal();
        }
        if (!begun)
            return fail(begun.error());
        const BackupRecord done = backups.run(begun->id);
        if (done.status != "completed"_L1) {
            std::fprintf(stderr, "conversa-server: backup failed: %s\n", qPrintable(done.error));
            return 1;
        }
        QString path = backups.archivePath(done);
        if (!output.isEmpty()) {
            if (!QFile::copy(path, output)) {
                std::fprintf(stderr, "conversa-server: cannot write %s\n", qPrintable(output));
                return 1;
            }
            path = output;
        }
        std::printf("backup %lld completed: %s (%lld bytes, sha256 %s)\n", static_cast<long long>(done.id),
                    qPrintable(path), static_cast<long long>(done.sizeBytes), qPrintable(done.sha256));
        return 0;
    }
    if (action == "verify"_L1) {
        const Result<BackupManifest> manifest = backups.verify(file);
        if (!manifest)
            return fail(manifest.error());
        std::printf("%s: a good %s backup of %s, schema version %d, %lld entries, %lld bytes\n", qPrintable(file),
                    qPrintable(manifest->engine), qPrintable(manifest->createdAt), manifest->schemaVersion,
                    static_cast<long long>(manifest->entries.size()), static_cast<long long>(manifest->totalSize()));
        return 0;
    }
    const Result<RestoreOutcome> restored =
        backups.restore(file, RestoreActor{0, {}, {}, u"conversa-server backup restore"_s});
    if (!restored)
        return fail(restored.error());
    std::printf("restored %s (backup of %s): schema version %d; every login was ended\n", qPrintable(file),
                qPrintable(restored->manifest.createdAt), restored->schemaVersion);
    return 0;
}

}   // namespace

int main(int argc, char *argv[])
{
    // Everything the server writes (the database, uploads, exports, backups, keys) is its own:
    // owner-only files and directories whatever umask it was started with.
    ::umask(077);
    // Qt's own event dispatcher: a server has no use for GLib's, which costs ~7% of throughput.
    if (!qEnvironmentVariableIsSet("QT_NO_GLIB"))
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"conversa-server"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(CONVERSA_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(u"Conversa WhatsApp CRM server"_s);
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(u"command"_s, u"serve (default), migrate, create-admin, seed-demo, backup"_s);
    const QCommandLineOption configOption(u"config"_s, u"INI file with settings"_s, u"file"_s);
    const QCommandLineOption emailOption(u"email"_s, u"create-admin: the admin's email"_s, u"email"_s);
    const QCommandLineOption passwordOption(
        u"password"_s, u"create-admin: the admin's password (visible to other local users in the process list)"_s,
        u"password"_s);
    const QCommandLineOption passwordStdinOption(u"password-stdin"_s,
                                                 u"create-admin: read the password from standard input"_s);
    const QCommandLineOption ifEmptyOption(u"if-empty"_s, u"seed-demo: only on a database without campaigns"_s);
    const QCommandLineOption outputOption(u"output"_s, u"backup create: also copy the archive here"_s, u"file"_s);
    parser.addOptions({configOption, emailOption, passwordOption, passwordStdinOption, ifEmptyOption, outputOption});
    parser.process(app);

    const QString command = parser.positionalArguments().value(0, u"serve"_s);
    if (!QStringList{u"serve"_s, u"migrate"_s, u"create-admin"_s, u"seed-demo"_s, u"backup"_s}.contains(command)) {
        std::fprintf(stderr,
                     "conversa-server: unknown command \"%s\" (serve, migrate, create-admin, seed-demo, backup)\n",
                     qPrintable(command));
        return 2;
    }

    Result<ServerConfig> config = ServerConfig::load(parser.value(configOption), ServerConfig::processEnvironment());
    if (!config)
        return fail(config.error());
    config->applyLogLevel();

    ServerApp server(config.value());
    if (command == "migrate"_L1) {
        const Result<Ok> ok = server.prepare();
        return ok ? 0 : fail(ok.error());
    }
    if (command == "backup"_L1)
        return backupCommand(server, parser.positionalArguments(), parser.value(outputOption));
    if (command == "create-admin"_L1) {
        // From standard input or CONVERSA_ADMIN_PASSWORD, out of the process list; --password
        // for throwaway set-ups.
        QString password = parser.value(passwordOption);
        if (parser.isSet(passwordStdinOption)) {
            QTextStream in(stdin);
            password = in.readLine();
        } else if (password.isEmpty()) {
            password = qEnvironmentVariable("CONVERSA_ADMIN_PASSWORD");
        }
        const Result<qint64> id = server.createAdmin(parser.value(emailOption), password, u"Admin"_s);
        if (!id)
            return fail(id.error());
        std::printf("created admin %s (id %lld)\n", qPrintable(parser.value(emailOption).toLower()),
                    static_cast<long long>(*id));
        return 0;
    }
    if (command == "seed-demo"_L1) {
        const Result<Ok> prepared = server.prepare();
        if (!prepared)
            return fail(prepared.error());
        DemoSeeder seeder(server.database(), server.roles(), server.config().secretKey);
        const Result<DemoSeeder::Summary> seeded = seeder.run(parser.isSet(ifEmptyOption));
        if (!seeded)
            return fail(seeded.error());
        if (seeded->alreadyPresent) {
            std::printf("demo data already present\n");
        } else if (!seeded->created) {
            std::printf("seed-demo: the database already has campaigns; no demo data added\n");
        } else {
            std::printf(
                "\nDemo data created: %d campaigns, %d WhatsApp numbers (fake credentials), %d clients, %d tasks, "
                "%d chats with %d messages.\n"
                "Bot flows are not seeded yet (their module does not exist).\n"
                "Demo users (supervisor first): %s\nTheir password (shown only this once): %s\n\n",
                seeded->campaigns, seeded->numbers, seeded->clients, seeded->tasks, seeded->chats, seeded->messages,
                qPrintable(seeded->emails.join(u", "_s)), qPrintable(seeded->password));
        }
        return 0;
    }

    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return 1;
    QSocketNotifier notifier(g_signalPipe[0], QSocketNotifier::Read);
    QObject::connect(&notifier, &QSocketNotifier::activated, &app, [&] {
        char c;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &c, 1);
        notifier.setEnabled(false);
        server.stop();
        app.quit();
    });
    struct sigaction sa {};
    sa.sa_handler = onSignal;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &sa, nullptr);
    sigaction(SIGINT, &sa, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    const Result<Ok> started = server.start();
    if (!started)
        return fail(started.error());
    return app.exec();
}
