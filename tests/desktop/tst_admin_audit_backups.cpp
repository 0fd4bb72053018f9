// The Audit log and Backups screens' controllers against the real server (SQLite and PostgreSQL),
// signed in through the app's own session: the audit list filtered by each of the server's filters,
// a bad date refused, a row's changes shown as from → to, and the CSV export streamed to a file
// (and audited); a backup made and followed to its end through the `notification` event, its
// archive downloaded with the server's bytes, a damaged archive's upload refused with the 422 shown
// and a good one kept, a restore after which the app carries on with the fresh login (or, for an
// account the backup does not hold, signs out with why), a delete; what a supervisor and an agent
// may see.
#include "AdminSections.h"
#include "AuditLogController.h"
#include "BackupsController.h"
#include "DesktopHarness.h"
#include "TestServer.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>

using namespace Qt::StringLiterals;

class tst_AdminAuditBackups : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void changeRows_data();
    void changeRows();
    void auditListAndFilters_data();
    void auditListAndFilters();
    void auditBadDate();
    void auditDetail();
    void auditExport();
    void backupCreateAndDownload();
    void missedEventCaughtUp();
    void uploadDamagedThenGood();
    void restoreCarriesOn();
    void restoreWithoutLoginSignsOut();
    void deleteBackup();
    void supervisorReadsAgentDoesNot();

private:
    static QDate today() { return QDateTime::currentDateTimeUtc().date(); }   // the server's dates are UTC
    // Every row the model holds once it has loaded `filters`.
    QList<QVariantMap> loadAudit(AuditLogController &audit, const QVariantMap &filters)
    {
        QSignalSpy loaded(audit.model(), &ResourceListModel::loaded);
        audit.model()->setFilters(filters);
        if (!loaded.wait(10000) && loaded.isEmpty())
            return {};
        QList<QVariantMap> rows;
        for (int row = 0; row < audit.model()->rowCount(); ++row)
            rows.append(audit.model()->get(row));
        return rows;
    }

    bool idle(ResourceController &c)
    {
        return QTest::qWaitFor([&] { return !c.busy(); }, 10000);
    }
    QJsonObject backupRow(qint64 id)
    {
        return m_server.request("GET", u"/v1/backups/%1"_s.arg(id), {}, m_adminToken).object();
    }

    TestServer m_server;
    QTemporaryDir m_dir;
    std::unique_ptr<AppContext> m_app;
    QByteArray m_adminToken;
    qint64 m_adminId = 0;
    qint64 m_clientId = 0;
    qint64 m_backupId = 0;   // a completed backup, made before the restores' changes
    QString m_archive;       // its download
};

void tst_AdminAuditBackups::initTestCase()
{
    QVERIFY(m_server.start());
    m_adminId = m_server.createUser(u"jefa@example.com"_s, u"correct horse 1"_s, u"admin"_s, u"active"_s, u"Jefa"_s,
                                    u"Admin"_s);
    m_server.createUser(u"super@example.com"_s, u"correct horse 2"_s, u"supervisor"_s, u"active"_s, u"Susana"_s,
                        u"Supervisora"_s);
    m_server.createUser(u"agente@example.com"_s, u"correct horse 3"_s, u"agent"_s, u"active"_s, u"Águeda"_s,
                        u"Agente"_s);
    m_adminToken = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    QVERIFY(!m_adminToken.isEmpty());
    // What the audit log then holds: a client created and edited by the admin, and an agent refused.
    const ApiResponse client =
        m_server.request("POST", u"/v1/clients"_s, {{u"phone_number"_s, u"+573001230001"_s}}, m_adminToken);
    QCOMPARE(client.status, 201);
    m_clientId = client.value(u"id"_s).toInteger();
    QCOMPARE(m_server
                 .request("PUT", u"/v1/clients/%1"_s.arg(m_clientId),
                          {{u"city"_s, u"Bogotá"_s}, {u"first_name"_s, u"Carla"_s}}, m_adminToken)
                 .status,
             200);
    const QByteArray agent = m_server.login(u"agente@example.com"_s, u"correct horse 3"_s);
    QCOMPARE(m_server.request("DELETE", u"/v1/clients/%1"_s.arg(m_clientId), {}, agent).status, 403);

    QVERIFY(m_dir.isValid());
    m_app = makeContext(m_dir.filePath(u"settings.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"jefa@example.com"_s, u"correct horse 1"_s));
}

void tst_AdminAuditBackups::cleanupTestCase()
{
    m_app.reset();
    m_server.stop();
}

void tst_AdminAuditBackups::changeRows_data()
{
    QTest::addColumn<QByteArray>("changes");
    QTest::addColumn<QVariantList>("rows");
    const auto row = [](const QString &field, const QString &from, const QString &to, bool pair) {
        return QVariantMap{{u"field"_s, field}, {u"from"_s, from}, {u"to"_s, to}, {u"pair"_s, pair}};
    };
    QTest::addRow("none") << QByteArray("null") << QVariantList();
    QTest::addRow("from-to") << QByteArray(R"({"city":{"from":null,"to":"Bogotá"},"max":{"from":3,"to":5}})")
                             << QVariantList{row(u"city"_s, u"(empty)"_s, u"Bogotá"_s, true),
                                             row(u"max"_s, u"3"_s, u"5"_s, true)};
    QTest::addRow("secret") << QByteArray(R"({"password":{"from":"***","to":"***"}})")
                            << QVariantList{row(u"password"_s, u"***"_s, u"***"_s, true)};
    QTest::addRow("list-and-flag") << QByteArray(R"({"tags":{"from":["a"],"to":["a","b"]},"on":{"to":true}})")
                                   << QVariantList{row(u"on"_s, u"(empty)"_s, u"true"_s, true),
                                                   row(u"tags"_s, u"[\"a\"]"_s, u"[\"a\",\"b\"]"_s, true)};
    // An export's row: what it was, not a change.
    QTest::addRow("export") << QByteArray(R"({"format":"csv","filters":{"action":"x"},"rows":12})")
                            << QVariantList{row(u"filters"_s, {}, u"{\"action\":\"x\"}"_s, false),
                                            row(u"format"_s, {}, u"csv"_s, false), row(u"rows"_s, {}, u"12"_s, false)};
}

void tst_AdminAuditBackups::changeRows()
{
    QFETCH(QByteArray, changes);
    QFETCH(QVariantList, rows);
    const QJsonValue value = QJsonDocument::fromJson("[" + changes + "]").array().at(0);
    QCOMPARE(AuditLogController::changeRows(value), rows);
}

void tst_AdminAuditBackups::auditListAndFilters_data()
{
    QTest::addColumn<QVariantMap>("filters");
    QTest::addColumn<QString>("action");   // every row's
    QTest::addColumn<int>("rows");         // -1: at least one

    // <client> and <admin> stand for the fixture's ids.
    QTest::addRow("action") << QVariantMap{{u"action"_s, u"client.update"_s}} << u"client.update"_s << 1;
    QTest::addRow("entity") << QVariantMap{{u"entity_type"_s, u"Client"_s}, {u"entity_id"_s, u"<client>"_s}}
                            << QString() << 3;
    QTest::addRow("refused") << QVariantMap{{u"success"_s, u"false"_s}} << u"client.delete"_s << 1;
    QTest::addRow("user") << QVariantMap{{u"user_id"_s, u"<admin>"_s}, {u"action"_s, u"client.create"_s}}
                          << u"client.create"_s << 1;
    QTest::addRow("today") << QVariantMap{{u"from_date"_s, today().toString(Qt::ISODate)},
                                          {u"action"_s, u"client.update"_s}}
                           << u"client.update"_s << 1;
    QTest::addRow("tomorrow") << QVariantMap{{u"from_date"_s, today().addDays(2).toString(Qt::ISODate)}} << QString()
                              << 0;
}

void tst_AdminAuditBackups::auditListAndFilters()
{
    QFETCH(QVariantMap, filters);
    QFETCH(QString, action);
    QFETCH(int, rows);
    for (auto it = filters.begin(); it != filters.end(); ++it) {
        if (it.value() == u"<client>"_s)
            it.value() = QString::number(m_clientId);
        else if (it.value() == u"<admin>"_s)
            it.value() = QString::number(m_adminId);
    }
    AuditLogController audit;
    QAbstractItemModelTester tester(audit.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    audit.setApp(m_app.get());
    QVERIFY(!audit.canCreate() && !audit.canUpdate() && !audit.canDelete());
    QVERIFY(audit.canExport());
    QTRY_VERIFY(audit.users().size() >= 3);   // the user filter's choices
    const QList<QVariantMap> got = loadAudit(audit, filters);
    QVERIFY2(audit.model()->errorMessage().isEmpty(), qPrintable(audit.model()->errorMessage()));
    QCOMPARE(got.size(), rows);
    QCOMPARE(audit.model()->total(), rows);
    for (const QVariantMap &row : got) {
        if (!action.isEmpty())
            QCOMPARE(row.value(u"action"_s).toString(), action);
        if (filters.contains(u"entity_id"_s))
            QCOMPARE(row.value(u"entity_id"_s).toLongLong(), m_clientId);
    }
}

void tst_AdminAuditBackups::auditBadDate()
{
    AuditLogController audit;
    audit.setApp(m_app.get());
    audit.model()->setFilters({{u"from_date"_s, u"14/11/2025"_s}});
    QTRY_VERIFY(!audit.model()->errorMessage().isEmpty());
    QCOMPARE(audit.model()->rowCount(), 0);
    // The dates in the wrong order: refused as well.
    audit.model()->setFilters({{u"from_date"_s, u"2025-11-14"_s}, {u"to_date"_s, u"2025-11-01"_s}});
    QTRY_VERIFY(!audit.model()->busy());
    QVERIFY(!audit.model()->errorMessage().isEmpty());
}

void tst_AdminAuditBackups::auditDetail()
{
    AuditLogController audit;
    audit.setApp(m_app.get());
    const QList<QVariantMap> got = loadAudit(audit, {{u"action"_s, u"client.update"_s}});
    QCOMPARE(got.size(), 1);
    QSignalSpy itemChanged(&audit, &ResourceController::itemChanged);
    audit.show(0);
    QCOMPARE(itemChanged.size(), 1);
    QCOMPARE(audit.itemId(), got.at(0).value(u"id"_s).toLongLong());
    QCOMPARE(audit.item().value(u"user"_s).toMap().value(u"first_name"_s).toString(), u"Jefa"_s);
    QVariantMap byField;
    for (const QVariant &c : audit.changes())
        byField.insert(c.toMap().value(u"field"_s).toString(), c);
    QCOMPARE(byField.keys(), (QStringList{u"city"_s, u"first_name"_s}));
    const QVariantMap city = byField.value(u"city"_s).toMap();
    QCOMPARE(city.value(u"from"_s).toString(), u"(empty)"_s);
    QCOMPARE(city.value(u"to"_s).toString(), u"Bogotá"_s);
    QVERIFY(city.value(u"pair"_s).toBool());
}

void tst_AdminAuditBackups::auditExport()
{
    AuditLogController audit;
    audit.setApp(m_app.get());
    QSignalSpy exported(&audit, &AuditLogController::exported);
    QSignalSpy progress(audit.download(), &FileDownload::progressChanged);
    loadAudit(audit, {{u"entity_type"_s, u"Client"_s}, {u"entity_id"_s, QString::number(m_clientId)}});
    QCOMPARE(audit.model()->total(), 3);
    const QString file = m_dir.filePath(u"auditoria.csv"_s);
    const qint64 mark = m_server.auditMark();
    audit.exportTo(QUrl::fromLocalFile(file));
    QVERIFY(audit.download()->active());
    QTRY_COMPARE(exported.size(), 1);
    QVERIFY(!audit.download()->active());
    QVERIFY2(audit.errorMessage().isEmpty(), qPrintable(audit.errorMessage()));
    QCOMPARE(exported.at(0).at(1).toInt(), 3);
    QCOMPARE(audit.notice(), u"Exported to %1 (rows: 3)"_s.arg(file));
    QFile csv(file);
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const QByteArray bytes = csv.readAll();
    QVERIFY(bytes.startsWith("\xEF\xBB\xBFid,created_at,user_id,user_name,action,entity_type,entity_id,success,"));
    QCOMPARE(bytes.count("\r\n"), 4);   // the header and three rows
    QVERIFY(bytes.contains(",client.update,Client,"));
    QVERIFY(bytes.contains(",client.delete,Client,"));
    // The bytes as they came: the bar's figures end at the file's size.
    QVERIFY(!progress.isEmpty());
    QCOMPARE(audit.download()->bytesReceived(), qint64(bytes.size()));
    // The export leaves its own row, with the filters it was given.
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"audit.export"_s, mark);
    QCOMPARE(rows.size(), 1);
    const QJsonObject changes = rows.at(0).value(u"changes"_s).toObject();
    QCOMPARE(changes.value(u"rows"_s).toInt(), 3);
    QCOMPARE(changes.value(u"filters"_s).toObject().value(u"entity_type"_s).toString(), u"Client"_s);

    // A file that cannot be written: said, nothing exported, nothing left behind.
    audit.exportTo(QUrl::fromLocalFile(m_dir.filePath(u"no/such/dir/x.csv"_s)));
    QTRY_VERIFY(!audit.errorMessage().isEmpty());
    QVERIFY(!audit.download()->active());
    QCOMPARE(exported.size(), 1);

    // A refused export (a bad date) writes no file.
    audit.model()->setFilters({{u"from_date"_s, u"ayer"_s}});
    const QString refused = m_dir.filePath(u"refused.csv"_s);
    audit.exportTo(QUrl::fromLocalFile(refused));
    QTRY_VERIFY(!audit.download()->active());
    QVERIFY(!audit.errorMessage().isEmpty());
    QVERIFY(!QFile::exists(refused));
}

void tst_AdminAuditBackups::backupCreateAndDownload()
{
    BackupsController backups;
    QAbstractItemModelTester tester(backups.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    backups.setApp(m_app.get());
    QVERIFY(backups.canCreate() && backups.canRestore() && backups.canDelete());
    QVERIFY(!backups.canUpdate());
    QSignalSpy finished(&backups, &BackupsController::finished);
    const qint64 mark = m_server.auditMark();
    qint64 id = 0;   // what the 201 said; the event may end it within the same poll
    connect(&backups, &BackupsController::stateChanged, this, [&] {
        if (backups.creating())
            id = backups.creatingId();
    });
    backups.create();
    // 201 at once, in progress; then the server's event, not a poll, ends it.
    QVERIFY(finished.wait(60000) || !finished.isEmpty());
    QVERIFY2(id > 0, qPrintable(backups.errorMessage()));
    QCOMPARE(finished.at(0).at(0).toLongLong(), id);
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(backups.errorMessage()));
    QVERIFY(!backups.creating());
    QCOMPARE(backups.notice(), u"The backup has finished."_s);   // the event's message_en: the app is in English
    QTRY_VERIFY(backups.model()->rowOf(id) >= 0);
    QTRY_COMPARE(backups.model()->get(backups.model()->rowOf(id)).value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(m_server.auditRowsSince(u"backup.create"_s, mark).size(), 1);
    QTRY_COMPARE(m_server.auditRowsSince(u"backup.completed"_s, mark).size(), 1);

    // The status filter.
    QSignalSpy loaded(backups.model(), &ResourceListModel::loaded);
    backups.model()->setFilters({{u"status"_s, u"failed"_s}});
    QVERIFY(loaded.wait(10000));
    QCOMPARE(backups.model()->rowCount(), 0);
    backups.model()->setFilters({{u"status"_s, u"completed"_s}});
    QVERIFY(loaded.wait(10000));
    QCOMPARE(backups.model()->rowOf(id) >= 0, true);

    // The download: the server's archive, byte for byte, with its progress.
    backups.open(id);
    QTRY_COMPARE(backups.itemId(), id);
    QSignalSpy downloaded(&backups, &BackupsController::downloaded);
    QSignalSpy progress(backups.download(), &FileDownload::progressChanged);
    m_archive = m_dir.filePath(u"copia.zip"_s);
    const qint64 downloadMark = m_server.auditMark();
    backups.downloadTo(id, QUrl::fromLocalFile(m_archive));
    QVERIFY(backups.download()->active());
    QTRY_COMPARE_WITH_TIMEOUT(downloaded.size(), 1, 30000);
    QVERIFY2(backups.errorMessage().isEmpty(), qPrintable(backups.errorMessage()));
    QFile file(m_archive);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    const QJsonObject row = backupRow(id);
    QCOMPARE(qint64(bytes.size()), row.value(u"size_bytes"_s).toInteger());
    QCOMPARE(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex(),
             row.value(u"sha256"_s).toString().toLatin1());
    QVERIFY(!progress.isEmpty());
    QCOMPARE(backups.download()->bytesReceived(), qint64(bytes.size()));
    QCOMPARE(backups.download()->bytesTotal(), qint64(bytes.size()));
    QCOMPARE(m_server.auditRowsSince(u"backup.download"_s, downloadMark).size(), 1);

    // A backup that is not there: the server's 404, no file.
    const QString missing = m_dir.filePath(u"missing.zip"_s);
    backups.downloadTo(id + 1000, QUrl::fromLocalFile(missing));
    QTRY_VERIFY(!backups.errorMessage().isEmpty());
    QVERIFY(!QFile::exists(missing));
    m_backupId = id;
}

// The event sent while the socket was down is lost: connecting again catches up once, through REST.
void tst_AdminAuditBackups::missedEventCaughtUp()
{
    BackupsController backups;
    backups.setApp(m_app.get());
    QSignalSpy finished(&backups, &BackupsController::finished);
    m_app->socket().close();
    backups.create();
    QTRY_VERIFY(backups.creating());
    const qint64 id = backups.creatingId();
    QTRY_VERIFY_WITH_TIMEOUT(backupRow(id).value(u"status"_s).toString() == u"completed"_s, 60000);
    QTest::qWait(200);
    QVERIFY(backups.creating());   // no event came, and nothing polled
    QCOMPARE(finished.size(), 0);
    m_app->socket().open(m_app->api().baseUrl(), m_app->api().accessToken());
    QTRY_COMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toLongLong(), id);
    QVERIFY(finished.at(0).at(1).toBool());
    QVERIFY(!backups.creating());
    QCOMPARE(backups.notice(), u"The backup has been completed"_s);
    QVERIFY(
        QTest::qWaitFor([&] { return m_app->socket().state() == Conversa::SocketIoClient::State::Connected; }, 10000));
    // Not wanted by the next tests.
    QCOMPARE(m_server.request("DELETE", u"/v1/backups/%1"_s.arg(id), {}, m_adminToken).status, 204);
}

void tst_AdminAuditBackups::uploadDamagedThenGood()
{
    QVERIFY(!m_archive.isEmpty());
    BackupsController backups;
    backups.setApp(m_app.get());
    QSignalSpy uploaded(&backups, &BackupsController::uploaded);
    const qint64 before = m_server.count(u"backups"_s);

    // The archive with its last bytes changed: refused as a 422 on `archive`, shown, not kept.
    QFile good(m_archive);
    QVERIFY(good.open(QIODevice::ReadOnly));
    QByteArray damaged = good.readAll();
    for (qsizetype i = damaged.size() / 2; i < damaged.size() / 2 + 64; ++i)
        damaged[i] = char(damaged[i] ^ 0x5a);
    const QString damagedPath = m_dir.filePath(u"damaged.zip"_s);
    QFile out(damagedPath);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(damaged);
    out.close();
    const qint64 mark = m_server.auditMark();
    backups.upload(QUrl::fromLocalFile(damagedPath));
    QVERIFY(backups.uploading());
    QTRY_VERIFY_WITH_TIMEOUT(!backups.uploading(), 30000);
    QVERIFY(!backups.errorMessage().isEmpty());
    QVERIFY2(!backups.errors()->of(u"archive"_s).isEmpty(), qPrintable(backups.errors()->fields().keys().join(u',')));
    QCOMPARE(uploaded.size(), 0);
    QCOMPARE(m_server.count(u"backups"_s), before);
    const QList<QJsonObject> refused = m_server.auditRowsSince(u"backup.upload"_s, mark);
    QCOMPARE(refused.size(), 1);
    QVERIFY(!refused.at(0).value(u"success"_s).toBool());

    // The archive as downloaded: checked, kept, ready to restore.
    backups.upload(QUrl::fromLocalFile(m_archive));
    QTRY_COMPARE_WITH_TIMEOUT(uploaded.size(), 1, 30000);
    QVERIFY2(backups.errorMessage().isEmpty(), qPrintable(backups.errorMessage()));
    QVERIFY(backups.errors()->isEmpty());
    QCOMPARE(backups.uploadProgress(), 1.0);
    const QJsonObject row = backupRow(uploaded.at(0).at(0).toLongLong());
    QCOMPARE(row.value(u"origin"_s).toString(), u"upload"_s);
    QCOMPARE(row.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(row.value(u"sha256"_s).toString(), backupRow(m_backupId).value(u"sha256"_s).toString());

    // Not a file at all.
    backups.upload(QUrl::fromLocalFile(m_dir.filePath(u"nothing-here.zip"_s)));
    QVERIFY(!backups.errorMessage().isEmpty());
    QVERIFY(!backups.uploading());
}

void tst_AdminAuditBackups::restoreCarriesOn()
{
    QVERIFY(m_backupId > 0);
    // Made after the backup: the restore takes it away.
    const ApiResponse later =
        m_server.request("POST", u"/v1/clients"_s, {{u"phone_number"_s, u"+573009990001"_s}}, m_adminToken);
    QCOMPARE(later.status, 201);
    BackupsController backups;
    backups.setApp(m_app.get());
    QTRY_VERIFY(backups.model()->rowOf(m_backupId) >= 0);
    const QByteArray oldAccess = m_app->api().accessToken();
    QSignalSpy restored(&backups, &BackupsController::restored);
    QSignalSpy signedOut(m_app->session(), &SessionController::signedOut);
    QSignalSpy reconnected(&m_app->socket(), &Conversa::SocketIoClient::reconnected);
    backups.restore(m_backupId);
    QVERIFY(backups.restoring());
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 60000);
    QVERIFY2(backups.errorMessage().isEmpty(), qPrintable(backups.errorMessage()));
    QVERIFY(restored.at(0).at(0).toBool());
    // Carrying on: still signed in, with the new login, its socket open again.
    QCOMPARE(m_app->session()->stage(), SessionController::SignedIn);
    QCOMPARE(signedOut.size(), 0);
    QVERIFY(m_app->api().accessToken() != oldAccess);
    QTRY_VERIFY_WITH_TIMEOUT(m_app->socket().state() == Conversa::SocketIoClient::State::Connected, 15000);
    // As a reconnection: the screens that follow it (inbox, dashboard) fetch the restored data.
    QTRY_VERIFY(!reconnected.isEmpty());
    QTRY_COMPARE(m_app->session()->userName(), u"Jefa Admin"_s);
    QVERIFY(m_app->session()->permissions().contains(u"backups.restore"_s));
    // The old login is over; the new one works for every screen.
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, m_adminToken).status, 401);
    m_adminToken = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    QCOMPARE(m_server.count(u"clients"_s, u"phone_number = '+573009990001'"_s), 0);
    backups.model()->refresh();
    QTRY_VERIFY(!backups.model()->busy());
    QVERIFY2(backups.model()->errorMessage().isEmpty(), qPrintable(backups.model()->errorMessage()));
    QVERIFY(backups.model()->rowOf(m_backupId) >= 0);   // the catalog is this machine's
    QVERIFY(!m_server.auditRows(u"backup.restore"_s).isEmpty());
}

void tst_AdminAuditBackups::restoreWithoutLoginSignsOut()
{
    // An administrator the backup does not know: the restored data has no login for them.
    m_server.createUser(u"nueva@example.com"_s, u"correct horse 4"_s, u"admin"_s, u"active"_s, u"Nueva"_s, u"Admin"_s);
    QTemporaryDir dir;
    auto app = makeContext(dir.filePath(u"n.ini"_s), uniqueService());
    app->setLanguage(u"en"_s);
    QVERIFY(signIn(*app, m_server.baseUrl(), u"nueva@example.com"_s, u"correct horse 4"_s));
    BackupsController backups;
    backups.setApp(app.get());
    QSignalSpy restored(&backups, &BackupsController::restored);
    QSignalSpy signedOut(app->session(), &SessionController::signedOut);
    backups.restore(m_backupId);
    QTRY_COMPARE_WITH_TIMEOUT(restored.size(), 1, 60000);
    QVERIFY(!restored.at(0).at(0).toBool());
    QCOMPARE(signedOut.size(), 1);
    QCOMPARE(app->session()->stage(), SessionController::SignedOut);
    QCOMPARE(app->session()->errorMessage(),
             u"The backup has been restored and every session has ended. Sign in again with an account of the "
             "restored data."_s);
    QVERIFY(app->api().accessToken().isEmpty());
    QCOMPARE(m_server.count(u"users"_s, u"email = 'nueva@example.com'"_s), 0);
    // The other app's login was ended too: the next tests sign in afresh.
    m_adminToken = m_server.login(u"jefa@example.com"_s, u"correct horse 1"_s);
    QVERIFY(!m_adminToken.isEmpty());
    m_app.reset();
    m_app = makeContext(m_dir.filePath(u"settings-2.ini"_s), uniqueService());
    m_app->setLanguage(u"en"_s);
    QVERIFY(signIn(*m_app, m_server.baseUrl(), u"jefa@example.com"_s, u"correct horse 1"_s));
}

void tst_AdminAuditBackups::deleteBackup()
{
    BackupsController backups;
    backups.setApp(m_app.get());
    QTRY_VERIFY(backups.model()->rowOf(m_backupId) >= 0);
    QSignalSpy removed(&backups, &ResourceController::removed);
    const qint64 mark = m_server.auditMark();
    backups.remove(m_backupId);
    QTRY_COMPARE(removed.size(), 1);
    QVERIFY(idle(backups));
    QCOMPARE(backups.model()->rowOf(m_backupId), -1);
    QCOMPARE(m_server.request("GET", u"/v1/backups/%1"_s.arg(m_backupId), {}, m_adminToken).status, 404);
    QCOMPARE(m_server.auditRowsSince(u"backup.delete"_s, mark).size(), 1);
    // Again: the server's 404, shown.
    backups.remove(m_backupId);
    QTRY_VERIFY(!backups.errorMessage().isEmpty());
}

void tst_AdminAuditBackups::supervisorReadsAgentDoesNot()
{
    QTemporaryDir dir;
    auto supervisor = makeContext(dir.filePath(u"s.ini"_s), uniqueService());
    supervisor->setLanguage(u"en"_s);
    QVERIFY(signIn(*supervisor, m_server.baseUrl(), u"super@example.com"_s, u"correct horse 2"_s));
    QVERIFY(AdminSections::keysFor(supervisor->session()->permissions()).contains(u"audit"_s));
    AuditLogController audit;
    audit.setApp(supervisor.get());
    QVERIFY(!audit.canExport());   // audit.export is the administrators'
    QTRY_VERIFY(audit.model()->total() > 0);
    // Backups are the administrators' alone: no section, no action.
    QVERIFY(!AdminSections::keysFor(supervisor->session()->permissions()).contains(u"backups"_s));
    BackupsController backups;
    backups.setApp(supervisor.get());
    QVERIFY(!backups.canCreate() && !backups.canRestore() && !backups.canDelete());
    QTRY_VERIFY(!backups.model()->errorMessage().isEmpty());   // had it been shown, the server refuses

    auto agent = makeContext(dir.filePath(u"a.ini"_s), uniqueService());
    QVERIFY(signIn(*agent, m_server.baseUrl(), u"agente@example.com"_s, u"correct horse 3"_s));
    QVERIFY(!AdminSections::keysFor(agent->session()->permissions()).contains(u"audit"_s));
    // Had a screen asked anyway, the server refuses.
    AuditLogController refused;
    refused.setApp(agent.get());
    QTRY_VERIFY(!refused.model()->errorMessage().isEmpty());
    QCOMPARE(refused.model()->rowCount(), 0);
}

QTEST_MAIN(tst_AdminAuditBackups)
#include "tst_admin_audit_backups.moc"
