#pragma once

#include "core/Result.h"
#include "crypto/SecretBox.h"
#include "store/InboundStore.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace Conversa::Server {

class Database;
class SqlQuery;

struct NumberCampaignRef {
    qint64 id = 0;
    QString name;
};

// One WhatsApp number as the API shows it: secrets appear only as has_* flags.
struct WhatsAppNumber {
    qint64 id = 0;
    QString phoneNumber;
    QString displayName;
    QString provider;           // a provider's name (server/providers)
    QString status;             // pending | active | inactive
    QString connectionStatus;   // disconnected | connecting | qr_pending | connected | error
    qint64 lastConnectedAt = 0;
    QString lastError;
    int dailyMessageLimit = 1000;
    int rateLimitPerMinute = 60;
    qint64 totalMessagesSent = 0;
    qint64 totalMessagesReceived = 0;
    QString metaPhoneNumberId;
    QString metaBusinessAccountId;
    QString wppconnectSessionName;
    QString wppconnectServerUrl;
    bool hasMetaAccessToken = false;
    bool hasMetaAppSecret = false;
    bool hasWebhookVerifyToken = false;
    bool hasWppconnectApiKey = false;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
    QList<NumberCampaignRef> campaigns;
};

// The write-only values, in clear; empty means "none". Sealed in the database.
struct NumberSecrets {
    QString metaAccessToken;
    QString metaAppSecret;
    QString webhookVerifyToken;
    QString wppconnectApiKey;
    QString webhookSecret;   // ours: the ?token= of the WPPConnect webhook URL
};

// The latest QR code of a WPPConnect session (migration 0015).
struct NumberQr {
    QString dataUrl;   // data:image/png;base64,…; empty: none
    qint64 expiresAt = 0;
};

// One change of a number's connection (whatsapp_number_connections).
struct NumberConnectionEvent {
    QString status;
    QString detail;
    qint64 at = 0;
};

// A number's latest health check (the OpenAPI document); checkedAt 0: never checked.
struct NumberHealth {
    bool healthy = false;
    qint64 responseTimeMs = 0;
    qint64 checkedAt = 0;
    QString providerStatus;   // what the provider said of the number or session (CONNECTED…)
    QString error;            // why it is not healthy, when known
};

struct NumberFilter {
    QString status;
    QString provider;
    int limit = 20;
    qint64 offset = 0;
};

struct NumberPage {
    QList<WhatsAppNumber> rows;
    qint64 total = 0;
};

// SQL for whatsapp_numbers. Secrets are sealed with SecretBox under the associated data
// "whatsapp_numbers.<column>:<id>", so a sealed value copied to another row or column does not
// open there; the id exists only after the insert, so insert() writes the row and then seals
// the secrets into it (callers run both inside the request's transaction).
class NumberStore {
public:
    NumberStore(Database &db, const QByteArray &secretKey) : m_db(db), m_box(secretKey) {}

    // Live numbers, ordered by id, each with its live campaigns (one batched query per page).
    Result<NumberPage> list(const NumberFilter &filter);
    // A live number with its campaigns; 404 when unknown or deleted.
    Result<WhatsAppNumber> find(qint64 id);

    // What makes a live number unique beyond its phone: columns that together may not repeat,
    // and the 409 message that names them (the provider says which, WhatsAppProvider::uniqueKeys).
    struct UniqueColumns {
        QList<QPair<const char *, QString>> columns;
        const char *conflict = nullptr;
    };
    // 409 with a message naming what is taken (the phone, or one of `keys`).
    Result<Ok> checkUnique(const WhatsAppNumber &n, qint64 exceptId, const QList<UniqueColumns> &keys);

    Result<qint64> insert(const WhatsAppNumber &n, const NumberSecrets &secrets, qint64 now);
    Result<Ok> update(const WhatsAppNumber &n, qint64 now);
    Result<Ok> writeSecrets(qint64 id, const NumberSecrets &secrets);
    // The secrets opened; 500 if a stored value does not open (wrong key or tampered row).
    Result<NumberSecrets> secrets(qint64 id);
    // What a webhook needs to authenticate and read a delivery for a live number, in one read:
    // the number and its secrets opened; nullopt when unknown or deleted.
    struct WebhookAccount {
        InboundNumber number;
        NumberSecrets secrets;
    };
    Result<std::optional<WebhookAccount>> webhookAccount(qint64 id);

    // A connection change: connection_status set (connected also stamps last_connected_at and
    // clears last_error; error keeps `detail` as last_error), a row in whatsapp_number_connections,
    // and a QR that no longer applies dropped. 404 when the number is not live.
    Result<Ok> recordConnection(qint64 id, const QString &status, const QString &detail, qint64 now);
    // The session's latest QR (connection_status qr_pending, and a history row when that changes).
    Result<Ok> storeQr(qint64 id, const QString &dataUrl, qint64 expiresAt, qint64 now);
    Result<NumberQr> qr(qint64 id);
    // Claims up to `limit` numbers due for a health check: live, not inactive, and not claimed
    // since `dueBefore`. A claim moves health_claimed_at to `now` only if nobody moved it first, so
    // two servers never check one number at once. The claimed ids.
    Result<QList<qint64>> claimHealthChecks(qint64 now, qint64 dueBefore, int limit);
    // Keeps a check's outcome, in one transaction with the connection change it shows (when
    // `connection` is not empty and differs from the stored status): whether it changed the
    // connection. 404 when no longer live.
    Result<bool> recordHealth(qint64 id, const NumberHealth &health, const QString &connection, const QString &detail);
    Result<NumberHealth> health(qint64 id);
    // The latest connection changes, newest first.
    Result<QList<NumberConnectionEvent>> connections(qint64 id, int limit);

    // Soft delete; the number also leaves every campaign.
    Result<Ok> softDelete(qint64 id, qint64 now);

    static QByteArray associatedData(const char *column, qint64 id);

private:
    Result<Ok> loadCampaigns(QList<WhatsAppNumber> &rows);
    QVariant seal(const QString &plain, const char *column, qint64 id) const;
    // The five sealed columns of kSecretColumns, read from `first` on, opened.
    Result<NumberSecrets> openSecrets(const SqlQuery &q, int first, qint64 id) const;

    Database &m_db;
    SecretBox m_box;
};

}   // namespace Conversa::Server
