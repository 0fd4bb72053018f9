// The audit module's read side (the OpenAPI document, docs/API.md): GET /v1/audit-logs and its CSV export,
// over real HTTP. Rows come from real refused requests and from direct inserts at known times.
#include "TestServer.h"

#include "core/JsonWriter.h"
#include "domain/AuthService.h"
#include "store/Database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSet>
#include <QTest>

#include <algorithm>
#include <ctime>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

qint64 utc(int y, int m, int d, int h = 0, int min = 0, int s = 0)
{
    return QDateTime(QDate(y, m, d), QTime(h, min, s), Qt::UTC).toSecsSinceEpoch();
}

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

// A strict RFC 4180 reader, independent of CsvWriter: records end in CRLF (a bare LF outside
// quotes is an error), quoted cells double their quotes. Empty list and *ok = false on bad input.
QList<QStringList> parseCsv(const QString &text, bool *ok)
{
    QList<QStringList> records;
    QStringList record;
    QString cell;
    bool quoted = false;
    bool cellStarted = false;
    *ok = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (quoted) {
            if (c == u'"') {
                if (i + 1 < text.size() && text[i + 1] == u'"') {
                    cell += u'"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
        } else if (c == u'"' && !cellStarted) {
            quoted = cellStarted = true;
        } else if (c == u',') {
            record.append(cell);
            cell.clear();
            cellStarted = false;
        } else if (c == u'\r') {
            if (i + 1 >= text.size() || text[i + 1] != u'\n')
                return {};
            ++i;
            record.append(cell);
            records.append(record);
            record.clear();
            cell.clear();
            cellStarted = false;
        } else if (c == u'\n' || c == u'"') {
            return {};
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (quoted || cellStarted || !record.isEmpty())
        return {};   // the last record lacks its CRLF
    *ok = true;
    return records;
}

const QStringList kCsvHeader{u"id"_s,         u"created_at"_s,  u"user_id"_s,   u"user_name"_s,
                             u"action"_s,     u"entity_type"_s, u"entity_id"_s, u"success"_s,
                             u"ip_address"_s, u"user_agent"_s,  u"changes"_s};

}   // namespace

class tst_Audit : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void listItemShape();
    void nullableFields();
    void deletedUserIsStillNamed();
    void refusedRequestsAreListed();
    void readingIsNotAudited();
    void filters_data();
    void filters();
    void newestFirstWithTies();
    void pagination();
    void validation_data();
    void validation();
    void access_data();
    void access();

    void exportCsv();
    void exportFilters_data();
    void exportFilters();
    void exportValidation_data();
    void exportValidation();
    void exportIsAudited();

    void noUpdateOrDelete_data();
    void noUpdateOrDelete();
    void exportIsCapped();

private:
    QByteArray sessionToken(const QString &role, const QString &firstName, const QString &lastName, qint64 *id);
    qint64 insertRow(const QString &name, qint64 userId, const QString &action, const QString &entityType,
                     qint64 entityId, const QByteArray &changes, const QString &ip, const QString &userAgent,
                     bool success, int status, qint64 createdAt);
    QJsonArray list(const QString &query, QJsonObject *meta = nullptr);
    QStringList names(const QJsonArray &items) const;
    QString expand(QString query) const;
    QByteArray tokenOf(const QString &role) const;
    QString snapshot();

    TestServer m_server;
    QHash<QString, QByteArray> m_tokens;   // by role
    qint64 m_adminId = 0;
    qint64 m_supervisorId = 0;
    qint64 m_agentId = 0;
    qint64 m_ghostId = 0;
    QHash<QString, qint64> m_rows;   // fixture rows by name
};

// A signed-in user without going through /v1/auth/login: an auth_sessions row and a token for it.
QByteArray tst_Audit::sessionToken(const QString &role, const QString &firstName, const QString &lastName, qint64 *id)
{
    const QString email = u"%1.%2@audit.test"_s.arg(firstName.toLower(), role);
    *id = m_server.createUser(email, u"password-123"_s, role, u"active"_s, firstName, lastName);
    if (*id <= 0)
        return {};
    const qint64 now = nowSeconds();
    SqlQuery
        q(m_server.db(),
          "INSERT INTO auth_sessions (user_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?) RETURNING id",
          {*id, now, now, now + 86400});
    if (!q.exec() || !q.next())
        return {};
    return m_server.app().auth().issueAccessToken(*id, role, q.integer(0));
}

qint64 tst_Audit::insertRow(const QString &name, qint64 userId, const QString &action, const QString &entityType,
                            qint64 entityId, const QByteArray &changes, const QString &ip, const QString &userAgent,
                            bool success, int status, qint64 createdAt)
{
    const QVariant noText(QMetaType::fromType<QString>());
    SqlQuery q(m_server.db(),
               "INSERT INTO audit_logs (user_id, action, entity_type, entity_id, changes, ip_address, user_agent, "
               "success, status_code, request_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {nullIfZero(userId), action, nullIfEmpty(entityType), nullIfZero(entityId),
                changes.isEmpty() ? noText : QVariant(QString::fromUtf8(changes)), nullIfEmpty(ip),
                nullIfEmpty(userAgent), success, status, u"fixture"_s, createdAt});
    if (!q.exec() || !q.next()) {
        qWarning("insertRow: %s", qPrintable(q.raw().lastError().text()));
        return 0;
    }
    if (!name.isEmpty())
        m_rows.insert(name, q.integer(0));
    return q.integer(0);
}

void tst_Audit::initTestCase()
{
    QVERIFY(m_server.start());
    m_tokens.insert(u"admin"_s, sessionToken(u"admin"_s, u"Ana"_s, u"Admin"_s, &m_adminId));
    m_tokens.insert(u"supervisor"_s, sessionToken(u"supervisor"_s, u"Sara"_s, u"Supervisora"_s, &m_supervisorId));
    m_tokens.insert(u"agent"_s, sessionToken(u"agent"_s, u"Juan"_s, u"Pérez"_s, &m_agentId));
    QVERIFY(!sessionToken(u"agent"_s, u"Gina"_s, u"Ghost"_s, &m_ghostId).isEmpty());
    QVERIFY(!tokenOf(u"admin"_s).isEmpty() && !tokenOf(u"supervisor"_s).isEmpty() && !tokenOf(u"agent"_s).isEmpty());

    SqlQuery del(m_server.db(), "UPDATE users SET deleted_at = ? WHERE id = ?", {nowSeconds(), m_ghostId});
    QVERIFY(del.exec());

    // March 2024: the rows the filter tests reason about.
    QVERIFY(insertRow(u"transfer"_s, m_adminId, u"chat.transfer"_s, u"Chat"_s, 123,
                      R"({"assigned_agent_id":{"from":1,"to":2},"status":{"from":"active","to":"transferred"}})",
                      u"192.168.1.100"_s, u"Mozilla/5.0"_s, true, 200, utc(2024, 3, 1, 8)));
    QVERIFY(insertRow(u"close"_s, m_agentId, u"chat.close"_s, u"Chat"_s, 123, {}, u"10.0.0.2"_s, u"Conversa Desktop"_s,
                      true, 200, utc(2024, 3, 1, 23, 59, 59)));
    QVERIFY(insertRow(u"client"_s, m_ghostId, u"client.update"_s, u"Client"_s, 7,
                      R"({"first_name":{"from":"Ana","to":"Ána"}})", u"10.0.0.4"_s, u"line1\nline2"_s, false, 422,
                      utc(2024, 3, 2)));
    QVERIFY(insertRow(u"login"_s, 0, u"auth.login"_s, {}, 0, {}, u"10.0.0.1"_s, u"Evil, \"quoted\" agent"_s, false, 401,
                      utc(2024, 3, 3, 12)));
    QVERIFY(insertRow(u"formula"_s, m_adminId, u"user.update"_s, u"User"_s, 5,
                      R"({"password":{"from":"***","to":"***"},"phone":{"from":null,"to":"+573001234567"}})",
                      u"10.0.0.3"_s, u"=1+2"_s, true, 200, utc(2024, 3, 5, 10)));
    // Two rows in the same second: the later id comes first.
    QVERIFY(insertRow(u"tieA"_s, m_adminId, u"test.tie"_s, {}, 0, {}, {}, {}, true, 200, utc(2024, 3, 10)));
    QVERIFY(insertRow(u"tieB"_s, m_adminId, u"test.tie"_s, {}, 0, {}, {}, {}, true, 200, utc(2024, 3, 10)));
    // 2023: 25 rows for pagination, a minute apart.
    for (int i = 0; i < 25; ++i)
        QVERIFY(insertRow({}, m_agentId, u"test.page"_s, u"Chat"_s, 1000 + i, {}, {}, {}, true, 200,
                          utc(2023, 1, 1) + i * 60));
}

QByteArray tst_Audit::tokenOf(const QString &role) const
{
    return m_tokens.value(role);
}

QString tst_Audit::expand(QString query) const
{
    return query.replace(u"{admin}"_s, QString::number(m_adminId))
        .replace(u"{agent}"_s, QString::number(m_agentId))
        .replace(u"{ghost}"_s, QString::number(m_ghostId));
}

QJsonArray tst_Audit::list(const QString &query, QJsonObject *meta)
{
    const ApiResponse r = m_server.request("GET", u"/v1/audit-logs?"_s + expand(query), {}, tokenOf(u"admin"_s));
    if (r.status != 200) {
        qWarning("GET /v1/audit-logs?%s -> %d %s", qPrintable(query), r.status, r.body.constData());
        return {};
    }
    if (meta)
        *meta = r.value(u"meta"_s).toObject();
    return r.value(u"data"_s).toArray();
}

QStringList tst_Audit::names(const QJsonArray &items) const
{
    QStringList out;
    for (const QJsonValue &v : items) {
        const qint64 id = v.toObject().value(u"id"_s).toInteger();
        out.append(m_rows.key(id, u"#"_s + QString::number(id)));
    }
    return out;
}

void tst_Audit::listItemShape()
{
    const QJsonArray items = list(u"action=chat.transfer"_s);
    QCOMPARE(items.size(), 1);
    const QJsonObject item = items.first().toObject();
    QCOMPARE(keysOf(item),
             (QSet<QString>{u"id"_s, u"user"_s, u"action"_s, u"entity_type"_s, u"entity_id"_s, u"changes"_s,
                            u"ip_address"_s, u"user_agent"_s, u"success"_s, u"created_at"_s}));
    QCOMPARE(item.value(u"id"_s).toInteger(), m_rows.value(u"transfer"_s));
    const QJsonObject user = item.value(u"user"_s).toObject();
    QCOMPARE(keysOf(user), (QSet<QString>{u"id"_s, u"first_name"_s, u"last_name"_s}));
    QCOMPARE(user.value(u"id"_s).toInteger(), m_adminId);
    QCOMPARE(user.value(u"first_name"_s).toString(), u"Ana"_s);
    QCOMPARE(user.value(u"last_name"_s).toString(), u"Admin"_s);
    QCOMPARE(item.value(u"action"_s).toString(), u"chat.transfer"_s);
    QCOMPARE(item.value(u"entity_type"_s).toString(), u"Chat"_s);
    QCOMPARE(item.value(u"entity_id"_s).toInteger(), 123);
    QVERIFY(item.value(u"entity_id"_s).isDouble());
    const QJsonObject changes = item.value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"assigned_agent_id"_s).toObject(), (QJsonObject{{u"from"_s, 1}, {u"to"_s, 2}}));
    QCOMPARE(changes.value(u"status"_s).toObject().value(u"to"_s).toString(), u"transferred"_s);
    QCOMPARE(item.value(u"ip_address"_s).toString(), u"192.168.1.100"_s);
    QCOMPARE(item.value(u"user_agent"_s).toString(), u"Mozilla/5.0"_s);
    QCOMPARE(item.value(u"success"_s), QJsonValue(true));
    QCOMPARE(item.value(u"created_at"_s).toString(), u"2024-03-01T08:00:00Z"_s);

    // Masked secrets stay masked on the way out; other values come back as stored.
    const QJsonObject masked = list(u"action=user.update"_s).first().toObject().value(u"changes"_s).toObject();
    QCOMPARE(masked.value(u"password"_s).toObject().value(u"to"_s).toString(), u"***"_s);
    QCOMPARE(masked.value(u"phone"_s).toObject().value(u"to"_s).toString(), u"+573001234567"_s);
}

void tst_Audit::nullableFields()
{
    const QJsonArray items = list(u"action=auth.login&from_date=2024-03-01&to_date=2024-03-31"_s);
    QCOMPARE(names(items), QStringList{u"login"_s});
    const QJsonObject item = items.first().toObject();
    QVERIFY(item.value(u"user"_s).isNull());
    QVERIFY(item.value(u"entity_type"_s).isNull());
    QVERIFY(item.value(u"entity_id"_s).isNull());
    QVERIFY(item.value(u"changes"_s).isNull());
    QCOMPARE(item.value(u"success"_s), QJsonValue(false));
    QCOMPARE(item.value(u"user_agent"_s).toString(), u"Evil, \"quoted\" agent"_s);
}

void tst_Audit::deletedUserIsStillNamed()
{
    const QJsonArray items = list(u"user_id={ghost}"_s);
    QCOMPARE(names(items), QStringList{u"client"_s});
    const QJsonObject user = items.first().toObject().value(u"user"_s).toObject();
    QCOMPARE(user.value(u"id"_s).toInteger(), m_ghostId);
    QCOMPARE(user.value(u"first_name"_s).toString(), u"Gina"_s);
    QCOMPARE(user.value(u"last_name"_s).toString(), u"Ghost"_s);
}

void tst_Audit::refusedRequestsAreListed()
{
    const qint64 before = nowSeconds();
    ApiResponse r = m_server.request("GET", u"/v1/audit-logs"_s, {}, {}, {{"User-Agent", "tst-audit/anonymous"}});
    QCOMPARE(r.status, 401);
    r = m_server.request("GET", u"/v1/audit-logs"_s, {}, tokenOf(u"agent"_s), {{"User-Agent", "tst-audit/agent"}});
    QCOMPARE(r.status, 403);

    const QJsonArray items = list(u"action=audit.list&success=false&from_date="_s + isoTime(before));
    QCOMPARE(items.size(), 2);
    const QJsonObject forbidden = items.at(0).toObject();   // newest first
    const QJsonObject anonymous = items.at(1).toObject();
    QCOMPARE(forbidden.value(u"user"_s).toObject().value(u"id"_s).toInteger(), m_agentId);
    QCOMPARE(forbidden.value(u"user"_s).toObject().value(u"last_name"_s).toString(), u"Pérez"_s);
    QCOMPARE(forbidden.value(u"user_agent"_s).toString(), u"tst-audit/agent"_s);
    QCOMPARE(forbidden.value(u"entity_type"_s).toString(), u"AuditLog"_s);
    QVERIFY(anonymous.value(u"user"_s).isNull());
    QCOMPARE(anonymous.value(u"user_agent"_s).toString(), u"tst-audit/anonymous"_s);
    QCOMPARE(anonymous.value(u"ip_address"_s).toString(), u"127.0.0.1"_s);
    QVERIFY(QDateTime::fromString(anonymous.value(u"created_at"_s).toString(), Qt::ISODate).toSecsSinceEpoch() >=
            before);
}

void tst_Audit::readingIsNotAudited()
{
    const qint64 before = m_server.count(u"audit_logs"_s);
    QCOMPARE(m_server.request("GET", u"/v1/audit-logs"_s, {}, tokenOf(u"admin"_s)).status, 200);
    QCOMPARE(m_server.request("GET", u"/v1/audit-logs?limit=5"_s, {}, tokenOf(u"supervisor"_s)).status, 200);
    QCOMPARE(m_server.request("GET", u"/v1/audit-logs?limit=0"_s, {}, tokenOf(u"admin"_s)).status, 422);
    QCOMPARE(m_server.count(u"audit_logs"_s), before);
}

void tst_Audit::filters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    const QString march = u"from_date=2024-03-01&to_date=2024-03-09&"_s;
    QTest::addRow("window") << march << QStringList{u"formula"_s, u"login"_s, u"client"_s, u"close"_s, u"transfer"_s};
    QTest::addRow("user") << march + u"user_id={admin}"_s << QStringList{u"formula"_s, u"transfer"_s};
    QTest::addRow("action-exact") << march + u"action=chat.transfer"_s << QStringList{u"transfer"_s};
    QTest::addRow("action-is-not-a-prefix") << march + u"action=chat"_s << QStringList{};
    QTest::addRow("entity-type") << march + u"entity_type=Chat"_s << QStringList{u"close"_s, u"transfer"_s};
    QTest::addRow("entity-type-and-id") << march + u"entity_type=Chat&entity_id=123"_s
                                        << QStringList{u"close"_s, u"transfer"_s};
    QTest::addRow("entity-id") << march + u"entity_id=7"_s << QStringList{u"client"_s};
    QTest::addRow("entity-mismatch") << march + u"entity_type=User&entity_id=123"_s << QStringList{};
    QTest::addRow("success-false") << march + u"success=false"_s << QStringList{u"login"_s, u"client"_s};
    QTest::addRow("success-true") << march + u"success=true"_s << QStringList{u"formula"_s, u"close"_s, u"transfer"_s};
    QTest::addRow("combined") << march + u"user_id={agent}&entity_type=Chat&success=true"_s << QStringList{u"close"_s};
    QTest::addRow("combined-none") << march + u"user_id={admin}&success=false"_s << QStringList{};
    QTest::addRow("empty-values-ignored")
        << march + u"user_id=&action=&success="_s
        << QStringList{u"formula"_s, u"login"_s, u"client"_s, u"close"_s, u"transfer"_s};
    // Dates: whole UTC days, to_date inclusive; or exact ISO 8601 instants.
    QTest::addRow("one-day") << u"from_date=2024-03-01&to_date=2024-03-01"_s << QStringList{u"close"_s, u"transfer"_s};
    QTest::addRow("next-day") << u"from_date=2024-03-02&to_date=2024-03-02"_s << QStringList{u"client"_s};
    QTest::addRow("iso-bounds-inclusive")
        << u"from_date=2024-03-01T08:00:01Z&to_date=2024-03-02T00:00:00Z"_s << QStringList{u"client"_s, u"close"_s};
    QTest::addRow("iso-offset") << u"from_date=2024-03-01T09:00:00%2B01:00&to_date=2024-03-01T08:00:00Z"_s
                                << QStringList{u"transfer"_s};
    QTest::addRow("iso-without-offset-is-utc")
        << u"from_date=2024-03-03T12:00:00&to_date=2024-03-03T12:00"_s << QStringList{u"login"_s};
    QTest::addRow("iso-fraction") << u"from_date=2024-03-05T09:59:59.500Z&to_date=2024-03-05"_s
                                  << QStringList{u"formula"_s};
    QTest::addRow("to-only") << u"to_date=2024-03-01&user_id={admin}"_s << QStringList{u"transfer"_s};
    QTest::addRow("from-only") << u"from_date=2024-03-02&user_id={ghost}"_s << QStringList{u"client"_s};
    QTest::addRow("from-only-after") << u"from_date=2024-03-03&user_id={ghost}"_s << QStringList{};
}

void tst_Audit::filters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    QJsonObject meta;
    const QJsonArray items = list(query + u"&limit=100"_s, &meta);
    QCOMPARE(names(items), expected);
    QCOMPARE(meta.value(u"total"_s).toInteger(), expected.size());
}

void tst_Audit::newestFirstWithTies()
{
    QCOMPARE(names(list(u"action=test.tie"_s)), (QStringList{u"tieB"_s, u"tieA"_s}));
}

void tst_Audit::pagination()
{
    QJsonObject meta;
    QJsonArray items = list(u"action=test.page&limit=10&page=1"_s, &meta);
    QCOMPARE(items.size(), 10);
    QCOMPARE(meta, (QJsonObject{{u"current_page"_s, 1}, {u"per_page"_s, 10}, {u"total"_s, 25}, {u"total_pages"_s, 3}}));
    QCOMPARE(items.first().toObject().value(u"created_at"_s).toString(), isoTime(utc(2023, 1, 1) + 24 * 60));

    QSet<qint64> seen;
    QList<qint64> createdAt;
    for (int page = 1; page <= 3; ++page) {
        items = list(u"action=test.page&limit=10&page="_s + QString::number(page), &meta);
        QCOMPARE(meta.value(u"current_page"_s).toInt(), page);
        QCOMPARE(items.size(), page < 3 ? 10 : 5);
        for (const QJsonValue &v : std::as_const(items)) {
            seen.insert(v.toObject().value(u"id"_s).toInteger());
            createdAt.append(
                QDateTime::fromString(v.toObject().value(u"created_at"_s).toString(), Qt::ISODate).toSecsSinceEpoch());
        }
    }
    QCOMPARE(seen.size(), 25);
    QList<qint64> sorted = createdAt;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    QCOMPARE(createdAt, sorted);
    QCOMPARE(createdAt.last(), utc(2023, 1, 1));

    items = list(u"action=test.page&limit=10&page=4"_s, &meta);
    QVERIFY(items.isEmpty());
    QCOMPARE(meta.value(u"total"_s).toInt(), 25);
    QCOMPARE(meta.value(u"total_pages"_s).toInt(), 3);

    items = list(u"action=test.page"_s, &meta);   // default limit
    QCOMPARE(items.size(), 20);
    QCOMPARE(meta.value(u"per_page"_s).toInt(), 20);
    QCOMPARE(meta.value(u"total_pages"_s).toInt(), 2);

    items = list(u"action=test.page&limit=100"_s, &meta);
    QCOMPARE(items.size(), 25);
    QCOMPARE(meta.value(u"total_pages"_s).toInt(), 1);

    items = list(u"action=no.such.action"_s, &meta);
    QVERIFY(items.isEmpty());
    QCOMPARE(meta.value(u"total"_s).toInt(), 0);
    QCOMPARE(meta.value(u"total_pages"_s).toInt(), 0);
}

void tst_Audit::validation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");

    QTest::addRow("limit-zero") << u"limit=0"_s << QStringList{u"limit"_s};
    QTest::addRow("limit-over-100") << u"limit=101"_s << QStringList{u"limit"_s};
    QTest::addRow("limit-not-a-number") << u"limit=ten"_s << QStringList{u"limit"_s};
    QTest::addRow("page-zero") << u"page=0"_s << QStringList{u"page"_s};
    QTest::addRow("page-negative") << u"page=-2"_s << QStringList{u"page"_s};
    QTest::addRow("user-id-text") << u"user_id=abc"_s << QStringList{u"user_id"_s};
    QTest::addRow("entity-id-negative") << u"entity_id=-1"_s << QStringList{u"entity_id"_s};
    QTest::addRow("success-yes") << u"success=yes"_s << QStringList{u"success"_s};
    QTest::addRow("from-not-a-date") << u"from_date=yesterday"_s << QStringList{u"from_date"_s};
    QTest::addRow("from-bad-month") << u"from_date=2024-13-01"_s << QStringList{u"from_date"_s};
    QTest::addRow("to-bad-day") << u"to_date=2024-02-30"_s << QStringList{u"to_date"_s};
    QTest::addRow("to-bad-time") << u"to_date=2024-02-01T25:00:00Z"_s << QStringList{u"to_date"_s};
    QTest::addRow("day-month-year") << u"from_date=01-03-2024"_s << QStringList{u"from_date"_s};
    QTest::addRow("to-before-from") << u"from_date=2024-03-05&to_date=2024-03-01"_s << QStringList{u"to_date"_s};
    QTest::addRow("action-too-long") << u"action="_s + QString(101, u'a') << QStringList{u"action"_s};
    QTest::addRow("several-at-once") << u"limit=500&success=maybe&from_date=x"_s
                                     << QStringList{u"success"_s, u"from_date"_s, u"limit"_s};
}

void tst_Audit::validation()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    const ApiResponse r = m_server.request("GET", u"/v1/audit-logs?"_s + query, {}, tokenOf(u"admin"_s));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
    const QJsonArray details = r.object().value(u"error"_s).toObject().value(u"details"_s).toArray();
    for (const QJsonValue &d : details)
        QVERIFY(!d.toObject().value(u"message"_s).toString().isEmpty());
}

void tst_Audit::access_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("action");
    QTest::addColumn<int>("status");

    const QString list = u"/v1/audit-logs"_s;
    const QString exportPath = u"/v1/audit-logs/export?format=csv&from_date=2024-03-01&to_date=2024-03-01"_s;
    QTest::addRow("list-no-token") << list << QString() << u"audit.list"_s << 401;
    QTest::addRow("list-agent") << list << u"agent"_s << u"audit.list"_s << 403;
    QTest::addRow("list-supervisor") << list << u"supervisor"_s << u"audit.list"_s << 200;
    QTest::addRow("list-admin") << list << u"admin"_s << u"audit.list"_s << 200;
    QTest::addRow("export-no-token") << exportPath << QString() << u"audit.export"_s << 401;
    QTest::addRow("export-agent") << exportPath << u"agent"_s << u"audit.export"_s << 403;
    QTest::addRow("export-supervisor") << exportPath << u"supervisor"_s << u"audit.export"_s << 403;
    QTest::addRow("export-admin") << exportPath << u"admin"_s << u"audit.export"_s << 200;
}

void tst_Audit::access()
{
    QFETCH(QString, path);
    QFETCH(QString, role);
    QFETCH(QString, action);
    QFETCH(int, status);

    const qint64 before = m_server.auditRows(action).size();
    const ApiResponse r = m_server.request("GET", path, {}, tokenOf(role));
    QCOMPARE(r.status, status);
    const QList<QJsonObject> rows = m_server.auditRows(action);
    if (status == 200 && action == "audit.list"_L1) {
        QCOMPARE(rows.size(), before);   // reading the log is not audited
        return;
    }
    QCOMPARE(rows.size(), before + 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"status_code"_s).toInt(), status);
    QCOMPARE(row.value(u"success"_s).toBool(), status == 200);
    QCOMPARE(row.value(u"entity_type"_s).toString(), u"AuditLog"_s);
    const qint64 expectedUser = role == "admin"_L1 ? m_adminId
        : role == "supervisor"_L1                  ? m_supervisorId
        : role == "agent"_L1                       ? m_agentId
                                                   : 0;
    QCOMPARE(row.value(u"user_id"_s).toInteger(), expectedUser);
    if (status >= 400)
        QCOMPARE(r.errorCode(), status == 401 ? QByteArray("UNAUTHENTICATED") : QByteArray("FORBIDDEN"));
}

void tst_Audit::exportCsv()
{
    const QString dayBefore = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd"_s);
    const ApiResponse r =
        m_server.request("GET", u"/v1/audit-logs/export?format=csv&from_date=2024-03-01&to_date=2024-03-09"_s, {},
                         tokenOf(u"admin"_s));
    const QString dayAfter = QDateTime::currentDateTimeUtc().toString(u"yyyyMMdd"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("Content-Type"), QByteArray("text/csv; charset=utf-8"));
    const QByteArray disposition = r.header("Content-Disposition");
    QVERIFY2(disposition == "attachment; filename=\"audit-logs-" + dayBefore.toLatin1() + ".csv\"" ||
                 disposition == "attachment; filename=\"audit-logs-" + dayAfter.toLatin1() + ".csv\"",
             disposition.constData());
    QCOMPARE(r.header("X-Export-Rows"), QByteArray("5"));
    QVERIFY(r.header("X-Export-Truncated").isEmpty());
    QVERIFY(r.body.startsWith("\xEF\xBB\xBF"));
    QVERIFY(r.body.startsWith("\xEF\xBB\xBFid,created_at,user_id,user_name,action,entity_type,entity_id,success,"
                              "ip_address,user_agent,changes\r\n"));
    // RFC 4180 on the wire: a quote doubled inside a quoted cell, JSON quoted the same way.
    QVERIFY(r.body.contains(R"(,"Evil, ""quoted"" agent",)"));
    QVERIFY(r.body.contains(R"("{""assigned_agent_id"":{""from"":1,""to"":2},)"));

    bool ok = false;
    const QList<QStringList> records = parseCsv(QString::fromUtf8(r.body.mid(3)), &ok);
    QVERIFY2(ok, "not RFC 4180 CSV with CRLF records");
    QCOMPARE(records.size(), 6);
    QCOMPARE(records.first(), kCsvHeader);
    for (const QStringList &rec : records)
        QCOMPARE(rec.size(), kCsvHeader.size());

    QStringList order;
    for (qsizetype i = 1; i < records.size(); ++i)
        order.append(m_rows.key(records[i][0].toLongLong()));
    QCOMPARE(order, (QStringList{u"formula"_s, u"login"_s, u"client"_s, u"close"_s, u"transfer"_s}));

    const QStringList transfer = records[5];
    QCOMPARE(transfer[1], u"2024-03-01T08:00:00Z"_s);
    QCOMPARE(transfer[2], QString::number(m_adminId));
    QCOMPARE(transfer[3], u"Ana Admin"_s);
    QCOMPARE(transfer[4], u"chat.transfer"_s);
    QCOMPARE(transfer[5], u"Chat"_s);
    QCOMPARE(transfer[6], u"123"_s);
    QCOMPARE(transfer[7], u"true"_s);
    QCOMPARE(transfer[8], u"192.168.1.100"_s);
    QCOMPARE(transfer[9], u"Mozilla/5.0"_s);
    const QJsonObject changes = QJsonDocument::fromJson(transfer[10].toUtf8()).object();
    QCOMPARE(changes.value(u"status"_s).toObject().value(u"from"_s).toString(), u"active"_s);

    const QStringList login = records[2];
    QCOMPARE(login[2], QString());   // no user
    QCOMPARE(login[3], QString());
    QCOMPARE(login[5], QString());   // no entity
    QCOMPARE(login[6], QString());
    QCOMPARE(login[7], u"false"_s);
    QCOMPARE(login[9], u"Evil, \"quoted\" agent"_s);
    QCOMPARE(login[10], QString());

    const QStringList client = records[3];
    QCOMPARE(client[3], u"Gina Ghost"_s);   // soft-deleted, still named
    QCOMPARE(client[9], u"line1\nline2"_s);
    QCOMPARE(QJsonDocument::fromJson(client[10].toUtf8())
                 .object()
                 .value(u"first_name"_s)
                 .toObject()
                 .value(u"to"_s)
                 .toString(),
             u"Ána"_s);

    QCOMPARE(records[1][9], u"'=1+2"_s);   // formula-injection guard
}

void tst_Audit::exportFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("expected");

    QTest::addRow("action") << u"format=csv&action=chat.transfer"_s << QStringList{u"transfer"_s};
    QTest::addRow("deleted-user") << u"format=csv&user_id={ghost}"_s << QStringList{u"client"_s};
    QTest::addRow("success-and-dates") << u"format=csv&success=false&from_date=2024-03-01&to_date=2024-03-09"_s
                                       << QStringList{u"login"_s, u"client"_s};
    QTest::addRow("entity") << u"format=csv&entity_type=Chat&entity_id=123"_s << QStringList{u"close"_s, u"transfer"_s};
    QTest::addRow("format-defaults-to-csv") << u"action=test.tie"_s << QStringList{u"tieB"_s, u"tieA"_s};
    QTest::addRow("nothing-matches") << u"format=csv&action=no.such.action"_s << QStringList{};
}

void tst_Audit::exportFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, expected);
    const ApiResponse r = m_server.request("GET", u"/v1/audit-logs/export?"_s + expand(query), {}, tokenOf(u"admin"_s));
    QCOMPARE(r.status, 200);
    bool ok = false;
    const QList<QStringList> records = parseCsv(QString::fromUtf8(r.body.mid(3)), &ok);
    QVERIFY(ok);
    QCOMPARE(records.value(0), kCsvHeader);
    QStringList got;
    for (qsizetype i = 1; i < records.size(); ++i)
        got.append(m_rows.key(records[i][0].toLongLong(), records[i][0]));
    QCOMPARE(got, expected);
    QCOMPARE(r.header("X-Export-Rows"), QByteArray::number(expected.size()));
}

void tst_Audit::exportValidation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");

    QTest::addRow("format-xlsx") << u"format=xlsx"_s << QStringList{u"format"_s};
    QTest::addRow("format-pdf-and-bad-date")
        << u"format=pdf&from_date=2024-02-31"_s << QStringList{u"format"_s, u"from_date"_s};
    QTest::addRow("bad-success") << u"format=csv&success=1"_s << QStringList{u"success"_s};
    QTest::addRow("to-before-from") << u"format=csv&from_date=2024-03-02&to_date=2024-03-01T23:59:59Z"_s
                                    << QStringList{u"to_date"_s};
}

void tst_Audit::exportValidation()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    const qint64 before = m_server.auditRows(u"audit.export"_s).size();
    const ApiResponse r = m_server.request("GET", u"/v1/audit-logs/export?"_s + query, {}, tokenOf(u"admin"_s));
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
    QCOMPARE(m_server.auditRows(u"audit.export"_s).size(), before);   // nothing was exported
}

void tst_Audit::exportIsAudited()
{
    const qint64 before = m_server.auditRows(u"audit.export"_s).size();
    const ApiResponse r =
        m_server.request("GET", u"/v1/audit-logs/export?format=csv&action=chat.transfer&success=true"_s, {},
                         tokenOf(u"admin"_s), {{"User-Agent", "tst-audit/export"}});
    QCOMPARE(r.status, 200);
    const QList<QJsonObject> rows = m_server.auditRows(u"audit.export"_s);
    QCOMPARE(rows.size(), before + 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"user_id"_s).toInteger(), m_adminId);
    QCOMPARE(row.value(u"success"_s).toBool(), true);
    QCOMPARE(row.value(u"status_code"_s).toInt(), 200);
    QCOMPARE(row.value(u"entity_type"_s).toString(), u"AuditLog"_s);
    const QJsonObject changes = row.value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"format"_s).toString(), u"csv"_s);
    QCOMPARE(changes.value(u"filters"_s).toObject(),
             (QJsonObject{{u"action"_s, u"chat.transfer"_s}, {u"success"_s, u"true"_s}}));
    QCOMPARE(changes.value(u"rows"_s).toInt(), 1);
    QVERIFY(!changes.contains(u"truncated"_s));

    // And the export shows up in the log it exported from.
    const QJsonArray items = list(u"action=audit.export&success=true&user_id={admin}&limit=1"_s);
    QCOMPARE(items.size(), 1);
    QCOMPARE(items.first().toObject().value(u"user_agent"_s).toString(), u"tst-audit/export"_s);
    QCOMPARE(items.first().toObject().value(u"user"_s).toObject().value(u"first_name"_s).toString(), u"Ana"_s);
}

QString tst_Audit::snapshot()
{
    SqlQuery q(m_server.db(),
               "SELECT id, user_id, action, entity_type, entity_id, changes, ip_address, user_agent, success, "
               "status_code, created_at FROM audit_logs ORDER BY id");
    if (!q.exec())
        return {};
    QStringList rows;
    while (q.next()) {
        QStringList cells;
        for (int i = 0; i < 11; ++i)
            cells.append(q.isNull(i) ? u"<null>"_s : q.string(i));
        rows.append(cells.join(u'|'));
    }
    return rows.join(u'\n');
}

void tst_Audit::noUpdateOrDelete_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");

    QTest::addRow("put-row") << QByteArray("PUT") << u"/v1/audit-logs/1"_s << 404;
    QTest::addRow("patch-row") << QByteArray("PATCH") << u"/v1/audit-logs/1"_s << 404;
    QTest::addRow("delete-row") << QByteArray("DELETE") << u"/v1/audit-logs/1"_s << 404;
    QTest::addRow("get-row") << QByteArray("GET") << u"/v1/audit-logs/1"_s << 404;
    QTest::addRow("delete-all") << QByteArray("DELETE") << u"/v1/audit-logs"_s << 405;
    QTest::addRow("post-new") << QByteArray("POST") << u"/v1/audit-logs"_s << 405;
    QTest::addRow("put-all") << QByteArray("PUT") << u"/v1/audit-logs"_s << 405;
}

void tst_Audit::noUpdateOrDelete()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(int, status);

    const QString before = snapshot();
    QVERIFY(!before.isEmpty());
    const QJsonObject body{{u"action"_s, u"forged"_s}, {u"success"_s, false}};
    const ApiResponse r =
        m_server.request(method, path, method == "DELETE" ? QJsonObject() : body, tokenOf(u"admin"_s));
    QCOMPARE(r.status, status);
    QCOMPARE(snapshot(), before);
}

// Over 100,000 matching rows the newest 100,000 are exported, and the response and the audit row say so.
void tst_Audit::exportIsCapped()
{
    const qint64 base = utc(2022, 1, 1);
    SqlQuery bulk(m_server.db(),
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100005) "
                  "INSERT INTO audit_logs (user_id, action, entity_type, entity_id, success, status_code, created_at) "
                  "SELECT CAST(? AS BIGINT), 'test.bulk', 'Chat', i, TRUE, 200, CAST(? AS BIGINT) + i FROM n",
                  {m_agentId, base});
    QVERIFY2(bulk.exec(), qPrintable(bulk.raw().lastError().text()));
    QCOMPARE(m_server.count(u"audit_logs"_s, u"action = 'test.bulk'"_s), 100005);

    const QByteArray admin = tokenOf(u"admin"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("GET", u"/v1/audit-logs/export?format=csv&action=test.bulk"_s, {}, admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.header("X-Export-Rows"), QByteArray("100000"));
    QCOMPARE(r.header("X-Export-Truncated"), QByteArray("true"));
    QCOMPARE(r.body.count("\r\n"), 100001);
    // Newest first: the first data row is the last inserted, the oldest five are the ones left out.
    const qsizetype firstRow = r.body.indexOf("\r\n") + 2;
    QVERIFY(r.body.mid(firstRow, 128).contains(",test.bulk,Chat,100005,"));
    QVERIFY(r.body.contains(",test.bulk,Chat,6,"));
    QVERIFY(!r.body.contains(",test.bulk,Chat,5,"));

    const QList<QJsonObject> exports = m_server.auditRowsSince(u"audit.export"_s, mark);
    QCOMPARE(exports.size(), 1);
    const QJsonObject changes = exports.first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"rows"_s).toInt(), 100000);
    QCOMPARE(changes.value(u"truncated"_s).toBool(), true);
}

int main(int argc, char *argv[])
{
    // A local zone away from UTC (Bogotá, UTC-5, no DST), so that any date handled in local time shows.
    qputenv("TZ", "COT5");
    tzset();
    QCoreApplication app(argc, argv);
    tst_Audit test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_audit.moc"
