// The authorization matrix (docs/API.md#roles-and-permissions): every operation of the OpenAPI
// document the server serves, asked by each role — admin, supervisor, agent, anonymous, a suspended
// and a deleted user — on its own records and on someone else's, against the status written for it
// in tests/server/data/authz-matrix.json. An operation without a row, or a row without an
// operation, fails. No answer may carry another agent's data to an agent, nor a provider secret
// or a password hash to anyone; every refusal (401/403) leaves its audit row. On both engines.
//
// A row: "expect" (see the file's "about"), "target" (what {id} names), and how to ask: "query",
// "body" (JSON; "#{…}" is the number itself), "multipart" ({filename, type, content: text or
// "png"}), "number_id" (the webhook's number), "fresh" (a new target even for a GET),
// "fresh_login" (a login of its own: the route ends it), "audited": false (a POST that changes
// nothing, as a simulation).
#include "Fixtures.h"
#include "TestServer.h"

#include "store/Database.h"
#include "store/SearchText.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

// Written into what only agent B (and those who see everything) may read: B's chats' messages,
// notes, tags and close notes, B's tasks and comments, B's files, B's email.
constexpr auto kOthersMark = "secreto-b"_L1;
// Written into the provider secrets of the numbers and B's two-factor secrets: no answer to
// anyone carries it.
constexpr auto kSecretMark = "clave-prohibida"_L1;
constexpr auto kPassword = "password-123"_L1;
// A tag every chat and client fixture has, for the routes that remove one ({tag}).
constexpr auto kCommonTag = "comun"_L1;

const QStringList &signedInRoles()
{
    static const QStringList roles{u"admin"_s, u"supervisor"_s, u"agent"_s};
    return roles;
}

const QStringList &refusedRoles()
{
    static const QStringList roles{u"anonymous"_s, u"suspended"_s, u"deleted"_s};
    return roles;
}

// Kinds of record a route's `{id}` names whose owner is a user: these get an own and an
// other's variant. The rest (campaigns, numbers, clients, flows…) belong to no one.
bool hasOwner(const QString &kind)
{
    static const QSet<QString> owned{u"chat"_s, u"closed_chat"_s, u"message"_s, u"failed_message"_s,
                                     u"task"_s, u"file"_s,        u"user"_s};
    return owned.contains(kind);
}

}   // namespace

class tst_AuthzMatrix : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void everyOperationHasARow();
    void marksAreThere();
    void matrix_data();
    void matrix();
    // Agents see the queue of their campaigns but act on a chat once it is theirs (docs/API.md).
    void queuedChatIsSeenNotWorked_data();
    void queuedChatIsSeenNotWorked();
    void takingAQueuedChat_data();
    void takingAQueuedChat();
    void twoAgentsTakeOneChat();
    void ownProfileGrantsNothing();
    // Last: the audit trail of everything above, secrets masked.
    void auditTrailKeepsNoSecret();

private:
    struct Caller {
        QByteArray token;
        qint64 id = 0;
    };

    // ---- fixtures ----
    qint64 client(const QString &first);
    qint64 chat(qint64 agentId, const QString &status, qint64 clientId = 0);
    qint64 message(qint64 chatId, const QString &direction, const QString &status, qint64 userId);
    qint64 task(qint64 ownerId, qint64 clientId, qint64 chatId);
    qint64 file(qint64 ownerId);
    qint64 number(const QString &provider = u"meta"_s);
    qint64 publishedFlow();
    void campaignAgent(qint64 campaignId, qint64 userId);
    // A record of `kind` for `ownerId`, fresh (for a request that changes it) or the shared one.
    qint64 target(const QString &kind, qint64 ownerId, bool fresh);
    QString mark(qint64 ownerId) const { return ownerId == m_other.id ? QString(kOthersMark) : u"propio"_s; }

    // ---- requests ----
    QJsonValue fill(const QJsonValue &v, qint64 id, qint64 self);
    QString fill(QString s, qint64 id, qint64 self);
    ApiResponse send(const QJsonObject &row, const QByteArray &method, const QString &path, const QByteArray &token,
                     qint64 id, qint64 self);

    TestServer m_server;
    QHash<QString, Caller> m_callers;   // by role name
    Caller m_other;                     // agent B: "someone else" for every role
    QJsonObject m_rows;                 // the matrix, by "METHOD /path"
    QHash<QString, bool> m_public;      // operation -> security: []
    qint64 m_campaign = 0;
    qint64 m_client = 0;
    qint64 m_number = 0;      // on Meta
    qint64 m_wppNumber = 0;   // on WPPConnect
    qint64 m_flow = 0;
    QHash<QString, qint64> m_shared;   // "<kind>/<owner>" -> record
    int m_seq = 0;
};

// ---- fixtures ----

qint64 tst_AuthzMatrix::client(const QString &first)
{
    const qint64 now = nowSeconds();
    const QString phone = u"+57320%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
    const qint64 id = insertReturningId(m_server.db(),
                                        "INSERT INTO clients (phone_number, first_name, last_name, search_text, "
                                        "created_at, updated_at) VALUES (?, ?, 'Cliente', ?, ?, ?) RETURNING id",
                                        {phone, first, SearchText::of({first, phone}), now, now});
    SqlQuery tag(m_server.db(), "INSERT INTO client_tags (client_id, tag, created_at) VALUES (?, ?, ?)",
                 {id, QString(kCommonTag), now});
    if (!tag.exec())
        qWarning("client fixture: tag failed");
    return id;
}

qint64 tst_AuthzMatrix::chat(qint64 agentId, const QString &status, qint64 clientId)
{
    const qint64 now = nowSeconds();
    if (!clientId)
        clientId = client(u"Cliente"_s);
    const bool closed = status == "closed"_L1;
    const qint64 id =
        insertReturningId(m_server.db(),
                          "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, "
                          "priority, created_at, queued_at, assigned_at, last_activity_at, closed_at, close_notes) "
                          "VALUES (?, ?, ?, ?, ?, 'normal', ?, ?, ?, ?, ?, ?) RETURNING id",
                          {clientId, m_campaign, m_number, agentId ? QVariant(agentId) : QVariant(), status, now - 600,
                           now - 590, agentId ? QVariant(now - 500) : QVariant(), now - 400,
                           closed ? QVariant(now - 100) : QVariant(), closed ? QVariant(mark(agentId)) : QVariant()});
    const QString m = mark(agentId);
    message(id, u"inbound"_s, u"delivered"_s, 0);
    SqlQuery note(m_server.db(), "INSERT INTO chat_notes (chat_id, user_id, content, created_at) VALUES (?, ?, ?, ?)",
                  {id, agentId ? QVariant(agentId) : QVariant(), QString(u"nota "_s + m), now});
    SqlQuery tag(m_server.db(), "INSERT INTO chat_tags (chat_id, tag, created_at) VALUES (?, ?, ?), (?, ?, ?)",
                 {id, m, now, id, QString(kCommonTag), now});
    if (!note.exec() || !tag.exec())
        qWarning("chat fixture: note or tag failed");
    return id;
}

qint64 tst_AuthzMatrix::message(qint64 chatId, const QString &direction, const QString &status, qint64 userId)
{
    SqlQuery owner(m_server.db(), "SELECT assigned_agent_id FROM chats WHERE id = ?", {chatId});
    const qint64 agent = owner.exec() && owner.next() ? owner.integer(0) : 0;
    return insertReturningId(m_server.db(),
                             "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                             "status, user_id, created_at) VALUES (?, ?, ?, 'text', ?, ?, ?, ?) RETURNING id",
                             {chatId, m_number, direction, QString(u"mensaje "_s + mark(agent)), status,
                              userId ? QVariant(userId) : QVariant(), nowSeconds()});
}

qint64 tst_AuthzMatrix::task(qint64 ownerId, qint64 clientId, qint64 chatId)
{
    const qint64 now = nowSeconds();
    const QString m = mark(ownerId);
    const qint64 id =
        insertReturningId(m_server.db(),
                          "INSERT INTO tasks (client_id, chat_id, assigned_to_user_id, created_by_user_id, "
                          "title, description, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                          "RETURNING id",
                          {clientId, chatId ? QVariant(chatId) : QVariant(), ownerId, ownerId, QString(u"tarea "_s + m),
                           QString(u"detalle "_s + m), now, now});
    SqlQuery comment(m_server.db(),
                     "INSERT INTO task_comments (task_id, user_id, content, created_at) VALUES (?, ?, ?, ?)",
                     {id, ownerId, QString(u"comentario "_s + m), now});
    if (!comment.exec())
        qWarning("task fixture: comment failed");
    return id;
}

qint64 tst_AuthzMatrix::file(qint64 ownerId)
{
    QByteArray token;
    for (const Caller &c : std::as_const(m_callers)) {
        if (c.id == ownerId)
            token = c.token;
    }
    if (ownerId == m_other.id)
        token = m_other.token;
    const ApiResponse r =
        uploadFile(m_server, token, "authz-boundary", mark(ownerId).toUtf8() + ".png", "image/png", pngBytes());
    if (r.status != 201)
        qWarning("file fixture: %d %s", r.status, r.body.constData());
    return r.value(u"id"_s).toInteger();
}

qint64 tst_AuthzMatrix::number(const QString &provider)
{
    const QString secret = QString(kSecretMark);
    QJsonObject body{{u"phone_number"_s, u"+57301%1"_s.arg(++m_seq, 7, 10, QChar(u'0'))},
                     {u"display_name"_s, u"Ventas"_s},
                     {u"provider"_s, provider}};
    if (provider == "meta"_L1) {
        body.insert(u"meta_phone_number_id"_s, u"77%1"_s.arg(m_seq));
        body.insert(u"meta_business_account_id"_s, u"123456789"_s);
        body.insert(u"meta_access_token"_s, QString(secret + u"-token"_s));
        body.insert(u"meta_app_secret"_s, QString(secret + u"-app"_s));
        body.insert(u"webhook_verify_token"_s, QString(secret + u"-verify"_s));
    } else {
        // Never reached: a provider call for a request fails at once.
        body.insert(u"wppconnect_session_name"_s, u"sesion_%1"_s.arg(m_seq));
        body.insert(u"wppconnect_server_url"_s, u"http://127.0.0.1:9"_s);
        body.insert(u"wppconnect_api_key"_s, QString(secret + u"-wpp"_s));
    }
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s, body, m_callers.value(u"admin"_s).token);
    if (r.status != 201)
        qWarning("number fixture: %d %s", r.status, r.body.constData());
    return r.value(u"id"_s).toInteger();
}

qint64 tst_AuthzMatrix::publishedFlow()
{
    const QByteArray admin = m_callers.value(u"admin"_s).token;
    const QJsonArray nodes{QJsonObject{{u"node_key"_s, u"start"_s},
                                       {u"node_type"_s, u"end"_s},
                                       {u"config"_s, QJsonObject{{u"content"_s, u"Adiós"_s}}}}};
    const ApiResponse r = m_server.request("POST", u"/v1/bot-flows"_s,
                                           {{u"name"_s, u"Flujo %1"_s.arg(++m_seq)},
                                            {u"start_node_id"_s, u"start"_s},
                                            {u"nodes"_s, nodes}},
                                           admin);
    const qint64 id = r.value(u"id"_s).toInteger();
    const ApiResponse p = m_server.request("POST", u"/v1/bot-flows/%1/publish"_s.arg(id), {}, admin);
    if (r.status != 201 || p.status != 200)
        qWarning("flow fixture: %d %s / %d %s", r.status, r.body.constData(), p.status, p.body.constData());
    return id;
}

void tst_AuthzMatrix::campaignAgent(qint64 campaignId, qint64 userId)
{
    SqlQuery q(m_server.db(), "INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)",
               {campaignId, userId, nowSeconds()});
    QVERIFY(q.exec());
}

qint64 tst_AuthzMatrix::target(const QString &kind, qint64 ownerId, bool fresh)
{
    const QString key = kind + u'/' + QString::number(ownerId);
    if (!fresh && m_shared.contains(key))
        return m_shared.value(key);
    qint64 id = 0;
    if (kind == "none"_L1)
        return 0;
    if (kind == "chat"_L1 || kind == "closed_chat"_L1) {
        id = chat(ownerId, kind == "chat"_L1 ? u"active"_s : u"closed"_s);
    } else if (kind == "message"_L1) {
        id = message(chat(ownerId, u"active"_s), u"inbound"_s, u"delivered"_s, 0);
    } else if (kind == "failed_message"_L1) {
        id = message(chat(ownerId, u"active"_s), u"outbound"_s, u"failed"_s, ownerId);
    } else if (kind == "task"_L1) {
        const qint64 c = client(u"Tarea"_s);
        id = task(ownerId, c, chat(ownerId, u"active"_s, c));
    } else if (kind == "file"_L1) {
        id = file(ownerId);
    } else if (kind == "user"_L1) {
        // Changing or deleting someone else: a fresh agent, so that B stays for the other rows.
        id = fresh && ownerId == m_other.id
            ? m_server.createUser(u"victima%1@example.com"_s.arg(++m_seq), QString(kPassword), u"agent"_s)
            : ownerId;
    } else if (kind == "client"_L1) {
        id = fresh ? client(u"Nuevo"_s) : m_client;
    } else if (kind == "campaign"_L1) {
        id = m_campaign;
        if (fresh) {
            const qint64 now = nowSeconds();
            id = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, search_text, created_at, updated_at) "
                                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                   {u"Campaña %1"_s.arg(++m_seq), u"C%1"_s.arg(m_seq), u"campana"_s, now, now});
        }
    } else if (kind == "number"_L1) {
        id = fresh ? number() : m_number;
    } else if (kind == "flow"_L1) {
        id = fresh ? publishedFlow() : m_flow;
    } else if (kind == "missing"_L1) {
        id = 999999;   // authorised callers get 404: for routes whose success would end the test (restore)
    } else {
        qWarning("unknown target kind %s", qPrintable(kind));
    }
    if (!fresh)
        m_shared.insert(key, id);
    return id;
}

// ---- requests ----

// Placeholders in a row's path, query and body: {id} the target, {self} the caller, {other}
// agent B, {agent} the agent, {campaign}, {client}, {number} (and {number_id}) on Meta,
// {wpp_number} on WPPConnect, {flow}, {tag} a tag the target has, {version} its first version;
// {seq} a fresh number, {phone} a fresh phone number.
QString tst_AuthzMatrix::fill(QString s, qint64 id, qint64 self)
{
    s.replace(u"{id}"_s, QString::number(id));
    s.replace(u"{wpp_number}"_s, QString::number(m_wppNumber));
    s.replace(u"{number_id}"_s, QString::number(m_number));
    s.replace(u"{tag}"_s, QString(kCommonTag));
    s.replace(u"{version}"_s, u"1"_s);
    s.replace(u"{self}"_s, QString::number(self));
    s.replace(u"{other}"_s, QString::number(m_other.id));
    s.replace(u"{agent}"_s, QString::number(m_callers.value(u"agent"_s).id));
    s.replace(u"{campaign}"_s, QString::number(m_campaign));
    s.replace(u"{client}"_s, QString::number(m_client));
    s.replace(u"{number}"_s, QString::number(m_number));
    s.replace(u"{flow}"_s, QString::number(m_flow));
    if (s.contains(u"{seq}"_s))
        s.replace(u"{seq}"_s, QString::number(++m_seq));
    if (s.contains(u"{phone}"_s))
        s.replace(u"{phone}"_s, u"+57318%1"_s.arg(++m_seq, 7, 10, QChar(u'0')));
    return s;
}

QJsonValue tst_AuthzMatrix::fill(const QJsonValue &v, qint64 id, qint64 self)
{
    if (v.isObject()) {
        QJsonObject out;
        const QJsonObject in = v.toObject();
        for (auto it = in.begin(); it != in.end(); ++it)
            out.insert(it.key(), fill(it.value(), id, self));
        return out;
    }
    if (v.isArray()) {
        QJsonArray out;
        for (const QJsonValue &item : v.toArray())
            out.append(fill(item, id, self));
        return out;
    }
    if (!v.isString())
        return v;
    // "#{id}" stands for the number itself, not its text.
    const QString s = v.toString();
    if (s.startsWith(u'#'))
        return fill(s.sliced(1), id, self).toLongLong();
    return fill(s, id, self);
}

ApiResponse tst_AuthzMatrix::send(const QJsonObject &row, const QByteArray &method, const QString &path,
                                  const QByteArray &token, qint64 id, qint64 self)
{
    QString url = path + row.value(u"query"_s).toString();
    if (row.contains(u"number_id"_s))   // a webhook of another number than the Meta one
        url.replace(u"{number_id}"_s, row.value(u"number_id"_s).toString());
    url = fill(url, id, self);
    if (row.contains(u"multipart"_s)) {
        const QJsonObject part = row.value(u"multipart"_s).toObject();
        const QByteArray content = part.value(u"content"_s).toString() == "png"_L1
            ? pngBytes()
            : fill(part.value(u"content"_s).toString(), id, self).toUtf8();
        const QByteArray boundary = "authz-form";
        const QByteArray form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
            part.value(u"filename"_s).toString().toUtf8() +
            "\"\r\nContent-Type: " + part.value(u"type"_s).toString().toUtf8() + "\r\n\r\n" + content + "\r\n--" +
            boundary + "--\r\n";
        return m_server.requestRaw(method, url, form, "multipart/form-data; boundary=" + boundary, token);
    }
    return m_server.request(method, url, fill(row.value(u"body"_s), id, self).toObject(), token);
}

// ---- setup ----

void tst_AuthzMatrix::initTestCase()
{
    // No provider is reachable: a call the server makes for a request fails at once.
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, u"http://127.0.0.1:9"_s}}));
    for (const QString &role : signedInRoles()) {
        Caller c;
        c.token = m_server.tokenFor(role, &c.id);
        QVERIFY2(!c.token.isEmpty(), qPrintable(role));
        m_callers.insert(role, c);
    }
    m_other.id = m_server.createUser(u"secreto-b@example.com"_s, QString(kPassword), u"agent"_s, u"active"_s,
                                     u"Beatriz"_s, u"Otra"_s);
    m_other.token = m_server.login(u"secreto-b@example.com"_s, QString(kPassword));
    QVERIFY(!m_other.token.isEmpty());
    // B's two-factor secrets, which no answer shows anyone (B's own included).
    QVERIFY(SqlQuery(m_server.db(), "UPDATE users SET two_factor_pending_secret = ? WHERE id = ?",
                     {QString(kSecretMark + u"-totp"_s), m_other.id})
                .exec());
    QVERIFY(SqlQuery(m_server.db(), "INSERT INTO user_backup_codes (user_id, code_hash) VALUES (?, ?)",
                     {m_other.id, QString(kSecretMark + u"-backup"_s)})
                .exec());
    // Suspended and deleted after signing in: the tokens they hold must stop working. Both were
    // admins, whose tokens would open every route.
    for (const QString &role : {u"suspended"_s, u"deleted"_s}) {
        Caller c;
        c.token = m_server.tokenFor(u"admin"_s, &c.id);
        QVERIFY(!c.token.isEmpty());
        SqlQuery q(m_server.db(),
                   role == "suspended"_L1 ? "UPDATE users SET status = 'suspended' WHERE id = ?"
                                          : "UPDATE users SET deleted_at = updated_at WHERE id = ?",
                   {c.id});
        QVERIFY(q.exec());
        m_callers.insert(role, c);
    }
    m_callers.insert(u"anonymous"_s, Caller{});

    m_number = number();
    m_wppNumber = number(u"wppconnect"_s);
    QVERIFY(m_wppNumber);
    const qint64 now = nowSeconds();
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, search_text, created_at, updated_at) "
                                   "VALUES ('Ventas', 'VENTAS', 'ventas', ?, ?) RETURNING id",
                                   {now, now});
    QVERIFY(m_number && m_campaign);
    // Both agents work the campaign: what keeps B's chats from the agent is the assignment alone.
    campaignAgent(m_campaign, m_callers.value(u"agent"_s).id);
    campaignAgent(m_campaign, m_other.id);
    m_flow = publishedFlow();
    QVERIFY(m_flow);
    // A client B works with: B's chat and B's task on it, which the agent's view of the client
    // must leave out.
    m_client = client(u"Compartido"_s);
    task(m_other.id, m_client, chat(m_other.id, u"active"_s, m_client));

    // The matrix and the operations of the document the server serves.
    QFile data(QStringLiteral(CONVERSA_AUTHZ_MATRIX));
    QVERIFY2(data.open(QIODevice::ReadOnly), qPrintable(data.fileName()));
    QJsonParseError error;
    m_rows = QJsonDocument::fromJson(data.readAll(), &error).object().value(u"routes"_s).toObject();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    const ApiResponse doc = m_server.request("GET", u"/v1/openapi.json"_s);
    QCOMPARE(doc.status, 200);
    const bool securedByDefault = !doc.value(u"security"_s).toArray().isEmpty();
    const QJsonObject paths = doc.value(u"paths"_s).toObject();
    for (auto p = paths.begin(); p != paths.end(); ++p) {
        const QJsonObject ops = p.value().toObject();
        for (auto op = ops.begin(); op != ops.end(); ++op) {
            if (!QStringList{u"get"_s, u"put"_s, u"post"_s, u"delete"_s, u"patch"_s}.contains(op.key()))
                continue;
            const QJsonObject o = op.value().toObject();
            // Public: no security, or an empty alternative (optional sign-in, as the 2FA step).
            const QJsonArray security = o.contains(u"security"_s) ? o.value(u"security"_s).toArray() : QJsonArray();
            const bool open =
                o.contains(u"security"_s) ? security.isEmpty() || security.contains(QJsonObject()) : !securedByDefault;
            m_public.insert(op.key().toUpper() + u' ' + p.key(), open);
        }
    }
    QVERIFY(m_public.size() > 100);
}

// ---- the tests ----

void tst_AuthzMatrix::everyOperationHasARow()
{
    QStringList missing;
    QStringList stale;
    for (auto it = m_public.cbegin(); it != m_public.cend(); ++it) {
        if (!m_rows.contains(it.key()))
            missing.append(it.key());
    }
    for (auto it = m_rows.begin(); it != m_rows.end(); ++it) {
        if (!m_public.contains(it.key()))
            stale.append(it.key());
    }
    missing.sort();
    stale.sort();
    QVERIFY2(missing.isEmpty(),
             qPrintable(u"operations without a row in authz-matrix.json: "_s + missing.join(u", "_s)));
    QVERIFY2(stale.isEmpty(), qPrintable(u"rows for operations the OpenAPI no longer has: "_s + stale.join(u", "_s)));
}

// The leak check looks for marks: they must be where those who may see them look.
void tst_AuthzMatrix::marksAreThere()
{
    const QByteArray supervisor = m_callers.value(u"supervisor"_s).token;
    const QString chatOfB = u"/v1/chats/%1"_s.arg(target(u"chat"_s, m_other.id, false));
    const QString taskOfB = u"/v1/tasks/%1"_s.arg(target(u"task"_s, m_other.id, false));
    const QStringList paths{chatOfB, QString(chatOfB + u"/messages"_s), taskOfB, u"/v1/users/%1"_s.arg(m_other.id)};
    for (const QString &path : paths) {
        const ApiResponse r = m_server.request("GET", path, {}, supervisor);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.body.toLower().contains(QByteArray(kOthersMark.data(), kOthersMark.size())), qPrintable(path));
    }
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s, u"id = %1"_s.arg(m_number)), 1);
    QCOMPARE(m_server.count(u"whatsapp_numbers"_s,
                            u"meta_access_token LIKE '%%1%' OR meta_app_secret LIKE '%%1%'"_s.arg(kSecretMark)),
             0);   // sealed at rest too
}

void tst_AuthzMatrix::matrix_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("role");
    QTest::addColumn<bool>("own");
    QTest::addColumn<int>("expected");
    QStringList operations = m_rows.keys();
    operations.sort();
    for (const QString &operation : std::as_const(operations)) {
        const QJsonObject row = m_rows.value(operation).toObject();
        const QJsonObject expect = row.value(u"expect"_s).toObject();
        const bool owned = hasOwner(row.value(u"target"_s).toString(u"none"_s));
        for (const QString &role : signedInRoles()) {
            const QJsonValue e = expect.value(role);
            if (e.isUndefined()) {
                QTest::addRow("%s %s", qPrintable(operation), qPrintable(role)) << operation << role << true << 0;
                continue;
            }
            const int own = e.isArray() ? e.toArray().at(0).toInt() : e.toInt();
            const int other = e.isArray() ? e.toArray().at(1).toInt() : e.toInt();
            QTest::addRow("%s %s own", qPrintable(operation), qPrintable(role)) << operation << role << true << own;
            if (owned || e.isArray())
                QTest::addRow("%s %s other", qPrintable(operation), qPrintable(role))
                    << operation << role << false << other;
        }
        // Without a valid sign-in every secured route is 401; public ones say what they answer.
        for (const QString &role : refusedRoles()) {
            const int status = expect.value(role).toInt(m_public.value(operation) ? 0 : 401);
            QTest::addRow("%s %s", qPrintable(operation), qPrintable(role)) << operation << role << false << status;
        }
    }
}

void tst_AuthzMatrix::matrix()
{
    QFETCH(QString, operation);
    QFETCH(QString, role);
    QFETCH(bool, own);
    QFETCH(int, expected);
    QVERIFY2(expected > 0, "the row gives no status for this role");
    const QJsonObject row = m_rows.value(operation).toObject();
    const QByteArray method = operation.section(u' ', 0, 0).toLatin1();
    const QString path = operation.section(u' ', 1);
    const Caller caller = m_callers.value(role);
    const QString kind = row.value(u"target"_s).toString(u"none"_s);
    const bool fresh = row.value(u"fresh"_s).toBool(method != "GET");
    const qint64 owner = own ? caller.id : m_other.id;
    const qint64 id = target(kind, owner ? owner : m_other.id, fresh);
    QByteArray token = caller.token;
    if (row.value(u"fresh_login"_s).toBool() && signedInRoles().contains(role)) {
        // Routes that end the login they are called with (logout) get one of their own.
        SqlQuery q(m_server.db(), "SELECT email FROM users WHERE id = ?", {caller.id});
        QVERIFY(q.exec() && q.next());
        token = m_server.login(q.string(0), QString(kPassword));
        QVERIFY(!token.isEmpty());
    }

    const qint64 audit = m_server.auditMark();
    const ApiResponse r = send(row, method, path, token, id, caller.id);
    QVERIFY2(r.status == expected,
             qPrintable(u"%1 as %2 (%3): %4 instead of %5: %6"_s.arg(operation, role, own ? u"own"_s : u"other's"_s)
                            .arg(r.status)
                            .arg(expected)
                            .arg(QString::fromUtf8(r.body.left(300)))));

    // What the answer must never carry.
    const QString body = QString::fromUtf8(r.body).toLower();
    QVERIFY2(!body.contains(kSecretMark), "a provider secret in the answer");
    QVERIFY2(!body.contains(u"$argon2"_s), "a password hash in the answer");
    if (role != "admin"_L1 && role != "supervisor"_L1)
        QVERIFY2(!body.contains(kOthersMark), qPrintable(u"another agent's data in the answer: "_s + body.left(400)));

    // A refusal leaves its audit row, with who was refused; a change, its own. (Public routes
    // answer for themselves: a webhook's refusal is not an API caller's.)
    if (m_public.value(operation))
        return;
    if (expected == 401 || expected == 403) {
        SqlQuery q(m_server.db(),
                   "SELECT COUNT(*), MAX(user_id) FROM audit_logs WHERE id > ? AND success = ? AND status_code = ?",
                   {audit, false, expected});
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.integer(0), 1);
        if (expected == 403)
            QCOMPARE(q.integer(1), caller.id);
    } else if (expected < 300 && method != "GET" && row.value(u"audited"_s).toBool(true)) {
        QVERIFY2(m_server.count(u"audit_logs"_s,
                                u"id > %1 AND success = %2 AND status_code = %3"_s.arg(audit)
                                    .arg(m_server.engine() == "postgresql"_L1 ? u"TRUE"_s : u"1"_s)
                                    .arg(expected)) == 1,
                 "a change without its audit row");
    }
}

// ---- the queue: seen, not worked, until taken ----

void tst_AuthzMatrix::queuedChatIsSeenNotWorked_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("suffix");   // after /v1/chats/{id}; "message" and "retry" are /v1/messages
    QTest::addColumn<QJsonObject>("body");
    QTest::addColumn<int>("expected");
    QTest::addColumn<QString>("action");   // the audit row a refusal leaves
    const QJsonObject none;
    QTest::addRow("read") << QByteArray("GET") << QString() << none << 200 << QString();
    QTest::addRow("messages") << QByteArray("GET") << u"/messages"_s << none << 200 << QString();
    QTest::addRow("transfer-options") << QByteArray("GET") << u"/transfer-options"_s << none << 200 << QString();
    QTest::addRow("send") << QByteArray("POST") << u"message"_s
                          << QJsonObject{{u"message_type"_s, u"text"_s}, {u"content"_s, u"hola"_s}} << 403
                          << u"message.create"_s;
    QTest::addRow("retry") << QByteArray("POST") << u"retry"_s << none << 403 << u"message.retry"_s;
    QTest::addRow("close") << QByteArray("POST") << u"/close"_s << none << 403 << u"chat.close"_s;
    QTest::addRow("to-queue") << QByteArray("POST") << u"/transfer"_s << QJsonObject{{u"target_type"_s, u"queue"_s}}
                              << 403 << u"chat.transfer"_s;
    QTest::addRow("to-campaign") << QByteArray("POST") << u"/transfer"_s
                                 << QJsonObject{{u"target_type"_s, u"campaign"_s}, {u"target_id"_s, -1}} << 403
                                 << u"chat.transfer"_s;
    QTest::addRow("to-other-agent") << QByteArray("POST") << u"/transfer"_s
                                    << QJsonObject{{u"target_type"_s, u"agent"_s}, {u"target_id"_s, -2}} << 403
                                    << u"chat.transfer"_s;
    QTest::addRow("tag") << QByteArray("POST") << u"/tags"_s << QJsonObject{{u"tag"_s, u"nueva"_s}} << 403
                         << u"chat.tag_add"_s;
    QTest::addRow("untag") << QByteArray("DELETE") << u"/tags/comun"_s << none << 403 << u"chat.tag_remove"_s;
    QTest::addRow("note") << QByteArray("POST") << u"/notes"_s << QJsonObject{{u"content"_s, u"mía"_s}} << 403
                          << u"chat.note_add"_s;
    QTest::addRow("priority") << QByteArray("PUT") << u"/priority"_s << QJsonObject{{u"priority"_s, u"urgent"_s}} << 403
                              << u"chat.priority"_s;
}

void tst_AuthzMatrix::queuedChatIsSeenNotWorked()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, suffix);
    QFETCH(QJsonObject, body);
    QFETCH(int, expected);
    QFETCH(QString, action);
    const Caller agent = m_callers.value(u"agent"_s);
    for (const QString &status : {u"queued"_s, u"bot"_s}) {
        const qint64 id = chat(0, status);
        const qint64 failed = message(id, u"outbound"_s, u"failed"_s, m_other.id);
        QString path = u"/v1/chats/%1"_s.arg(id) + suffix;
        if (suffix == "message"_L1) {
            path = u"/v1/messages"_s;
            body.insert(u"chat_id"_s, id);
        } else if (suffix == "retry"_L1) {
            path = u"/v1/messages/%1/retry"_s.arg(failed);
        }
        if (body.value(u"target_id"_s).toInteger() == -1) {
            body.insert(u"target_id"_s, target(u"campaign"_s, 0, true));
        } else if (body.value(u"target_id"_s).toInteger() == -2) {
            body.insert(u"target_id"_s, m_other.id);
        }
        const qint64 audit = m_server.auditMark();
        const ApiResponse r = m_server.request(method, path, body, agent.token);
        QVERIFY2(r.status == expected,
                 qPrintable(u"%1 on a %2 chat: %3 %4"_s.arg(QString::fromLatin1(QTest::currentDataTag()), status)
                                .arg(r.status)
                                .arg(QString::fromUtf8(r.body))));
        if (expected != 403)
            continue;
        QCOMPARE(r.errorCode(), "FORBIDDEN");
        // Nothing changed, and the refusal is on record.
        QCOMPARE(m_server.count(u"chats"_s,
                                u"id = %1 AND status = '%2' AND assigned_agent_id IS NULL AND priority = 'normal' "
                                u"AND campaign_id = %3"_s.arg(id)
                                    .arg(status)
                                    .arg(m_campaign)),
                 1);
        QCOMPARE(m_server.count(u"chat_notes"_s, u"chat_id = %1"_s.arg(id)), 1);
        QCOMPARE(m_server.count(u"chat_tags"_s, u"chat_id = %1"_s.arg(id)), 2);
        QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1 AND status <> 'failed'"_s.arg(id)), 1);
        const QList<QJsonObject> rows = m_server.auditRowsSince(action, audit);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().value(u"success"_s).toBool(), false);
        QCOMPARE(rows.first().value(u"status_code"_s).toInt(), 403);
        QCOMPARE(rows.first().value(u"user_id"_s).toInteger(), agent.id);
    }
}

void tst_AuthzMatrix::takingAQueuedChat_data()
{
    QTest::addColumn<QString>("status");
    QTest::addRow("queued") << u"queued"_s;
    QTest::addRow("bot") << u"bot"_s;
}

void tst_AuthzMatrix::takingAQueuedChat()
{
    QFETCH(QString, status);
    // A fresh agent of the campaign: the matrix left the other one holding many chats.
    Caller agent;
    agent.token = m_server.tokenFor(u"agent"_s, &agent.id);
    campaignAgent(m_campaign, agent.id);
    const QJsonObject take{{u"target_type"_s, u"agent"_s}, {u"target_id"_s, agent.id}, {u"reason"_s, u"lo tomo"_s}};

    // Someone else's chat, or a queued chat of a campaign the agent does not work: not seen at all.
    QCOMPARE(m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(chat(m_other.id, u"active"_s)), take, agent.token)
                 .status,
             404);
    const qint64 foreign = chat(0, status);
    QVERIFY(SqlQuery(m_server.db(), "UPDATE chats SET campaign_id = ? WHERE id = ?",
                     {target(u"campaign"_s, 0, true), foreign})
                .exec());
    QCOMPARE(m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(foreign), take, agent.token).status, 404);

    // A queued chat of its campaign: taken by transferring it to itself, then worked.
    const qint64 id = chat(0, status);
    const qint64 audit = m_server.auditMark();
    ApiResponse r = m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(id), take, agent.token);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"status"_s).toString(), u"assigned"_s);
    QCOMPARE(r.value(u"assigned_agent"_s).toObject().value(u"id"_s).toInteger(), agent.id);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"chat.transfer"_s, audit);
    QCOMPARE(rows.size(), 1);
    QVERIFY(rows.first().value(u"success"_s).toBool());
    QCOMPARE(
        rows.first().value(u"changes"_s).toObject().value(u"assigned_agent_id"_s).toObject().value(u"to"_s).toInteger(),
        agent.id);
    r = m_server.request("POST", u"/v1/messages"_s,
                         {{u"chat_id"_s, id}, {u"message_type"_s, u"text"_s}, {u"content"_s, u"¡Hola!"_s}},
                         agent.token);
    QCOMPARE(r.status, 201);
    QCOMPARE(m_server
                 .request("POST", u"/v1/chats/%1/close"_s.arg(id), {{u"close_reason"_s, u"resolved"_s}}, agent.token)
                 .status,
             200);
    // Within its limits: with room for one chat on the campaign, which it now holds, a second
    // take is refused and changes nothing.
    const qint64 first = chat(0, status);
    QCOMPARE(m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(first), take, agent.token).status, 200);
    QVERIFY(SqlQuery(m_server.db(),
                     "UPDATE campaign_agents SET max_concurrent_chats = 1 WHERE campaign_id = ? AND user_id = ?",
                     {m_campaign, agent.id})
                .exec());
    const qint64 second = chat(0, status);
    r = m_server.request("POST", u"/v1/chats/%1/transfer"_s.arg(second), take, agent.token);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), "CONFLICT");
    QCOMPARE(m_server.count(u"chats"_s,
                            u"id = %1 AND status = '%2' AND assigned_agent_id IS NULL"_s.arg(second).arg(status)),
             1);
    // A supervisor works any chat without taking it.
    const qint64 queued = chat(0, status);
    QCOMPARE(m_server
                 .request("POST", u"/v1/chats/%1/notes"_s.arg(queued), {{u"content"_s, u"revisado"_s}},
                          m_callers.value(u"supervisor"_s).token)
                 .status,
             201);
}

// Two agents take the same queued chat at once: one gets it, the other is told (409 when it raced
// the update, 404 when the chat was already someone else's by the time it looked), once.
void tst_AuthzMatrix::twoAgentsTakeOneChat()
{
    QList<Caller> agents(2);
    for (Caller &a : agents) {
        a.token = m_server.tokenFor(u"agent"_s, &a.id);
        campaignAgent(m_campaign, a.id);
    }
    for (int round = 0; round < 5; ++round) {
        const qint64 id = chat(0, u"queued"_s);
        QNetworkAccessManager network;
        QList<QNetworkReply *> replies;
        for (const Caller &a : std::as_const(agents)) {
            QNetworkRequest request(m_server.baseUrl().resolved(QUrl(u"/v1/chats/%1/transfer"_s.arg(id))));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
            request.setRawHeader("Authorization", "Bearer " + a.token);
            const QJsonObject take{{u"target_type"_s, u"agent"_s}, {u"target_id"_s, a.id}};
            replies.append(network.post(request, QJsonDocument(take).toJson(QJsonDocument::Compact)));
        }
        QList<int> statuses;
        for (QNetworkReply *reply : std::as_const(replies)) {
            if (!reply->isFinished())
                QVERIFY(QSignalSpy(reply, &QNetworkReply::finished).wait(10000));
            statuses.append(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt());
            reply->deleteLater();
        }
        std::sort(statuses.begin(), statuses.end());
        QCOMPARE(statuses.first(), 200);
        QVERIFY2(statuses.last() == 404 || statuses.last() == 409, qPrintable(QString::number(statuses.last())));
        QCOMPARE(m_server.count(u"chat_events"_s, u"chat_id = %1 AND event = 'transfer'"_s.arg(id)), 1);
        QCOMPARE(m_server.count(u"chats"_s,
                                u"id = %1 AND status = 'assigned' AND assigned_agent_id IN (%2, %3)"_s.arg(id)
                                    .arg(agents.at(0).id)
                                    .arg(agents.at(1).id)),
                 1);
    }
}

// PUT /v1/users/me takes the profile only: an agent cannot make itself admin, lift its limits or
// change its account through it.
void tst_AuthzMatrix::ownProfileGrantsNothing()
{
    qint64 id = 0;
    const QByteArray token = m_server.tokenFor(u"agent"_s, &id);
    SqlQuery before(m_server.db(), "SELECT email FROM users WHERE id = ?", {id});
    QVERIFY(before.exec() && before.next());
    const QString email = before.string(0);
    const ApiResponse r = m_server.request("PUT", u"/v1/users/me"_s,
                                           {{u"first_name"_s, u"Ana"_s},
                                            {u"role_id"_s, 1},
                                            {u"status"_s, u"inactive"_s},
                                            {u"email"_s, u"jefa@example.com"_s},
                                            {u"max_concurrent_chats"_s, 99},
                                            {u"auto_assign_enabled"_s, false}},
                                           token);
    QCOMPARE(r.status, 200);
    const ApiResponse me = m_server.request("GET", u"/v1/users/me"_s, {}, token);
    QCOMPARE(me.status, 200);
    QCOMPARE(me.value(u"first_name"_s).toString(), u"Ana"_s);
    QCOMPARE(me.value(u"role"_s).toObject().value(u"name"_s).toString(), u"agent"_s);
    QCOMPARE(me.value(u"status"_s).toString(), u"active"_s);
    QCOMPARE(me.value(u"email"_s).toString(), email);
    QCOMPARE(me.value(u"max_concurrent_chats"_s).toInt(), 5);
    QCOMPARE(me.value(u"auto_assign_enabled"_s).toBool(), true);
    QCOMPARE(m_server.request("GET", u"/v1/users"_s, {}, token).status, 403);
}

void tst_AuthzMatrix::auditTrailKeepsNoSecret()
{
    const ApiResponse r =
        m_server.request("GET", u"/v1/audit-logs/export?format=csv"_s, {}, m_callers.value(u"admin"_s).token);
    QCOMPARE(r.status, 200);
    const QByteArray csv = r.body.toLower();
    QVERIFY(csv.contains("whatsapp_number.create") && csv.contains("***"));   // the numbers made with secrets
    QVERIFY(!csv.contains(QByteArray(kSecretMark.data(), kSecretMark.size())));
    QVERIFY(!csv.contains("$argon2"));
    QVERIFY(!csv.contains(QByteArray(kPassword.data(), kPassword.size())));   // passwords sent to create users
}

QTEST_MAIN(tst_AuthzMatrix)
#include "tst_authz_matrix.moc"
