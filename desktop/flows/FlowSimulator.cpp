#include "FlowSimulator.h"

#include "AppContext.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;
using Conversa::ApiResult;
using Conversa::BotSimulationDto;

FlowSimulator::FlowSimulator(QObject *parent) : QObject(parent)
{
    m_stepTimer.setInterval(250);
    connect(&m_stepTimer, &QTimer::timeout, this, [this] {
        if (m_lit < m_steps.size())
            ++m_lit;
        if (m_lit >= m_steps.size())
            m_stepTimer.stop();
        emit litChanged();
    });
}

void FlowSimulator::setController(FlowEditorController *controller)
{
    if (m_controller == controller)
        return;
    if (m_controller)
        disconnect(m_controller, nullptr, this, nullptr);
    m_controller = controller;
    // Another flow opened (or the same one reloaded): the session belonged to the old one.
    if (m_controller)
        connect(m_controller, &FlowEditorController::opened, this, &FlowSimulator::reset);
    emit controllerChanged();
}

void FlowSimulator::setStepInterval(int ms)
{
    if (ms == m_stepTimer.interval())
        return;
    m_stepTimer.setInterval(ms);
    emit stepIntervalChanged();
}

QString FlowSimulator::statusText() const
{
    if (m_status == "waiting"_L1)
        return tr("Waiting for the customer at %1").arg(m_nodeKey);
    if (m_status == "completed"_L1)
        return tr("Completed at %1").arg(m_nodeKey);
    if (m_status == "transferred"_L1)
        return tr("Transferred at %1").arg(m_nodeKey);
    if (m_status == "timed_out"_L1)
        return tr("The customer did not answer in time");
    if (m_status == "invalid_answers"_L1)
        return tr("Too many invalid answers at %1").arg(m_nodeKey);
    if (m_status == "step_limit"_L1)
        return tr("Stopped: too many steps without waiting for the customer");
    if (m_status == "failed"_L1)
        return m_detail.isEmpty() ? tr("Failed at %1").arg(m_nodeKey) : tr("Failed: %1").arg(m_detail);
    return {};
}

QStringList FlowSimulator::litNodes() const
{
    QStringList out;
    for (int i = 0; i < m_lit && i < m_steps.size(); ++i)
        out.append(m_steps.at(i).nodeKey);
    return out;
}

QVariantList FlowSimulator::litEdges() const
{
    QVariantList out;
    for (int i = 0; i < m_lit && i < m_steps.size(); ++i) {
        const Conversa::BotSimulationStepDto &s = m_steps.at(i);
        if (s.from && s.edge)
            out.append(QVariantMap{{u"from"_s, *s.from}, {u"field"_s, *s.edge}, {u"to"_s, s.nodeKey}});
    }
    return out;
}

QJsonObject FlowSimulator::parseAssignments(const QString &text)
{
    QJsonObject out;
    for (const QString &line : text.split(u'\n')) {
        const qsizetype eq = line.indexOf(u'=');
        const QString name = line.left(eq).trimmed();
        if (eq < 0 || name.isEmpty())
            continue;
        const QString value = line.mid(eq + 1).trimmed();
        bool number = false;
        const double d = value.toDouble(&number);
        if (number)
            out.insert(name, d);
        else if (value == "true"_L1 || value == "false"_L1)
            out.insert(name, value == "true"_L1);
        else
            out.insert(name, value);
    }
    return out;
}

bool FlowSimulator::start(const QString &startNode, const QString &variables, const QString &client,
                          const QString &mocks)
{
    QJsonObject request;
    if (!mocks.trimmed().isEmpty()) {
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(mocks.toUtf8(), &error);
        if (!doc.isObject()) {
            setError(tr("The mocked answers must be a JSON object by node key"));
            return false;
        }
        request.insert(u"mock_responses"_s, doc.object());
    }
    if (!startNode.isEmpty())
        request.insert(u"start_node"_s, startNode);
    const QJsonObject vars = parseAssignments(variables);
    if (!vars.isEmpty())
        request.insert(u"variables"_s, vars);
    const QJsonObject fields = parseAssignments(client);
    if (!fields.isEmpty())
        request.insert(u"client"_s, fields);
    reset();
    m_request = request;
    run();
    return true;
}

void FlowSimulator::say(const QString &text)
{
    if (text.trimmed().isEmpty() || !waiting())
        return;
    run(text);
}

void FlowSimulator::choose(const QString &replyId, const QString &label)
{
    if (!waiting())
        return;
    run(QJsonObject{{u"reply_id"_s, replyId}, {u"text"_s, label}});
}

void FlowSimulator::stayQuiet()
{
    if (!waiting())
        return;
    run(QJsonObject{{u"timeout"_s, true}});
}

void FlowSimulator::reset()
{
    ++m_run;
    m_request = {};
    m_messages = {};
    m_transcript.clear();
    m_status.clear();
    m_nodeKey.clear();
    m_detail.clear();
    m_choices.clear();
    m_variables.clear();
    m_warnings.clear();
    m_steps.clear();
    m_lit = 0;
    m_stepTimer.stop();
    setBusy(false);
    setError({});
    emit resultChanged();
    emit litChanged();
}

// The server simulates the saved draft: unsaved edits are saved first. The customer's new
// message joins the conversation once the server has answered it (a failed turn may be retried).
void FlowSimulator::run(const QJsonValue &message)
{
    if (!m_controller || m_controller->flowId() <= 0)
        return;
    setError({});
    if (m_controller->document()->isModified())
        m_controller->saveThen([this, message, run = m_run, guard = QPointer<FlowSimulator>(this)] {
            if (guard && run == m_run)   // not cleared meanwhile
                send(message);
        });
    else
        send(message);
}

void FlowSimulator::send(const QJsonValue &message)
{
    AppContext *app = m_controller ? m_controller->app() : nullptr;
    if (!app)
        return;
    QJsonArray messages = m_messages;
    if (!message.isUndefined())
        messages.append(message);
    QJsonObject body = m_request;
    body.insert(u"messages"_s, messages);
    setBusy(true);
    app->api().simulateBotFlow(m_controller->flowId(), body, this,
                               [this, run = m_run, messages](const ApiResult<BotSimulationDto> &r) {
                                   if (run != m_run)
                                       return;
                                   setBusy(false);
                                   if (!r)
                                       return setError(AppContext::errorText(r.error()));
                                   m_messages = messages;
                                   adopt(*r);
                               });
}

void FlowSimulator::adopt(const BotSimulationDto &result)
{
    m_status = result.status;
    m_nodeKey = result.nodeKey.value_or(QString());
    m_detail = result.detail.value_or(QString());
    m_transcript.clear();
    m_choices.clear();
    const Conversa::BotSimulationEntryDto *menu = nullptr;   // the latest menu asked
    for (const Conversa::BotSimulationEntryDto &e : result.transcript) {
        m_transcript.append(e.toJson().toVariantMap());
        if (e.type == "menu"_L1)
            menu = &e;
    }
    // Its options are buttons while the session waits at it.
    if (waiting() && menu && menu->nodeKey == m_nodeKey) {
        for (const QJsonValue &o : menu->fields.value(u"options"_s).toArray()) {
            const QJsonObject option = o.toObject();
            m_choices.append(
                QVariantMap{{u"label"_s, option.value(u"label"_s).toString()},
                            {u"replyId"_s, u"%1#%2"_s.arg(m_nodeKey).arg(option.value(u"number"_s).toInt())}});
        }
    }
    m_variables = result.variables.toVariantMap();
    m_warnings.clear();
    for (const Conversa::BotFlowWarningDto &w : result.warnings)
        m_warnings.append(QVariantMap{{u"field"_s, w.field}, {u"message"_s, w.message}});
    // The steps already lit stay lit (a run repeats the earlier turns); the new ones light up in turn.
    const qsizetype before = m_lit;
    m_steps = result.steps;
    m_lit = int(std::min<qsizetype>(before, m_steps.size()));
    if (m_stepTimer.interval() <= 0)
        m_lit = int(m_steps.size());
    else if (m_lit < m_steps.size())
        m_stepTimer.start();
    emit resultChanged();
    emit litChanged();
}

void FlowSimulator::setBusy(bool busy)
{
    if (m_busy == busy)
        return;
    m_busy = busy;
    emit busyChanged();
}

void FlowSimulator::setError(const QString &error)
{
    if (m_error == error)
        return;
    m_error = error;
    emit errorChanged();
}
