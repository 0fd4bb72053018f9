#include "ServerConfig.h"

#include "domain/PhoneNumbers.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QProcessEnvironment>
#include <QRegularExpression>
#include <QSettings>
#include <QThread>
#include <QUrl>

#include <sodium.h>

#include <cstdio>
#include <cstdlib>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

ApiError invalid(const QString &variable, const char *why, QStringList args = {})
{
    return ApiError::validation(variable, why, std::move(args));
}

// Loads a key kept in the data dir, or creates it with owner-only permissions.
Result<QByteArray> persistentKey(const QString &dataDir, const QString &name, int bytes)
{
    QFile file(QDir(dataDir).filePath(name));
    if (file.exists()) {
        if (!file.open(QIODevice::ReadOnly))
            return invalid(u"CONVERSA_DATA_DIR"_s, "cannot read %1", {file.fileName()});
        const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
        if (key.size() != bytes)
            return invalid(u"CONVERSA_DATA_DIR"_s, "%1 is damaged", {file.fileName()});
        return key;
    }
    QByteArray key(bytes, Qt::Uninitialized);
    randombytes_buf(key.data(), size_t(key.size()));
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly) ||
        !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) ||
        file.write(key.toBase64() + '\n') < 0) {
        return invalid(u"CONVERSA_DATA_DIR"_s, "cannot write %1", {file.fileName()});
    }
    return key;
}

}   // namespace

QHash<QString, QString> ServerConfig::processEnvironment()
{
    QHash<QString, QString> env;
    const QProcessEnvironment pe = QProcessEnvironment::systemEnvironment();
    for (const QString &key : pe.keys()) {
        if (key.startsWith("CONVERSA_"_L1))
            env.insert(key, pe.value(key));
    }
    return env;
}

BotEngineSettings ServerConfig::botEngineSettings() const
{
    BotEngineSettings s;
    s.maxSteps = botMaxSteps;
    s.defaultRegion = defaultRegion;
    s.customerLanguage = customerLanguage;
    return s;
}

Result<ServerConfig> ServerConfig::load(const QString &iniFile, const QHash<QString, QString> &environment)
{
    QHash<QString, QString> values;
    if (!iniFile.isEmpty()) {
        if (!QFileInfo::exists(iniFile))
            return invalid(u"--config"_s, "file %1 does not exist", {iniFile});
        QSettings ini(iniFile, QSettings::IniFormat);
        if (ini.status() != QSettings::NoError)
            return invalid(u"--config"_s, "file %1 is not a valid INI file", {iniFile});
        // INI keys are the variable names without the prefix, in any case: listen=…, database_url=…
        for (const QString &key : ini.allKeys()) {
            const QString name = u"CONVERSA_"_s + key.section(u'/', -1).toUpper();
            // QSettings reads `a, b` as a list, whose toString() is empty: join it back.
            const QVariant v = ini.value(key);
            values.insert(name, v.typeId() == QMetaType::QStringList ? v.toStringList().join(u',') : v.toString());
        }
    }
    for (auto it = environment.begin(); it != environment.end(); ++it)
        values.insert(it.key(), it.value());

    ServerConfig c;
    auto value = [&](const char *name, const QString &fallback) {
        return values.value(QString::fromLatin1(name), fallback).trimmed();
    };
    auto number = [&](const char *name, qint64 fallback, qint64 min, qint64 max) -> Result<qint64> {
        const QString v = value(name, QString::number(fallback));
        bool ok = false;
        const qint64 n = v.toLongLong(&ok);
        if (!ok || n < min || n > max)
            return invalid(QString::fromLatin1(name), "expected a whole number from %1 to %2",
                           {QString::number(min), QString::number(max)});
        return n;
    };

    const QString listen = value("CONVERSA_LISTEN", u"127.0.0.1:8080"_s);
    const qsizetype colon = listen.lastIndexOf(u':');
    bool portOk = false;
    const uint port = colon > 0 ? listen.mid(colon + 1).toUInt(&portOk) : 0;
    QString host = colon > 0 ? listen.left(colon) : QString();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    if (host == "localhost"_L1)
        host = u"127.0.0.1"_s;
    if (!portOk || port > 65535 || !c.listenAddress.setAddress(host))
        return invalid(u"CONVERSA_LISTEN"_s, "expected address:port, e.g. 127.0.0.1:8080, got \"%1\"", {listen});
    c.listenPort = quint16(port);

    c.databaseUrl = value("CONVERSA_DATABASE_URL", c.databaseUrl);
    Result<DatabaseSettings> db = DatabaseSettings::fromUrl(c.databaseUrl);
    if (!db)
        return invalid(u"CONVERSA_DATABASE_URL"_s, "expected sqlite:PATH or postgresql://user:pass@host:port/db");
    c.database = db.value();

    c.dataDir = value("CONVERSA_DATA_DIR", c.dataDir);
    c.publicUrl = value("CONVERSA_PUBLIC_URL", u"http://"_s + listen);
    const QUrl publicUrl(c.publicUrl, QUrl::StrictMode);
    if (!publicUrl.isValid() || (publicUrl.scheme() != "http"_L1 && publicUrl.scheme() != "https"_L1) ||
        publicUrl.host().isEmpty())
        return invalid(u"CONVERSA_PUBLIC_URL"_s, "expected an http(s) URL, got \"%1\"", {c.publicUrl});
    if (c.publicUrl.endsWith(u'/'))
        c.publicUrl.chop(1);

    const QString jwt = value("CONVERSA_JWT_SECRET", {});
    if (!jwt.isEmpty()) {
        if (jwt.size() < 32)
            return invalid(u"CONVERSA_JWT_SECRET"_s, "must be at least 32 characters");
        c.jwtSecret = jwt.toUtf8();
    }
    const QString key = value("CONVERSA_SECRET_KEY", {});
    if (!key.isEmpty()) {
        const QByteArray raw = QByteArray::fromBase64(key.toLatin1());
        const QByteArray hex = QByteArray::fromHex(key.toLatin1());
        if (key.size() == 64 && hex.size() == 32)
            c.secretKey = hex;
        else if (raw.size() == 32)
            c.secretKey = raw;
        else
            return invalid(u"CONVERSA_SECRET_KEY"_s, "must be 32 bytes, as 64 hex digits or base64");
    }
    c.adminEmail = value("CONVERSA_ADMIN_EMAIL", {});
    c.adminPassword = values.value(u"CONVERSA_ADMIN_PASSWORD"_s);
    c.metaGraphUrl = value("CONVERSA_META_GRAPH_URL", c.metaGraphUrl);
    const QUrl graphUrl(c.metaGraphUrl, QUrl::StrictMode);
    if (!graphUrl.isValid() || (graphUrl.scheme() != "http"_L1 && graphUrl.scheme() != "https"_L1) ||
        graphUrl.host().isEmpty())
        return invalid(u"CONVERSA_META_GRAPH_URL"_s, "expected an http(s) URL, got \"%1\"", {c.metaGraphUrl});
    while (c.metaGraphUrl.endsWith(u'/'))
        c.metaGraphUrl.chop(1);
    c.metaAppSecret = value("CONVERSA_META_APP_SECRET", {});
    c.logLevel = value("CONVERSA_LOG_LEVEL", c.logLevel).toLower();
    if (!QStringList{u"debug"_s, u"info"_s, u"warning"_s}.contains(c.logLevel))
        return invalid(u"CONVERSA_LOG_LEVEL"_s, "expected debug, info or warning");
    c.defaultRegion = value("CONVERSA_DEFAULT_REGION", c.defaultRegion).toUpper();
    if (!PhoneNumbers::isValidRegion(c.defaultRegion))
        return invalid(u"CONVERSA_DEFAULT_REGION"_s, "expected an ISO 3166 region code such as CO, got \"%1\"",
                       {c.defaultRegion});
    const QString customerLanguage = value("CONVERSA_CUSTOMER_LANGUAGE", u"es"_s).toLower();
    if (customerLanguage != "es"_L1 && customerLanguage != "en"_L1)
        return invalid(u"CONVERSA_CUSTOMER_LANGUAGE"_s, "expected es or en, got \"%1\"", {customerLanguage});
    c.customerLanguage = customerLanguage == "en"_L1 ? Language::English : Language::Spanish;
    c.corsOrigins = value("CONVERSA_CORS_ORIGINS", {}).split(u',', Qt::SkipEmptyParts);
    for (QString &origin : c.corsOrigins)
        origin = origin.trimmed();
    QString badProxy;
    const std::optional<TrustedProxies> proxies =
        TrustedProxies::parse(value("CONVERSA_TRUSTED_PROXIES", {}).split(u',', Qt::SkipEmptyParts), &badProxy);
    if (!proxies)
        return invalid(u"CONVERSA_TRUSTED_PROXIES"_s, "not an IP address or CIDR range: \"%1\"", {badProxy});
    c.trustedProxies = *proxies;
    const std::optional<TrustedProxies> metricsAddresses = TrustedProxies::parse(
        value("CONVERSA_METRICS_ADDRESSES", u"127.0.0.1,::1"_s).split(u',', Qt::SkipEmptyParts), &badProxy);
    if (!metricsAddresses)
        return invalid(u"CONVERSA_METRICS_ADDRESSES"_s, "not an IP address or CIDR range: \"%1\"", {badProxy});
    c.metricsAddresses = *metricsAddresses;
    c.metricsToken = value("CONVERSA_METRICS_TOKEN", {}).trimmed().toUtf8();
    if (!c.metricsToken.isEmpty() && c.metricsToken.size() < 16)
        return invalid(u"CONVERSA_METRICS_TOKEN"_s, "must be at least 16 characters", {});

    const int cores = qMax(1, QThread::idealThreadCount());
    Result<qint64> n = number("CONVERSA_HTTP_THREADS", cores, 1, 64);
    if (!n)
        return n.error();
    c.httpThreads = int(*n);
    n = number("CONVERSA_WORKER_THREADS", cores, 1, 64);
    if (!n)
        return n.error();
    c.workerThreads = int(*n);
    n = number("CONVERSA_MAX_BODY_BYTES", c.maxJsonBodyBytes, 1024, 64 << 20);
    if (!n)
        return n.error();
    c.maxJsonBodyBytes = *n;
    n = number("CONVERSA_MAX_UPLOAD_BYTES", c.maxUploadBytes, 1024, qint64(1) << 30);
    if (!n)
        return n.error();
    c.maxUploadBytes = *n;
    n = number("CONVERSA_BACKUP_MAX_UPLOAD_BYTES", c.maxBackupUploadBytes, 1024, qint64(16) << 30);
    if (!n)
        return n.error();
    c.maxBackupUploadBytes = *n;
    n = number("CONVERSA_BACKUP_KEEP", c.backupKeep, 0, 100000);
    if (!n)
        return n.error();
    c.backupKeep = int(*n);
    // "HH:MM" (every day, UTC) or "<n>m" / "<n>h" / "<n>d" (an interval); empty: no schedule.
    const QString schedule = value("CONVERSA_BACKUP_SCHEDULE", {}).trimmed().toLower();
    if (!schedule.isEmpty()) {
        static const QRegularExpression daily(u"^([01]?[0-9]|2[0-3]):([0-5][0-9])$"_s);
        static const QRegularExpression every(u"^([1-9][0-9]{0,5})([mhd])$"_s);
        if (const QRegularExpressionMatch m = daily.match(schedule); m.hasMatch()) {
            c.backupDailyAtMinute = m.captured(1).toInt() * 60 + m.captured(2).toInt();
        } else if (const QRegularExpressionMatch m = every.match(schedule); m.hasMatch()) {
            const qint64 unit = m.captured(2) == "m"_L1 ? 60 : m.captured(2) == "h"_L1 ? 3600 : 86400;
            c.backupIntervalSeconds = m.captured(1).toLongLong() * unit;
        } else {
            return invalid(u"CONVERSA_BACKUP_SCHEDULE"_s, "expected a daily time HH:MM (UTC) or an interval such as 6h, got \"%1\"",
                           {schedule});
        }
    }
    n = number("CONVERSA_API_RATE_LIMIT", c.apiRequestsPerMinute, 0, 1000000);
    if (!n)
        return n.error();
    c.apiRequestsPerMinute = int(*n);
    n = number("CONVERSA_AUTH_ADDRESS_RATE_LIMIT", c.authRequestsPerAddressPerMinute, 0, 1000000);
    if (!n)
        return n.error();
    c.authRequestsPerAddressPerMinute = int(*n);
    n = number("CONVERSA_MAX_PENDING_WORK", c.maxPendingWork, 1, 100000);
    if (!n)
        return n.error();
    c.maxPendingWork = int(*n);
    for (const auto &[name, field] : {std::pair{"CONVERSA_HTTP_HEADER_TIMEOUT_MS", &ServerConfig::httpHeaderTimeoutMs},
                                      std::pair{"CONVERSA_HTTP_BODY_TIMEOUT_MS", &ServerConfig::httpBodyTimeoutMs},
                                      std::pair{"CONVERSA_HTTP_IDLE_TIMEOUT_MS", &ServerConfig::httpIdleTimeoutMs},
                                      std::pair{"CONVERSA_HTTP_SEND_TIMEOUT_MS", &ServerConfig::httpSendTimeoutMs}}) {
        n = number(name, c.*field, 100, 3600000);
        if (!n)
            return n.error();
        c.*field = int(*n);
    }
    n = number("CONVERSA_MAX_CONNECTIONS_PER_ADDRESS", c.maxConnectionsPerAddress, 0, 1000000);
    if (!n)
        return n.error();
    c.maxConnectionsPerAddress = int(*n);
    n = number("CONVERSA_LOGIN_IP_LIMIT", c.loginAttemptsPerIpPer15Min, 1, 1000000);
    if (!n)
        return n.error();
    c.loginAttemptsPerIpPer15Min = int(*n);
    n = number("CONVERSA_OUTBOUND_POLL_MS", c.outboundPollMs, 0, 60000);
    if (!n)
        return n.error();
    c.outboundPollMs = int(*n);
    n = number("CONVERSA_OUTBOUND_TIMEOUT_MS", c.outboundTimeoutMs, 100, 300000);
    if (!n)
        return n.error();
    c.outboundTimeoutMs = int(*n);
    n = number("CONVERSA_OUTBOUND_MAX_ATTEMPTS", c.outboundMaxAttempts, 1, 100);
    if (!n)
        return n.error();
    c.outboundMaxAttempts = int(*n);
    n = number("CONVERSA_MEDIA_POLL_MS", c.mediaPollMs, 0, 60000);
    if (!n)
        return n.error();
    c.mediaPollMs = int(*n);
    // The known-address rule reads 30 days of login attempts: they are kept at least that long.
    n = number("CONVERSA_AUDIT_RETENTION_DAYS", c.auditRetentionDays, 0, 36500);
    if (!n)
        return n.error();
    c.auditRetentionDays = int(*n);
    n = number("CONVERSA_LOGIN_ATTEMPT_RETENTION_DAYS", c.loginAttemptRetentionDays, 31, 36500);
    if (!n)
        return n.error();
    c.loginAttemptRetentionDays = int(*n);
    n = number("CONVERSA_ANONYMOUS_AUDIT_LIMIT", c.anonymousAuditPerMinute, 0, 1000000);
    if (!n)
        return n.error();
    c.anonymousAuditPerMinute = int(*n);
    n = number("CONVERSA_RETENTION_SWEEP_MS", c.retentionSweepMs, 0, 86400000);
    if (!n)
        return n.error();
    c.retentionSweepMs = int(*n);
    n = number("CONVERSA_ROUTING_SWEEP_MS", c.routingSweepMs, 0, 3600000);
    if (!n)
        return n.error();
    c.routingSweepMs = int(*n);
    n = number("CONVERSA_BOT_POLL_MS", c.botPollMs, 0, 60000);
    if (!n)
        return n.error();
    c.botPollMs = int(*n);
    n = number("CONVERSA_BOT_MAX_STEPS", c.botMaxSteps, 5, 1000);
    if (!n)
        return n.error();
    c.botMaxSteps = int(*n);
    n = number("CONVERSA_HEALTH_CHECK_SECONDS", c.healthCheckSeconds, 0, 86400);
    if (!n)
        return n.error();
    c.healthCheckSeconds = int(*n);
    n = number("CONVERSA_ANALYTICS_PUSH_MS", c.analyticsPushMs, 0, 600000);
    if (!n)
        return n.error();
    c.analyticsPushMs = int(*n);
    n = number("CONVERSA_REMINDER_INTERVAL_MS", c.reminderIntervalMs, 10, 3600000);
    if (!n)
        return n.error();
    c.reminderIntervalMs = int(*n);
    n = number("CONVERSA_SOCKET_PING_INTERVAL_MS", c.socketPingIntervalMs, 100, 600000);
    if (!n)
        return n.error();
    c.socketPingIntervalMs = int(*n);
    n = number("CONVERSA_SOCKET_PING_TIMEOUT_MS", c.socketPingTimeoutMs, 100, 600000);
    if (!n)
        return n.error();
    c.socketPingTimeoutMs = int(*n);

    const QString allowPrivate = value("CONVERSA_BOT_HTTP_ALLOW_PRIVATE", u"false"_s).toLower();
    if (QStringList{u"1"_s, u"true"_s, u"yes"_s, u"on"_s}.contains(allowPrivate))
        c.botHttpAllowPrivate = true;
    else if (!QStringList{u"0"_s, u"false"_s, u"no"_s, u"off"_s}.contains(allowPrivate))
        return invalid(u"CONVERSA_BOT_HTTP_ALLOW_PRIVATE"_s, "expected true or false, got \"%1\"", {allowPrivate});
    const QStringList networks = value("CONVERSA_BOT_HTTP_ALLOWED_NETWORKS", {}).split(u',', Qt::SkipEmptyParts);
    for (const QString &text : networks) {
        const QString trimmed = text.trimmed();
        const QPair<QHostAddress, int> network =
            trimmed.contains(u'/') ? QHostAddress::parseSubnet(trimmed) : QPair<QHostAddress, int>{};
        if (network.first.isNull() || network.second < 0)
            return invalid(u"CONVERSA_BOT_HTTP_ALLOWED_NETWORKS"_s,
                           "expected comma-separated networks such as 10.1.2.0/24, got \"%1\"", {trimmed});
        c.botHttpAllowedNetworks.append(network);
    }
    return c;
}

Result<Ok> ServerConfig::prepareDataDir()
{
    if (!QDir().mkpath(dataDir))
        return invalid(u"CONVERSA_DATA_DIR"_s, "cannot create %1", {dataDir});
    QFile probe(QDir(dataDir).filePath(u".write-test"_s));
    if (!probe.open(QIODevice::WriteOnly))
        return invalid(u"CONVERSA_DATA_DIR"_s, "%1 is not writable", {dataDir});
    probe.remove();
    if (sodium_init() < 0)
        return ApiError::internal();
    if (jwtSecret.isEmpty()) {
        Result<QByteArray> k = persistentKey(dataDir, u"jwt-secret.key"_s, 48);
        if (!k)
            return k.error();
        jwtSecret = k.value();
    }
    if (secretKey.isEmpty()) {
        Result<QByteArray> k = persistentKey(dataDir, u"secret.key"_s, 32);
        if (!k)
            return k.error();
        secretKey = k.value();
    }
    if (database.dialect == SqlDialect::Sqlite) {
        const QString dir = QFileInfo(database.path).absolutePath();
        if (!QDir().mkpath(dir))
            return invalid(u"CONVERSA_DATABASE_URL"_s, "cannot create %1", {dir});
    }
    return Ok{};
}

namespace {

// Log lines "2026-11-26T18:09:04.790Z info conversa.server: …", in UTC: Qt's %{time} pattern
// formats local time, and glibc re-reads /etc/localtime for it on every access-log line.
void writeLogLine(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    // QHttpServer 6.4 warns about every WebSocket upgrade no route accepted; refusing those is
    // deliberate (realtime/RealtimeApi.h) and HttpRouter answers and logs them as 400.
    if (type == QtWarningMsg && context.category && qstrcmp(context.category, "qt.httpserver") == 0 &&
        message.startsWith("WebSocket received but no slots connected"_L1))
        return;
    static const char *const names[] = {"debug", "warning", "critical", "fatal", "info"};
    thread_local qint64 cachedSecond = -1;
    thread_local QByteArray cachedPrefix;
    const qint64 ms = QDateTime::currentMSecsSinceEpoch();
    if (ms / 1000 != cachedSecond) {
        cachedSecond = ms / 1000;
        cachedPrefix =
            QDateTime::fromSecsSinceEpoch(cachedSecond, Qt::UTC).toString(u"yyyy-MM-ddThh:mm:ss"_s).toLatin1();
    }
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03dZ ", int(ms % 1000));
    QByteArray line;
    line.reserve(128 + message.size());
    line += cachedPrefix;
    line += millis;
    line += names[qBound(0, int(type), 4)];
    line += ' ';
    line += context.category ? context.category : "default";
    line += ": ";
    line += message.toUtf8();
    line += '\n';
    std::fwrite(line.constData(), 1, size_t(line.size()), stderr);   // stderr is unbuffered: one write
    if (type == QtFatalMsg)
        std::abort();
}

}   // namespace

void ServerConfig::applyLogLevel() const
{
    qInstallMessageHandler(writeLogLine);
    if (logLevel == "warning"_L1)
        QLoggingCategory::setFilterRules(u"*.debug=false\n*.info=false"_s);
    else if (logLevel == "info"_L1)
        QLoggingCategory::setFilterRules(u"*.debug=false\nqt.*.info=false"_s);
    else
        QLoggingCategory::setFilterRules(u"qt.*.debug=false"_s);
}

}   // namespace Conversa::Server
