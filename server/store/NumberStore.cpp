#include "NumberStore.h"

#include "Database.h"

#include <QLoggingCategory>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcNumbers, "conversa.server.numbers")

using namespace Qt::StringLiterals;

namespace {

const char *const kNumberColumns =
    "id, phone_number, display_name, provider, status, connection_status, last_connected_at, last_error, "
    "daily_message_limit, rate_limit_per_minute, total_messages_sent, total_messages_received, "
    "meta_phone_number_id, meta_business_account_id, wppconnect_session_name, wppconnect_server_url, "
    "meta_access_token IS NOT NULL, meta_app_secret IS NOT NULL, webhook_verify_token IS NOT NULL, "
    "wppconnect_api_key IS NOT NULL, created_at, updated_at";

// In NumberStore::openSecrets' order.
const char *const kSecretColumns =
    "meta_access_token, meta_app_secret, webhook_verify_token, wppconnect_api_key, webhook_secret";

WhatsAppNumber readNumber(const SqlQuery &q)
{
    WhatsAppNumber n;
    n.id = q.integer(0);
    n.phoneNumber = q.string(1);
    n.displayName = q.string(2);
    n.provider = q.string(3);
    n.status = q.string(4);
    n.connectionStatus = q.string(5);
    n.lastConnectedAt = q.integer(6);
    n.lastError = q.string(7);
    n.dailyMessageLimit = int(q.integer(8));
    n.rateLimitPerMinute = int(q.integer(9));
    n.totalMessagesSent = q.integer(10);
    n.totalMessagesReceived = q.integer(11);
    n.metaPhoneNumberId = q.string(12);
    n.metaBusinessAccountId = q.string(13);
    n.wppconnectSessionName = q.string(14);
    n.wppconnectServerUrl = q.string(15);
    n.hasMetaAccessToken = q.boolean(16);
    n.hasMetaAppSecret = q.boolean(17);
    n.hasWebhookVerifyToken = q.boolean(18);
    n.hasWppconnectApiKey = q.boolean(19);
    n.createdAt = q.integer(20);
    n.updatedAt = q.integer(21);
    return n;
}

}   // namespace

QByteArray NumberStore::associatedData(const char *column, qint64 id)
{
    return "whatsapp_numbers." + QByteArray(column) + ':' + QByteArray::number(id);
}

QVariant NumberStore::seal(const QString &plain, const char *column, qint64 id) const
{
    if (plain.isEmpty())
        return QVariant(QMetaType::fromType<QString>());
    return QString::fromLatin1(m_box.seal(plain.toUtf8(), associatedData(column, id)));
}

Result<NumberPage> NumberStore::list(const NumberFilter &filter)
{
    QString conditions;
    QVariantList values;
    if (!filter.status.isEmpty()) {
        conditions += u" AND status = ?"_s;
        values.append(filter.status);
    }
    if (!filter.provider.isEmpty()) {
        conditions += u" AND provider = ?"_s;
        values.append(filter.provider);
    }
    const QString where = u" FROM whatsapp_numbers WHERE deleted_at IS NULL"_s + conditions;

    NumberPage page;
    const Result<qint64> total = queryInteger(m_db, u"SELECT COUNT(*)"_s + where, values);
    if (!total)
        return total.error();
    page.total = *total;
    if (page.total <= filter.offset)
        return page;

    values.append(filter.limit);
    values.append(filter.offset);
    SqlQuery q(m_db, u"SELECT "_s + QLatin1StringView(kNumberColumns) + where + u" ORDER BY id LIMIT ? OFFSET ?"_s,
               values);
    if (!q.exec())
        return q.failure();
    while (q.next())
        page.rows.append(readNumber(q));
    CONVERSA_TRY(loadCampaigns(page.rows));
    return page;
}

Result<Ok> NumberStore::loadCampaigns(QList<WhatsAppNumber> &rows)
{
    if (rows.isEmpty())
        return Ok{};
    QHash<qint64, qsizetype> index;
    QVariantList ids;
    for (qsizetype i = 0; i < rows.size(); ++i) {
        index.insert(rows[i].id, i);
        ids.append(rows[i].id);
    }
    SqlQuery q(m_db,
               u"SELECT cn.number_id, c.id, c.name FROM campaign_numbers cn JOIN campaigns c ON c.id = cn.campaign_id "
               "WHERE c.deleted_at IS NULL AND cn.number_id IN ("_s +
                   sqlPlaceholders(ids.size()) + u") ORDER BY c.id"_s,
               ids);
    if (!q.exec())
        return q.failure();
    while (q.next())
        rows[index.value(q.integer(0))].campaigns.append({q.integer(1), q.string(2)});
    return Ok{};
}

Result<WhatsAppNumber> NumberStore::find(qint64 id)
{
    SqlQuery q(m_db,
               u"SELECT "_s + QLatin1StringView(kNumberColumns) +
                   u" FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL"_s,
               {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    QList<WhatsAppNumber> rows{readNumber(q)};
    CONVERSA_TRY(loadCampaigns(rows));
    return rows.first();
}

Result<Ok> NumberStore::checkUnique(const WhatsAppNumber &n, qint64 exceptId, const QList<UniqueColumns> &keys)
{
    SqlQuery phone(m_db, "SELECT 1 FROM whatsapp_numbers WHERE phone_number = ? AND deleted_at IS NULL AND id <> ?",
                   {n.phoneNumber, exceptId});
    if (!phone.exec())
        return phone.failure();
    if (phone.next())
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A WhatsApp number with this phone number already exists"));
    for (const UniqueColumns &key : keys) {
        QString sql = u"SELECT 1 FROM whatsapp_numbers WHERE "_s;
        QVariantList values;
        for (const auto &[column, value] : key.columns) {
            sql += QLatin1StringView(column) + u" = ? AND "_s;
            values.append(value);
        }
        values.append(exceptId);
        SqlQuery taken(m_db, sql + u"deleted_at IS NULL AND id <> ?"_s, values);
        if (!taken.exec())
            return taken.failure();
        if (taken.next())
            return ApiError::conflict(key.conflict);
    }
    return Ok{};
}

Result<qint64> NumberStore::insert(const WhatsAppNumber &n, const NumberSecrets &secrets, qint64 now)
{
    SqlQuery q(m_db,
               "INSERT INTO whatsapp_numbers (phone_number, display_name, provider, status, connection_status, "
               "daily_message_limit, rate_limit_per_minute, meta_phone_number_id, meta_business_account_id, "
               "wppconnect_session_name, wppconnect_server_url, created_at, updated_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {n.phoneNumber, n.displayName, n.provider, n.status, n.connectionStatus, n.dailyMessageLimit,
                n.rateLimitPerMinute, nullIfEmpty(n.metaPhoneNumberId), nullIfEmpty(n.metaBusinessAccountId),
                nullIfEmpty(n.wppconnectSessionName), nullIfEmpty(n.wppconnectServerUrl), now, now});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(
                QT_TRANSLATE_NOOP("Api", "A WhatsApp number with this phone number already exists"));
        return q.failure();
    }
    if (!q.next())
        return ApiError::internal();
    const qint64 id = q.integer(0);
    CONVERSA_TRY(writeSecrets(id, secrets));
    return id;
}

Result<Ok> NumberStore::update(const WhatsAppNumber &n, qint64 now)
{
    SqlQuery
        q(m_db,
          "UPDATE whatsapp_numbers SET phone_number = ?, display_name = ?, status = ?, daily_message_limit = ?, "
          "rate_limit_per_minute = ?, meta_phone_number_id = ?, meta_business_account_id = ?, "
          "wppconnect_session_name = ?, wppconnect_server_url = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
          {n.phoneNumber, n.displayName, n.status, n.dailyMessageLimit, n.rateLimitPerMinute,
           nullIfEmpty(n.metaPhoneNumberId), nullIfEmpty(n.metaBusinessAccountId), nullIfEmpty(n.wppconnectSessionName),
           nullIfEmpty(n.wppconnectServerUrl), now, n.id});
    if (!q.exec()) {
        if (q.isUniqueViolation())
            return ApiError::conflict(
                QT_TRANSLATE_NOOP("Api", "A WhatsApp number with this phone number already exists"));
        return q.failure();
    }
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    return Ok{};
}

Result<Ok> NumberStore::writeSecrets(qint64 id, const NumberSecrets &s)
{
    if (!m_box.isValid())
        return ApiError::internal();
    SqlQuery q(m_db,
               "UPDATE whatsapp_numbers SET meta_access_token = ?, meta_app_secret = ?, webhook_verify_token = ?, "
               "wppconnect_api_key = ?, webhook_secret = ? WHERE id = ?",
               {seal(s.metaAccessToken, "meta_access_token", id), seal(s.metaAppSecret, "meta_app_secret", id),
                seal(s.webhookVerifyToken, "webhook_verify_token", id),
                seal(s.wppconnectApiKey, "wppconnect_api_key", id), seal(s.webhookSecret, "webhook_secret", id), id});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<NumberSecrets> NumberStore::secrets(qint64 id)
{
    SqlQuery q(m_db,
               u"SELECT "_s + QLatin1StringView(kSecretColumns) +
                   u" FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL"_s,
               {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return openSecrets(q, 0, id);
}

Result<std::optional<NumberStore::WebhookAccount>> NumberStore::webhookAccount(qint64 id)
{
    static const QString sql = u"SELECT provider, meta_phone_number_id, wppconnect_session_name, "_s +
        QLatin1StringView(kSecretColumns) + u" FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL"_s;
    SqlQuery q(m_db, sql, {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return std::optional<WebhookAccount>();
    Result<NumberSecrets> secrets = openSecrets(q, 3, id);
    if (!secrets)
        return secrets.error();
    return std::optional<WebhookAccount>(
        WebhookAccount{InboundNumber{id, q.string(0), q.string(1), q.string(2)}, *secrets});
}

Result<NumberSecrets> NumberStore::openSecrets(const SqlQuery &q, int first, qint64 id) const
{
    static const char *const columns[] = {"meta_access_token", "meta_app_secret", "webhook_verify_token",
                                          "wppconnect_api_key", "webhook_secret"};
    QString plain[5];
    for (int i = 0; i < 5; ++i) {
        if (q.isNull(first + i))
            continue;
        const std::optional<QByteArray> opened =
            m_box.open(q.string(first + i).toLatin1(), associatedData(columns[i], id));
        if (!opened) {
            qCWarning(lcNumbers) << "sealed" << columns[i] << "of number" << id << "does not open";
            return ApiError::internal();
        }
        plain[i] = QString::fromUtf8(*opened);
    }
    return NumberSecrets{plain[0], plain[1], plain[2], plain[3], plain[4]};
}

Result<Ok> NumberStore::recordConnection(qint64 id, const QString &status, const QString &detail, qint64 now)
{
    const bool connected = status == "connected"_L1;
    const bool error = status == "error"_L1;
    const bool keepQr = status == "qr_pending"_L1;
    SqlQuery q(m_db,
               "UPDATE whatsapp_numbers SET connection_status = ?, "
               "last_connected_at = COALESCE(?, last_connected_at), "
               "last_error = CASE WHEN ? = 1 THEN ? WHEN ? = 1 THEN NULL ELSE last_error END, "
               "qr_code = CASE WHEN ? = 1 THEN qr_code ELSE NULL END, "
               "qr_expires_at = CASE WHEN ? = 1 THEN qr_expires_at ELSE NULL END, updated_at = ? "
               "WHERE id = ? AND deleted_at IS NULL",
               {status, nullIfZero(connected ? now : 0), int(error), nullIfEmpty(detail), int(connected), int(keepQr),
                int(keepQr), now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    SqlQuery h(
        m_db,
        "INSERT INTO whatsapp_number_connections (whatsapp_number_id, status, detail, created_at) VALUES (?, ?, ?, ?)",
        {id, status, nullIfEmpty(detail), now});
    if (!h.exec())
        return h.failure();
    return Ok{};
}

Result<QList<qint64>> NumberStore::claimHealthChecks(qint64 now, qint64 dueBefore, int limit)
{
    SqlQuery due(m_db,
                 "SELECT id FROM whatsapp_numbers WHERE deleted_at IS NULL AND status <> 'inactive' "
                 "AND (health_claimed_at IS NULL OR health_claimed_at <= ?) ORDER BY id LIMIT ?",
                 {dueBefore, limit});
    if (!due.exec())
        return due.failure();
    QList<qint64> ids;
    while (due.next())
        ids.append(due.integer(0));
    QList<qint64> claimed;
    for (const qint64 id : std::as_const(ids)) {
        SqlQuery q(m_db,
                   "UPDATE whatsapp_numbers SET health_claimed_at = ? WHERE id = ? "
                   "AND (health_claimed_at IS NULL OR health_claimed_at <= ?)",
                   {now, id, dueBefore});
        if (!q.exec())
            return q.failure();
        if (q.numRowsAffected() == 1)
            claimed.append(id);
    }
    return claimed;
}

Result<bool> NumberStore::recordHealth(qint64 id, const NumberHealth &health, const QString &connection,
                                       const QString &detail)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::internal();
    SqlQuery before(m_db, "SELECT connection_status FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL", {id});
    if (!before.exec())
        return before.failure();
    if (!before.next())
        return ApiError::notFound();
    const QString stored = before.string(0);
    SqlQuery q(m_db,
               "UPDATE whatsapp_numbers SET health_checked_at = ?, health_is_healthy = ?, health_response_time_ms = ?, "
               "health_provider_status = ?, health_error = ? WHERE id = ?",
               {health.checkedAt, health.healthy, health.responseTimeMs, nullIfEmpty(health.providerStatus),
                nullIfEmpty(health.error), id});
    if (!q.exec())
        return q.failure();
    const bool changed = !connection.isEmpty() && connection != stored;
    if (changed)
        CONVERSA_TRY(recordConnection(id, connection, detail, health.checkedAt));
    if (!tx.commit())
        return ApiError::internal();
    return changed;
}

Result<NumberHealth> NumberStore::health(qint64 id)
{
    SqlQuery
        q(m_db,
          "SELECT health_checked_at, health_is_healthy, health_response_time_ms, health_provider_status, health_error "
          "FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL",
          {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    NumberHealth h;
    h.checkedAt = q.integer(0);
    h.healthy = q.boolean(1);
    h.responseTimeMs = q.integer(2);
    h.providerStatus = q.string(3);
    h.error = q.string(4);
    return h;
}

Result<Ok> NumberStore::storeQr(qint64 id, const QString &dataUrl, qint64 expiresAt, qint64 now)
{
    SqlQuery before(m_db, "SELECT connection_status FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL", {id});
    if (!before.exec())
        return before.failure();
    if (!before.next())
        return ApiError::notFound();
    if (before.string(0) != "qr_pending"_L1)
        CONVERSA_TRY(recordConnection(id, u"qr_pending"_s, u"QR code shown"_s, now));
    SqlQuery q(m_db, "UPDATE whatsapp_numbers SET qr_code = ?, qr_expires_at = ?, updated_at = ? WHERE id = ?",
               {dataUrl, expiresAt, now, id});
    if (!q.exec())
        return q.failure();
    return Ok{};
}

Result<NumberQr> NumberStore::qr(qint64 id)
{
    SqlQuery q(m_db, "SELECT qr_code, qr_expires_at FROM whatsapp_numbers WHERE id = ? AND deleted_at IS NULL", {id});
    if (!q.exec())
        return q.failure();
    if (!q.next())
        return ApiError::notFound();
    return NumberQr{q.string(0), q.integer(1)};
}

Result<QList<NumberConnectionEvent>> NumberStore::connections(qint64 id, int limit)
{
    SqlQuery q(m_db,
               "SELECT status, detail, created_at FROM whatsapp_number_connections WHERE whatsapp_number_id = ? "
               "ORDER BY id DESC LIMIT ?",
               {id, limit});
    if (!q.exec())
        return q.failure();
    QList<NumberConnectionEvent> rows;
    while (q.next())
        rows.append(NumberConnectionEvent{q.string(0), q.string(1), q.integer(2)});
    return rows;
}

Result<Ok> NumberStore::softDelete(qint64 id, qint64 now)
{
    SqlQuery q(m_db, "UPDATE whatsapp_numbers SET deleted_at = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
               {now, now, id});
    if (!q.exec())
        return q.failure();
    if (q.numRowsAffected() == 0)
        return ApiError::notFound();
    SqlQuery unlink(m_db, "DELETE FROM campaign_numbers WHERE number_id = ?", {id});
    if (!unlink.exec())
        return unlink.failure();
    return Ok{};
}

}   // namespace Conversa::Server
