// Users and roles (the OpenAPI document): list filters and search, profile reads, account management, agent
// status history, the caller's own profile and the role catalogue — over real HTTP.
#include "ExpectedRoles.h"
#include "TestServer.h"

#include "domain/AuthService.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <QJsonArray>
#include <QSet>
#include <QTest>
#include <QUrl>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

struct Caller {
    qint64 id = 0;
    QByteArray token;
};

QStringList emailsOf(const ApiResponse &r)
{
    QStringList out;
    const QJsonArray data = r.value(u"data"_s).toArray();
    for (const QJsonValue &v : data)
        out.append(v.toObject().value(u"email"_s).toString());
    return out;
}

QSet<QString> keysOf(const QJsonObject &o)
{
    const QStringList keys = o.keys();
    return QSet<QString>(keys.begin(), keys.end());
}

QString encoded(const QString &s)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(s));
}

}   // namespace

class tst_Users : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void listFilters_data();
    void listFilters();
    void listItemShape();
    void listPagination();
    void listValidation_data();
    void listValidation();
    void listNeedsPermission();

    void getUser();
    void getOwnAndOthers();

    void createUser();
    void createDuplicateEmail();
    void createValidation_data();
    void createValidation();
    void createNeedsPermission_data();
    void createNeedsPermission();

    void updateUser();
    void updateConflictsAndErrors();
    void updateKeepsSearchInSync();
    void suspensionCutsAccessAtOnce();
    void roleChangeTakesEffectAtOnce();
    void lastActiveAdminIsKept();

    void deleteUser();
    void deleteRefusals();

    void agentStatusOwn();
    void agentStatusOthers();
    void statusHistory();
    void agentStatusValidation_data();
    void agentStatusValidation();

    void meGet();
    void mePut();

    void roles();
    void totalsStayExact();

private:
    // A signed-in user: a user row plus a login (auth_sessions) and an access token for it.
    Caller signIn(const QString &role, const QString &first = u"Test"_s, const QString &last = u"User"_s,
                  const QString &email = {}, const QString &status = u"active"_s);
    QByteArray tokenFor(qint64 userId, const QString &role);
    ApiResponse get(const QString &path, const QByteArray &token) { return m_server.request("GET", path, {}, token); }
    QList<QJsonObject> auditRowsFor(const QString &action, qint64 entityId);

    TestServer m_server;
    Caller m_admin;
    Caller m_supervisor;
    Caller m_agent;
    int m_seq = 0;
};

void tst_Users::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = signIn(u"admin"_s, u"Ada"_s, u"Admin"_s);
    m_supervisor = signIn(u"supervisor"_s, u"Sam"_s, u"Super"_s);
    m_agent = signIn(u"agent"_s, u"Alex"_s, u"Agent"_s);
    QVERIFY(!m_admin.token.isEmpty() && !m_supervisor.token.isEmpty() && !m_agent.token.isEmpty());

    // The list fixture: every address ends in "@list.test", so a search scopes the list to it.
    QVERIFY(m_server.createUser(u"mgonzalez@list.test"_s, u"password-123"_s, u"agent"_s, u"active"_s, u"María"_s,
                                u"González"_s));
    QVERIFY(m_server.createUser(u"jperez@list.test"_s, u"password-123"_s, u"agent"_s, u"suspended"_s, u"Juan"_s,
                                u"Pérez"_s));
    QVERIFY(m_server.createUser(u"sramirez@list.test"_s, u"password-123"_s, u"supervisor"_s, u"active"_s, u"Sofía"_s,
                                u"Ramírez"_s));
    QVERIFY(m_server.createUser(u"pgomez@list.test"_s, u"password-123"_s, u"agent"_s, u"inactive"_s, u"Pedro"_s,
                                u"Gómez"_s));
    QVERIFY(m_server.createUser(u"lucia.p@list.test"_s, u"password-123"_s, u"supervisor"_s, u"active"_s, u"Lucía"_s,
                                u"Pérez"_s));
    const qint64 gone = m_server.createUser(u"marisol@list.test"_s, u"password-123"_s, u"agent"_s, u"active"_s,
                                            u"Marisol"_s, u"María"_s);
    QVERIFY(gone);
    SqlQuery q(m_server.db(), "UPDATE users SET deleted_at = ? WHERE id = ?", {nowSeconds(), gone});
    QVERIFY(q.exec());
}

Caller tst_Users::signIn(const QString &role, const QString &first, const QString &last, const QString &email,
                         const QString &status)
{
    Caller c;
    const QString address = email.isEmpty() ? u"%1.%2@users.test"_s.arg(role).arg(++m_seq) : email;
    c.id = m_server.createUser(address, u"password-123"_s, role, status, first, last);
    if (c.id)
        c.token = tokenFor(c.id, role);
    return c;
}

QByteArray tst_Users::tokenFor(qint64 userId, const QString &role)
{
    const qint64 now = nowSeconds();
    SqlQuery
        q(m_server.db(),
          "INSERT INTO auth_sessions (user_id, created_at, last_used_at, expires_at) VALUES (?, ?, ?, ?) RETURNING id",
          {userId, now, now, now + 86400});
    if (!q.exec() || !q.next())
        return {};
    return m_server.app().auth().issueAccessToken(userId, role, q.integer(0));
}

QList<QJsonObject> tst_Users::auditRowsFor(const QString &action, qint64 entityId)
{
    QList<QJsonObject> rows;
    for (const QJsonObject &row : m_server.auditRows(action)) {
        if (row.value(u"entity_id"_s).toInteger() == entityId)
            rows.append(row);
    }
    return rows;
}

// ---- GET /v1/users ----

void tst_Users::listFilters_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("emails");

    const QString maria = u"mgonzalez@list.test"_s, juan = u"jperez@list.test"_s, sofia = u"sramirez@list.test"_s,
                  pedro = u"pgomez@list.test"_s, lucia = u"lucia.p@list.test"_s;
    QTest::addRow("scope-hides-deleted") << u"search=list.test"_s << QStringList{maria, juan, sofia, pedro, lucia};
    QTest::addRow("role") << u"search=list.test&role=agent"_s << QStringList{maria, juan, pedro};
    QTest::addRow("status") << u"search=list.test&status=active"_s << QStringList{maria, sofia, lucia};
    QTest::addRow("role-and-status") << u"search=list.test&role=supervisor&status=active"_s
                                     << QStringList{sofia, lucia};
    QTest::addRow("all-three") << u"search=list.test&role=agent&status=suspended"_s << QStringList{juan};
    QTest::addRow("no-match") << u"search=list.test&role=admin"_s << QStringList{};
    QTest::addRow("unaccented-finds-accented") << u"search=maria"_s << QStringList{maria};
    QTest::addRow("lower-finds-accented") << u"search=gonzalez"_s << QStringList{maria};
    QTest::addRow("upper-finds-accented") << u"search=PEREZ"_s << QStringList{juan, lucia};
    QTest::addRow("accented-term") << u"search="_s + encoded(u"GÓMEZ"_s) << QStringList{pedro};
    QTest::addRow("full-name") << u"search="_s + encoded(u"sofía ramírez"_s) << QStringList{sofia};
    QTest::addRow("email-fragment") << u"search=jperez@list"_s << QStringList{juan};
    QTest::addRow("search-and-role") << u"search=perez&role=supervisor"_s << QStringList{lucia};
    QTest::addRow("wildcards-are-literal") << u"search="_s + encoded(u"%_"_s) << QStringList{};
}

void tst_Users::listFilters()
{
    QFETCH(QString, query);
    QFETCH(QStringList, emails);
    const ApiResponse r = get(u"/v1/users?"_s + query, m_admin.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(emailsOf(r), emails);
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), emails.size());
}

void tst_Users::listItemShape()
{
    const ApiResponse r = get(u"/v1/users?search=mgonzalez"_s, m_supervisor.token);
    QCOMPARE(r.status, 200);
    const QJsonObject item = r.value(u"data"_s).toArray().first().toObject();
    const QSet<QString> expected{u"id"_s,           u"email"_s,
                                 u"first_name"_s,   u"last_name"_s,
                                 u"phone"_s,        u"avatar_url"_s,
                                 u"role"_s,         u"status"_s,
                                 u"agent_status"_s, u"max_concurrent_chats"_s,
                                 u"created_at"_s,   u"last_login_at"_s};
    QCOMPARE(keysOf(item), expected);
    QVERIFY(item.value(u"id"_s).toInteger() > 0);
    QCOMPARE(item.value(u"first_name"_s).toString(), u"María"_s);
    QCOMPARE(item.value(u"last_name"_s).toString(), u"González"_s);
    QVERIFY(item.value(u"phone"_s).isNull());
    QVERIFY(item.value(u"avatar_url"_s).isNull());
    QCOMPARE(item.value(u"role"_s).toObject(),
             (QJsonObject{{u"id"_s, 3}, {u"name"_s, u"agent"_s}, {u"display_name"_s, u"Agente"_s}}));
    QCOMPARE(item.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(item.value(u"agent_status"_s).toString(), u"offline"_s);
    QCOMPARE(item.value(u"max_concurrent_chats"_s).toInt(), 5);
    QVERIFY(item.value(u"created_at"_s).toString().endsWith(u'Z'));
    QVERIFY(item.value(u"last_login_at"_s).isNull());
}

void tst_Users::listPagination()
{
    ApiResponse r = get(u"/v1/users?search=list.test"_s, m_admin.token);
    QCOMPARE(r.value(u"meta"_s).toObject(),
             (QJsonObject{{u"current_page"_s, 1}, {u"per_page"_s, 20}, {u"total"_s, 5}, {u"total_pages"_s, 1}}));

    QStringList seen;
    for (int page = 1; page <= 3; ++page) {
        r = get(u"/v1/users?search=list.test&limit=2&page=%1"_s.arg(page), m_admin.token);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.value(u"meta"_s).toObject(),
                 (QJsonObject{{u"current_page"_s, page}, {u"per_page"_s, 2}, {u"total"_s, 5}, {u"total_pages"_s, 3}}));
        QCOMPARE(r.value(u"data"_s).toArray().size(), page < 3 ? 2 : 1);
        seen += emailsOf(r);
    }
    QCOMPARE(seen, emailsOf(get(u"/v1/users?search=list.test"_s, m_admin.token)));

    r = get(u"/v1/users?search=list.test&limit=2&page=4"_s, m_admin.token);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"data"_s).toArray().isEmpty());
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), 5);

    // Unfiltered: the total counts live users only, and the list is ordered by id.
    r = get(u"/v1/users?limit=100"_s, m_admin.token);
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(),
             m_server.count(u"users"_s, u"deleted_at IS NULL"_s));
    QVERIFY(m_server.count(u"users"_s, u"deleted_at IS NOT NULL"_s) > 0);
    qint64 last = 0;
    for (const QJsonValue &v : r.value(u"data"_s).toArray()) {
        QVERIFY(v.toObject().value(u"id"_s).toInteger() > last);
        last = v.toObject().value(u"id"_s).toInteger();
    }
}

void tst_Users::listValidation_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("limit-over-100") << u"limit=101"_s << QStringList{u"limit"_s};
    QTest::addRow("limit-zero") << u"limit=0"_s << QStringList{u"limit"_s};
    QTest::addRow("limit-not-number") << u"limit=ten"_s << QStringList{u"limit"_s};
    QTest::addRow("page-zero") << u"page=0"_s << QStringList{u"page"_s};
    QTest::addRow("page-negative") << u"page=-2"_s << QStringList{u"page"_s};
    QTest::addRow("bad-status") << u"status=deleted"_s << QStringList{u"status"_s};
    QTest::addRow("bad-role") << u"role=root"_s << QStringList{u"role"_s};
    QTest::addRow("several") << u"limit=500&status=x&role=y"_s << QStringList{u"limit"_s, u"role"_s, u"status"_s};
}

void tst_Users::listValidation()
{
    QFETCH(QString, query);
    QFETCH(QStringList, fields);
    const ApiResponse r = get(u"/v1/users?"_s + query, m_admin.token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QStringList got = r.errorFields();
    got.sort();
    QCOMPARE(got, fields);
}

void tst_Users::listNeedsPermission()
{
    QCOMPARE(get(u"/v1/users"_s, {}).status, 401);
    const int before = m_server.auditRows(u"user.list"_s).size();
    const ApiResponse r = get(u"/v1/users"_s, m_agent.token);
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QByteArray("FORBIDDEN"));
    const QList<QJsonObject> rows = m_server.auditRows(u"user.list"_s);
    QCOMPARE(rows.size(), before + 1);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), m_agent.id);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
    QCOMPARE(rows.first().value(u"status_code"_s).toInteger(), 403);
}

// ---- GET /v1/users/{id} ----

void tst_Users::getUser()
{
    const ApiResponse r = get(u"/v1/users/%1"_s.arg(m_agent.id), m_admin.token);
    QCOMPARE(r.status, 200);
    const QJsonObject u = r.object();
    for (const char *key : {"id", "email", "first_name", "last_name", "phone", "avatar_url", "role", "status",
                            "agent_status", "agent_status_reason", "max_concurrent_chats", "auto_assign_enabled",
                            "campaigns", "permissions", "created_at", "last_login_at"})
        QVERIFY2(u.contains(QLatin1StringView(key)), key);
    QCOMPARE(u.value(u"id"_s).toInteger(), m_agent.id);
    QCOMPARE(u.value(u"first_name"_s).toString(), u"Alex"_s);
    QCOMPARE(u.value(u"role"_s).toObject().value(u"name"_s).toString(), u"agent"_s);
    QCOMPARE(u.value(u"auto_assign_enabled"_s).toBool(), true);
    QVERIFY(u.value(u"agent_status_reason"_s).isNull());
    QCOMPARE(u.value(u"campaigns"_s).toArray(), QJsonArray());
    QStringList permissions;
    for (const QJsonValue &p : u.value(u"permissions"_s).toArray())
        permissions.append(p.toString());
    QCOMPARE(permissions, ExpectedRoles::agent().permissions);
    QVERIFY(permissions.contains(u"chats.read"_s));
    QVERIFY(!permissions.contains(u"users.read"_s));

    QCOMPARE(get(u"/v1/users/999999"_s, m_admin.token).status, 404);
    QCOMPARE(get(u"/v1/users/999999"_s, m_admin.token).errorCode(), QByteArray("NOT_FOUND"));
    QCOMPARE(get(u"/v1/users/%1"_s.arg(m_agent.id), {}).status, 401);
}

void tst_Users::getOwnAndOthers()
{
    // Own profile without users.read; someone else's is the permission answer, 403.
    ApiResponse r = get(u"/v1/users/%1"_s.arg(m_agent.id), m_agent.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"email"_s).toString(), r.value(u"email"_s).toString().toLower());

    const qint64 mark = m_server.auditMark();
    r = get(u"/v1/users/%1"_s.arg(m_supervisor.id), m_agent.token);
    QCOMPARE(r.status, 403);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"user.read"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"entity_id"_s).toInteger(), m_supervisor.id);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), m_agent.id);
    QCOMPARE(rows.first().value(u"status_code"_s).toInteger(), 403);
    QCOMPARE(get(u"/v1/users/999999"_s, m_agent.token).status, 403);   // no existence leak

    r = get(u"/v1/users/%1"_s.arg(m_agent.id), m_supervisor.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"id"_s).toInteger(), m_agent.id);
}

// ---- POST /v1/users ----

void tst_Users::createUser()
{
    const QJsonObject body{{u"email"_s, u"Valentina.Castro@Empresa.test"_s},
                           {u"password"_s, u"password123"_s},
                           {u"first_name"_s, u"Valentina"_s},
                           {u"last_name"_s, u"Castro"_s},
                           {u"phone"_s, u"+573009876543"_s},
                           {u"role_id"_s, 3},
                           {u"max_concurrent_chats"_s, 7}};
    const ApiResponse r = m_server.request("POST", u"/v1/users"_s, body, m_admin.token);
    QCOMPARE(r.status, 201);
    const QJsonObject created = r.object();
    QCOMPARE(keysOf(created),
             (QSet<QString>{u"id"_s, u"email"_s, u"first_name"_s, u"last_name"_s, u"role"_s, u"created_at"_s}));
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.value(u"email"_s).toString(), u"valentina.castro@empresa.test"_s);
    QCOMPARE(created.value(u"first_name"_s).toString(), u"Valentina"_s);
    QCOMPARE(created.value(u"last_name"_s).toString(), u"Castro"_s);
    QCOMPARE(created.value(u"role"_s).toObject(),
             (QJsonObject{{u"id"_s, 3}, {u"name"_s, u"agent"_s}, {u"display_name"_s, u"Agente"_s}}));
    QVERIFY(created.value(u"created_at"_s).toString().endsWith(u'Z'));

    // Defaults and the stored password hash.
    const QJsonObject full = get(u"/v1/users/%1"_s.arg(id), m_admin.token).object();
    QCOMPARE(full.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(full.value(u"phone"_s).toString(), u"+573009876543"_s);
    QCOMPARE(full.value(u"max_concurrent_chats"_s).toInt(), 7);
    QCOMPARE(full.value(u"auto_assign_enabled"_s).toBool(), true);
    QCOMPARE(full.value(u"agent_status"_s).toString(), u"offline"_s);
    SqlQuery q(m_server.db(), "SELECT password_hash FROM users WHERE id = ?", {id});
    QVERIFY(q.exec() && q.next());
    QVERIFY(q.string(0).startsWith(u"$argon2id$"_s));
    QCOMPARE(emailsOf(get(u"/v1/users?search=valentina"_s, m_admin.token)),
             QStringList{u"valentina.castro@empresa.test"_s});

    const QList<QJsonObject> rows = auditRowsFor(u"user.create"_s, id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), m_admin.id);
    QCOMPARE(rows.first().value(u"entity_type"_s).toString(), u"User"_s);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), true);
    const QJsonObject changes = rows.first().value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"email"_s).toObject().value(u"to"_s).toString(), u"valentina.castro@empresa.test"_s);
    QVERIFY(changes.value(u"email"_s).toObject().value(u"from"_s).isNull());
    QCOMPARE(changes.value(u"role_id"_s).toObject().value(u"to"_s).toInt(), 3);
    QCOMPARE(changes.value(u"max_concurrent_chats"_s).toObject().value(u"to"_s).toInt(), 7);
    QVERIFY(!changes.contains(u"password"_s));
    QVERIFY(!changes.contains(u"password_hash"_s));
}

void tst_Users::createDuplicateEmail()
{
    const QJsonObject body{{u"email"_s, u"dup@empresa.test"_s},
                           {u"password"_s, u"password123"_s},
                           {u"first_name"_s, u"Dup"_s},
                           {u"role_id"_s, 3}};
    QCOMPARE(m_server.request("POST", u"/v1/users"_s, body, m_admin.token).status, 201);
    const qint64 before = m_server.count(u"users"_s);

    QJsonObject again = body;
    again.insert(u"email"_s, u"DUP@Empresa.TEST"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/users"_s, again, m_admin.token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(m_server.count(u"users"_s), before);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"user.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
    QCOMPARE(rows.first().value(u"status_code"_s).toInteger(), 409);
}

void tst_Users::createValidation_data()
{
    QTest::addColumn<QJsonObject>("changes");   // applied over a valid body; null removes the field
    QTest::addColumn<QStringList>("fields");

    QTest::addRow("missing-email") << QJsonObject{{u"email"_s, QJsonValue()}} << QStringList{u"email"_s};
    QTest::addRow("bad-email") << QJsonObject{{u"email"_s, u"not-an-email"_s}} << QStringList{u"email"_s};
    QTest::addRow("short-password") << QJsonObject{{u"password"_s, u"short"_s}} << QStringList{u"password"_s};
    QTest::addRow("missing-password") << QJsonObject{{u"password"_s, QJsonValue()}} << QStringList{u"password"_s};
    QTest::addRow("missing-first-name") << QJsonObject{{u"first_name"_s, QJsonValue()}} << QStringList{u"first_name"_s};
    QTest::addRow("blank-first-name") << QJsonObject{{u"first_name"_s, u"   "_s}} << QStringList{u"first_name"_s};
    QTest::addRow("first-name-not-text") << QJsonObject{{u"first_name"_s, 5}} << QStringList{u"first_name"_s};
    QTest::addRow("bad-phone") << QJsonObject{{u"phone"_s, u"3001234567"_s}} << QStringList{u"phone"_s};
    QTest::addRow("unknown-role") << QJsonObject{{u"role_id"_s, 99}} << QStringList{u"role_id"_s};
    QTest::addRow("role-not-number") << QJsonObject{{u"role_id"_s, u"agent"_s}} << QStringList{u"role_id"_s};
    QTest::addRow("missing-role") << QJsonObject{{u"role_id"_s, QJsonValue()}} << QStringList{u"role_id"_s};
    QTest::addRow("bad-status") << QJsonObject{{u"status"_s, u"gone"_s}} << QStringList{u"status"_s};
    QTest::addRow("chats-zero") << QJsonObject{{u"max_concurrent_chats"_s, 0}}
                                << QStringList{u"max_concurrent_chats"_s};
    QTest::addRow("chats-101") << QJsonObject{{u"max_concurrent_chats"_s, 101}}
                               << QStringList{u"max_concurrent_chats"_s};
    QTest::addRow("auto-assign-text") << QJsonObject{{u"auto_assign_enabled"_s, u"yes"_s}}
                                      << QStringList{u"auto_assign_enabled"_s};
    QTest::addRow("bad-avatar") << QJsonObject{{u"avatar_url"_s, u"javascript:alert(1)"_s}}
                                << QStringList{u"avatar_url"_s};
    QTest::addRow("all-at-once") << QJsonObject{{u"email"_s, u"x"_s}, {u"password"_s, u"1"_s}, {u"role_id"_s, 0}}
                                 << QStringList{u"email"_s, u"password"_s, u"role_id"_s};
}

void tst_Users::createValidation()
{
    QFETCH(QJsonObject, changes);
    QFETCH(QStringList, fields);
    QJsonObject body{{u"email"_s, u"valid.%1@empresa.test"_s.arg(QString::fromLatin1(QTest::currentDataTag()))},
                     {u"password"_s, u"password123"_s},
                     {u"first_name"_s, u"Valid"_s},
                     {u"role_id"_s, 3}};
    for (auto it = changes.begin(); it != changes.end(); ++it) {
        if (it.value().isNull())
            body.remove(it.key());
        else
            body.insert(it.key(), it.value());
    }
    const qint64 before = m_server.count(u"users"_s);
    const ApiResponse r = m_server.request("POST", u"/v1/users"_s, body, m_admin.token);
    QCOMPARE(r.status, 422);
    QStringList got = r.errorFields();
    got.sort();
    QCOMPARE(got, fields);
    QCOMPARE(m_server.count(u"users"_s), before);
}

void tst_Users::createNeedsPermission_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<int>("status");
    QTest::addRow("agent") << u"agent"_s << 403;
    QTest::addRow("supervisor") << u"supervisor"_s << 403;
    QTest::addRow("no-token") << QString() << 401;
}

void tst_Users::createNeedsPermission()
{
    QFETCH(QString, role);
    QFETCH(int, status);
    const QByteArray token = role == "agent"_L1 ? m_agent.token
        : role == "supervisor"_L1               ? m_supervisor.token
                                                : QByteArray();
    const QJsonObject body{{u"email"_s, u"nope@empresa.test"_s},
                           {u"password"_s, u"password123"_s},
                           {u"first_name"_s, u"Nope"_s},
                           {u"role_id"_s, 1}};
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/users"_s, body, token);
    QCOMPARE(r.status, status);
    QCOMPARE(m_server.count(u"users"_s, u"email = 'nope@empresa.test'"_s), 0);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"user.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"status_code"_s).toInteger(), status);
    QCOMPARE(row.value(u"success"_s).toBool(), false);
}

// ---- PUT /v1/users/{id} ----

void tst_Users::updateUser()
{
    const Caller target = signIn(u"agent"_s, u"Before"_s, u"Name"_s);
    const ApiResponse r = m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id),
                                           {{u"first_name"_s, u"After"_s},
                                            {u"last_name"_s, u"Name"_s},   // unchanged: not in the diff
                                            {u"max_concurrent_chats"_s, 9},
                                            {u"auto_assign_enabled"_s, false},
                                            {u"avatar_url"_s, u"https://cdn.example.com/a.png"_s},
                                            {u"unknown_field"_s, u"ignored"_s}},
                                           m_admin.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"first_name"_s).toString(), u"After"_s);
    QCOMPARE(r.value(u"max_concurrent_chats"_s).toInt(), 9);
    QCOMPARE(r.value(u"auto_assign_enabled"_s).toBool(), false);
    QCOMPARE(r.value(u"avatar_url"_s).toString(), u"https://cdn.example.com/a.png"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"active"_s);
    const QJsonObject stored = get(u"/v1/users/%1"_s.arg(target.id), m_admin.token).object();
    QCOMPARE(stored.value(u"first_name"_s).toString(), u"After"_s);
    QCOMPARE(stored.value(u"max_concurrent_chats"_s).toInt(), 9);

    const QList<QJsonObject> rows = auditRowsFor(u"user.update"_s, target.id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), true);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), m_admin.id);
    const QJsonObject changes = rows.first().value(u"changes"_s).toObject();
    QCOMPARE(keysOf(changes),
             (QSet<QString>{u"first_name"_s, u"max_concurrent_chats"_s, u"auto_assign_enabled"_s, u"avatar_url"_s}));
    QCOMPARE(changes.value(u"first_name"_s).toObject(), (QJsonObject{{u"from"_s, u"Before"_s}, {u"to"_s, u"After"_s}}));
    QCOMPARE(changes.value(u"max_concurrent_chats"_s).toObject(), (QJsonObject{{u"from"_s, 5}, {u"to"_s, 9}}));
    QVERIFY(changes.value(u"avatar_url"_s).toObject().value(u"from"_s).isNull());

    // null clears an optional field.
    const ApiResponse cleared =
        m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id), {{u"avatar_url"_s, QJsonValue()}}, m_admin.token);
    QCOMPARE(cleared.status, 200);
    QVERIFY(cleared.value(u"avatar_url"_s).isNull());

    // Sending the current values changes nothing and records no changes.
    const ApiResponse same =
        m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id),
                         {{u"first_name"_s, u"After"_s}, {u"max_concurrent_chats"_s, 9}}, m_admin.token);
    QCOMPARE(same.status, 200);
    QCOMPARE(same.value(u"first_name"_s).toString(), u"After"_s);
    const QList<QJsonObject> after = auditRowsFor(u"user.update"_s, target.id);
    QCOMPARE(after.size(), 3);
    QVERIFY(after.first().value(u"changes"_s).toObject().isEmpty());
}

void tst_Users::updateConflictsAndErrors()
{
    const Caller target = signIn(u"agent"_s);
    const QString path = u"/v1/users/%1"_s.arg(target.id);

    ApiResponse r = m_server.request("PUT", path, {{u"email"_s, u"MGONZALEZ@list.test"_s}}, m_admin.token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    const QList<QJsonObject> conflicts = auditRowsFor(u"user.update"_s, target.id);
    QCOMPARE(conflicts.size(), 1);   // a new user: no other update of it
    QCOMPARE(conflicts.first().value(u"status_code"_s).toInteger(), 409);

    // Its own email in another case is not a conflict.
    const QString own = get(path, m_admin.token).value(u"email"_s).toString();
    r = m_server.request("PUT", path, {{u"email"_s, own.toUpper()}}, m_admin.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"email"_s).toString(), own);

    r = m_server.request("PUT", path,
                         {{u"first_name"_s, QJsonValue()},
                          {u"status"_s, u"gone"_s},
                          {u"role_id"_s, 42},
                          {u"phone"_s, u"12"_s},
                          {u"max_concurrent_chats"_s, 1000},
                          {u"avatar_url"_s, u"ftp://x/y"_s}},
                         m_admin.token);
    QCOMPARE(r.status, 422);
    QStringList fields = r.errorFields();
    fields.sort();
    QCOMPARE(fields,
             (QStringList{u"avatar_url"_s, u"first_name"_s, u"max_concurrent_chats"_s, u"phone"_s, u"role_id"_s,
                          u"status"_s}));

    QCOMPARE(m_server.request("PUT", u"/v1/users/999999"_s, {{u"first_name"_s, u"X"_s}}, m_admin.token).status, 404);
    QCOMPARE(m_server.request("PUT", path, {{u"first_name"_s, u"X"_s}}, m_supervisor.token).status, 403);
    QCOMPARE(m_server.request("PUT", path, {{u"first_name"_s, u"X"_s}}, m_agent.token).status, 403);
    QCOMPARE(m_server.request("PUT", path, {{u"first_name"_s, u"X"_s}}).status, 401);
    QCOMPARE(get(path, m_admin.token).value(u"first_name"_s).toString(), u"Test"_s);
}

void tst_Users::updateKeepsSearchInSync()
{
    const Caller target = signIn(u"agent"_s, u"Plain"_s, u"Name"_s);
    QVERIFY(emailsOf(get(u"/v1/users?search=nandu"_s, m_admin.token)).isEmpty());
    const ApiResponse r =
        m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id),
                         {{u"last_name"_s, u"Ñandú"_s}, {u"email"_s, u"renamed.agent@users.test"_s}}, m_admin.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(emailsOf(get(u"/v1/users?search=nandu"_s, m_admin.token)), QStringList{u"renamed.agent@users.test"_s});
    QCOMPARE(emailsOf(get(u"/v1/users?search=renamed.agent"_s, m_admin.token)),
             QStringList{u"renamed.agent@users.test"_s});
}

void tst_Users::suspensionCutsAccessAtOnce()
{
    const Caller target = signIn(u"agent"_s);
    QCOMPARE(get(u"/v1/users/me"_s, target.token).status, 200);
    ApiResponse r =
        m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id), {{u"status"_s, u"suspended"_s}}, m_admin.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"suspended"_s);
    r = get(u"/v1/users/me"_s, target.token);
    QCOMPARE(r.status, 401);
    QCOMPARE(r.errorCode(), QByteArray("UNAUTHENTICATED"));
    QCOMPARE(m_server.count(u"auth_sessions"_s, u"user_id = %1 AND revoked_at IS NULL"_s.arg(target.id)), 0);

    // Reactivating does not bring the old login back.
    QCOMPARE(m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id), {{u"status"_s, u"active"_s}}, m_admin.token)
                 .status,
             200);
    QCOMPARE(get(u"/v1/users/me"_s, target.token).status, 401);
    QCOMPARE(get(u"/v1/users/me"_s, tokenFor(target.id, u"agent"_s)).status, 200);
}

void tst_Users::roleChangeTakesEffectAtOnce()
{
    const Caller target = signIn(u"agent"_s);
    QCOMPARE(get(u"/v1/users"_s, target.token).status, 403);
    const ApiResponse r = m_server.request("PUT", u"/v1/users/%1"_s.arg(target.id), {{u"role_id"_s, 2}}, m_admin.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"role"_s).toObject().value(u"name"_s).toString(), u"supervisor"_s);
    QVERIFY(r.value(u"permissions"_s).toArray().contains(u"users.read"_s));
    QCOMPARE(get(u"/v1/users"_s, target.token).status, 200);
}

void tst_Users::lastActiveAdminIsKept()
{
    // Make the caller the only active admin for the length of this test.
    QList<qint64> others;
    {
        SqlQuery q(m_server.db(),
                   "SELECT id FROM users WHERE role_id = 1 AND status = 'active' AND deleted_at IS NULL AND id <> ?",
                   {m_admin.id});
        QVERIFY(q.exec());
        while (q.next())
            others.append(q.integer(0));
    }
    for (qint64 id : std::as_const(others)) {
        SqlQuery q(m_server.db(), "UPDATE users SET status = 'inactive' WHERE id = ?", {id});
        QVERIFY(q.exec());
    }
    const QString self = u"/v1/users/%1"_s.arg(m_admin.id);
    ApiResponse r = m_server.request("PUT", self, {{u"role_id"_s, 3}}, m_admin.token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(m_server.request("PUT", self, {{u"status"_s, u"suspended"_s}}, m_admin.token).status, 409);
    QCOMPARE(m_server.request("PUT", self, {{u"first_name"_s, u"Ada"_s}, {u"role_id"_s, 1}}, m_admin.token).status,
             200);
    QCOMPARE(get(self, m_admin.token).value(u"role"_s).toObject().value(u"name"_s).toString(), u"admin"_s);

    // With a second active admin the first may step down.
    const Caller second = signIn(u"admin"_s);
    const Caller leaving = signIn(u"admin"_s);
    r = m_server.request("PUT", u"/v1/users/%1"_s.arg(leaving.id), {{u"role_id"_s, 2}}, leaving.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"role"_s).toObject().value(u"name"_s).toString(), u"supervisor"_s);
    QCOMPARE(m_server.request("PUT", u"/v1/users/%1"_s.arg(second.id), {{u"status"_s, u"inactive"_s}}, second.token)
                 .status,
             200);

    for (qint64 id : std::as_const(others)) {
        SqlQuery q(m_server.db(), "UPDATE users SET status = 'active' WHERE id = ?", {id});
        QVERIFY(q.exec());
    }
}

// ---- DELETE /v1/users/{id} ----

void tst_Users::deleteUser()
{
    const Caller target = signIn(u"agent"_s, u"Doomed"_s, u"Zzyzx"_s, u"doomed@users.test"_s);
    // Something the user did, to check their audit rows outlive them.
    QCOMPARE(m_server.request("PUT", u"/v1/users/me"_s, {{u"first_name"_s, u"Doomed2"_s}}, target.token).status, 200);
    const QString path = u"/v1/users/%1"_s.arg(target.id);

    const ApiResponse r = m_server.request("DELETE", path, {}, m_admin.token);
    QCOMPARE(r.status, 204);
    QVERIFY(r.body.isEmpty());
    QCOMPARE(get(path, m_admin.token).status, 404);
    QVERIFY(emailsOf(get(u"/v1/users?search=zzyzx"_s, m_admin.token)).isEmpty());
    QCOMPARE(get(u"/v1/users/me"_s, target.token).status, 401);
    QCOMPARE(m_server.count(u"auth_sessions"_s, u"user_id = %1 AND revoked_at IS NULL"_s.arg(target.id)), 0);
    QCOMPARE(m_server.count(u"users"_s, u"id = %1 AND deleted_at IS NOT NULL"_s.arg(target.id)), 1);

    const QList<QJsonObject> rows = auditRowsFor(u"user.delete"_s, target.id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"success"_s).toBool(), true);
    QCOMPARE(rows.first().value(u"entity_type"_s).toString(), u"User"_s);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), m_admin.id);
    // Their own audit rows stay and still name them.
    QCOMPARE(m_server.count(u"audit_logs a JOIN users u ON u.id = a.user_id"_s,
                            u"a.user_id = %1 AND a.action = 'user.update_profile' AND u.email = 'doomed@users.test'"_s
                                .arg(target.id)),
             1);

    QCOMPARE(m_server.request("DELETE", path, {}, m_admin.token).status, 404);
    QCOMPARE(m_server.request("PUT", path, {{u"first_name"_s, u"X"_s}}, m_admin.token).status, 404);

    // The address is free again.
    const ApiResponse again = m_server.request("POST", u"/v1/users"_s,
                                               {{u"email"_s, u"doomed@users.test"_s},
                                                {u"password"_s, u"password123"_s},
                                                {u"first_name"_s, u"Reborn"_s},
                                                {u"role_id"_s, 3}},
                                               m_admin.token);
    QCOMPARE(again.status, 201);
    QVERIFY(again.value(u"id"_s).toInteger() != target.id);
}

void tst_Users::deleteRefusals()
{
    const Caller target = signIn(u"agent"_s);
    const QString path = u"/v1/users/%1"_s.arg(target.id);
    QCOMPARE(m_server.request("DELETE", path, {}, m_supervisor.token).status, 403);
    QCOMPARE(m_server.request("DELETE", path, {}, m_agent.token).status, 403);
    QCOMPARE(m_server.request("DELETE", path).status, 401);
    QCOMPARE(m_server.request("DELETE", u"/v1/users/999999"_s, {}, m_admin.token).status, 404);

    const qint64 mark = m_server.auditMark();
    const ApiResponse self = m_server.request("DELETE", u"/v1/users/%1"_s.arg(m_admin.id), {}, m_admin.token);
    QCOMPARE(self.status, 409);
    QCOMPARE(self.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(get(u"/v1/users/me"_s, m_admin.token).status, 200);
    QCOMPARE(get(path, m_admin.token).status, 200);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"user.delete"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"entity_id"_s).toInteger(), m_admin.id);
    QCOMPARE(row.value(u"success"_s).toBool(), false);
    QCOMPARE(row.value(u"status_code"_s).toInteger(), 409);
}

// ---- POST /v1/users/{id}/agent-status ----

void tst_Users::agentStatusOwn()
{
    const Caller agent = signIn(u"agent"_s);
    const QString path = u"/v1/users/%1/agent-status"_s.arg(agent.id);

    ApiResponse r =
        m_server.request("POST", path, {{u"agent_status"_s, u"paused"_s}, {u"agent_status_reason"_s, u"Almuerzo"_s}},
                         agent.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(keysOf(r.object()),
             (QSet<QString>{u"id"_s, u"agent_status"_s, u"agent_status_reason"_s, u"updated_at"_s}));
    QCOMPARE(r.value(u"id"_s).toInteger(), agent.id);
    QCOMPARE(r.value(u"agent_status"_s).toString(), u"paused"_s);
    QCOMPARE(r.value(u"agent_status_reason"_s).toString(), u"Almuerzo"_s);
    QVERIFY(r.value(u"updated_at"_s).toString().endsWith(u'Z'));
    const QString history = u"agent_status_history"_s;
    const QString mine = u"user_id = %1"_s.arg(agent.id);
    QCOMPARE(m_server.count(history, mine), 1);
    QCOMPARE(m_server.count(
                 history,
                 mine +
                     u" AND agent_status = 'paused' AND reason = 'Almuerzo' AND ended_at IS NULL AND changed_by = %1"_s
                         .arg(agent.id)),
             1);

    r = m_server.request("POST", path, {{u"agent_status"_s, u"available"_s}}, agent.token);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"agent_status_reason"_s).isNull());
    QCOMPARE(m_server.count(history, mine), 2);
    QCOMPARE(m_server.count(history,
                            mine +
                                u" AND agent_status = 'paused' AND ended_at IS NOT NULL AND ended_at >= started_at"_s),
             1);
    QCOMPARE(m_server.count(history, mine + u" AND agent_status = 'available' AND ended_at IS NULL"_s), 1);

    // The same status with another reason: a new stretch of the timeline (docs/REPORTS.md).
    r = m_server.request("POST", path, {{u"agent_status"_s, u"available"_s}, {u"agent_status_reason"_s, u"Back"_s}},
                         agent.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(m_server.count(history, mine), 3);
    QCOMPARE(m_server.count(history,
                            mine + u" AND agent_status = 'available' AND reason = 'Back' AND ended_at IS NULL"_s),
             1);
    const QJsonObject me = get(u"/v1/users/me"_s, agent.token).object();
    QCOMPARE(me.value(u"agent_status"_s).toString(), u"available"_s);
    QCOMPARE(me.value(u"agent_status_reason"_s).toString(), u"Back"_s);

    const QList<QJsonObject> rows = auditRowsFor(u"user.agent_status"_s, agent.id);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows.first().value(u"changes"_s).toObject(),
             (QJsonObject{{u"agent_status_reason"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, u"Back"_s}}}}));
    QCOMPARE(rows.last().value(u"changes"_s).toObject().value(u"agent_status"_s).toObject(),
             (QJsonObject{{u"from"_s, u"offline"_s}, {u"to"_s, u"paused"_s}}));
}

void tst_Users::agentStatusOthers()
{
    const Caller agent = signIn(u"agent"_s);
    const QString path = u"/v1/users/%1/agent-status"_s.arg(agent.id);
    const QJsonObject body{{u"agent_status"_s, u"busy"_s}};

    ApiResponse r = m_server.request("POST", path, body, m_agent.token);
    QCOMPARE(r.status, 403);
    QCOMPARE(m_server.count(u"agent_status_history"_s, u"user_id = %1"_s.arg(agent.id)), 0);
    const QList<QJsonObject> refused = auditRowsFor(u"user.agent_status"_s, agent.id);
    QCOMPARE(refused.size(), 1);   // a new user: nothing else about it
    QCOMPARE(refused.first().value(u"status_code"_s).toInteger(), 403);

    r = m_server.request("POST", path, body, m_supervisor.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"agent_status"_s).toString(), u"busy"_s);
    QCOMPARE(m_server.count(u"agent_status_history"_s,
                            u"user_id = %1 AND changed_by = %2 AND agent_status = 'busy'"_s.arg(agent.id).arg(
                                m_supervisor.id)),
             1);
    const QList<QJsonObject> rows = auditRowsFor(u"user.agent_status"_s, agent.id);
    QCOMPARE(rows.size(), 2);
    const QJsonObject row = rows.first();
    QCOMPARE(row.value(u"user_id"_s).toInteger(), m_supervisor.id);
    QCOMPARE(row.value(u"success"_s).toBool(), true);

    QCOMPARE(m_server.request("POST", u"/v1/users/999999/agent-status"_s, body, m_supervisor.token).status, 404);
    QCOMPARE(m_server.request("POST", path, body).status, 401);
}

void tst_Users::statusHistory()
{
    // The agent's own changes and one by a supervisor, newest first, paged.
    const Caller agent = signIn(u"agent"_s, u"Hilda"_s, u"History"_s);
    const QString status = u"/v1/users/%1/agent-status"_s.arg(agent.id);
    QCOMPARE(m_server.request("POST", status, {{u"agent_status"_s, u"available"_s}}, agent.token).status, 200);
    QCOMPARE(m_server
                 .request("POST", status, {{u"agent_status"_s, u"paused"_s}, {u"agent_status_reason"_s, u"Almuerzo"_s}},
                          agent.token)
                 .status,
             200);
    QCOMPARE(m_server.request("POST", status, {{u"agent_status"_s, u"busy"_s}}, m_supervisor.token).status, 200);

    const QString path = u"/v1/users/%1/status-history"_s.arg(agent.id);
    const ApiResponse own = get(path, agent.token);
    QCOMPARE(own.status, 200);
    const QJsonArray rows = own.value(u"data"_s).toArray();
    QCOMPARE(rows.size(), 3);
    const QJsonObject newest = rows[0].toObject();
    QCOMPARE(keysOf(newest),
             (QSet<QString>{u"id"_s, u"agent_status"_s, u"reason"_s, u"changed_by"_s, u"started_at"_s, u"ended_at"_s,
                            u"duration_seconds"_s}));
    QCOMPARE(newest.value(u"agent_status"_s).toString(), u"busy"_s);
    QVERIFY(newest.value(u"ended_at"_s).isNull());   // the current status
    QVERIFY(newest.value(u"duration_seconds"_s).toInteger() >= 0);
    QCOMPARE(newest.value(u"changed_by"_s).toObject(),
             (QJsonObject{{u"id"_s, m_supervisor.id}, {u"first_name"_s, u"Sam"_s}, {u"last_name"_s, u"Super"_s}}));
    const QJsonObject paused = rows[1].toObject();
    QCOMPARE(paused.value(u"agent_status"_s).toString(), u"paused"_s);
    QCOMPARE(paused.value(u"reason"_s).toString(), u"Almuerzo"_s);
    QCOMPARE(paused.value(u"ended_at"_s).toString(), newest.value(u"started_at"_s).toString());
    QCOMPARE(paused.value(u"changed_by"_s).toObject().value(u"id"_s).toInteger(), agent.id);
    QCOMPARE(rows[2].toObject().value(u"agent_status"_s).toString(), u"available"_s);
    QVERIFY(rows[2].toObject().value(u"reason"_s).isNull());
    QCOMPARE(own.value(u"meta"_s).toObject().value(u"total"_s).toInt(), 3);

    const ApiResponse second = get(path + u"?limit=1&page=2"_s, m_supervisor.token);
    QCOMPARE(second.status, 200);
    QCOMPARE(second.value(u"data"_s).toArray().size(), 1);
    QCOMPARE(second.value(u"data"_s).toArray()[0].toObject().value(u"agent_status"_s).toString(), u"paused"_s);
    QCOMPARE(second.value(u"meta"_s).toObject().value(u"total_pages"_s).toInt(), 3);

    // Someone else's needs users.read; refusals are audited.
    const qint64 mark = m_server.auditMark();
    QCOMPARE(get(u"/v1/users/%1/status-history"_s.arg(m_supervisor.id), agent.token).status, 403);
    QCOMPARE(m_server.auditRowsSince(u"user.status_history"_s, mark).size(), 1);
    QCOMPARE(get(u"/v1/users/999999/status-history"_s, m_admin.token).status, 404);
    QCOMPARE(get(path, {}).status, 401);
    const ApiResponse tooMany = get(path + u"?limit=500"_s, m_admin.token);
    QCOMPARE(tooMany.status, 422);
    QCOMPARE(tooMany.errorFields(), QStringList{u"limit"_s});
}

void tst_Users::agentStatusValidation_data()
{
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<QString>("field");
    QTest::addRow("unknown-status") << QJsonObject{{u"agent_status"_s, u"lunch"_s}} << u"agent_status"_s;
    QTest::addRow("missing-status") << QJsonObject{{u"agent_status_reason"_s, u"x"_s}} << u"agent_status"_s;
    QTest::addRow("status-not-text") << QJsonObject{{u"agent_status"_s, 1}} << u"agent_status"_s;
    QTest::addRow("reason-too-long") << QJsonObject{{u"agent_status"_s, u"paused"_s},
                                                    {u"agent_status_reason"_s, QString(256, u'x')}}
                                     << u"agent_status_reason"_s;
}

void tst_Users::agentStatusValidation()
{
    QFETCH(QJsonObject, body);
    QFETCH(QString, field);
    const ApiResponse r = m_server.request("POST", u"/v1/users/%1/agent-status"_s.arg(m_agent.id), body, m_agent.token);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{field});
}

// ---- /v1/users/me ----

void tst_Users::meGet()
{
    ApiResponse r = get(u"/v1/users/me"_s, m_admin.token);
    QCOMPARE(r.status, 200);
    const QJsonObject me = r.object();
    QCOMPARE(me.value(u"id"_s).toInteger(), m_admin.id);
    QCOMPARE(me.value(u"role"_s).toObject().value(u"name"_s).toString(), u"admin"_s);
    QCOMPARE(me.value(u"role"_s).toObject().value(u"display_name"_s).toString(), u"Administrador"_s);
    QVERIFY(!me.contains(u"campaigns"_s));   // answered without a query: campaigns are at /users/{id}
    QStringList permissions;
    for (const QJsonValue &p : me.value(u"permissions"_s).toArray())
        permissions.append(p.toString());
    QCOMPARE(permissions, ExpectedRoles::admin().permissions);
    // GET /v1/users/{id} of oneself: the same object plus campaigns.
    // /me also says whether the caller still has to enable a 2FA their role requires.
    QJsonObject byId = get(u"/v1/users/%1"_s.arg(m_admin.id), m_admin.token).object();
    QCOMPARE(byId.take(u"campaigns"_s).toArray(), QJsonArray());
    QJsonObject own = me;
    QCOMPARE(own.take(u"two_factor_setup_required"_s), QJsonValue(false));
    QCOMPARE(own, byId);

    r = get(u"/v1/users/me"_s, {});
    QCOMPARE(r.status, 401);
    QCOMPARE(get(u"/v1/users/me"_s, "not.a.token").status, 401);
}

void tst_Users::mePut()
{
    const Caller agent = signIn(u"agent"_s, u"Juan"_s, u"Old"_s);
    ApiResponse r = m_server.request("PUT", u"/v1/users/me"_s,
                                     {{u"first_name"_s, u"Juanito"_s},
                                      {u"phone"_s, u"+57 300 123 4567"_s},
                                      {u"role_id"_s, 1},               // ignored: not a profile field
                                      {u"status"_s, u"suspended"_s},   // ignored
                                      {u"email"_s, u"hijack@users.test"_s},
                                      {u"max_concurrent_chats"_s, 99}},
                                     agent.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"first_name"_s).toString(), u"Juanito"_s);
    QCOMPARE(r.value(u"phone"_s).toString(), u"+573001234567"_s);
    QCOMPARE(r.value(u"role"_s).toObject().value(u"name"_s).toString(), u"agent"_s);
    QCOMPARE(r.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(r.value(u"max_concurrent_chats"_s).toInt(), 5);
    QVERIFY(r.value(u"email"_s).toString() != u"hijack@users.test"_s);
    const QJsonObject me = get(u"/v1/users/me"_s, agent.token).object();
    QCOMPARE(me.value(u"first_name"_s).toString(), u"Juanito"_s);
    QCOMPARE(me.value(u"role"_s).toObject().value(u"name"_s).toString(), u"agent"_s);

    const QList<QJsonObject> rows = auditRowsFor(u"user.update_profile"_s, agent.id);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), agent.id);
    QCOMPARE(rows.first().value(u"entity_type"_s).toString(), u"User"_s);
    QCOMPARE(keysOf(rows.first().value(u"changes"_s).toObject()), (QSet<QString>{u"first_name"_s, u"phone"_s}));

    r = m_server.request("PUT", u"/v1/users/me"_s,
                         {{u"phone"_s, u"call me"_s}, {u"avatar_url"_s, u"ftp://x"_s}, {u"first_name"_s, u""_s}},
                         agent.token);
    QCOMPARE(r.status, 422);
    QStringList fields = r.errorFields();
    fields.sort();
    QCOMPARE(fields, (QStringList{u"avatar_url"_s, u"first_name"_s, u"phone"_s}));

    r = m_server.request("PUT", u"/v1/users/me"_s, {{u"phone"_s, QJsonValue()}}, agent.token);
    QCOMPARE(r.status, 200);
    QVERIFY(r.value(u"phone"_s).isNull());
    QCOMPARE(m_server.request("PUT", u"/v1/users/me"_s, {{u"first_name"_s, u"X"_s}}).status, 401);
}

// ---- GET /v1/roles ----

void tst_Users::roles()
{
    ApiResponse r = get(u"/v1/roles"_s, m_admin.token);
    QCOMPARE(r.status, 200);
    const QJsonArray data = r.value(u"data"_s).toArray();
    QCOMPARE(data.size(), 3);
    const QList<ExpectedRoles::Role> expected{ExpectedRoles::admin(), ExpectedRoles::supervisor(),
                                              ExpectedRoles::agent()};
    for (qsizetype i = 0; i < data.size(); ++i) {
        const QJsonObject role = data.at(i).toObject();
        QCOMPARE(keysOf(role),
                 (QSet<QString>{u"id"_s, u"name"_s, u"display_name"_s, u"description"_s, u"require_two_factor"_s,
                                u"permissions"_s}));
        QCOMPARE(role.value(u"name"_s).toString(), expected.at(i).name);
        QCOMPARE(role.value(u"id"_s).toInteger(), expected.at(i).id);
        QCOMPARE(role.value(u"display_name"_s).toString(), expected.at(i).displayName);
        QVERIFY(!role.value(u"description"_s).toString().isEmpty());
        QStringList permissions;
        for (const QJsonValue &p : role.value(u"permissions"_s).toArray())
            permissions.append(p.toString());
        QCOMPARE(permissions, expected.at(i).permissions);
    }
    const QJsonObject agent = data.at(2).toObject();
    QCOMPARE(agent.value(u"display_name"_s).toString(), u"Agente"_s);
    QVERIFY(!agent.value(u"permissions"_s).toArray().contains(u"users.read"_s));
    QVERIFY(data.at(0).toObject().value(u"permissions"_s).toArray().contains(u"backups.restore"_s));

    QCOMPARE(get(u"/v1/roles"_s, m_supervisor.token).status, 200);
    const qint64 mark = m_server.auditMark();
    r = get(u"/v1/roles"_s, m_agent.token);
    QCOMPARE(r.status, 403);
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"role.list"_s, mark);
    QCOMPARE(refused.size(), 1);
    QCOMPARE(refused.first().value(u"user_id"_s).toInteger(), m_agent.id);
    QCOMPARE(get(u"/v1/roles"_s, {}).status, 401);
}

// Runs last: after every create, update, suspension and delete above, the list totals (kept by
// triggers in user_counts, or counted for a search) still equal a plain count of the live rows.
void tst_Users::totalsStayExact()
{
    const QStringList roles{QString(), u"admin"_s, u"supervisor"_s, u"agent"_s};
    const QStringList statuses{QString(), u"active"_s, u"inactive"_s, u"suspended"_s};
    for (const QString &role : roles) {
        for (const QString &status : statuses) {
            QString where = u"deleted_at IS NULL"_s;
            QString query = u"/v1/users?limit=1"_s;
            if (!role.isEmpty()) {
                where += u" AND role_id = %1"_s.arg(ExpectedRoles::byName(role)->id);
                query += u"&role="_s + role;
            }
            if (!status.isEmpty()) {
                where += u" AND status = '%1'"_s.arg(status);
                query += u"&status="_s + status;
            }
            const ApiResponse r = get(query, m_admin.token);
            QCOMPARE(r.status, 200);
            QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(), m_server.count(u"users"_s, where));
        }
    }
    for (const QString &term : {u"mar"_s, u"pé"_s, u"list.test"_s, u"zzz-nobody"_s}) {
        const ApiResponse r =
            get(u"/v1/users?limit=1&search="_s + QString::fromLatin1(QUrl::toPercentEncoding(term)), m_admin.token);
        QCOMPARE(r.status, 200);
        const QString like = SearchText::containsPattern(term);
        QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInteger(),
                 m_server.count(u"users"_s, u"deleted_at IS NULL AND search_text LIKE '%1' ESCAPE '\\'"_s.arg(like)));
    }
}

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    tst_Users test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_users.moc"
