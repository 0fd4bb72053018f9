#include "ClientsApi.h"

#include "config/ServerConfig.h"
#include "core/JsonWriter.h"
#include "core/Permissions.h"
#include "core/Validator.h"
#include "domain/ClientFields.h"
#include "domain/ClientImport.h"
#include "domain/CsvWriter.h"
#include "domain/PhoneNumbers.h"
#include "http/AuditRecordOf.h"
#include "http/QueryReader.h"
#include "store/AuditStore.h"
#include "store/Database.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>

#include <optional>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr int kDetailChats = 20;   // and at most as many tasks

const QStringList &clientFilterNames()
{
    static const QStringList names{u"search"_s, u"lead_status"_s, u"segment"_s, u"tag"_s, u"is_blocked"_s};
    return names;
}

ClientFilter readClientFilter(QueryReader &in)
{
    ClientFilter f;
    f.search = in.text(u"search"_s);
    f.leadStatus = in.oneOf(u"lead_status"_s, ClientStore::leadStatuses());
    f.segment = in.text(u"segment"_s, 50);
    f.tag = ClientStore::normalizeTag(in.text(u"tag"_s, ClientFields::kMaxTag));
    f.isBlocked = in.boolean(u"is_blocked"_s);
    return f;
}

void writeTags(JsonWriter &w, const QStringList &tags)
{
    w.key("tags").beginArray();
    for (const QString &t : tags)
        w.value(t);
    w.endArray();
}

// A client as GET /v1/clients lists it (OpenAPI document).
void writeListItem(JsonWriter &w, const Client &c)
{
    w.beginObject().field("id", c.id).field("phone_number", c.phoneNumber);
    w.textOrNull("first_name", c.firstName);
    w.textOrNull("last_name", c.lastName);
    w.textOrNull("email", c.email);
    w.textOrNull("company", c.company);
    w.textOrNull("city", c.city);
    w.textOrNull("country", c.country);
    w.field("lead_status", c.leadStatus).field("lead_score", c.leadScore);
    w.textOrNull("segment", c.segment);
    writeTags(w, c.tags);
    w.field("total_chats", c.totalChats);
    w.timeOrNull("last_contact_at", c.lastContactAt).timeOrNull("created_at", c.createdAt);
    w.endObject();
}

// A client as GET /v1/clients/{id} shows it (OpenAPI document). tasks stays empty until that module exists.
QByteArray clientJson(const Client &c, const QList<ChatBrief> &chats, const QList<ClientTask> &tasks)
{
    JsonWriter w(1024);
    w.beginObject().field("id", c.id).field("phone_number", c.phoneNumber);
    w.textOrNull("first_name", c.firstName);
    w.textOrNull("last_name", c.lastName);
    w.textOrNull("email", c.email);
    w.textOrNull("company", c.company);
    w.textOrNull("city", c.city);
    w.textOrNull("country", c.country);
    w.textOrNull("address", c.address);
    w.field("lead_status", c.leadStatus).field("lead_score", c.leadScore);
    w.field("ltv", c.ltv).field("total_purchases", c.totalPurchases);
    w.timeOrNull("last_purchase_at", c.lastPurchaseAt);
    w.textOrNull("segment", c.segment);
    writeTags(w, c.tags);
    w.key("custom_fields").json(c.customFields);
    w.textOrNull("notes", c.notes);
    w.field("is_blocked", c.isBlocked).field("opt_in", c.optIn);
    w.field("total_chats", c.totalChats);
    w.key("chats").beginArray();
    for (const ChatBrief &chat : chats) {
        w.beginObject().field("id", chat.id).field("status", chat.status);
        w.timeOrNull("created_at", chat.createdAt);
        w.endObject();
    }
    w.endArray();
    w.key("tasks").beginArray();
    for (const ClientTask &task : tasks) {
        w.beginObject().field("id", task.id).field("title", task.title);
        w.timeOrNull("due_date", task.dueDate).field("status", task.status);
        w.endObject();
    }
    w.endArray();
    w.timeOrNull("created_at", c.createdAt).timeOrNull("updated_at", c.updatedAt);
    w.timeOrNull("last_contact_at", c.lastContactAt);
    w.endObject();
    return w.take();
}

struct ImportOutcome {
    std::optional<ApiError> error;
    ClientImport::Summary summary;
    QJsonObject changes;
};

struct ExportOutcome {
    bool ok = false;
    QByteArray csv;
    qint64 rows = 0;
    bool truncated = false;
};

}   // namespace

ClientsApi::ClientsApi(Database &db, AuditStore &audit, const ServerConfig &config)
    : m_db(db), m_audit(audit), m_config(config), m_clients(db), m_chats(db), m_tasks(db)
{}

void ClientsApi::registerRoutes(HttpRouter &router)
{
    const QString client = u"Client"_s;
    // The action names the 401/403 rows the router writes for refused reads.
    router.get(u"/v1/clients"_s,
               {.permission = Permissions::kClientsRead, .action = u"client.list"_s, .entityType = client},
               [this](RequestContext &ctx) { return list(ctx); });
    router.post(u"/v1/clients"_s,
                {.permission = Permissions::kClientsCreate, .action = u"client.create"_s, .entityType = client},
                [this](RequestContext &ctx) { return create(ctx); });
    router.addDeferred("POST", u"/v1/clients/import"_s,
                       {.permission = Permissions::kClientsImport,
                        .action = u"client.import"_s,
                        .entityType = client,
                        .rawBody = true},
                       [this](RequestContext &ctx) { return importCsv(ctx); });
    router.addDeferred("GET", u"/v1/clients/export"_s,
                       {.permission = Permissions::kClientsExport,
                        .action = u"client.export"_s,
                        .entityType = client,
                        .auditRead = true},
                       [this](RequestContext &ctx) { return exportCsv(ctx); });
    router.get(u"/v1/clients/{id}"_s,
               {.permission = Permissions::kClientsRead, .action = u"client.read"_s, .entityType = client},
               [this](RequestContext &ctx) { return show(ctx); });
    router.put(u"/v1/clients/{id}"_s,
               {.permission = Permissions::kClientsUpdate, .action = u"client.update"_s, .entityType = client},
               [this](RequestContext &ctx) { return update(ctx); });
    router.del(u"/v1/clients/{id}"_s,
               {.permission = Permissions::kClientsDelete, .action = u"client.delete"_s, .entityType = client},
               [this](RequestContext &ctx) { return remove(ctx); });
    router.post(u"/v1/clients/{id}/tags"_s,
                {.permission = Permissions::kClientsUpdate, .action = u"client.tag_add"_s, .entityType = client},
                [this](RequestContext &ctx) { return addTag(ctx); });
    router.del(u"/v1/clients/{id}/tags/{tag}"_s,
               {.permission = Permissions::kClientsUpdate, .action = u"client.tag_remove"_s, .entityType = client},
               [this](RequestContext &ctx) { return removeTag(ctx); });
}

Result<HttpReply> ClientsApi::list(RequestContext &ctx)
{
    QueryReader in(ctx);
    ClientFilter filter = readClientFilter(in);
    const PageRequest page = in.page();
    if (!in.ok())
        return in.error();
    filter.limit = page.limit;
    filter.offset = page.offset();
    Result<ClientPage> result = m_clients.list(filter);
    if (!result)
        return result.error();
    JsonWriter w(512 + result->rows.size() * 512);
    w.beginObject().key("data").beginArray();
    for (const Client &c : std::as_const(result->rows))
        writeListItem(w, c);
    w.endArray();
    w.pageMeta(page, result->total);
    w.endObject();
    return HttpReply::json(w.take());
}

Result<HttpReply> ClientsApi::show(RequestContext &ctx)
{
    Result<Client> c = m_clients.find(ctx.idParam());
    if (!c)
        return c.error();
    return clientReply(*c, ctx);
}

Result<HttpReply> ClientsApi::clientReply(const Client &client, const RequestContext &ctx, int status)
{
    QList<ChatBrief> chats;
    if (client.totalChats > 0 && ctx.user) {   // a new client has none: skip the query
        Result<QList<ChatBrief>> visible = m_chats.ofClient(client.id, *ctx.user, kDetailChats);
        if (!visible)
            return visible.error();
        chats = std::move(*visible);
    }
    QList<ClientTask> tasks;
    if (ctx.user) {
        const qint64 onlyFor = ctx.user->can(Permissions::kTasksReadAll) ? 0 : ctx.user->id;
        Result<QList<ClientTask>> own = m_tasks.tasksOfClient(client.id, onlyFor, kDetailChats);
        if (!own)
            return own.error();
        tasks = std::move(*own);
    }
    return HttpReply::json(clientJson(client, chats, tasks), status);
}

Result<HttpReply> ClientsApi::create(RequestContext &ctx)
{
    Client c;
    Validator v(ctx.body);
    const std::optional<QStringList> tags = ClientFields::apply(v, ctx.body, c, true, m_config.defaultRegion);
    if (!v.ok())
        return v.error();
    const Result<bool> taken = m_clients.phoneTaken(c.phoneNumber);
    if (!taken)
        return taken.error();
    if (*taken)
        return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A client with this phone number already exists"));
    const qint64 now = nowSeconds();
    const Result<qint64> id = m_clients.insert(c, now);
    if (!id)
        return id.error();
    c.id = *id;
    c.createdAt = c.updatedAt = now;
    if (tags) {
        CONVERSA_TRY(m_clients.setTags(c.id, *tags, now));
        c.tags = *tags;
    }
    ctx.audit.entityId = c.id;
    ctx.audit.changes = AuditStore::diff({}, ClientStore::auditFields(c));
    return clientReply(c, ctx, 201);
}

Result<HttpReply> ClientsApi::update(RequestContext &ctx)
{
    Result<Client> before = m_clients.find(ctx.idParam());
    if (!before)
        return before.error();
    Client after = *before;
    Validator v(ctx.body);
    const std::optional<QStringList> tags = ClientFields::apply(v, ctx.body, after, false, m_config.defaultRegion);
    if (!v.ok())
        return v.error();
    if (tags)
        after.tags = *tags;   // a given list replaces the client's tags
    ctx.audit.changes = AuditStore::diff(ClientStore::auditFields(*before), ClientStore::auditFields(after));
    if (ctx.audit.changes.isEmpty())
        return clientReply(*before, ctx);   // nothing changed: updated_at stays
    if (after.phoneNumber != before->phoneNumber) {
        const Result<bool> taken = m_clients.phoneTaken(after.phoneNumber, after.id);
        if (!taken)
            return taken.error();
        if (*taken)
            return ApiError::conflict(QT_TRANSLATE_NOOP("Api", "A client with this phone number already exists"));
    }
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_clients.update(after, now));
    if (tags && after.tags != before->tags)
        CONVERSA_TRY(m_clients.setTags(after.id, after.tags, now));
    after.updatedAt = now;
    return clientReply(after, ctx);
}

Result<HttpReply> ClientsApi::remove(RequestContext &ctx)
{
    const qint64 now = nowSeconds();
    CONVERSA_TRY(m_clients.softDelete(ctx.idParam(), now));
    ctx.audit.changes = {{u"deleted_at"_s, QJsonObject{{u"from"_s, QJsonValue()}, {u"to"_s, isoTime(now)}}}};
    return HttpReply::noContent();
}

Result<HttpReply> ClientsApi::addTag(RequestContext &ctx)
{
    Validator v(ctx.body);
    const std::optional<QString> raw = v.string(u"tag"_s, true, 255);
    const QString tag = raw ? ClientFields::readTag(v, u"tag"_s, *raw) : QString();
    if (!v.ok())
        return v.error();
    Result<Client> c = m_clients.find(ctx.idParam());
    if (!c)
        return c.error();
    const Result<bool> added = m_clients.addTag(c->id, tag, nowSeconds());
    if (!added)
        return added.error();
    if (*added) {   // adding a tag the client has changes nothing and answers the same
        const QStringList before = c->tags;
        c->tags.append(tag);
        c->tags.sort();
        ctx.audit.changes = AuditStore::diff({{u"tags"_s, QJsonArray::fromStringList(before)}},
                                             {{u"tags"_s, QJsonArray::fromStringList(c->tags)}});
    }
    return clientReply(*c, ctx);
}

Result<HttpReply> ClientsApi::removeTag(RequestContext &ctx)
{
    // The router takes {tag} from the decoded path: "%C3%B1" arrives as "ñ".
    const QString tag = ClientStore::normalizeTag(ctx.params.value(u"tag"_s));
    Result<Client> c = m_clients.find(ctx.idParam());
    if (!c)
        return c.error();
    const Result<bool> removed = m_clients.removeTag(c->id, tag);
    if (!removed)
        return removed.error();
    if (!*removed)
        return ApiError::notFound();
    QStringList after = c->tags;
    after.removeAll(tag);
    ctx.audit.changes = AuditStore::diff({{u"tags"_s, QJsonArray::fromStringList(c->tags)}},
                                         {{u"tags"_s, QJsonArray::fromStringList(after)}});
    return HttpReply::noContent();
}

Result<Deferred> ClientsApi::importCsv(RequestContext &ctx)
{
    if (ctx.rawBody.size() > m_config.maxUploadBytes)
        return ApiError::payloadTooLarge();
    Result<QByteArray> file = ClientImport::extractFile(ctx.header("content-type"), ctx.rawBody);
    if (!file)
        return file.error();
    CONVERSA_TRY(ClientImport::parse(*file, true));   // a missing header fails before any work
    // ?dry_run=true: a preview. The import runs as it would, in a transaction that is rolled
    // back, and answers what it would do (counts and per-row errors).
    QueryReader in(ctx);
    const bool dryRun = in.boolean(u"dry_run"_s).value_or(false);
    if (!in.ok())
        return in.error();

    // The import and its audit row commit together on the worker (see finish); the audit needs
    // the caller's details, copied here because `work` must not touch ctx.
    RequestContext auditCtx = ctx;
    auditCtx.rawBody.clear();
    Deferred deferred;
    deferred.work = [this, csv = *file, auditCtx, region = m_config.defaultRegion, dryRun]() mutable {
        ImportOutcome out;
        const Result<ClientImport::Table> table = ClientImport::parse(csv);
        if (!table) {
            out.error = table.error();
            return QVariant::fromValue(out);
        }
        Transaction tx(m_db);
        if (!tx.isActive()) {
            out.error = ApiError::unavailable(QT_TRANSLATE_NOOP("Api", "The database is not available"));
            return QVariant::fromValue(out);
        }
        const Result<ClientImport::Summary> summary = ClientImport::run(m_clients, *table, region, nowSeconds());
        if (!summary) {
            out.error = summary.error();
            return QVariant::fromValue(out);
        }
        out.summary = *summary;
        out.changes = {{u"rows"_s, qint64(table->records.size())},
                       {u"imported"_s, summary->imported},
                       {u"updated"_s, summary->updated},
                       {u"skipped"_s, summary->skipped},
                       {u"errors"_s, qint64(summary->errors.size())}};
        if (dryRun)
            return QVariant::fromValue(out);   // rolled back by ~Transaction; audited by the router
        auditCtx.audit.changes = out.changes;
        m_audit.record(auditRecordOf(auditCtx, true, 200));
        if (!tx.commit())
            out.error = ApiError::internal();
        return QVariant::fromValue(out);
    };
    deferred.finish = [dryRun](RequestContext &ctx, const QVariant &value) -> Result<HttpReply> {
        const auto out = value.value<ImportOutcome>();
        if (out.error)
            return *out.error;   // nothing was written; the router records the failure
        ctx.audit.changes = out.changes;
        if (dryRun)
            ctx.audit.changes.insert(u"dry_run"_s, true);
        else
            ctx.audit.skip = true;   // written with the import
        JsonWriter w(256 + out.summary.errors.size() * 96);
        w.beginObject();
        if (dryRun)
            w.field("dry_run", true);
        w.field("imported", out.summary.imported)
            .field("updated", out.summary.updated)
            .field("skipped", out.summary.skipped);
        w.key("errors").beginArray();
        for (const ClientImport::RowError &e : out.summary.errors) {
            w.beginObject().field("row", e.row).field("field", e.field).field("error", ctx.text(e.message, e.args));
            w.endObject();
        }
        w.endArray().endObject();
        return HttpReply::json(w.take());
    };
    return deferred;
}

Result<Deferred> ClientsApi::exportCsv(RequestContext &ctx)
{
    QueryReader in(ctx);
    in.csvFormat();
    const ClientFilter filter = readClientFilter(in);
    if (!in.ok())
        return in.error();
    const QJsonObject given = in.given(clientFilterNames());

    Deferred deferred;
    deferred.work = [this, filter] {
        ExportOutcome out;
        CsvWriter csv;
        // The columns an import reads back by the same names (custom fields as JSON).
        csv.row({u"id"_s,
                 u"phone_number"_s,
                 u"first_name"_s,
                 u"last_name"_s,
                 u"email"_s,
                 u"company"_s,
                 u"city"_s,
                 u"country"_s,
                 u"address"_s,
                 u"lead_status"_s,
                 u"lead_score"_s,
                 u"ltv"_s,
                 u"total_purchases"_s,
                 u"last_purchase_at"_s,
                 u"segment"_s,
                 u"tags"_s,
                 u"notes"_s,
                 u"is_blocked"_s,
                 u"opt_in"_s,
                 u"custom_fields"_s,
                 u"last_contact_at"_s,
                 u"created_at"_s});
        const auto time = [](qint64 t) { return t ? isoTime(t) : QString(); };
        const Result<Ok> done = m_clients.forEach(filter, kExportMaxRows + 1, [&](const Client &c) {
            if (out.rows == kExportMaxRows) {   // one row past the cap tells that it was cut short
                out.truncated = true;
                return;
            }
            ++out.rows;
            csv.number(c.id).text(c.phoneNumber).text(c.firstName).text(c.lastName).text(c.email).text(c.company);
            csv.text(c.city).text(c.country).text(c.address).text(c.leadStatus).number(c.leadScore).number(c.ltv);
            csv.number(c.totalPurchases).text(time(c.lastPurchaseAt)).text(c.segment).text(c.tags.join(u'|'));
            csv.text(c.notes).boolean(c.isBlocked).boolean(c.optIn);
            csv.text(c.customFields.isEmpty()
                         ? QString()
                         : QString::fromUtf8(QJsonDocument(c.customFields).toJson(QJsonDocument::Compact)));
            csv.text(time(c.lastContactAt)).text(time(c.createdAt)).endRow();
        });
        out.ok = done.ok();
        out.csv = csv.take();
        return QVariant::fromValue(out);
    };
    deferred.finish = [this, given](RequestContext &ctx, const QVariant &value) -> Result<HttpReply> {
        const auto out = value.value<ExportOutcome>();
        if (!out.ok)
            return ApiError::internal();
        // Audited by the router (auditRead) in this request's transaction, before any byte leaves.
        ctx.audit.changes = {{u"format"_s, u"csv"_s}, {u"filters"_s, given}, {u"rows"_s, out.rows}};
        if (out.truncated)
            ctx.audit.changes.insert(u"truncated"_s, true);
        return HttpReply::csvDownload("clients", out.csv, out.rows, out.truncated);
    };
    return deferred;
}

}   // namespace Conversa::Server
