#include "FlowEditorController.h"

#include "AppContext.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;
using Conversa::ApiError;
using Conversa::ApiResult;

namespace {

// What a save sends of the flow: its settings and whole node list (BotFlowWrite), nothing the
// server only answers (id, version, revision, saved_by…).
QJsonObject writable(const QJsonObject &flow)
{
    QJsonObject out;
    for (const QString &key : {u"name"_s, u"description"_s, u"start_node_id"_s, u"fallback_node_id"_s, u"variables"_s,
                               u"timeout_seconds"_s, u"max_invalid_attempts"_s, u"nodes"_s}) {
        if (flow.contains(key))
            out.insert(key, flow.value(key));
    }
    return out;
}

// The server's details that the local check does not already show on the same node and field:
// the editor names each problem once.
QJsonArray unknownLocally(const QJsonArray &details, FlowProblem::Severity severity, const FlowDocument &doc)
{
    QSet<QString> local;
    for (const FlowProblem &p : doc.problems()) {
        if (p.kind != "server"_L1 && p.severity == severity)
            local.insert(p.nodeKey + u'|' + p.field);
    }
    QJsonArray out;
    for (const QJsonValue &d : details) {
        const QList<FlowProblem> mapped = FlowValidator::fromServerDetails(QJsonArray{d}, severity);
        if (mapped.isEmpty() || mapped.first().nodeKey.isEmpty() ||
            !local.contains(mapped.first().nodeKey + u'|' + mapped.first().field))
            out.append(d);
    }
    return out;
}

}   // namespace

FlowEditorController::FlowEditorController(QObject *parent) : QObject(parent) {}

void FlowEditorController::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    m_app = app;
    emit appChanged();
}

void FlowEditorController::setBusy(bool busy)
{
    const bool was = this->busy();
    m_busy += busy ? 1 : -1;
    if (was != this->busy())
        emit busyChanged();
}

void FlowEditorController::setMessages(const QString &error, const QString &notice, const QString &conflict)
{
    m_error = error;
    m_notice = notice;
    m_conflict = conflict;
    emit messageChanged();
}

void FlowEditorController::clearMessages()
{
    setMessages({}, {});
}

void FlowEditorController::fail(const ApiError &error)
{
    if (error.httpStatus == 409 && error.fields().contains(u"revision"_s)) {
        setMessages({}, {}, error.message);
        return;
    }
    setMessages(AppContext::errorText(error), {});
}

void FlowEditorController::refresh()
{
    if (!m_app)
        return;
    setBusy(true);
    m_app->api().listBotFlows(1, 100, this, [this](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r)
            return fail(r.error());
        m_flows = r->value(u"data"_s).toArray().toVariantList();
        emit flowsChanged();
    });
}

void FlowEditorController::adopt(const QJsonObject &flow)
{
    m_document.load(flow);
    if (m_flowId != flow.value(u"id"_s).toInteger() && !m_versions.isEmpty()) {
        m_versions.clear();
        emit versionsChanged();
    }
    m_flowId = flow.value(u"id"_s).toInteger();
    m_flowName = flow.value(u"name"_s).toString();
    m_revision = flow.value(u"revision"_s).toInteger();
    m_version = flow.value(u"version"_s).toInt();
    emit flowChanged();
}

void FlowEditorController::open(qint64 flowId)
{
    if (!m_app)
        return;
    setBusy(true);
    m_app->api().getBotFlow(flowId, this, [this](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r)
            return fail(r.error());
        setMessages({}, {});
        adopt(*r);
        emit opened();
    });
}

void FlowEditorController::reload()
{
    if (m_flowId > 0)
        open(m_flowId);
}

void FlowEditorController::saveThen(std::function<void()> next)
{
    if (!m_app || m_flowId <= 0)
        return;
    setBusy(true);
    const QJsonObject body = writable(m_document.toJson());
    m_app->api().updateBotFlow(m_flowId, body, m_revision, this,
                               [this, next = std::move(next)](const ApiResult<QJsonObject> &r) {
                                   setBusy(false);
                                   if (!r)
                                       return fail(r.error());
                                   // The edits stay with their history; only the revision the next save is based on moves.
                                   m_revision = r->value(u"revision"_s).toInteger();
                                   m_flowName = r->value(u"name"_s).toString();
                                   m_document.markSaved();
                                   emit flowChanged();
                                   emit saved();
                                   if (next)
                                       next();
                                   else
                                       setMessages({}, tr("Draft saved"));
                               });
}

void FlowEditorController::save()
{
    saveThen({});
}

void FlowEditorController::publish()
{
    if (!m_app || m_flowId <= 0)
        return;
    const auto doPublish = [this] {
        setBusy(true);
        m_app->api().publishBotFlow(m_flowId, m_revision, this, [this](const ApiResult<QJsonObject> &r) {
            setBusy(false);
            if (!r) {
                if (r.error().httpStatus == 422) {
                    QJsonArray details;
                    for (const ApiError::FieldError &d : r.error().details)
                        details.append(QJsonObject{{u"field"_s, d.field}, {u"message"_s, d.message}});
                    m_document.clearServerProblems();
                    details = unknownLocally(details, FlowProblem::Error, m_document);
                    m_document.setServerError(QJsonObject{
                        {u"error"_s, QJsonObject{{u"message"_s, r.error().message}, {u"details"_s, details}}}});
                    setMessages(r.error().message, {});
                    return;
                }
                return fail(r.error());
            }
            m_version = r->value(u"version"_s).toInt();
            m_revision = r->value(u"revision"_s).toInteger();
            m_document.clearServerProblems();
            m_document.setServerWarnings(
                unknownLocally(r->value(u"warnings"_s).toArray(), FlowProblem::Warning, m_document));
            emit flowChanged();
            setMessages({}, tr("Published as version %1").arg(m_version));
            emit published(m_version);
            refresh();
        });
    };
    if (m_document.isModified())
        saveThen(doPublish);
    else
        doPublish();
}

void FlowEditorController::createFlow(const QString &name)
{
    if (!m_app)
        return;
    setBusy(true);
    m_app->api().createBotFlow({{u"name"_s, name.trimmed()}}, this, [this](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r)
            return fail(r.error());
        setMessages({}, {});
        adopt(*r);
        emit opened();
        refresh();
    });
}

void FlowEditorController::renameFlow(qint64 flowId, const QString &name)
{
    if (!m_app)
        return;
    setBusy(true);
    // The open flow's rename is a save like the others: based on its revision.
    const qint64 base = flowId == m_flowId ? m_revision : 0;
    m_app->api().updateBotFlow(flowId, {{u"name"_s, name.trimmed()}}, base, this,
                               [this, flowId](const ApiResult<QJsonObject> &r) {
                                   setBusy(false);
                                   if (!r)
                                       return fail(r.error());
                                   if (flowId == m_flowId) {
                                       m_flowName = r->value(u"name"_s).toString();
                                       m_revision = r->value(u"revision"_s).toInteger();
                                       emit flowChanged();
                                   }
                                   refresh();
                               });
}

void FlowEditorController::deleteFlow(qint64 flowId)
{
    if (!m_app)
        return;
    setBusy(true);
    m_app->api().deleteBotFlow(flowId, this, [this, flowId](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r)
            return fail(r.error());
        if (flowId == m_flowId) {
            m_document.load({});
            m_flowId = 0;
            m_flowName.clear();
            m_revision = 0;
            m_version = 0;
            emit flowChanged();
        }
        refresh();
    });
}

void FlowEditorController::loadVersions()
{
    if (!m_app || m_flowId <= 0)
        return;
    setBusy(true);
    m_app->api().listBotFlowVersions(m_flowId, 1, 100, this, [this, id = m_flowId](const ApiResult<QJsonObject> &r) {
        setBusy(false);
        if (!r)
            return fail(r.error());
        if (id != m_flowId)
            return;
        m_versions = r->value(u"data"_s).toArray().toVariantList();
        emit versionsChanged();
    });
}

void FlowEditorController::restoreVersion(int version)
{
    if (!m_app || m_flowId <= 0)
        return;
    setBusy(true);
    m_app->api().restoreBotFlowVersion(m_flowId, version, m_revision, this,
                                       [this, version](const ApiResult<QJsonObject> &r) {
                                           setBusy(false);
                                           if (!r)
                                               return fail(r.error());
                                           adopt(*r);
                                           setMessages({}, tr("Version %1 restored as the draft").arg(version));
                                           emit opened();
                                       });
}

void FlowEditorController::setClipboardText(const QString &text)
{
    QGuiApplication::clipboard()->setText(text);
}

QString FlowEditorController::clipboardText() const
{
    return QGuiApplication::clipboard()->text();
}
