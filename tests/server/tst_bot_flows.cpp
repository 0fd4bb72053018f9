// Bot flows over real HTTP (docs/BOT_FLOWS.md): drafts, revisions, publishing with its check,
// versions and restoring one — against SQLite and PostgreSQL.
#include "TestServer.h"

#include <Conversa/dto/BotFlowDto.h>

#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;
using namespace Qt::StringLiterals;

namespace {

QJsonObject flowNode(const QString &key, const QString &type, const QJsonObject &config)
{
    return {{u"node_key"_s, key}, {u"node_type"_s, type}, {u"config"_s, config}};
}

QJsonObject flowOption(const QString &label, const QString &next)
{
    return {{u"label"_s, label}, {u"value"_s, label.toLower()}, {u"next"_s, next}};
}

// welcome → menu → (sales | ask → route → (agent | bye)): publishable, no warnings.
QJsonArray validNodes()
{
    return {
        flowNode(u"welcome"_s, u"message"_s,
                 {{u"content"_s, u"¡Hola! Bienvenido a {{company_name}}"_s}, {u"next"_s, u"menu"_s}}),
        flowNode(u"menu"_s, u"menu"_s,
                 {{u"content"_s, u"Selecciona una opción:"_s},
                  {u"options"_s, QJsonArray{flowOption(u"Ventas"_s, u"sales"_s), flowOption(u"Soporte"_s, u"ask"_s)}}}),
        flowNode(u"ask"_s, u"input"_s,
                 {{u"content"_s, u"Número de pedido"_s}, {u"variable"_s, u"order"_s}, {u"next"_s, u"route"_s}}),
        flowNode(u"route"_s, u"condition"_s,
                 {{u"rules"_s,
                   QJsonArray{QJsonObject{{u"variable"_s, u"order"_s},
                                          {u"operator"_s, u"exists"_s},
                                          {u"next"_s, u"agent"_s}}}},
                  {u"default"_s, u"bye"_s}}),
        flowNode(u"sales"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}}),
        flowNode(u"agent"_s, u"transfer"_s, {{u"target_type"_s, u"queue"_s}}),
        flowNode(u"bye"_s, u"end"_s, {{u"content"_s, u"¡Gracias!"_s}}),
    };
}

// The nodes with one node's config key replaced.
QJsonArray withConfig(QJsonArray nodes, const QString &key, const QString &field, const QJsonValue &value)
{
    for (qsizetype i = 0; i < nodes.size(); ++i) {
        QJsonObject n = nodes.at(i).toObject();
        if (n.value(u"node_key"_s).toString() != key)
            continue;
        QJsonObject config = n.value(u"config"_s).toObject();
        config.insert(field, value);
        n.insert(u"config"_s, config);
        nodes.replace(i, n);
    }
    return nodes;
}

QJsonArray withNode(QJsonArray nodes, const QJsonObject &n)
{
    nodes.append(n);
    return nodes;
}

QStringList keysOf(const QJsonArray &nodes)
{
    QStringList out;
    for (const QJsonValue &n : nodes)
        out.append(n.toObject().value(u"node_key"_s).toString());
    return out;
}

QJsonObject nodeOf(const QJsonObject &flow, const QString &key)
{
    for (const QJsonValue &n : flow.value(u"nodes"_s).toArray()) {
        if (n.toObject().value(u"node_key"_s).toString() == key)
            return n.toObject();
    }
    return {};
}

// A version's definition, its nodes keyed by node_key (a restored node may come back in another
// place of the list).
QJsonObject definitionOf(QJsonObject version)
{
    for (const QString &key : {u"version"_s, u"published_at"_s, u"published_by"_s})
        version.remove(key);
    QJsonObject nodes;
    for (const QJsonValue &n : version.value(u"nodes"_s).toArray())
        nodes.insert(n.toObject().value(u"node_key"_s).toString(), n);
    version.insert(u"nodes"_s, nodes);
    return version;
}

}   // namespace

class tst_BotFlows : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }

    void createAndGet();
    void createValidation_data();
    void createValidation();
    void refusals_data();
    void refusals();
    void updateSettingsAndNodes();
    void upsertNodes();
    void revisionConflicts();
    void publishValidation_data();
    void publishValidation();
    void publishAndVersions();
    void restoreAndRollback();
    void deleteFlow();
    void campaignNamesOnlyExistingFlows();
    void sizeLimits();
    void listFilterAndPaging();

private:
    ApiResponse send(const QByteArray &method, const QString &path, const QJsonObject &body = {},
                     const QByteArray &token = {}, const QList<QPair<QByteArray, QByteArray>> &headers = {})
    {
        return m_server.request(method, path, body, token.isNull() ? m_admin : token, headers);
    }
    qint64 createFlow(const QString &name, const QJsonArray &nodes = {}, const QString &start = u"welcome"_s);
    QList<QJsonObject> auditFor(const QString &action, qint64 entityId, qint64 mark);

    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_supervisor;
    QByteArray m_agent;
    qint64 m_adminId = 0;
    qint64 m_existing = 0;   // a flow with one published version
    int m_seq = 0;
};

void tst_BotFlows::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s, &m_adminId);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    m_agent = m_server.tokenFor(u"agent"_s);
    QVERIFY(!m_admin.isEmpty() && !m_supervisor.isEmpty() && !m_agent.isEmpty());
    m_existing = createFlow(u"Existente"_s, validNodes());
    QVERIFY(m_existing);
    QCOMPARE(send("POST", u"/v1/bot-flows/%1/publish"_s.arg(m_existing)).status, 200);
}

qint64 tst_BotFlows::createFlow(const QString &name, const QJsonArray &nodes, const QString &start)
{
    QJsonObject body{{u"name"_s, name}, {u"start_node_id"_s, start}};
    if (!nodes.isEmpty())
        body.insert(u"nodes"_s, nodes);
    const ApiResponse r = send("POST", u"/v1/bot-flows"_s, body);
    if (r.status != 201)
        qWarning("flow create failed: %d %s", r.status, r.body.constData());
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

QList<QJsonObject> tst_BotFlows::auditFor(const QString &action, qint64 entityId, qint64 mark)
{
    QList<QJsonObject> out;
    for (const QJsonObject &row : m_server.auditRowsSince(action, mark)) {
        if (row.value(u"entity_id"_s).toInteger() == entityId)
            out.append(row);
    }
    return out;
}

// ---- POST and GET ----

void tst_BotFlows::createAndGet()
{
    // The create body of the customer's API design, with the nodes of POST …/nodes.
    const QJsonObject body{{u"name"_s, u"Flujo de Bienvenida"_s},
                           {u"description"_s, u"Flujo inicial para todos los clientes"_s},
                           {u"start_node_id"_s, u"welcome"_s},
                           {u"variables"_s,
                            QJsonObject{{u"company_name"_s, u"MiEmpresa"_s},
                                        {u"support_email"_s, u"soporte@miempresa.com"_s}}},
                           {u"timeout_seconds"_s, 600},
                           {u"max_invalid_attempts"_s, 2},
                           {u"nodes"_s, validNodes()}};
    const qint64 mark = m_server.auditMark();
    ApiResponse r = send("POST", u"/v1/bot-flows"_s, body);
    QCOMPARE(r.status, 201);
    const qint64 id = r.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(r.header("ETag"), QByteArray("\"1\""));
    for (const QString &field : {u"name"_s, u"description"_s, u"start_node_id"_s, u"variables"_s, u"timeout_seconds"_s,
                                 u"max_invalid_attempts"_s})
        QVERIFY2(r.value(field) == body.value(field), qPrintable(field));
    QVERIFY(r.value(u"fallback_node_id"_s).isNull());
    QCOMPARE(r.value(u"version"_s).toInt(), 0);
    QCOMPARE(r.value(u"is_published"_s).toBool(true), false);
    QCOMPARE(r.value(u"revision"_s).toInt(), 1);
    QCOMPARE(r.value(u"has_unpublished_changes"_s).toBool(), true);
    QCOMPARE(r.value(u"saved_by"_s).toObject().value(u"id"_s).toInteger(), m_adminId);
    QVERIFY(r.value(u"saved_at"_s).toString().endsWith(u'Z'));
    QVERIFY(r.value(u"created_at"_s).toString().endsWith(u'Z'));
    const QJsonArray nodes = r.value(u"nodes"_s).toArray();
    QCOMPARE(keysOf(nodes), keysOf(validNodes()));
    const QJsonObject welcome = nodeOf(r.object(), u"welcome"_s);
    QVERIFY(welcome.value(u"id"_s).toInteger() > 0);
    QCOMPARE(welcome.value(u"node_type"_s).toString(), u"message"_s);
    QCOMPARE(welcome.value(u"next_node_key"_s).toString(), u"menu"_s);   // mirrors config.next
    QCOMPARE(welcome.value(u"config"_s).toObject().value(u"content"_s).toString(),
             u"¡Hola! Bienvenido a {{company_name}}"_s);
    QCOMPARE(welcome.value(u"position_x"_s).toInt(-1), 0);
    QVERIFY(nodeOf(r.object(), u"menu"_s).value(u"next_node_key"_s).isNull());

    const QList<QJsonObject> rows = auditFor(u"bot_flow.create"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"success"_s).toBool(), true);
    QCOMPARE(rows[0].value(u"entity_type"_s).toString(), u"BotFlow"_s);
    QCOMPARE(rows[0].value(u"user_id"_s).toInteger(), m_adminId);
    const QJsonObject changes = rows[0].value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"name"_s).toObject().value(u"to"_s).toString(), u"Flujo de Bienvenida"_s);
    QCOMPARE(changes.value(u"nodes"_s).toObject().value(u"to"_s).toArray().size(), 7);

    const ApiResponse got = send("GET", u"/v1/bot-flows/%1"_s.arg(id), {}, m_supervisor);
    QCOMPARE(got.status, 200);
    QCOMPARE(got.object(), r.object());
    QCOMPARE(got.header("ETag"), QByteArray("\"1\""));
    // The protocol library reads the draft's revision and its last save as the server wrote them.
    const Conversa::BotFlowDto dto = Conversa::BotFlowDto::fromJson(got.object());
    QCOMPARE(dto.revision, std::optional<qint64>(1));
    QCOMPARE(dto.hasUnpublishedChanges, true);
    QVERIFY(dto.savedBy);
    QCOMPARE(dto.savedBy->id, m_adminId);
    QCOMPARE(dto.savedAt, dto.createdAt);
    const QJsonObject again = dto.toJson();
    for (const QString &key : {u"revision"_s, u"has_unpublished_changes"_s, u"saved_by"_s, u"saved_at"_s})
        QVERIFY2(again.value(key) == got.value(key), qPrintable(key));

    // The defaults of a flow created with its name only.
    r = send("POST", u"/v1/bot-flows"_s, {{u"name"_s, u"Mínimo"_s}});
    QCOMPARE(r.status, 201);
    QVERIFY(r.value(u"start_node_id"_s).isNull());
    QVERIFY(r.value(u"description"_s).isNull());
    QCOMPARE(r.value(u"variables"_s).toObject(), QJsonObject());
    QCOMPARE(r.value(u"timeout_seconds"_s).toInt(), 300);
    QCOMPARE(r.value(u"max_invalid_attempts"_s).toInt(), 3);
    QVERIFY(r.value(u"nodes"_s).toArray().isEmpty());
}

void tst_BotFlows::createValidation_data()
{
    QTest::addColumn<QJsonObject>("patch");
    QTest::addColumn<QStringList>("fields");
    const QJsonObject node{{u"node_key"_s, u"a"_s}, {u"node_type"_s, u"message"_s}};
    const auto nodeWith = [&](const QString &k, const QJsonValue &v) {
        QJsonObject n = node;
        n.insert(k, v);
        return QJsonArray{n};
    };
    QTest::addRow("missing-name") << QJsonObject{{u"name"_s, QJsonValue()}} << QStringList{u"name"_s};
    QTest::addRow("long-name") << QJsonObject{{u"name"_s, QString(151, u'x')}} << QStringList{u"name"_s};
    QTest::addRow("name-type") << QJsonObject{{u"name"_s, 7}} << QStringList{u"name"_s};
    QTest::addRow("timeout-range") << QJsonObject{{u"timeout_seconds"_s, 5}} << QStringList{u"timeout_seconds"_s};
    QTest::addRow("attempts-range") << QJsonObject{{u"max_invalid_attempts"_s, 0}}
                                    << QStringList{u"max_invalid_attempts"_s};
    QTest::addRow("start-key") << QJsonObject{{u"start_node_id"_s, u"a.b"_s}} << QStringList{u"start_node_id"_s};
    QTest::addRow("variables-type") << QJsonObject{{u"variables"_s, u"x"_s}} << QStringList{u"variables"_s};
    QTest::addRow("variable-name") << QJsonObject{{u"variables"_s, QJsonObject{{u"1st"_s, u"x"_s}}}}
                                   << QStringList{u"variables.1st"_s};
    QTest::addRow("variable-value") << QJsonObject{{u"variables"_s, QJsonObject{{u"a"_s, QJsonObject()}}}}
                                    << QStringList{u"variables.a"_s};
    QTest::addRow("nodes-type") << QJsonObject{{u"nodes"_s, u"x"_s}} << QStringList{u"nodes"_s};
    QTest::addRow("node-not-object") << QJsonObject{{u"nodes"_s, QJsonArray{1}}} << QStringList{u"nodes[0]"_s};
    QTest::addRow("node-key-missing") << QJsonObject{{u"nodes"_s, nodeWith(u"node_key"_s, QJsonValue())}}
                                      << QStringList{u"nodes[0].node_key"_s};
    QTest::addRow("node-key-chars") << QJsonObject{{u"nodes"_s, nodeWith(u"node_key"_s, u"a b"_s)}}
                                    << QStringList{u"nodes[0].node_key"_s};
    QTest::addRow("node-type-missing") << QJsonObject{{u"nodes"_s, nodeWith(u"node_type"_s, QJsonValue())}}
                                       << QStringList{u"nodes[0].node_type"_s};
    QTest::addRow("node-key-twice") << QJsonObject{{u"nodes"_s, QJsonArray{node, node}}}
                                    << QStringList{u"nodes[1].node_key"_s};
    QTest::addRow("config-type") << QJsonObject{{u"nodes"_s, nodeWith(u"config"_s, u"{}"_s)}}
                                 << QStringList{u"nodes[0].config"_s};
    QTest::addRow("config-too-large")
        << QJsonObject{{u"nodes"_s, nodeWith(u"config"_s, QJsonObject{{u"content"_s, QString(17000, u'x')}})}}
        << QStringList{u"nodes[0].config"_s};
    QTest::addRow("position-type") << QJsonObject{{u"nodes"_s, nodeWith(u"position_x"_s, 1.5)}}
                                   << QStringList{u"nodes[0].position_x"_s};
}

void tst_BotFlows::createValidation()
{
    QFETCH(QJsonObject, patch);
    QFETCH(QStringList, fields);
    QJsonObject body{{u"name"_s, u"Inválido"_s}};
    for (auto it = patch.begin(); it != patch.end(); ++it)
        body.insert(it.key(), it.value());
    const qint64 flows = m_server.count(u"bot_flows"_s);
    const qint64 nodes = m_server.count(u"bot_flow_nodes"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = send("POST", u"/v1/bot-flows"_s, body);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
    QCOMPARE(m_server.count(u"bot_flows"_s), flows);
    QCOMPARE(m_server.count(u"bot_flow_nodes"_s), nodes);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"bot_flow.create"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"success"_s).toBool(true), false);
    QCOMPARE(rows[0].value(u"status_code"_s).toInt(), 422);
}

// ---- permissions, 401, 404 ----

void tst_BotFlows::refusals_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");   // %1: an existing flow
    QTest::addColumn<QString>("role");   // "", admin, supervisor or agent
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("action");

    QTest::addRow("list-anonymous") << QByteArray("GET") << u"/v1/bot-flows"_s << QString() << 401
                                    << u"bot_flow.list"_s;
    QTest::addRow("create-anonymous") << QByteArray("POST") << u"/v1/bot-flows"_s << QString() << 401
                                      << u"bot_flow.create"_s;
    QTest::addRow("list-agent") << QByteArray("GET") << u"/v1/bot-flows"_s << u"agent"_s << 403 << u"bot_flow.list"_s;
    QTest::addRow("get-agent") << QByteArray("GET") << u"/v1/bot-flows/%1"_s << u"agent"_s << 403 << u"bot_flow.read"_s;
    QTest::addRow("versions-agent") << QByteArray("GET") << u"/v1/bot-flows/%1/versions"_s << u"agent"_s << 403
                                    << u"bot_flow.versions"_s;
    QTest::addRow("create-supervisor") << QByteArray("POST") << u"/v1/bot-flows"_s << u"supervisor"_s << 403
                                       << u"bot_flow.create"_s;
    QTest::addRow("update-supervisor") << QByteArray("PUT") << u"/v1/bot-flows/%1"_s << u"supervisor"_s << 403
                                       << u"bot_flow.update"_s;
    QTest::addRow("nodes-supervisor") << QByteArray("POST") << u"/v1/bot-flows/%1/nodes"_s << u"supervisor"_s << 403
                                      << u"bot_flow.nodes"_s;
    QTest::addRow("publish-supervisor") << QByteArray("POST") << u"/v1/bot-flows/%1/publish"_s << u"supervisor"_s << 403
                                        << u"bot_flow.publish"_s;
    QTest::addRow("delete-supervisor") << QByteArray("DELETE") << u"/v1/bot-flows/%1"_s << u"supervisor"_s << 403
                                       << u"bot_flow.delete"_s;
    QTest::addRow("restore-supervisor") << QByteArray("POST") << u"/v1/bot-flows/%1/versions/1/restore"_s
                                        << u"supervisor"_s << 403 << u"bot_flow.restore"_s;
    QTest::addRow("publish-agent") << QByteArray("POST") << u"/v1/bot-flows/%1/publish"_s << u"agent"_s << 403
                                   << u"bot_flow.publish"_s;
    QTest::addRow("get-supervisor") << QByteArray("GET") << u"/v1/bot-flows/%1"_s << u"supervisor"_s << 200
                                    << u"bot_flow.read"_s;
    QTest::addRow("version-supervisor") << QByteArray("GET") << u"/v1/bot-flows/%1/versions/1"_s << u"supervisor"_s
                                        << 200 << u"bot_flow.version"_s;
    QTest::addRow("get-missing") << QByteArray("GET") << u"/v1/bot-flows/999999"_s << u"admin"_s << 404
                                 << u"bot_flow.read"_s;
    QTest::addRow("update-missing") << QByteArray("PUT") << u"/v1/bot-flows/999999"_s << u"admin"_s << 404
                                    << u"bot_flow.update"_s;
    QTest::addRow("nodes-missing") << QByteArray("POST") << u"/v1/bot-flows/999999/nodes"_s << u"admin"_s << 404
                                   << u"bot_flow.nodes"_s;
    QTest::addRow("publish-missing") << QByteArray("POST") << u"/v1/bot-flows/999999/publish"_s << u"admin"_s << 404
                                     << u"bot_flow.publish"_s;
    QTest::addRow("delete-missing") << QByteArray("DELETE") << u"/v1/bot-flows/999999"_s << u"admin"_s << 404
                                    << u"bot_flow.delete"_s;
    QTest::addRow("versions-missing") << QByteArray("GET") << u"/v1/bot-flows/999999/versions"_s << u"admin"_s << 404
                                      << u"bot_flow.versions"_s;
    QTest::addRow("version-missing") << QByteArray("GET") << u"/v1/bot-flows/%1/versions/99"_s << u"admin"_s << 404
                                     << u"bot_flow.version"_s;
    QTest::addRow("restore-missing-version") << QByteArray("POST") << u"/v1/bot-flows/%1/versions/99/restore"_s
                                             << u"admin"_s << 404 << u"bot_flow.restore"_s;
}

void tst_BotFlows::refusals()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, role);
    QFETCH(int, status);
    QFETCH(QString, action);
    const QByteArray token = role.isEmpty() ? QByteArray("")
        : role == "admin"_L1                ? m_admin
        : role == "supervisor"_L1           ? m_supervisor
                                            : m_agent;
    const QString url = path.contains(u"%1"_s) ? path.arg(m_existing) : path;
    const QJsonObject body = method == "POST" || method == "PUT"
        ? QJsonObject{{u"name"_s, u"X"_s}, {u"nodes"_s, QJsonArray()}}
        : QJsonObject();
    const qint64 flows = m_server.count(u"bot_flows"_s, u"deleted_at IS NULL"_s);
    const qint64 versions = m_server.count(u"bot_flow_versions"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request(method, url, body, token);
    QCOMPARE(r.status, status);
    if (status >= 400) {
        QCOMPARE(m_server.count(u"bot_flows"_s, u"deleted_at IS NULL"_s), flows);
        QCOMPARE(m_server.count(u"bot_flow_versions"_s), versions);
    }
    // Refusals (401, 403) and changes leave an audit row; so does every bot flow read here.
    if (status == 401 || status == 403 || method != "GET") {
        const QList<QJsonObject> rows = m_server.auditRowsSince(action, mark);
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows[0].value(u"status_code"_s).toInt(), status);
    }
}

// ---- PUT and POST …/nodes ----

void tst_BotFlows::updateSettingsAndNodes()
{
    const qint64 id = createFlow(u"Editar"_s, validNodes());
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1"_s.arg(id);
    const qint64 menuId = nodeOf(send("GET", path).object(), u"menu"_s).value(u"id"_s).toInteger();
    qint64 mark = m_server.auditMark();
    ApiResponse r = send("PUT", path,
                         {{u"name"_s, u"Editado"_s},
                          {u"description"_s, u"Nueva descripción"_s},
                          {u"fallback_node_id"_s, u"bye"_s},
                          {u"timeout_seconds"_s, 120}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"name"_s).toString(), u"Editado"_s);
    QCOMPARE(r.value(u"fallback_node_id"_s).toString(), u"bye"_s);
    QCOMPARE(r.value(u"timeout_seconds"_s).toInt(), 120);
    QCOMPARE(r.value(u"max_invalid_attempts"_s).toInt(), 3);   // untouched
    QCOMPARE(r.value(u"revision"_s).toInt(), 2);
    QCOMPARE(r.header("ETag"), QByteArray("\"2\""));
    QCOMPARE(r.value(u"nodes"_s).toArray().size(), 7);   // PUT without nodes keeps them
    QList<QJsonObject> rows = auditFor(u"bot_flow.update"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QJsonObject changes = rows[0].value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"name"_s).toObject(), (QJsonObject{{u"from"_s, u"Editar"_s}, {u"to"_s, u"Editado"_s}}));
    QCOMPARE(changes.value(u"revision"_s).toObject(), (QJsonObject{{u"from"_s, 1}, {u"to"_s, 2}}));
    QVERIFY(!changes.contains(u"nodes"_s));
    QVERIFY(!changes.contains(u"max_invalid_attempts"_s));

    // PUT with nodes: the whole list; the nodes left out go, those kept keep their ids.
    QJsonArray nodes = validNodes();
    nodes.removeAt(4);   // sales
    nodes = withConfig(nodes, u"menu"_s, u"options"_s, QJsonArray{flowOption(u"Soporte"_s, u"ask"_s)});
    mark = m_server.auditMark();
    r = send("PUT", path, {{u"nodes"_s, nodes}, {u"description"_s, QJsonValue()}});
    QCOMPARE(r.status, 200);
    QCOMPARE(keysOf(r.value(u"nodes"_s).toArray()), keysOf(nodes));
    QCOMPARE(nodeOf(r.object(), u"menu"_s).value(u"id"_s).toInteger(), menuId);
    QVERIFY(r.value(u"description"_s).isNull());
    QCOMPARE(r.value(u"revision"_s).toInt(), 3);
    rows = auditFor(u"bot_flow.update"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    changes = rows[0].value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"nodes"_s).toObject().value(u"to"_s).toArray().size(), 6);
    QCOMPARE(changes.value(u"nodes_changed"_s).toObject().value(u"to"_s).toArray(), QJsonArray{u"menu"_s});
    QCOMPARE(m_server.count(u"bot_flow_nodes"_s, u"flow_id = %1"_s.arg(id)), 6);
}

void tst_BotFlows::upsertNodes()
{
    const qint64 id = createFlow(u"Nodos"_s, validNodes());
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1/nodes"_s.arg(id);
    const qint64 welcomeId =
        nodeOf(send("GET", u"/v1/bot-flows/%1"_s.arg(id)).object(), u"welcome"_s).value(u"id"_s).toInteger();
    // The API design's example body: welcome replaced by node_key, next_node_key filling a config
    // without next.
    const QJsonObject welcome{{u"node_key"_s, u"welcome"_s},
                              {u"node_type"_s, u"message"_s},
                              {u"config"_s, QJsonObject{{u"content"_s, u"¡Hola {{nombre}}!"_s}}},
                              {u"next_node_key"_s, u"menu"_s},
                              {u"position_x"_s, 100},
                              {u"position_y"_s, 100}};
    const QJsonObject extra = flowNode(u"extra"_s, u"message"_s, {{u"content"_s, u"Más"_s}, {u"next"_s, u"bye"_s}});
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = send("POST", path, {{u"nodes"_s, QJsonArray{welcome, extra}}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"nodes"_s).toArray().size(), 8);   // the others stay
    const QJsonObject w = nodeOf(r.object(), u"welcome"_s);
    QCOMPARE(w.value(u"id"_s).toInteger(), welcomeId);
    QCOMPARE(w.value(u"config"_s).toObject().value(u"content"_s).toString(), u"¡Hola {{nombre}}!"_s);
    QCOMPARE(w.value(u"config"_s).toObject().value(u"next"_s).toString(), u"menu"_s);
    QCOMPARE(w.value(u"next_node_key"_s).toString(), u"menu"_s);
    QCOMPARE(w.value(u"position_x"_s).toInt(), 100);
    QCOMPARE(r.value(u"revision"_s).toInt(), 2);
    const QList<QJsonObject> rows = auditFor(u"bot_flow.nodes"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject changes = rows[0].value(u"changes"_s).toObject();
    QVERIFY(changes.value(u"nodes"_s).toObject().value(u"to"_s).toArray().contains(u"extra"_s));
    QCOMPARE(changes.value(u"nodes_changed"_s).toObject().value(u"to"_s).toArray(), QJsonArray{u"welcome"_s});

    QCOMPARE(send("POST", path, {{u"nodes"_s, u"x"_s}}).errorFields(), QStringList{u"nodes"_s});
    QCOMPARE(send("POST", path, {}).errorFields(), QStringList{u"nodes"_s});
}

void tst_BotFlows::revisionConflicts()
{
    const qint64 id = createFlow(u"Conflicto"_s, validNodes());
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1"_s.arg(id);
    qint64 supervisorlessAdmin = 0;
    const QByteArray other = m_server.tokenFor(u"admin"_s, &supervisorlessAdmin);

    // Two editors start from revision 1; the first save wins, the second is told who saved.
    ApiResponse r = send("PUT", path, {{u"name"_s, u"Primero"_s}, {u"revision"_s, 1}}, other);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"revision"_s).toInt(), 2);
    const qint64 mark = m_server.auditMark();
    r = send("PUT", path, {{u"name"_s, u"Segundo"_s}, {u"revision"_s, 1}});
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(r.errorFields(), (QStringList{u"revision"_s, u"saved_by"_s, u"saved_at"_s}));
    QCOMPARE(r.header("ETag"), QByteArray("\"2\""));
    const QString message = r.value(u"error"_s).toObject().value(u"message"_s).toString();
    QVERIFY2(message.contains(u"Test User"_s) && message.contains(u'2'), qPrintable(message));
    QCOMPARE(send("GET", path).value(u"name"_s).toString(), u"Primero"_s);
    const QList<QJsonObject> rows = auditFor(u"bot_flow.update"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"status_code"_s).toInt(), 409);

    // The same through If-Match, and on POST …/nodes and publish.
    const QList<QPair<QByteArray, QByteArray>> stale{{"If-Match", "\"1\""}};
    QCOMPARE(send("PUT", path, {{u"name"_s, u"Tercero"_s}}, {}, stale).status, 409);
    QCOMPARE(send("POST", path + u"/nodes"_s, {{u"nodes"_s, QJsonArray{}}, {u"revision"_s, 1}}).status, 409);
    QCOMPARE(send("POST", path + u"/publish"_s, {}, {}, stale).status, 409);
    QCOMPARE(send("POST", path + u"/publish"_s, {{u"revision"_s, 1}}).status, 409);
    QCOMPARE(m_server.count(u"bot_flow_versions"_s, u"flow_id = %1"_s.arg(id)), 0);
    r = send("PUT", path, {{u"name"_s, u"Tercero"_s}}, {}, {{"If-Match", "W/\"2\""}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"revision"_s).toInt(), 3);
    // A save that names no revision is taken, as third parties send them.
    r = send("PUT", path, {{u"name"_s, u"Cuarto"_s}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"revision"_s).toInt(), 4);
    QCOMPARE(send("PUT", path, {{u"name"_s, u"Quinto"_s}}, {}, {{"If-Match", "*"}}).status, 200);
    // A revision that is no number is a 422.
    QCOMPARE(send("PUT", path, {{u"name"_s, u"X"_s}}, {}, {{"If-Match", "\"abc\""}}).errorFields(),
             QStringList{u"If-Match"_s});
    QCOMPARE(send("PUT", path, {{u"revision"_s, u"5"_s}}).errorFields(), QStringList{u"revision"_s});
}

// ---- publish ----

void tst_BotFlows::publishValidation_data()
{
    QTest::addColumn<QJsonArray>("nodes");
    QTest::addColumn<QString>("start");
    QTest::addColumn<QStringList>("fields");
    const QJsonArray ok = validNodes();
    QStringList eleven;
    for (int i = 1; i <= 11; ++i)
        eleven.append(u"Opción %1"_s.arg(i));
    QJsonArray elevenOptions;
    for (const QString &label : eleven)
        elevenOptions.append(flowOption(label, u"bye"_s));

    QTest::addRow("no-start-node") << ok << QString() << QStringList{u"start_node_id"_s};
    QTest::addRow("start-node-missing") << ok << u"ghost"_s << QStringList{u"start_node_id"_s};
    QTest::addRow("next-missing") << withConfig(ok, u"welcome"_s, u"next"_s, u"ghost"_s) << u"welcome"_s
                                  << QStringList{u"nodes.welcome.config.next"_s};
    QTest::addRow("option-next-missing") << withConfig(ok, u"menu"_s, u"options"_s,
                                                       QJsonArray{flowOption(u"Ventas"_s, u"ghost"_s)})
                                         << u"welcome"_s << QStringList{u"nodes.menu.config.options[0].next"_s};
    QTest::addRow("rule-next-missing") << withConfig(ok, u"route"_s, u"rules"_s,
                                                     QJsonArray{QJsonObject{{u"variable"_s, u"order"_s},
                                                                            {u"operator"_s, u"exists"_s},
                                                                            {u"next"_s, u"ghost"_s}}})
                                       << u"welcome"_s << QStringList{u"nodes.route.config.rules[0].next"_s};
    QTest::addRow("default-missing") << withConfig(ok, u"route"_s, u"default"_s, u"ghost"_s) << u"welcome"_s
                                     << QStringList{u"nodes.route.config.default"_s};
    QTest::addRow("on-error-missing") << withConfig(withNode(ok,
                                                             flowNode(u"api"_s, u"http_request"_s,
                                                                      {{u"url"_s, u"https://example.com"_s},
                                                                       {u"next"_s, u"bye"_s},
                                                                       {u"on_error"_s, u"ghost"_s}})),
                                                    u"welcome"_s, u"next"_s, u"api"_s)
                                      << u"welcome"_s << QStringList{u"nodes.api.config.on_error"_s};
    QTest::addRow("unknown-node-type") << withNode(ok, flowNode(u"odd"_s, u"carrier_pigeon"_s, {})) << u"welcome"_s
                                       << QStringList{u"nodes.odd.node_type"_s};
    QTest::addRow("menu-without-options") << withConfig(ok, u"menu"_s, u"options"_s, QJsonArray()) << u"welcome"_s
                                          << QStringList{u"nodes.menu.config.options"_s};
    QTest::addRow("menu-11-options") << withConfig(ok, u"menu"_s, u"options"_s, elevenOptions) << u"welcome"_s
                                     << QStringList{u"nodes.menu.config.options"_s};
    QTest::addRow("button-label-over-20") << withConfig(ok, u"menu"_s, u"options"_s,
                                                        QJsonArray{flowOption(u"Ventas"_s, u"sales"_s),
                                                                   flowOption(u"Soporte técnico y quejas"_s, u"ask"_s)})
                                          << u"welcome"_s << QStringList{u"nodes.menu.config.options[1].label"_s};
    QTest::addRow("input-bad-regex") << withConfig(ok, u"ask"_s, u"validation"_s, u"regex:[0-9"_s) << u"welcome"_s
                                     << QStringList{u"nodes.ask.config.validation"_s};
    QTest::addRow("condition-bad-regex") << withConfig(ok, u"route"_s, u"rules"_s,
                                                       QJsonArray{QJsonObject{{u"variable"_s, u"order"_s},
                                                                              {u"operator"_s, u"matches"_s},
                                                                              {u"value"_s, u"(*"_s},
                                                                              {u"next"_s, u"agent"_s}}})
                                         << u"welcome"_s << QStringList{u"nodes.route.config.rules[0].value"_s};
    QTest::addRow("condition-bad-operator") << withConfig(ok, u"route"_s, u"rules"_s,
                                                          QJsonArray{QJsonObject{{u"variable"_s, u"order"_s},
                                                                                 {u"operator"_s, u"like"_s},
                                                                                 {u"value"_s, u"x"_s},
                                                                                 {u"next"_s, u"agent"_s}}})
                                            << u"welcome"_s << QStringList{u"nodes.route.config.rules[0].operator"_s};
    QTest::addRow("loop-without-waiting")
        << withConfig(withNode(ok,
                               flowNode(u"again"_s, u"tag"_s,
                                        {{u"chat_tags"_s, QJsonArray{u"x"_s}}, {u"next"_s, u"welcome"_s}})),
                      u"welcome"_s, u"next"_s, u"again"_s)
        << u"welcome"_s << QStringList{u"nodes.welcome"_s};
}

void tst_BotFlows::publishValidation()
{
    QFETCH(QJsonArray, nodes);
    QFETCH(QString, start);
    QFETCH(QStringList, fields);
    const qint64 id = createFlow(u"Publicar %1"_s.arg(++m_seq), nodes, start);
    QVERIFY(id);
    const qint64 versions = m_server.count(u"bot_flow_versions"_s);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = send("POST", u"/v1/bot-flows/%1/publish"_s.arg(id), {}, m_admin, {{"Accept-Language", "en"}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), fields);
    // Each detail names its node (the flow's own start or fallback setting apart), in words too.
    for (const QJsonValue &d : r.value(u"error"_s).toObject().value(u"details"_s).toArray()) {
        const QString field = d.toObject().value(u"field"_s).toString();
        QVERIFY2(field.startsWith(u"nodes."_s) || field == "start_node_id"_L1, qPrintable(field));
        QVERIFY(!d.toObject().value(u"message"_s).toString().isEmpty());
    }
    QCOMPARE(m_server.count(u"bot_flow_versions"_s), versions);
    const ApiResponse flow = send("GET", u"/v1/bot-flows/%1"_s.arg(id));
    QCOMPARE(flow.value(u"version"_s).toInt(), 0);
    QCOMPARE(flow.value(u"is_published"_s).toBool(true), false);
    const QList<QJsonObject> rows = auditFor(u"bot_flow.publish"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"success"_s).toBool(true), false);
    QCOMPARE(rows[0].value(u"status_code"_s).toInt(), 422);
}

void tst_BotFlows::publishAndVersions()
{
    // An unreachable node and a condition on a variable nothing sets are warnings, not refusals.
    QJsonArray nodes = withNode(validNodes(), flowNode(u"orphan"_s, u"message"_s, {{u"content"_s, u"?"_s}}));
    nodes = withConfig(nodes, u"route"_s, u"rules"_s,
                       QJsonArray{QJsonObject{{u"variable"_s, u"colour"_s},
                                              {u"operator"_s, u"eq"_s},
                                              {u"value"_s, u"red"_s},
                                              {u"next"_s, u"agent"_s}}});
    const qint64 id = createFlow(u"Versiones"_s, nodes);
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1"_s.arg(id);
    qint64 mark = m_server.auditMark();
    ApiResponse r = send("POST", path + u"/publish"_s, {}, m_admin, {{"Accept-Language", "en"}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"version"_s).toInt(), 1);
    QCOMPARE(r.value(u"is_published"_s).toBool(), true);
    QCOMPARE(r.value(u"has_unpublished_changes"_s).toBool(true), false);
    QCOMPARE(r.value(u"revision"_s).toInt(), 1);
    QStringList warned;
    for (const QJsonValue &w : r.value(u"warnings"_s).toArray()) {
        warned.append(w.toObject().value(u"field"_s).toString());
        QVERIFY(!w.toObject().value(u"message"_s).toString().isEmpty());
    }
    QCOMPARE(warned, (QStringList{u"nodes.route.config.rules[0].variable"_s, u"nodes.orphan"_s}));
    QList<QJsonObject> rows = auditFor(u"bot_flow.publish"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"success"_s).toBool(), true);
    QCOMPARE(rows[0].value(u"changes"_s).toObject().value(u"version"_s).toObject(),
             (QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, 1}}));

    // Editing the draft leaves the version as published.
    r = send("POST", path + u"/nodes"_s,
             {{u"nodes"_s, withConfig(validNodes(), u"welcome"_s, u"content"_s, u"Versión dos"_s)}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"version"_s).toInt(), 1);
    QCOMPARE(r.value(u"has_unpublished_changes"_s).toBool(), true);
    r = send("GET", path + u"/versions/1"_s, {}, m_supervisor);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"flow_id"_s).toInteger(), id);
    QCOMPARE(r.value(u"version"_s).toInt(), 1);
    QCOMPARE(r.value(u"published_by"_s).toObject().value(u"id"_s).toInteger(), m_adminId);
    QVERIFY(r.value(u"published_at"_s).toString().endsWith(u'Z'));
    QCOMPARE(r.value(u"name"_s).toString(), u"Versiones"_s);
    QCOMPARE(r.value(u"start_node_id"_s).toString(), u"welcome"_s);
    QCOMPARE(keysOf(r.value(u"nodes"_s).toArray()), keysOf(nodes));
    QCOMPARE(nodeOf(r.object(), u"welcome"_s).value(u"config"_s).toObject().value(u"content"_s).toString(),
             u"¡Hola! Bienvenido a {{company_name}}"_s);
    const QJsonObject version1 = r.object();

    mark = m_server.auditMark();
    r = send("POST", path + u"/publish"_s, {{u"revision"_s, 2}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"version"_s).toInt(), 2);
    rows = auditFor(u"bot_flow.publish"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"changes"_s).toObject().value(u"version"_s).toObject(),
             (QJsonObject{{u"from"_s, 1}, {u"to"_s, 2}}));
    QCOMPARE(send("GET", path + u"/versions/1"_s).object(), version1);   // immutable

    r = send("GET", path + u"/versions"_s, {}, m_supervisor);
    QCOMPARE(r.status, 200);
    const QJsonArray list = r.value(u"data"_s).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list[0].toObject().value(u"version"_s).toInt(), 2);   // newest first
    QCOMPARE(list[1].toObject().value(u"version"_s).toInt(), 1);
    QCOMPARE(r.value(u"meta"_s).toObject().value(u"total"_s).toInt(), 2);
    r = send("GET", path + u"/versions?limit=1&page=2"_s);
    QCOMPARE(r.value(u"data"_s).toArray().size(), 1);
    QCOMPARE(r.value(u"data"_s).toArray()[0].toObject().value(u"version"_s).toInt(), 1);
}

void tst_BotFlows::restoreAndRollback()
{
    const qint64 id = createFlow(u"Rollback"_s, validNodes());
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1"_s.arg(id);
    QCOMPARE(send("POST", path + u"/publish"_s).status, 200);
    const QJsonObject version1 = send("GET", path + u"/versions/1"_s).object();
    // Version 2 changes a node, drops another and renames the flow.
    QJsonArray nodes = withConfig(validNodes(), u"bye"_s, u"content"_s, u"Adiós"_s);
    nodes.removeAt(4);   // sales
    nodes = withConfig(nodes, u"menu"_s, u"options"_s, QJsonArray{flowOption(u"Soporte"_s, u"ask"_s)});
    QCOMPARE(send("PUT", path, {{u"name"_s, u"Rollback v2"_s}, {u"nodes"_s, nodes}}).status, 200);
    ApiResponse r = send("POST", path + u"/publish"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"version"_s).toInt(), 2);
    const qint64 revision = r.value(u"revision"_s).toInteger();

    const qint64 mark = m_server.auditMark();
    r = send("POST", path + u"/versions/1/restore"_s, {{u"revision"_s, revision}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"name"_s).toString(), u"Rollback"_s);
    QCOMPARE(keysOf(r.value(u"nodes"_s).toArray()).size(), 7);
    QCOMPARE(nodeOf(r.object(), u"bye"_s).value(u"config"_s).toObject().value(u"content"_s).toString(), u"¡Gracias!"_s);
    QCOMPARE(r.value(u"revision"_s).toInteger(), revision + 1);
    QCOMPARE(r.value(u"version"_s).toInt(), 2);   // restoring changes the draft only
    QCOMPARE(r.value(u"has_unpublished_changes"_s).toBool(), true);
    const QList<QJsonObject> rows = auditFor(u"bot_flow.restore"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"changes"_s).toObject().value(u"restored_version"_s).toObject().value(u"to"_s).toInt(), 1);
    // A stale revision is refused like any save.
    QCOMPARE(send("POST", path + u"/versions/2/restore"_s, {{u"revision"_s, revision}}).status, 409);

    // Rollback = restore + publish: version 3 is version 1 again.
    r = send("POST", path + u"/publish"_s);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"version"_s).toInt(), 3);
    QCOMPARE(definitionOf(send("GET", path + u"/versions/3"_s).object()), definitionOf(version1));
}

// ---- DELETE ----

void tst_BotFlows::deleteFlow()
{
    const qint64 id = createFlow(u"Borrar"_s, validNodes());
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1"_s.arg(id);
    ApiResponse r = send("POST", u"/v1/campaigns"_s,
                         {{u"name"_s, u"Con bot"_s}, {u"code"_s, u"BOT_DEL"_s}, {u"bot_flow_id"_s, id}});
    QCOMPARE(r.status, 201);
    const qint64 campaign = r.value(u"id"_s).toInteger();
    QCOMPARE(r.value(u"bot_flow_id"_s).toInteger(), id);

    qint64 mark = m_server.auditMark();
    r = send("DELETE", path);
    QCOMPARE(r.status, 409);
    QCOMPARE(r.errorCode(), QByteArray("CONFLICT"));
    QCOMPARE(send("GET", path).status, 200);
    QCOMPARE(auditFor(u"bot_flow.delete"_s, id, mark).size(), 1);

    QCOMPARE(send("PUT", u"/v1/campaigns/%1"_s.arg(campaign), {{u"bot_flow_id"_s, QJsonValue()}}).status, 200);
    mark = m_server.auditMark();
    QCOMPARE(send("DELETE", path).status, 204);
    const QList<QJsonObject> rows = auditFor(u"bot_flow.delete"_s, id, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"success"_s).toBool(), true);
    QCOMPARE(send("GET", path).status, 404);
    QCOMPARE(send("PUT", path, {{u"name"_s, u"X"_s}}).status, 404);
    QCOMPARE(send("GET", path + u"/versions"_s).status, 404);
    QCOMPARE(send("DELETE", path).status, 404);
    r = send("GET", u"/v1/bot-flows?limit=100"_s);
    for (const QJsonValue &f : r.value(u"data"_s).toArray())
        QVERIFY(f.toObject().value(u"id"_s).toInteger() != id);
    // A deleted campaign no longer holds the flow.
    const qint64 other = createFlow(u"Borrar 2"_s);
    r = send("POST", u"/v1/campaigns"_s,
             {{u"name"_s, u"Con bot 2"_s}, {u"code"_s, u"BOT_DEL_2"_s}, {u"bot_flow_id"_s, other}});
    QCOMPARE(r.status, 201);
    QCOMPARE(send("DELETE", u"/v1/campaigns/%1"_s.arg(r.value(u"id"_s).toInteger())).status, 204);
    QCOMPARE(send("DELETE", u"/v1/bot-flows/%1"_s.arg(other)).status, 204);
}

void tst_BotFlows::campaignNamesOnlyExistingFlows()
{
    const qint64 gone = createFlow(u"Ya no"_s);
    QCOMPARE(send("DELETE", u"/v1/bot-flows/%1"_s.arg(gone)).status, 204);
    for (const qint64 flow : {qint64(999999), gone}) {
        const ApiResponse r = send("POST", u"/v1/campaigns"_s,
                                   {{u"name"_s, u"Sin flujo"_s}, {u"code"_s, u"NOFLOW"_s}, {u"bot_flow_id"_s, flow}});
        QCOMPARE(r.status, 422);
        QCOMPARE(r.errorFields(), QStringList{u"bot_flow_id"_s});
    }
    const ApiResponse created =
        send("POST", u"/v1/campaigns"_s, {{u"name"_s, u"Con flujo"_s}, {u"code"_s, u"WITHFLOW"_s}});
    QCOMPARE(created.status, 201);
    const QString campaign = u"/v1/campaigns/%1"_s.arg(created.value(u"id"_s).toInteger());
    QCOMPARE(send("PUT", campaign, {{u"bot_flow_id"_s, gone}}).errorFields(), QStringList{u"bot_flow_id"_s});
    const ApiResponse r = send("PUT", campaign, {{u"bot_flow_id"_s, m_existing}});
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"bot_flow_id"_s).toInteger(), m_existing);
    QCOMPARE(send("DELETE", u"/v1/bot-flows/%1"_s.arg(m_existing)).status, 409);
    QCOMPARE(send("PUT", campaign, {{u"bot_flow_id"_s, QJsonValue()}}).status, 200);
}

void tst_BotFlows::sizeLimits()
{
    QJsonArray many;
    for (int i = 0; i < 500; ++i)
        many.append(flowNode(u"n%1"_s.arg(i), u"end"_s, {}));
    const qint64 id = createFlow(u"Grande"_s, many, u"n0"_s);
    QVERIFY(id);
    const QString path = u"/v1/bot-flows/%1/nodes"_s.arg(id);
    // Replacing a node keeps 500; one more is refused, and so is a list over the limit.
    QCOMPARE(send("POST", path, {{u"nodes"_s, QJsonArray{flowNode(u"n1"_s, u"message"_s, {})}}}).status, 200);
    ApiResponse r = send("POST", path, {{u"nodes"_s, QJsonArray{flowNode(u"n500"_s, u"end"_s, {})}}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"nodes"_s});
    many.append(flowNode(u"n500"_s, u"end"_s, {}));
    r = send("POST", u"/v1/bot-flows"_s, {{u"name"_s, u"Demasiado"_s}, {u"nodes"_s, many}});
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"nodes"_s});
    QCOMPARE(m_server.count(u"bot_flow_nodes"_s, u"flow_id = %1"_s.arg(id)), 500);
}

void tst_BotFlows::listFilterAndPaging()
{
    const qint64 draft = createFlow(u"Solo borrador"_s);
    QVERIFY(draft);
    const auto idsOf = [](const ApiResponse &r) {
        QList<qint64> ids;
        for (const QJsonValue &f : r.value(u"data"_s).toArray())
            ids.append(f.toObject().value(u"id"_s).toInteger());
        return ids;
    };
    ApiResponse r = send("GET", u"/v1/bot-flows?is_published=true&limit=100"_s, {}, m_supervisor);
    QCOMPARE(r.status, 200);
    QVERIFY(idsOf(r).contains(m_existing));
    QVERIFY(!idsOf(r).contains(draft));
    for (const QJsonValue &f : r.value(u"data"_s).toArray())
        QVERIFY(f.toObject().value(u"is_published"_s).toBool());
    r = send("GET", u"/v1/bot-flows?is_published=false&limit=100"_s);
    QVERIFY(idsOf(r).contains(draft));
    QVERIFY(!idsOf(r).contains(m_existing));
    const QJsonObject item = r.value(u"data"_s).toArray()[idsOf(r).indexOf(draft)].toObject();
    QCOMPARE(item.value(u"name"_s).toString(), u"Solo borrador"_s);
    QCOMPARE(item.value(u"nodes_count"_s).toInt(-1), 0);
    QVERIFY(!item.contains(u"nodes"_s));

    r = send("GET", u"/v1/bot-flows?limit=1"_s);
    QCOMPARE(r.value(u"data"_s).toArray().size(), 1);
    const QJsonObject meta = r.value(u"meta"_s).toObject();
    QCOMPARE(meta.value(u"per_page"_s).toInt(), 1);
    QCOMPARE(meta.value(u"total"_s).toInteger(), m_server.count(u"bot_flows"_s, u"deleted_at IS NULL"_s));
    QCOMPARE(send("GET", u"/v1/bot-flows?is_published=maybe"_s).errorFields(), QStringList{u"is_published"_s});
    QCOMPARE(send("GET", u"/v1/bot-flows?limit=101"_s).status, 422);
}

QTEST_GUILESS_MAIN(tst_BotFlows)
#include "tst_bot_flows.moc"
