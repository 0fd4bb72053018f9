#pragma once

#include "core/Result.h"
#include "core/TrustedProxies.h"
#include "domain/BotEngine.h"
#include "core/Translator.h"
#include "store/Database.h"

#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

// Settings from, in rising priority: built-in defaults, an INI file (--config), the environment
// (docs/CONFIGURATION.md). Every value is checked here so the server fails at start, with one clear line.
struct ServerConfig {
    QHostAddress listenAddress = QHostAddress::LocalHost;
    quint16 listenPort = 8080;
    QString databaseUrl = QStringLiteral("sqlite:./var/conversa.db");
    DatabaseSettings database;
    QString dataDir = QStringLiteral("./var");
    QString publicUrl;      // default http://<listen>
    QByteArray jwtSecret;   // default: generated once into the data dir
    QByteArray secretKey;   // 32 bytes, AES-256-GCM; default: generated once into the data dir
    QString adminEmail;
    QString adminPassword;
    QString metaGraphUrl = QStringLiteral("https://graph.facebook.com/v21.0");
    QString metaAppSecret;
    QString logLevel = QStringLiteral("info");
    int httpThreads = 0;     // 0 = one per core
    int workerThreads = 0;   // 0 = one per core
    qint64 maxJsonBodyBytes = 1 << 20;
    qint64 maxUploadBytes = 16 << 20;
    QStringList corsOrigins;
    TrustedProxies trustedProxies;   // CONVERSA_TRUSTED_PROXIES
    // Who may read /metrics: these client addresses (CIDR list), or whoever sends this bearer token.
    TrustedProxies metricsAddresses;
    QByteArray metricsToken;
    // Backups (docs/BACKUPS.md): an archive uploaded to POST /v1/backups/upload may be this large
    // (QHttpServer holds a body in memory: the CLI restores larger ones).
    qint64 maxBackupUploadBytes = qint64(512) << 20;
    // Scheduled backups: every day at backupDailyAtMinute (minutes after 00:00 UTC), or every
    // backupIntervalSeconds; neither (both -1 / 0) means none. backupKeep: newest completed kept (0: all).
    int backupDailyAtMinute = -1;
    qint64 backupIntervalSeconds = 0;
    int backupKeep = 0;
    int apiRequestsPerMinute = 3000;
    int authRequestsPerAddressPerMinute = 300;   // login, refresh, 2FA step, per client address
    int maxPendingWork = 64;                     // deferred jobs (password hashes, exports) queued at once
    // Connections (docs/CONFIGURATION.md#connections): how long each phase of a request may take,
    // and how many connections one client address may hold open (0: no cap).
    int httpHeaderTimeoutMs = 15000;
    int httpBodyTimeoutMs = 30000;
    int httpIdleTimeoutMs = 60000;
    int httpSendTimeoutMs = 60000;
    int maxConnectionsPerAddress = 1000;
    int loginAttemptsPerIpPer15Min = 50;
    // Retention (docs/CONFIGURATION.md#retention): audit rows older than this many days are deleted
    // (0: kept for ever), login attempts after loginAttemptRetentionDays; swept every retentionSweepMs
    // (0: no sweep from this instance).
    int auditRetentionDays = 0;
    int anonymousAuditPerMinute = 600;   // audit rows of refused anonymous requests per address (0: all)
    int loginAttemptRetentionDays = 90;
    int retentionSweepMs = 3600000;
    QString defaultRegion = QStringLiteral("CO");   // for phone numbers written without a country code
    // The language of what the server itself writes to customers (the satisfaction survey).
    Language customerLanguage = Language::Spanish;
    int outboundPollMs = 500;        // outbound queue poll interval; 0 = no sender in this instance
    int outboundTimeoutMs = 30000;   // one Graph request (a media upload, a send)
    // A provider call made while a client waits for the answer (QR, session, templates).
    int requestProviderTimeoutMs() const { return qBound(1000, outboundTimeoutMs, 15000); }
    int outboundMaxAttempts = 8;        // transient failures before a message fails
    int mediaPollMs = 1000;             // inbound media download queue poll interval; 0 = no fetcher here
    int routingSweepMs = 5000;          // how often every queue is routed again; 0 = this instance routes nothing
    int botPollMs = 1000;               // how often due bot delays, timeouts and calls are looked for; 0 = none here
    int botMaxSteps = 50;               // nodes a bot flow may run without waiting for the customer
    int healthCheckSeconds = 60;        // how often each number's provider is checked; 0 = no checks from here
    int analyticsPushMs = 1000;         // analytics.update to the analytics room; 0 = never
    int reminderIntervalMs = 5000;      // how often due task reminders are looked for
    int socketPingIntervalMs = 25000;   // Engine.IO: the server pings every socket this often
    int socketPingTimeoutMs = 20000;    // and closes one that has not answered within this
    // A bot flow's http_request may call loopback, private, link-local and shared NAT addresses
    // (docs/BOT_FLOWS.md#outbound-requests); off, only public ones and botHttpAllowedNetworks.
    bool botHttpAllowPrivate = false;
    QList<QPair<QHostAddress, int>> botHttpAllowedNetworks;   // private networks allowed all the same

    // What the bot engine takes from here.
    BotEngineSettings botEngineSettings() const;

    // Reads defaults < INI file < environment. `environment` is injectable for tests.
    static Result<ServerConfig> load(const QString &iniFile, const QHash<QString, QString> &environment);
    static QHash<QString, QString> processEnvironment();

    // Sets the process-wide log filter and line format for logLevel.
    void applyLogLevel() const;

    // Creates the data dir and loads or generates the persistent keys kept there (mode 0600).
    Result<Ok> prepareDataDir();
};

}   // namespace Conversa::Server
