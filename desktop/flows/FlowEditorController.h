#pragma once

#include "AppContext.h"
#include "FlowDocument.h"

#include <QObject>
#include <QPointer>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

// The bot-flow editor's link to the server (docs/BOT_FLOWS.md): the list of flows, the one open
// in `document`, and its save, publish, create, rename and delete through the app's ApiClient.
// A save names the revision the draft was loaded at; when someone saved since, the server's 409
// lands in `conflictText` (who and when) and reload() fetches their draft. Publishing saves the
// edits first; the server's 422 lands on the nodes it names (FlowDocument::setServerError), its
// warnings likewise. Built in QML with the app: FlowEditorController { app: … }.
class FlowEditorController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(FlowDocument *document READ document CONSTANT)
    Q_PROPERTY(QVariantList flows READ flows NOTIFY flowsChanged)
    Q_PROPERTY(qint64 flowId READ flowId NOTIFY flowChanged)
    Q_PROPERTY(QString flowName READ flowName NOTIFY flowChanged)
    Q_PROPERTY(qint64 revision READ revision NOTIFY flowChanged)
    Q_PROPERTY(int version READ version NOTIFY flowChanged)   // the latest published, 0 if none
    // The open flow's published versions, newest first, after loadVersions(): {version, published_by, published_at}.
    Q_PROPERTY(QVariantList versions READ versions NOTIFY versionsChanged)
    Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY messageChanged)
    Q_PROPERTY(QString notice READ notice NOTIFY messageChanged)
    Q_PROPERTY(QString conflictText READ conflictText NOTIFY messageChanged)   // non-empty after a 409
public:
    explicit FlowEditorController(QObject *parent = nullptr);

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);
    FlowDocument *document() { return &m_document; }
    QVariantList flows() const { return m_flows; }
    qint64 flowId() const { return m_flowId; }
    QString flowName() const { return m_flowName; }
    qint64 revision() const { return m_revision; }
    int version() const { return m_version; }
    QVariantList versions() const { return m_versions; }
    bool busy() const { return m_busy > 0; }
    QString errorMessage() const { return m_error; }
    QString notice() const { return m_notice; }
    QString conflictText() const { return m_conflict; }

    Q_INVOKABLE void refresh();   // the list of flows
    Q_INVOKABLE void open(qint64 flowId);
    Q_INVOKABLE void reload();   // the open flow as the server has it now; the edits are lost
    Q_INVOKABLE void save();
    Q_INVOKABLE void publish();
    Q_INVOKABLE void createFlow(const QString &name);   // and opens it
    Q_INVOKABLE void renameFlow(qint64 flowId, const QString &name);
    Q_INVOKABLE void deleteFlow(qint64 flowId);
    Q_INVOKABLE void loadVersions();
    // A published version becomes the draft (a save based on the open revision; the edits are lost).
    Q_INVOKABLE void restoreVersion(int version);
    Q_INVOKABLE void clearMessages();
    // The system clipboard, for copied nodes (FlowDocument::copyNodes / paste): between flows and windows.
    Q_INVOKABLE void setClipboardText(const QString &text);
    Q_INVOKABLE QString clipboardText() const;
    // Saves the draft, then calls `next` (not when the save fails: the error is shown as any save's).
    void saveThen(std::function<void()> next);

signals:
    void appChanged();
    void flowsChanged();
    void versionsChanged();
    void flowChanged();
    void busyChanged();
    void messageChanged();
    void opened();
    void saved();
    void published(int version);

private:
    void adopt(const QJsonObject &flow);   // a fresh load of the server's draft
    void fail(const Conversa::ApiError &error);
    void setBusy(bool busy);
    void setMessages(const QString &error, const QString &notice, const QString &conflict = {});

    QPointer<AppContext> m_app;
    FlowDocument m_document;
    QVariantList m_flows;
    QVariantList m_versions;
    qint64 m_flowId = 0;
    QString m_flowName;
    qint64 m_revision = 0;
    int m_version = 0;
    int m_busy = 0;
    QString m_error;
    QString m_notice;
    QString m_conflict;
};
