#pragma once

#include "AppContext.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <QVariantList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// A CSV import of clients (server/openapi/paths/clients.yaml, /v1/clients/import), step by step:
// load() reads the file and shows its first rows; each column is mapped to a client's field
// (`mapping`: a field name, "custom" to keep it as a custom field named by its header, or "" to
// leave it out), guessed from the headers; check() sends the mapped file as a dry run, which
// answers the counts and the rows the server refuses (`rowErrors`, with the lines of the file
// loaded here); run() imports it, with the upload's `progress`; saveErrors() writes the refused
// rows as CSV. The file is rewritten with the mapped headers before it is sent, so the server's
// own rules (separators, quoting, updates by phone number) apply unchanged.
class ClientImport : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(AppContext *app READ app WRITE setApp NOTIFY appChanged)
    Q_PROPERTY(Stage stage READ stage NOTIFY stageChanged)
    Q_PROPERTY(QString fileName READ fileName NOTIFY loadedChanged)
    Q_PROPERTY(QStringList headers READ headers NOTIFY loadedChanged)
    Q_PROPERTY(QVariantList previewRows READ previewRows NOTIFY loadedChanged)   // each a list of cells
    Q_PROPERTY(int recordCount READ recordCount NOTIFY loadedChanged)
    Q_PROPERTY(QStringList mapping READ mapping NOTIFY mappingChanged)
    Q_PROPERTY(QStringList fields READ fields CONSTANT)                      // what a column may be mapped to
    Q_PROPERTY(qreal progress READ progress NOTIFY progressChanged)          // 0..1 of the upload
    Q_PROPERTY(QVariantMap summary READ summary NOTIFY resultChanged)        // {dry_run, imported, updated, skipped}
    Q_PROPERTY(QVariantList rowErrors READ rowErrors NOTIFY resultChanged)   // {row, field, error}
    Q_PROPERTY(QString errorMessage READ errorMessage NOTIFY errorMessageChanged)
public:
    // Empty: nothing loaded; Loaded: mapping; Checking/Checked: the dry run; Importing/Done: the import.
    enum Stage { Empty, Loaded, Checking, Checked, Importing, Done };
    Q_ENUM(Stage)

    explicit ClientImport(QObject *parent = nullptr);

    AppContext *app() const { return m_app; }
    void setApp(AppContext *app);
    Stage stage() const { return m_stage; }
    QString fileName() const { return m_fileName; }
    QStringList headers() const { return m_headers; }
    QVariantList previewRows() const;
    int recordCount() const { return int(m_records.size()); }
    QStringList mapping() const { return m_mapping; }
    static QStringList fields();
    qreal progress() const { return m_progress; }
    QVariantMap summary() const { return m_summary; }
    QVariantList rowErrors() const { return m_rowErrors; }
    QString errorMessage() const { return m_error; }

    Q_INVOKABLE bool load(const QUrl &file);
    bool loadData(const QByteArray &csv, const QString &fileName);
    // Another column already mapped to the same field is left out.
    Q_INVOKABLE void setColumnField(int column, const QString &field);
    Q_INVOKABLE void check();   // the dry run
    Q_INVOKABLE void run();     // the import itself
    Q_INVOKABLE bool saveErrors(const QUrl &file);
    Q_INVOKABLE void reset();

    // The file as it is sent: the mapped columns under their field names, comma-separated.
    QByteArray mappedCsv() const;

signals:
    void appChanged();
    void stageChanged();
    void loadedChanged();
    void mappingChanged();
    void progressChanged();
    void resultChanged();
    void errorMessageChanged();
    void imported();   // run() succeeded

private:
    struct Record {
        int line = 0;   // of the loaded file, the header being line 1
        QStringList cells;
    };
    void send(bool dryRun);
    void setStage(Stage stage);
    void setError(const QString &error);
    void setProgress(qreal progress);

    QPointer<AppContext> m_app;
    Stage m_stage = Empty;
    QString m_fileName;
    QStringList m_headers;
    QList<Record> m_records;
    QStringList m_mapping;
    qreal m_progress = 0;
    QVariantMap m_summary;
    QVariantList m_rowErrors;
    QString m_error;
    quint64 m_generation = 0;   // a reset or a new file drops the answer of a request in flight
};
