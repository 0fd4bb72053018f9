#pragma once

#include "FlowEdgeModel.h"
#include "FlowGraph.h"
#include "FlowLayout.h"
#include "FlowNodeModel.h"
#include "FlowValidator.h"

#include <QJsonObject>
#include <QObject>
#include <QUndoStack>
#include <QtQml/qqmlregistration.h>

// One bot flow open in the visual editor: its graph, the node and edge models a canvas binds to,
// the undo history, and the problems the local check (and the server's answer on publish) found.
// QML changes the flow only through the Q_INVOKABLE methods below; each is one undoable command
// (docs/BOT_FLOWS.md describes the flow's JSON it reads and writes back).
class FlowDocument : public QObject {
    Q_OBJECT
    QML_ANONYMOUS
    Q_PROPERTY(FlowNodeModel *nodes READ nodes CONSTANT)
    Q_PROPERTY(FlowEdgeModel *edges READ edges CONSTANT)
    Q_PROPERTY(QUndoStack *undoStack READ undoStack CONSTANT)
    Q_PROPERTY(bool canUndo READ canUndo NOTIFY historyChanged)
    Q_PROPERTY(bool canRedo READ canRedo NOTIFY historyChanged)
    Q_PROPERTY(QString undoText READ undoText NOTIFY historyChanged)
    Q_PROPERTY(QString redoText READ redoText NOTIFY historyChanged)
    Q_PROPERTY(bool modified READ isModified NOTIFY historyChanged)
    Q_PROPERTY(QString startNode READ startNode NOTIFY startNodeChanged)
    Q_PROPERTY(QString fallbackNode READ fallbackNode NOTIFY fallbackNodeChanged)
    Q_PROPERTY(QVariantList problems READ problemList NOTIFY problemsChanged)
    Q_PROPERTY(int errorCount READ errorCount NOTIFY problemsChanged)
    Q_PROPERTY(int warningCount READ warningCount NOTIFY problemsChanged)
public:
    explicit FlowDocument(QObject *parent = nullptr);

    // A flow as GET /v1/bot-flows/{id} answers it; the history starts anew.
    void load(const QJsonObject &flow);
    // The flow's JSON with the edits: what was loaded, fields this editor does not know included.
    QJsonObject toJson() const { return m_graph.toJson(); }
    const FlowGraph &graph() const { return m_graph; }

    FlowNodeModel *nodes() { return m_nodes; }
    FlowEdgeModel *edges() { return m_edges; }
    QUndoStack *undoStack() { return &m_undo; }
    bool canUndo() const { return m_undo.canUndo(); }
    bool canRedo() const { return m_undo.canRedo(); }
    QString undoText() const { return m_undo.undoText(); }
    QString redoText() const { return m_undo.redoText(); }
    bool isModified() const { return !m_undo.isClean(); }
    QString startNode() const { return m_graph.startNode(); }
    QString fallbackNode() const { return m_graph.fallbackNode(); }

    // The local check's problems and the server's, flow settings first, then by node.
    const QList<FlowProblem> &problems() const { return m_problems; }
    QList<FlowProblem> problemsOf(const QString &nodeKey) const;
    QVariantList problemList() const;
    int errorCount() const;
    int warningCount() const;

    // The server's answer on publish: a 422's error body, or a success's `warnings`. Shown on the
    // nodes and ports they name until the next edit.
    void setServerError(const QJsonObject &errorBody);
    void setServerWarnings(const QJsonArray &warnings);
    Q_INVOKABLE void clearServerProblems();

    // The commands. Keys and port fields as in the models' roles.
    // A node of a known type with an empty config, keyed after its type: its key (empty if refused).
    Q_INVOKABLE QString addNode(const QString &type, qreal x, qreal y);
    Q_INVOKABLE void removeNodes(const QStringList &keys);
    // One step of a drag (merged with the previous steps until finishMove()).
    Q_INVOKABLE void moveNode(const QString &key, qreal x, qreal y);
    Q_INVOKABLE void moveNodesBy(const QStringList &keys, qreal dx, qreal dy);
    Q_INVOKABLE void finishMove();
    Q_INVOKABLE bool connectPort(const QString &from, const QString &port, const QString &to);
    Q_INVOKABLE bool disconnectPort(const QString &from, const QString &port);
    Q_INVOKABLE bool setConfig(const QString &key, const QVariantMap &config);
    bool setConfig(const QString &key, const QJsonObject &config, const QString &text = {});
    Q_INVOKABLE bool addMenuOption(const QString &key, const QString &label);
    Q_INVOKABLE bool removeMenuOption(const QString &key, int index);
    Q_INVOKABLE bool addConditionRule(const QString &key, const QString &variable);
    Q_INVOKABLE bool removeConditionRule(const QString &key, int index);
    Q_INVOKABLE bool setStartNode(const QString &key);
    // Where a timeout or too many invalid answers go (docs/BOT_FLOWS.md#sessions); empty: none.
    Q_INVOKABLE bool setFallbackNode(const QString &key);
    // A new key (letters, digits, - and _, unique in the flow), references to the node following it.
    Q_INVOKABLE bool renameNode(const QString &key, const QString &newKey);
    // The nodes as text for the clipboard, and that text pasted into this flow (perhaps another
    // one's copy) moved by (dx, dy): the new nodes' keys, empty when the text holds none.
    Q_INVOKABLE QString copyNodes(const QStringList &keys) const;
    Q_INVOKABLE QStringList paste(const QString &text, qreal dx = 40, qreal dy = 40);
    Q_INVOKABLE void autoLayout(int direction = FlowLayout::LeftToRight);

    // Questions the inspector and the search ask (FlowQueries): the variables a node's templates
    // may name, the nodes matching a search, a pattern tried as the server would.
    Q_INVOKABLE QStringList variablesInScope(const QString &key) const;
    Q_INVOKABLE QStringList search(const QString &text) const;
    Q_INVOKABLE QVariantMap testPattern(const QString &pattern, const QString &sample, bool whole) const;
    Q_INVOKABLE void undo() { m_undo.undo(); }
    Q_INVOKABLE void redo() { m_undo.redo(); }
    Q_INVOKABLE void markSaved() { m_undo.setClean(); }

    // What the commands do, with the models told row by row; only commands call these.
    void insertNode(int row, const FlowNode &node);
    void removeNode(int row);
    void setNodePosition(int row, QPointF position);
    void setNodeConfig(int row, const QJsonObject &config);
    void setNodeKey(int row, const QString &key);
    void setSettings(const QJsonObject &settings);

signals:
    void historyChanged();
    void startNodeChanged();
    void fallbackNodeChanged();
    void problemsChanged();

private:
    void closeDrag();
    void revalidate();
    void listChanged(const QString &key, const QString &list, const QJsonArray &items, const QString &text);

    FlowGraph m_graph;
    FlowNodeModel *m_nodes;
    FlowEdgeModel *m_edges;
    QUndoStack m_undo;
    QList<FlowProblem> m_serverProblems;
    QList<FlowProblem> m_problems;
};
