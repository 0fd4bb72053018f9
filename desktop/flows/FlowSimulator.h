#pragma once

#include "Conversa/dto/BotFlowDto.h"
#include "FlowEditorController.h"

#include <QJsonArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The flow editor's simulator (docs/BOT_FLOWS.md#simulation): the admin plays the customer of the
// open flow. The server's simulate route is stateless, so each turn sends the whole conversation so
// far (messages, starting variables, client fields, mocked http_request answers) and shows what
// came back: the transcript, the status, the final variables, and the nodes and edges the session
// went through, lit one step at a time for the canvas. Unsaved edits are saved first: the server
// simulates the saved draft. Built in QML: FlowSimulator { controller: … }.
class FlowSimulator : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(FlowEditorController *controller READ controller WRITE setController NOTIFY controllerChanged)
    // One entry per thing that happened, as the server's transcript: {type, node_key, text, options…}.
    Q_PROPERTY(QVariantList transcript READ transcript NOTIFY resultChanged)
    // "" before a run; waiting, completed, transferred, timed_out, invalid_answers, step_limit, failed.
    Q_PROPERTY(QString status READ status NOTIFY resultChanged)
    Q_PROPERTY(QString statusText READ statusText NOTIFY resultChanged)   // for people
    Q_PROPERTY(QString nodeKey READ nodeKey NOTIFY resultChanged)         // where it waits or ended
    Q_PROPERTY(bool waiting READ waiting NOTIFY resultChanged)
    // The menu the session waits at: {label, replyId} per option, for buttons; empty otherwise.
    Q_PROPERTY(QVariantList choices READ choices NOTIFY resultChanged)
    Q_PROPERTY(QVariantMap variables READ variables NOTIFY resultChanged)
    Q_PROPERTY(QVariantList warnings READ warnings NOTIFY resultChanged)   // {field, message}
    // The path so far, as far as it is lit: node keys, and edges {from, field, to}.
    Q_PROPERTY(QStringList litNodes READ litNodes NOTIFY litChanged)
    Q_PROPERTY(QVariantList litEdges READ litEdges NOTIFY litChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorChanged)
    // Milliseconds between two lit steps (0: all at once).
    Q_PROPERTY(int stepInterval READ stepInterval WRITE setStepInterval NOTIFY stepIntervalChanged)
public:
    explicit FlowSimulator(QObject *parent = nullptr);

    FlowEditorController *controller() const { return m_controller; }
    void setController(FlowEditorController *controller);
    QVariantList transcript() const { return m_transcript; }
    QString status() const { return m_status; }
    QString statusText() const;
    QString nodeKey() const { return m_nodeKey; }
    bool waiting() const { return m_status == u"waiting"; }
    QVariantList choices() const { return m_choices; }
    QVariantMap variables() const { return m_variables; }
    QVariantList warnings() const { return m_warnings; }
    QStringList litNodes() const;
    QVariantList litEdges() const;
    bool busy() const { return m_busy; }
    QString errorMessage() const { return m_error; }
    int stepInterval() const { return m_stepTimer.interval(); }
    void setStepInterval(int ms);

    // A new session from `startNode` (empty: the flow's start node) with the variables and client
    // fields given as "name = value" lines and the http_request mocks as a JSON object by node key.
    // False, with errorMessage, when the mocks are no JSON object.
    Q_INVOKABLE bool start(const QString &startNode, const QString &variables = {}, const QString &client = {},
                           const QString &mocks = {});
    Q_INVOKABLE void say(const QString &text);                               // the customer writes
    Q_INVOKABLE void choose(const QString &replyId, const QString &label);   // taps a menu's button
    Q_INVOKABLE void stayQuiet();                                            // past the flow's timeout
    Q_INVOKABLE void reset();

    // "name = value" lines as an object; numbers and true/false as such, the rest as text.
    static QJsonObject parseAssignments(const QString &text);

signals:
    void controllerChanged();
    void resultChanged();
    void litChanged();
    void busyChanged();
    void errorChanged();
    void stepIntervalChanged();

private:
    void run(const QJsonValue &message = QJsonValue::Undefined);
    void send(const QJsonValue &message);
    void adopt(const Conversa::BotSimulationDto &result);
    void setBusy(bool busy);
    void setError(const QString &error);

    QPointer<FlowEditorController> m_controller;
    QJsonObject m_request;   // start_node, variables, client, mock_responses
    QJsonArray m_messages;
    QVariantList m_transcript;
    QString m_status;
    QString m_nodeKey;
    QString m_detail;
    QVariantList m_choices;
    QVariantMap m_variables;
    QVariantList m_warnings;
    QList<Conversa::BotSimulationStepDto> m_steps;
    int m_lit = 0;   // how many of m_steps are lit
    QTimer m_stepTimer;
    bool m_busy = false;
    QString m_error;
    int m_run = 0;   // answers of an older run are dropped
};
