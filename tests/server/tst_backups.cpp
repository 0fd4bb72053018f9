// Backups (seed §13, docs/BACKUPS.md): archives written in the background and checked before they
// count, streamed downloads, restores that replace everything or nothing, damaged and hostile
// archives refused, uploads to a fresh server, the CLI, permissions and audit rows — on both engines.
#include "ServerProcess.h"
#include "TestServer.h"

#include "app/BackupScheduler.h"
#include "config/ServerConfig.h"
#include "domain/BackupArchive.h"
#include "domain/BackupService.h"
#include "store/BackupDump.h"
#include "store/BackupStore.h"
#include "store/Database.h"

#include <Conversa/realtime/SocketIoClient.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QSignalSpy>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <sys/stat.h>
#include <zip.h>

#include <atomic>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QByteArray kBoundary = "----conversa-backup-test-boundary";
const QString kAdminEmail = u"backup-admin@example.test"_s;
const QString kAdminPassword = u"backup-password-1"_s;
// realtime_events rows are the tests' data: dated in 2100, so the PostgreSQL relay's clean-up of
// old events leaves them alone.
constexpr qint64 kFuture = 4102444800;

struct ZipEntry {
    QString name;
    QByteArray bytes;
    bool symlink = false;
};

QList<ZipEntry> readZip(const QByteArray &archive)
{
    QList<ZipEntry> out;
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t *source = zip_source_buffer_create(archive.constData(), zip_uint64_t(archive.size()), 0, &error);
    zip_t *zip = source ? zip_open_from_source(source, ZIP_RDONLY, &error) : nullptr;
    if (!zip) {
        if (source)
            zip_source_free(source);
        return out;
    }
    for (zip_int64_t i = 0; i < zip_get_num_entries(zip, 0); ++i) {
        zip_stat_t st;
        zip_stat_index(zip, zip_uint64_t(i), 0, &st);
        QByteArray bytes(qsizetype(st.size), Qt::Uninitialized);
        zip_file_t *f = zip_fopen_index(zip, zip_uint64_t(i), 0);
        zip_fread(f, bytes.data(), st.size);
        zip_fclose(f);
        out.append({QString::fromUtf8(st.name), bytes, false});
    }
    zip_close(zip);
    return out;
}

QByteArray writeZip(const QList<ZipEntry> &entries)
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"a.zip"_s);
    int error = 0;
    zip_t *zip = zip_open(QFile::encodeName(path).constData(), ZIP_CREATE | ZIP_TRUNCATE, &error);
    for (const ZipEntry &e : entries) {
        zip_source_t *s = zip_source_buffer(zip, e.bytes.constData(), zip_uint64_t(e.bytes.size()), 0);
        const zip_int64_t index =
            zip_file_add(zip, e.name.toUtf8().constData(), s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
        if (e.symlink)
            zip_file_set_external_attributes(zip, zip_uint64_t(index), 0, ZIP_OPSYS_UNIX, (0120777u) << 16);
    }
    zip_close(zip);
    QFile f(path);
    f.open(QIODevice::ReadOnly);
    return f.readAll();
}

QByteArray sha256Hex(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
}

QJsonObject manifestOf(const QList<ZipEntry> &entries)
{
    for (const ZipEntry &e : entries) {
        if (e.name == "manifest.json"_L1)
            return QJsonDocument::fromJson(e.bytes).object();
    }
    return {};
}

// Entries plus a manifest that describes them truthfully (sizes and hashes), from `base`'s header.
QList<ZipEntry> withManifest(QList<ZipEntry> entries, QJsonObject manifest)
{
    entries.removeIf([](const ZipEntry &e) { return e.name == "manifest.json"_L1; });
    QJsonArray list;
    for (const ZipEntry &e : entries)
        list.append(QJsonObject{{u"path"_s, e.name},
                                {u"size"_s, e.bytes.size()},
                                {u"sha256"_s, QString::fromLatin1(sha256Hex(e.bytes))}});
    manifest.insert(u"entries"_s, list);
    entries.append({u"manifest.json"_s, QJsonDocument(manifest).toJson(), false});
    return entries;
}

QByteArray multipartFile(const QByteArray &bytes, const QByteArray &filename = "backup.zip")
{
    return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename +
        "\"\r\nContent-Type: application/zip\r\n\r\n" + bytes + "\r\n--" + kBoundary + "--\r\n";
}

QByteArray pngBytes()
{
    return QByteArray::fromBase64(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
}

}   // namespace

class tst_Backups : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void createCompletesAndDownloads();
    void notificationReachesWhoAsked();
    void failedBackupLeavesNothing();
    void listFiltersAndPages();
    void createValidation();
    void permissions_data();
    void permissions();
    void notFound();
    void deleteRemovesArchive();
    void damagedArchivesAreRefused_data();
    void damagedArchivesAreRefused();
    void damagedArchiveOnDiskIsNotRestored();
    void restoreReplacesEverything();
    void olderArchiveIsMigrated();
    void failureHalfWayChangesNothing();
    void backupWhileWritingRestoresCommittedData();
    void restoreOnFreshServerByUpload();
    void cliCreateVerifyRestore();
    void scheduledBackupsRunOnceAndPrune();
    void scheduledOnceAcrossTwoServers();
    void restoreSeenByAnotherServer();
    void sweepFailsOnlyBackupsWithoutAWriter();
    void uploadOverTheLimit();
    void scheduleSetting_data();
    void scheduleSetting();

private:
    qint64 createBackup(const QByteArray &token);
    QJsonObject waitForBackup(qint64 id);
    QByteArray download(qint64 id);
    QString tableDigest(Database &db, const QString &table);
    QStringList tables(Database &db);
    QHash<QString, QString> digests(Database &db);
    ApiResponse upload(TestServer &server, const QByteArray &archive, const QByteArray &token);
    qint64 uploadFile(const QByteArray &token);
    void insertEvents(int from, int to);
    // An archive of `source`'s database as the server writes one, after `alter` ran on the dump file.
    QByteArray archiveOf(TestServer &source, const std::function<void(const QString &)> &alter = {});

    TestServer m_server;
    QByteArray m_admin;
    qint64 m_adminId = 0;
    QByteArray m_supervisor;
    QByteArray m_good;   // a completed archive of this server
};

void tst_Backups::initTestCase()
{
    QVERIFY(m_server.start());
    m_adminId = m_server.createUser(kAdminEmail, kAdminPassword, u"admin"_s);
    m_admin = m_server.login(kAdminEmail, kAdminPassword);
    QVERIFY(!m_admin.isEmpty());
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
    QVERIFY(!m_supervisor.isEmpty());
    insertEvents(0, 50);
    QVERIFY(uploadFile(m_admin) > 0);
}

void tst_Backups::insertEvents(int from, int to)
{
    Transaction tx(m_server.db());
    for (int i = from; i < to; ++i) {
        SqlQuery q(m_server.db(), "INSERT INTO realtime_events (body, created_at) VALUES (?, ?)",
                   {u"event-%1"_s.arg(i), kFuture + i});
        QVERIFY(q.exec());
    }
    QVERIFY(tx.commit());
}

qint64 tst_Backups::uploadFile(const QByteArray &token)
{
    const ApiResponse r = m_server.requestRaw("POST", u"/v1/files"_s, multipartFile(pngBytes(), "pixel.png"),
                                              "multipart/form-data; boundary=" + kBoundary, token);
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

qint64 tst_Backups::createBackup(const QByteArray &token)
{
    const ApiResponse r = m_server.request("POST", u"/v1/backups"_s,
                                           {{u"backup_type"_s, u"full"_s}, {u"storage_location"_s, u"local"_s}}, token);
    if (r.status != 201)
        qWarning("POST /v1/backups: %d %s", r.status, r.body.constData());
    return r.status == 201 ? r.value(u"id"_s).toInteger() : 0;
}

QJsonObject tst_Backups::waitForBackup(qint64 id)
{
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 60000) {
        const ApiResponse r = m_server.request("GET", u"/v1/backups/%1"_s.arg(id), {}, m_admin);
        if (r.status == 200 && r.value(u"status"_s).toString() != "in_progress"_L1)
            return r.object();
        QTest::qWait(50);
    }
    return {};
}

QByteArray tst_Backups::download(qint64 id)
{
    const ApiResponse r = m_server.request("GET", u"/v1/backups/%1/download"_s.arg(id), {}, m_admin);
    return r.status == 200 ? r.body : QByteArray();
}

ApiResponse tst_Backups::upload(TestServer &server, const QByteArray &archive, const QByteArray &token)
{
    return server.requestRaw("POST", u"/v1/backups/upload"_s, multipartFile(archive),
                             "multipart/form-data; boundary=" + kBoundary, token);
}

QStringList tst_Backups::tables(Database &db)
{
    const char *sql = db.dialect() == SqlDialect::Sqlite
        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        : "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename";
    SqlQuery q(db, sql);
    QStringList out;
    if (q.exec()) {
        while (q.next())
            out.append(q.string(0));
    }
    return out;
}

// Row count and a SHA-256 of every value, rows in primary-key order.
QString tst_Backups::tableDigest(Database &db, const QString &table)
{
    QSqlQuery q(db.connection());
    if (!q.exec(u"SELECT * FROM "_s + table + u" ORDER BY 1"_s))
        return u"error"_s;
    // Rows sorted as text: tables without a one-column key come back in any order.
    QList<QByteArray> rows;
    while (q.next()) {
        QByteArray row;
        for (int i = 0; i < q.record().count(); ++i)
            row += q.value(i).toString().toUtf8() + '\x1f';
        rows.append(row);
    }
    std::sort(rows.begin(), rows.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QByteArray &row : rows)
        hash.addData(QByteArray(row + '\x1e'));
    return QString::number(rows.size()) + u':' + QString::fromLatin1(hash.result().toHex());
}

// Every table's digest except the ones a restore itself writes (logins, audit, the catalog).
// The tables whose digests differ, for a readable failure.
static QStringList differing(const QHash<QString, QString> &a, const QHash<QString, QString> &b)
{
    QStringList out;
    for (auto it = a.begin(); it != a.end(); ++it) {
        if (b.value(it.key()) != it.value())
            out.append(it.key() + u' ' + it.value().left(12) + u" != "_s + b.value(it.key()).left(12));
    }
    for (auto it = b.begin(); it != b.end(); ++it) {
        if (!a.contains(it.key()))
            out.append(it.key() + u" only after"_s);
    }
    return out;
}

QHash<QString, QString> tst_Backups::digests(Database &db)
{
    static const QStringList restoreWrites = {u"auth_sessions"_s, u"refresh_tokens"_s,  u"audit_logs"_s,
                                              u"backups"_s,       u"backup_schedule"_s, u"users"_s,
                                              u"user_counts"_s,   u"login_attempts"_s,  u"access_token_denylist"_s};
    QHash<QString, QString> out;
    for (const QString &t : tables(db)) {
        if (!restoreWrites.contains(t) && !t.startsWith("users_fts"_L1))   // the users' search index goes with users
            out.insert(t, tableDigest(db, t));
    }
    return out;
}

void tst_Backups::createCompletesAndDownloads()
{
    const qint64 mark = m_server.auditMark();
    const ApiResponse created =
        m_server.request("POST", u"/v1/backups"_s, {{u"backup_type"_s, u"full"_s}, {u"storage_location"_s, u"local"_s}},
                         m_admin);
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    QVERIFY(id > 0);
    QCOMPARE(created.value(u"backup_type"_s).toString(), u"full"_s);
    QCOMPARE(created.value(u"status"_s).toString(), u"in_progress"_s);
    QVERIFY(created.value(u"started_at"_s).toString().endsWith(u'Z'));
    QCOMPARE(created.value(u"message"_s).toString(), u"Backup iniciado. Recibirás una notificación al finalizar."_s);

    const QJsonObject done = waitForBackup(id);
    QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
    QVERIFY(done.value(u"size_bytes"_s).toInteger() > 0);
    QVERIFY(!done.value(u"finished_at"_s).toString().isEmpty());
    QCOMPARE(done.value(u"engine"_s).toString(), TestServer::engine());
    QVERIFY(done.value(u"schema_version"_s).toInt() >= 30);
    QVERIFY(done.value(u"error"_s).isNull());

    // The download: the whole .zip, streamed, its hash the catalog's.
    const ApiResponse file = m_server.request("GET", u"/v1/backups/%1/download"_s.arg(id), {}, m_admin);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.header("Content-Type"), QByteArray("application/zip"));
    QCOMPARE(file.header("Content-Length").toLongLong(), done.value(u"size_bytes"_s).toInteger());
    QVERIFY(file.header("Content-Disposition").contains(done.value(u"file_name"_s).toString().toLatin1()));
    QCOMPARE(sha256Hex(file.body), done.value(u"sha256"_s).toString().toLatin1());
    m_good = file.body;

    // Its manifest names every entry with its size and SHA-256: the database and the uploaded file.
    const QList<ZipEntry> entries = readZip(file.body);
    const QJsonObject manifest = manifestOf(entries);
    QCOMPARE(manifest.value(u"format"_s).toString(), u"conversa-backup"_s);
    QCOMPARE(manifest.value(u"format_version"_s).toInt(), 1);
    QCOMPARE(manifest.value(u"engine"_s).toString(), TestServer::engine());
    QCOMPARE(manifest.value(u"schema_version"_s).toInt(), done.value(u"schema_version"_s).toInt());
    QVERIFY(manifest.value(u"created_at"_s).toString().endsWith(u'Z'));
    QVERIFY(!manifest.value(u"server_version"_s).toString().isEmpty());
    const QJsonArray listed = manifest.value(u"entries"_s).toArray();
    QCOMPARE(listed.size(), entries.size() - 1);
    bool hasDatabase = false;
    bool hasFile = false;
    for (const QJsonValue &v : listed) {
        const QJsonObject e = v.toObject();
        const auto it = std::find_if(entries.begin(), entries.end(),
                                     [&](const ZipEntry &z) { return z.name == e.value(u"path"_s).toString(); });
        QVERIFY(it != entries.end());
        QCOMPARE(e.value(u"size"_s).toInteger(), it->bytes.size());
        QCOMPARE(e.value(u"sha256"_s).toString().toLatin1(), sha256Hex(it->bytes));
        hasDatabase = hasDatabase || it->name.startsWith("database/"_L1);
        hasFile = hasFile || (it->name.startsWith("files/"_L1) && it->bytes == pngBytes());
    }
    QVERIFY(hasDatabase);
    QVERIFY(hasFile);
    // Only the server's user may read the archives.
    const QString archivePath = m_server.dataDir() + u"/backups/"_s + done.value(u"file_name"_s).toString();
    QVERIFY(!(QFile::permissions(archivePath) & (QFile::ReadOther | QFile::ReadGroup)));
    QVERIFY(!(QFile::permissions(m_server.dataDir() + u"/backups"_s) & (QFile::ReadOther | QFile::ExeOther)));
    // Nothing half-written is left beside the archives.
    const QStringList leftovers =
        QDir(m_server.dataDir() + u"/backups"_s).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot);
    QCOMPARE(leftovers.filter(u".zip"_s).size(), leftovers.size());

    // Audited: the request, then how it ended.
    const QList<QJsonObject> create = m_server.auditRowsSince(u"backup.create"_s, mark);
    QCOMPARE(create.size(), 1);
    QCOMPARE(create[0].value(u"user_id"_s).toInteger(), m_adminId);
    QCOMPARE(create[0].value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(create[0].value(u"success"_s).toBool(), true);
    QTRY_COMPARE(m_server.auditRowsSince(u"backup.completed"_s, mark).size(), 1);
    QCOMPARE(m_server.auditRowsSince(u"backup.completed"_s, mark)[0].value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(m_server.auditRowsSince(u"backup.download"_s, mark).size(), 1);
}

void tst_Backups::notificationReachesWhoAsked()
{
    Conversa::SocketIoClient admin;
    Conversa::SocketIoClient supervisor;
    QList<QJsonObject> adminEvents;
    QList<QJsonObject> supervisorEvents;
    connect(&admin, &Conversa::SocketIoClient::event, this, [&](const QString &name, const QJsonValue &p) {
        if (name == "notification"_L1)
            adminEvents.append(p.toObject());
    });
    connect(&supervisor, &Conversa::SocketIoClient::event, this, [&](const QString &name, const QJsonValue &p) {
        if (name == "notification"_L1)
            supervisorEvents.append(p.toObject());
    });
    QSignalSpy adminUp(&admin, &Conversa::SocketIoClient::connected);
    QSignalSpy supervisorUp(&supervisor, &Conversa::SocketIoClient::connected);
    admin.open(m_server.baseUrl(), m_admin);
    supervisor.open(m_server.baseUrl(), m_supervisor);
    QTRY_COMPARE(adminUp.size(), 1);
    QTRY_COMPARE(supervisorUp.size(), 1);

    const qint64 id = createBackup(m_admin);
    QTRY_COMPARE_WITH_TIMEOUT(adminEvents.size(), 1, 30000);
    const QJsonObject event = adminEvents.first();
    QCOMPARE(event.value(u"type"_s).toString(), u"backup.completed"_s);
    QCOMPARE(event.value(u"backup_id"_s).toInteger(), id);
    QCOMPARE(event.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(event.value(u"message"_s).toString(), u"El backup ha finalizado."_s);
    QCOMPARE(event.value(u"message_en"_s).toString(), u"The backup has finished."_s);
    const QJsonObject backup = event.value(u"backup"_s).toObject();
    QCOMPARE(backup.value(u"id"_s).toInteger(), id);
    QCOMPARE(backup.value(u"status"_s).toString(), u"completed"_s);
    QVERIFY(backup.value(u"size_bytes"_s).toInteger() > 0);
    QTest::qWait(200);
    QCOMPARE(supervisorEvents.size(), 0);   // only to whoever asked
    admin.close();
    supervisor.close();
}

void tst_Backups::failedBackupLeavesNothing()
{
    // The backup directory cannot be made (a file is in its place): failed, with the reason, the
    // audit row and the notification, and no archive anywhere.
    TestServer broken;
    QVERIFY(broken.start());
    qint64 adminId = 0;
    const QByteArray token = broken.tokenFor(u"admin"_s, &adminId);
    QFile blocker(broken.dataDir() + u"/backups"_s);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    Conversa::SocketIoClient socket;
    QList<QJsonObject> events;
    connect(&socket, &Conversa::SocketIoClient::event, this, [&](const QString &name, const QJsonValue &p) {
        if (name == "notification"_L1)
            events.append(p.toObject());
    });
    QSignalSpy up(&socket, &Conversa::SocketIoClient::connected);
    socket.open(broken.baseUrl(), token);
    QTRY_COMPARE(up.size(), 1);

    const ApiResponse created = broken.request("POST", u"/v1/backups"_s, {}, token);   // defaults: full, local
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 1, 30000);
    QCOMPARE(events.first().value(u"type"_s).toString(), u"backup.failed"_s);
    QCOMPARE(events.first().value(u"message"_s).toString(), u"El backup ha fallado."_s);
    const ApiResponse row = broken.request("GET", u"/v1/backups/%1"_s.arg(id), {}, token);
    QCOMPARE(row.value(u"status"_s).toString(), u"failed"_s);
    QCOMPARE(row.value(u"error"_s).toString(), u"The backup directory is not writable"_s);
    QVERIFY(row.value(u"file_name"_s).isNull());
    QVERIFY(row.value(u"download_url"_s).isNull());
    QCOMPARE(broken.request("GET", u"/v1/backups/%1/download"_s.arg(id), {}, token).status, 404);
    const QList<QJsonObject> audit = broken.auditRows(u"backup.failed"_s);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"user_id"_s).toInteger(), adminId);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
    QDirIterator it(broken.dataDir(), {u"*.zip"_s}, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    QVERIFY(!it.hasNext());
    // Nor can such a backup be restored.
    QCOMPARE(broken.request("POST", u"/v1/backups/%1/restore"_s.arg(id), {}, token).status, 422);
    socket.close();
}

void tst_Backups::listFiltersAndPages()
{
    const qint64 second = createBackup(m_admin);
    QVERIFY(second > 0);
    QCOMPARE(waitForBackup(second).value(u"status"_s).toString(), u"completed"_s);
    const ApiResponse all = m_server.request("GET", u"/v1/backups?status=completed&page=1&limit=1"_s, {}, m_admin);
    QCOMPARE(all.status, 200);
    QCOMPARE(all.value(u"data"_s).toArray().size(), 1);
    QCOMPARE(all.value(u"data"_s).toArray()[0].toObject().value(u"id"_s).toInteger(), second);   // newest first
    const QJsonObject meta = all.value(u"meta"_s).toObject();
    QVERIFY(meta.value(u"total"_s).toInteger() >= 2);
    QCOMPARE(meta.value(u"per_page"_s).toInt(), 1);
    const ApiResponse failed = m_server.request("GET", u"/v1/backups?status=failed"_s, {}, m_admin);
    QCOMPARE(failed.status, 200);
    QCOMPARE(failed.value(u"data"_s).toArray().size(), 0);
    const ApiResponse bad = m_server.request("GET", u"/v1/backups?status=done&limit=500"_s, {}, m_admin);
    QCOMPARE(bad.status, 422);
    QCOMPARE(bad.errorFields(), QStringList({u"status"_s, u"limit"_s}));
}

void tst_Backups::createValidation()
{
    const qint64 before = m_server.count(u"backups"_s);
    const ApiResponse r =
        m_server.request("POST", u"/v1/backups"_s,
                         {{u"backup_type"_s, u"incremental"_s}, {u"storage_location"_s, u"s3"_s}}, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), QStringList({u"backup_type"_s, u"storage_location"_s}));
    QCOMPARE(m_server.count(u"backups"_s), before);
    QCOMPARE(m_server.auditRows(u"backup.create"_s).first().value(u"success"_s).toBool(), false);
}

void tst_Backups::permissions_data()
{
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("action");
    QTest::addRow("list") << QByteArray("GET") << u"/v1/backups"_s << u"backup.list"_s;
    QTest::addRow("create") << QByteArray("POST") << u"/v1/backups"_s << u"backup.create"_s;
    QTest::addRow("show") << QByteArray("GET") << u"/v1/backups/1"_s << u"backup.read"_s;
    QTest::addRow("download") << QByteArray("GET") << u"/v1/backups/1/download"_s << u"backup.download"_s;
    QTest::addRow("restore") << QByteArray("POST") << u"/v1/backups/1/restore"_s << u"backup.restore"_s;
    QTest::addRow("upload") << QByteArray("POST") << u"/v1/backups/upload"_s << u"backup.upload"_s;
    QTest::addRow("delete") << QByteArray("DELETE") << u"/v1/backups/1"_s << u"backup.delete"_s;
}

void tst_Backups::permissions()
{
    QFETCH(QByteArray, method);
    QFETCH(QString, path);
    QFETCH(QString, action);
    const qint64 backups = m_server.count(u"backups"_s);
    qint64 mark = m_server.auditMark();
    const ApiResponse anonymous = m_server.request(method, path);
    QCOMPARE(anonymous.status, 401);
    QCOMPARE(anonymous.errorCode(), QByteArray("UNAUTHENTICATED"));
    QCOMPARE(m_server.auditRowsSince(action, mark).size(), 1);
    QCOMPARE(m_server.auditRowsSince(action, mark)[0].value(u"status_code"_s).toInt(), 401);

    mark = m_server.auditMark();
    const ApiResponse supervisor = m_server.request(method, path, {}, m_supervisor);
    QCOMPARE(supervisor.status, 403);
    QCOMPARE(supervisor.errorCode(), QByteArray("FORBIDDEN"));
    QCOMPARE(m_server.auditRowsSince(action, mark).size(), 1);
    QCOMPARE(m_server.auditRowsSince(action, mark)[0].value(u"status_code"_s).toInt(), 403);
    QCOMPARE(m_server.count(u"backups"_s), backups);
}

void tst_Backups::notFound()
{
    for (const QString &path : {u"/v1/backups/999999"_s, u"/v1/backups/999999/download"_s}) {
        const ApiResponse r = m_server.request("GET", path, {}, m_admin);
        QCOMPARE(r.status, 404);
        QCOMPARE(r.errorCode(), QByteArray("NOT_FOUND"));
    }
    QCOMPARE(m_server.request("DELETE", u"/v1/backups/999999"_s, {}, m_admin).status, 404);
    QCOMPARE(m_server.request("POST", u"/v1/backups/999999/restore"_s, {}, m_admin).status, 404);
}

void tst_Backups::deleteRemovesArchive()
{
    const qint64 id = createBackup(m_admin);
    const QJsonObject done = waitForBackup(id);
    const QString path = m_server.dataDir() + u"/backups/"_s + done.value(u"file_name"_s).toString();
    QVERIFY(QFile::exists(path));
    const qint64 mark = m_server.auditMark();
    QCOMPARE(m_server.request("DELETE", u"/v1/backups/%1"_s.arg(id), {}, m_admin).status, 204);
    QTRY_VERIFY(!QFile::exists(path));
    QCOMPARE(m_server.request("GET", u"/v1/backups/%1"_s.arg(id), {}, m_admin).status, 404);
    const QList<QJsonObject> rows = m_server.auditRowsSince(u"backup.delete"_s, mark);
    QCOMPARE(rows.size(), 1);
    QCOMPARE(rows[0].value(u"entity_id"_s).toInteger(), id);
    QCOMPARE(rows[0].value(u"success"_s).toBool(), true);
}

void tst_Backups::damagedArchivesAreRefused_data()
{
    QTest::addColumn<QString>("damage");
    for (const char *d : {"flipped-byte", "not-a-zip", "missing-entry", "extra-entry", "wrong-hash", "newer-schema",
                          "other-engine", "no-manifest", "dotdot-path", "absolute-path", "symlink-entry", "zip-bomb"})
        QTest::addRow("%s", d) << QString::fromLatin1(d);
}

void tst_Backups::damagedArchivesAreRefused()
{
    QFETCH(QString, damage);
    QVERIFY(!m_good.isEmpty());
    const QList<ZipEntry> entries = readZip(m_good);
    QJsonObject manifest = manifestOf(entries);
    QList<ZipEntry> content = entries;
    content.removeIf([](const ZipEntry &e) { return e.name == "manifest.json"_L1; });
    QByteArray archive;
    if (damage == "flipped-byte"_L1) {
        // In the middle of the first entry's data (a byte of a header field, a timestamp, may
        // change nothing that is checked).
        archive = m_good;
        QCOMPARE(archive.left(4), QByteArray("PK\x03\x04"));
        const auto le16 = [&](int at) { return int(uchar(archive[at])) | int(uchar(archive[at + 1])) << 8; };
        const qint64 compressed = qint64(le16(18)) | qint64(le16(20)) << 16;
        QVERIFY(compressed > 0);
        const qsizetype at = 30 + le16(26) + le16(28) + compressed / 2;
        archive[at] = char(archive[at] ^ 0x5a);
    } else if (damage == "not-a-zip"_L1) {
        archive = QByteArray(4096, 'x');
    } else if (damage == "missing-entry"_L1) {
        QList<ZipEntry> all = withManifest(content, manifest);
        all.removeIf([](const ZipEntry &e) { return e.name.startsWith("files/"_L1); });
        archive = writeZip(all);
    } else if (damage == "extra-entry"_L1) {
        QList<ZipEntry> all = withManifest(content, manifest);
        all.append({u"files/unlisted.txt"_s, "surprise", false});
        archive = writeZip(all);
    } else if (damage == "wrong-hash"_L1) {
        QList<ZipEntry> all = withManifest(content, manifest);
        QJsonObject m = manifestOf(all);
        QJsonArray list = m.value(u"entries"_s).toArray();
        QJsonObject first = list[0].toObject();
        first.insert(u"sha256"_s, QString(64, u'0'));
        list[0] = first;
        m.insert(u"entries"_s, list);
        all.last().bytes = QJsonDocument(m).toJson();
        archive = writeZip(all);
    } else if (damage == "newer-schema"_L1) {
        manifest.insert(u"schema_version"_s, 9999);
        archive = writeZip(withManifest(content, manifest));
    } else if (damage == "other-engine"_L1) {
        manifest.insert(u"engine"_s, TestServer::engine() == "sqlite"_L1 ? u"postgresql"_s : u"sqlite"_s);
        archive = writeZip(withManifest(content, manifest));
    } else if (damage == "no-manifest"_L1) {
        archive = writeZip(content);
    } else if (damage == "dotdot-path"_L1) {
        content.append({u"files/../../escaped.txt"_s, "outside", false});
        archive = writeZip(withManifest(content, manifest));
    } else if (damage == "absolute-path"_L1) {
        content.append({u"/tmp/conversa-absolute.txt"_s, "outside", false});
        archive = writeZip(withManifest(content, manifest));
    } else if (damage == "symlink-entry"_L1) {
        content.append({u"files/link"_s, "/etc/passwd", true});
        archive = writeZip(withManifest(content, manifest));
    } else if (damage == "zip-bomb"_L1) {
        content.append({u"files/bomb.bin"_s, QByteArray(64 * 1024 * 1024, '\0'), false});
        archive = writeZip(withManifest(content, manifest));
    }

    const QHash<QString, QString> before = digests(m_server.db());
    const qint64 catalog = m_server.count(u"backups"_s);
    const QStringList filesBefore = QDir(m_server.dataDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = upload(m_server, archive, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorCode(), QByteArray("VALIDATION_ERROR"));
    QCOMPARE(r.errorFields(), QStringList{u"archive"_s});
    // Nothing changed: no catalog row, no file kept, no table touched, nothing written outside.
    QCOMPARE(m_server.count(u"backups"_s), catalog);
    QCOMPARE(QDir(m_server.dataDir()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot), filesBefore);
    QCOMPARE(QDir(m_server.dataDir() + u"/backups"_s).entryList({u".upload-*"_s}, QDir::Files | QDir::Hidden).size(),
             0);
    QVERIFY(!QFile::exists(u"/tmp/conversa-absolute.txt"_s));
    QVERIFY(!QFile::exists(QDir(m_server.dataDir()).filePath(u"../escaped.txt"_s)));
    QCOMPARE(digests(m_server.db()), before);
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"backup.upload"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), false);
}

void tst_Backups::damagedArchiveOnDiskIsNotRestored()
{
    const qint64 id = createBackup(m_admin);
    const QJsonObject done = waitForBackup(id);
    QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
    const QString path = m_server.dataDir() + u"/backups/"_s + done.value(u"file_name"_s).toString();
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.seek(f.size() / 4);
    const QByteArray byte = f.read(1);
    f.seek(f.size() / 4);
    f.write(QByteArray(1, char(byte[0] ^ 0x11)));
    f.close();

    insertEvents(1000, 1010);   // would vanish if the archive were restored
    const QHash<QString, QString> before = digests(m_server.db());
    const qint64 mark = m_server.auditMark();
    const ApiResponse r = m_server.request("POST", u"/v1/backups/%1/restore"_s.arg(id), {}, m_admin);
    QCOMPARE(r.status, 422);
    QCOMPARE(r.errorFields(), QStringList{u"archive"_s});
    QCOMPARE(digests(m_server.db()), before);
    QCOMPARE(m_server.request("GET", u"/v1/backups"_s, {}, m_admin).status, 200);   // still signed in
    const QList<QJsonObject> audit = m_server.auditRowsSince(u"backup.restore"_s, mark);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit[0].value(u"success"_s).toBool(), false);
    QCOMPARE(audit[0].value(u"status_code"_s).toInt(), 422);
}

void tst_Backups::restoreReplacesEverything()
{
    const qint64 fileId = uploadFile(m_admin);
    QVERIFY(fileId > 0);
    const QByteArray fileBytes = m_server.request("GET", u"/v1/files/%1/download"_s.arg(fileId), {}, m_admin).body;
    const qint64 id = createBackup(m_admin);
    QCOMPARE(waitForBackup(id).value(u"status"_s).toString(), u"completed"_s);
    const QHash<QString, QString> atBackup = digests(m_server.db());
    const qint64 usersAtBackup = m_server.count(u"users"_s);
    const qint64 catalog = m_server.count(u"backups"_s);

    // Changes after the backup: rows, a user, a deleted file.
    insertEvents(2000, 2050);
    m_server.createUser(u"after-backup@example.test"_s, u"password-123"_s, u"agent"_s);
    QCOMPARE(m_server.request("DELETE", u"/v1/files/%1"_s.arg(fileId), {}, m_admin).status, 204);
    QCOMPARE(m_server.request("GET", u"/v1/files/%1/download"_s.arg(fileId), {}, m_admin).status, 404);
    QVERIFY(digests(m_server.db()) != atBackup);

    // A signed-in socket: the restore ends it.
    Conversa::SocketIoClient socket;
    QSignalSpy up(&socket, &Conversa::SocketIoClient::connected);
    QSignalSpy down(&socket, &Conversa::SocketIoClient::disconnected);
    socket.open(m_server.baseUrl(), m_supervisor);
    QTRY_COMPARE(up.size(), 1);

    const ApiResponse r = m_server.request("POST", u"/v1/backups/%1/restore"_s.arg(id), {}, m_admin);
    QCOMPARE(r.status, 200);
    QCOMPARE(r.value(u"restored"_s).toBool(), true);
    QTRY_VERIFY(down.size() >= 1);
    socket.close();
    QCOMPARE(r.value(u"backup_id"_s).toInteger(), id);
    const QByteArray fresh = r.value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!fresh.isEmpty());
    QVERIFY(!r.value(u"refresh_token"_s).toString().isEmpty());

    // Every earlier login is over; the fresh one works.
    QCOMPARE(m_server.request("GET", u"/v1/backups"_s, {}, m_admin).status, 401);
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, m_supervisor).status, 401);
    QCOMPARE(m_server.request("GET", u"/v1/backups"_s, {}, fresh).status, 200);
    m_admin = fresh;

    // The data is the backup's: every table, the users, the file's bytes.
    const QStringList changed = differing(digests(m_server.db()), atBackup);
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", "_s)));
    QCOMPARE(m_server.count(u"users"_s), usersAtBackup);
    QCOMPARE(m_server.count(u"users"_s, u"email = 'after-backup@example.test'"_s), 0);
    const ApiResponse file = m_server.request("GET", u"/v1/files/%1/download"_s.arg(fileId), {}, m_admin);
    QCOMPARE(file.status, 200);
    QCOMPARE(file.body, fileBytes);
    // The catalog is this machine's: the archives stay listed and downloadable.
    QCOMPARE(m_server.count(u"backups"_s), catalog);
    QCOMPARE(download(id).size(),
             m_server.request("GET", u"/v1/backups/%1"_s.arg(id), {}, m_admin).value(u"size_bytes"_s).toInteger());
    // The restore is in the restored audit log.
    const QList<QJsonObject> audit = m_server.auditRows(u"backup.restore"_s);
    QVERIFY(!audit.isEmpty());
    QCOMPARE(audit.first().value(u"success"_s).toBool(), true);
    QCOMPARE(audit.first().value(u"user_id"_s).toInteger(), m_adminId);
    // No scratch directory is left in the data dir.
    QCOMPARE(QDir(m_server.dataDir()).entryList({u"restore-*"_s}, QDir::Dirs).size(), 0);
    m_supervisor = m_server.tokenFor(u"supervisor"_s);
}

void tst_Backups::backupWhileWritingRestoresCommittedData()
{
    // A writer commits pairs of rows as fast as it can while the archive is written: the restore
    // must give back whole pairs only, and every other table exactly.
    std::atomic<bool> stop{false};
    std::atomic<int> committed{0};
    Database &db = m_server.db();
    SqlQuery(db, "DELETE FROM realtime_events").exec();
    QThread *writer = QThread::create([&] {
        for (int i = 0; !stop.load(); ++i) {
            Transaction tx(db);
            SqlQuery a(db, "INSERT INTO realtime_events (body, created_at) VALUES (?, ?)",
                       {u"pair-%1-a"_s.arg(i), kFuture + i});
            SqlQuery b(db, "INSERT INTO realtime_events (body, created_at) VALUES (?, ?)",
                       {u"pair-%1-b"_s.arg(i), kFuture + i});
            if (a.exec() && b.exec() && tx.commit())
                committed = i + 1;
        }
        db.closeThreadConnection();
    });
    writer->start();
    QTRY_VERIFY(committed.load() > 50);
    const QHash<QString, QString> others = [&] {
        QHash<QString, QString> d = digests(db);
        d.remove(u"realtime_events"_s);
        return d;
    }();
    const int atStart = committed.load();
    const qint64 id = createBackup(m_admin);
    const QJsonObject done = waitForBackup(id);
    stop = true;
    writer->wait();
    delete writer;
    QCOMPARE(done.value(u"status"_s).toString(), u"completed"_s);
    const int atEnd = committed.load();

    const ApiResponse r = m_server.request("POST", u"/v1/backups/%1/restore"_s.arg(id), {}, m_admin);
    QCOMPARE(r.status, 200);
    m_admin = r.value(u"access_token"_s).toString().toLatin1();
    m_supervisor = m_server.tokenFor(u"supervisor"_s);

    const qint64 rows = m_server.count(u"realtime_events"_s);
    QVERIFY2(rows % 2 == 0, qPrintable(QString::number(rows)));
    QVERIFY(rows / 2 >= atStart);
    QVERIFY(rows / 2 <= atEnd);
    // Whole pairs 0 … n-1: the state of one commit.
    QCOMPARE(m_server.count(u"realtime_events"_s, u"body LIKE 'pair-%-a'"_s), rows / 2);
    QCOMPARE(m_server.count(u"realtime_events"_s, u"body = 'pair-%1-b'"_s.arg(rows / 2 - 1)), 1);
    QHash<QString, QString> after = digests(db);
    after.remove(u"realtime_events"_s);
    const QStringList changed = differing(after, others);
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", "_s)));
}

void tst_Backups::restoreOnFreshServerByUpload()
{
    // A new machine: a fresh data dir and database with its own first admin (same email).
    QVERIFY(!m_good.isEmpty());
    TestServer fresh;
    QVERIFY(fresh.start());
    fresh.createUser(kAdminEmail, u"another-password-9"_s, u"admin"_s);
    const QByteArray token = fresh.login(kAdminEmail, u"another-password-9"_s);
    QVERIFY(!token.isEmpty());

    const ApiResponse uploaded = upload(fresh, m_good, token);
    QCOMPARE(uploaded.status, 201);
    QCOMPARE(uploaded.value(u"status"_s).toString(), u"completed"_s);
    QCOMPARE(uploaded.value(u"origin"_s).toString(), u"upload"_s);
    QCOMPARE(uploaded.value(u"sha256"_s).toString().toLatin1(), sha256Hex(m_good));
    const qint64 id = uploaded.value(u"id"_s).toInteger();
    QCOMPARE(fresh.auditRows(u"backup.upload"_s).size(), 1);

    const ApiResponse restored = fresh.request("POST", u"/v1/backups/%1/restore"_s.arg(id), {}, token);
    QCOMPARE(restored.status, 200);
    const QByteArray again = restored.value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!again.isEmpty());
    QCOMPARE(fresh.request("GET", u"/v1/backups"_s, {}, token).status, 401);
    // The restored accounts: the original password signs in.
    QVERIFY(!fresh.login(kAdminEmail, kAdminPassword).isEmpty());
    QVERIFY(fresh.login(kAdminEmail, u"another-password-9"_s).isEmpty());
    // The first file of the original server is there, bytes and all.
    const ApiResponse list = fresh.request("GET", u"/v1/files/1/download"_s, {}, again);
    QCOMPARE(list.status, 200);
    QCOMPARE(list.body, pngBytes());
    // The uploaded archive stays in this machine's catalog.
    QCOMPARE(fresh.request("GET", u"/v1/backups/%1"_s.arg(id), {}, again).status, 200);
    QCOMPARE(fresh.count(u"realtime_events"_s, u"body = 'event-0'"_s), 1);
}

void tst_Backups::cliCreateVerifyRestore()
{
    QTemporaryDir scratch;
    const QString archive = scratch.filePath(u"cli.zip"_s);
    auto run = [](const QStringList &args, const ServerConfig &config, QByteArray *out) {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"CONVERSA_DATABASE_URL"_s, config.databaseUrl);
        env.insert(u"CONVERSA_DATA_DIR"_s, config.dataDir);
        env.insert(u"CONVERSA_LOG_LEVEL"_s, u"warning"_s);
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(CONVERSA_SERVER_BINARY), args);
        p.waitForFinished(120000);
        *out = p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    };
    QByteArray output;
    QCOMPARE(run({u"backup"_s, u"create"_s, u"--output"_s, archive}, m_server.app().config(), &output), 0);
    QVERIFY2(output.contains("completed"), output.constData());
    QVERIFY(QFile::exists(archive));
    QCOMPARE(run({u"backup"_s, u"verify"_s, archive}, m_server.app().config(), &output), 0);
    QVERIFY2(output.contains("a good"), output.constData());

    // A damaged copy: verify says so and fails.
    QFile in(archive);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    bytes[bytes.size() / 3] = char(bytes[bytes.size() / 3] ^ 0x40);
    const QString damaged = scratch.filePath(u"damaged.zip"_s);
    QFile out(damaged);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    QCOMPARE(run({u"backup"_s, u"verify"_s, damaged}, m_server.app().config(), &output), 1);
    QVERIFY2(output.contains("damaged") || output.contains("readable"), output.constData());

    // Restored on a fresh machine from the command line.
    TestServer fresh;
    QVERIFY(fresh.start());
    QCOMPARE(run({u"backup"_s, u"restore"_s, damaged}, fresh.app().config(), &output), 1);
    QCOMPARE(fresh.count(u"realtime_events"_s), 0);
    QCOMPARE(run({u"backup"_s, u"restore"_s, archive}, fresh.app().config(), &output), 0);
    QVERIFY2(output.contains("restored"), output.constData());
    QCOMPARE(fresh.count(u"realtime_events"_s), m_server.count(u"realtime_events"_s));
    const QByteArray token = fresh.login(kAdminEmail, kAdminPassword);
    QVERIFY(!token.isEmpty());
    QCOMPARE(fresh.request("GET", u"/v1/files/1/download"_s, {}, token).body, pngBytes());
    // The restored audit log: the original's rows and this restore.
    QCOMPARE(fresh.auditRows(u"backup.restore"_s).size(), m_server.auditRows(u"backup.restore"_s).size() + 1);
}

void tst_Backups::scheduledBackupsRunOnceAndPrune()
{
    // A schedule set up for the first time runs at once; a second claim of the same moment fails,
    // as it would for a second server on the same database; retention keeps the newest one.
    TestServer scheduled;
    QVERIFY(scheduled.start({{u"CONVERSA_BACKUP_SCHEDULE"_s, u"1d"_s}, {u"CONVERSA_BACKUP_KEEP"_s, u"1"_s}}));
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.count(u"backups"_s, u"origin = 'scheduled' AND status = 'completed'"_s), 1,
                              30000);
    BackupScheduler *scheduler = scheduled.app().backupScheduler();
    QVERIFY(scheduler);
    scheduler->tick();
    scheduler->tick();
    QCOMPARE(scheduled.count(u"backups"_s, u"origin = 'scheduled'"_s), 1);
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    QCOMPARE(scheduler->dueSlot(now), now - now % 86400);
    {
        Transaction tx(scheduled.db());
        BackupStore store(scheduled.db());
        QCOMPARE(store.claimSlot(scheduler->dueSlot(now)).value(), false);          // already taken
        QCOMPARE(store.claimSlot(scheduler->dueSlot(now) + 86400).value(), true);   // the next one
        QVERIFY(tx.commit());
    }
    QCOMPARE(scheduled.auditRows(u"backup.completed"_s).size(), 1);

    // The next due moment (forced): a second archive, and the first one pruned with its file.
    const QString firstFile = scheduled.dataDir() + u"/backups/"_s + [&] {
        SqlQuery q(scheduled.db(), "SELECT file_name FROM backups WHERE origin = 'scheduled'");
        return q.exec() && q.next() ? q.string(0) : QString();
    }();
    QVERIFY(QFile::exists(firstFile));
    SqlQuery(scheduled.db(), "UPDATE backup_schedule SET last_slot = 0").exec();
    scheduler->tick();
    QTRY_COMPARE_WITH_TIMEOUT(scheduled.auditRows(u"backup.completed"_s).size(), 2, 30000);
    QTRY_COMPARE(scheduled.count(u"backups"_s, u"origin = 'scheduled'"_s), 1);
    QVERIFY(!QFile::exists(firstFile));
    QCOMPARE(scheduled.auditRows(u"backup.delete"_s).size(), 1);
}

void tst_Backups::uploadOverTheLimit()
{
    TestServer small;
    QVERIFY(small.start({{u"CONVERSA_BACKUP_MAX_UPLOAD_BYTES"_s, u"4096"_s}}));
    const QByteArray token = small.tokenFor(u"admin"_s);
    const ApiResponse r = upload(small, QByteArray(64 * 1024, 'z'), token);
    QCOMPARE(r.status, 413);
    QCOMPARE(small.count(u"backups"_s), 0);
    // Under the limit the archive is read, and refused as no archive.
    QCOMPARE(upload(small, QByteArray(1024, 'z'), token).status, 422);
}

void tst_Backups::olderArchiveIsMigrated()
{
    // An archive from before the backup migration (0030): a database of another installation with
    // that migration and the later ones (0031's column, the indexes of 0032 and 0033) taken out again, archived as the server
    // would. The restore brings it up to this server's schema.
    TestServer old;
    QVERIFY(old.start());
    old.createUser(kAdminEmail, kAdminPassword, u"admin"_s);
    for (const char *sql : {"DROP TABLE backups", "DROP TABLE backup_schedule",
                            "ALTER TABLE roles DROP COLUMN require_two_factor", "DROP INDEX chats_queue_activity",
                            "DROP INDEX chats_queue_order", "DELETE FROM schema_migrations WHERE version >= 30"})
        QVERIFY(QSqlQuery(old.db().connection()).exec(QString::fromLatin1(sql)));   // DDL: not preparable on PostgreSQL
    const int oldSchema = old.db().schemaVersion();
    QVERIFY(oldSchema < 30);
    const QByteArray archive = archiveOf(old);
    old.stop();

    TestServer target;
    QVERIFY(target.start());
    target.createUser(kAdminEmail, u"target-password-1"_s, u"admin"_s);
    const QByteArray token = target.login(kAdminEmail, u"target-password-1"_s);
    const ApiResponse uploaded = upload(target, archive, token);
    QCOMPARE(uploaded.status, 201);
    QCOMPARE(uploaded.value(u"schema_version"_s).toInt(), oldSchema);
    const qint64 catalog = target.count(u"backups"_s);
    const ApiResponse restored =
        target.request("POST", u"/v1/backups/%1/restore"_s.arg(uploaded.value(u"id"_s).toInteger()), {}, token);
    QCOMPARE(restored.status, 200);
    QCOMPARE(restored.value(u"archive_schema_version"_s).toInt(), oldSchema);
    QCOMPARE(restored.value(u"schema_version"_s).toInt(), BackupDump::latestSchemaVersion(target.db().dialect()));
    QCOMPARE(target.db().schemaVersion(), BackupDump::latestSchemaVersion(target.db().dialect()));
    QCOMPARE(target.count(u"backups"_s), catalog);   // the table is back, with this machine's rows
    const QByteArray fresh = restored.value(u"access_token"_s).toString().toLatin1();
    QCOMPARE(target.request("GET", u"/v1/backups"_s, {}, fresh).status, 200);
    QVERIFY(!target.login(kAdminEmail, kAdminPassword).isEmpty());   // the old installation's account
}

QByteArray tst_Backups::archiveOf(TestServer &source, const std::function<void(const QString &)> &alter)
{
    QTemporaryDir scratch;
    const QString dump = scratch.filePath(u"database"_s);
    QString why;
    if (!BackupDump::dump(source.db(), dump, &why)) {
        qWarning("dump failed: %s", qPrintable(why));
        return {};
    }
    if (alter)
        alter(dump);
    BackupManifest manifest;
    manifest.engine = BackupDump::engineName(source.db().dialect());
    manifest.schemaVersion = source.db().schemaVersion();
    manifest.createdAt = u"2026-01-01T00:00:00Z"_s;
    manifest.serverVersion = u"0.0.9"_s;
    const QString zip = scratch.filePath(u"archive.zip"_s);
    if (!BackupArchive::write(zip, manifest, {{BackupDump::entryName(source.db().dialect()), dump, true}}))
        return {};
    QFile f(zip);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void tst_Backups::failureHalfWayChangesNothing()
{
    // A database the checks accept but that fails while replacing the live one — after the old
    // tables were dropped (PostgreSQL: a schema the target has already; SQLite: another page size,
    // which a WAL database cannot take). The previous database and files must be all there.
    TestServer source;
    QVERIFY(source.start());
    if (TestServer::engine() == "postgresql"_L1)
        QVERIFY(QSqlQuery(source.db().connection()).exec(u"CREATE SCHEMA extra_schema"_s));
    const QByteArray archive = archiveOf(source, [](const QString &dump) {
        if (TestServer::engine() != "sqlite"_L1)
            return;
        QSqlDatabase file = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"page-size"_s);
        file.setDatabaseName(dump);
        if (file.open()) {
            QSqlQuery(file).exec(u"PRAGMA page_size = 8192"_s);
            QSqlQuery(file).exec(u"VACUUM"_s);
            file.close();
        }
        file = {};
        QSqlDatabase::removeDatabase(u"page-size"_s);
    });
    QVERIFY(!archive.isEmpty());
    source.stop();

    TestServer target;
    QVERIFY(target.start());
    if (TestServer::engine() == "postgresql"_L1)
        QVERIFY(QSqlQuery(target.db().connection()).exec(u"CREATE SCHEMA extra_schema"_s));
    const QByteArray token = target.tokenFor(u"admin"_s);
    Transaction tx(target.db());
    for (int i = 0; i < 20; ++i)
        QVERIFY(SqlQuery(target.db(), "INSERT INTO realtime_events (body, created_at) VALUES (?, ?)",
                         {u"kept-%1"_s.arg(i), kFuture + i})
                    .exec());
    QVERIFY(tx.commit());
    const ApiResponse file = target.requestRaw("POST", u"/v1/files"_s, multipartFile(pngBytes(), "kept.png"),
                                               "multipart/form-data; boundary=" + kBoundary, token);
    QCOMPARE(file.status, 201);
    const ApiResponse uploaded = upload(target, archive, token);
    QCOMPARE(uploaded.status, 201);

    const QHash<QString, QString> before = digests(target.db());
    const qint64 users = target.count(u"users"_s);
    const ApiResponse r =
        target.request("POST", u"/v1/backups/%1/restore"_s.arg(uploaded.value(u"id"_s).toInteger()), {}, token);
    QCOMPARE(r.status, 503);
    QCOMPARE(r.errorCode(), QByteArray("SERVICE_UNAVAILABLE"));
    const QStringList changed = differing(digests(target.db()), before);
    QVERIFY2(changed.isEmpty(), qPrintable(changed.join(u", "_s)));
    QCOMPARE(target.count(u"users"_s), users);
    QCOMPARE(target.request("GET", u"/v1/backups"_s, {}, token).status, 200);   // logins untouched
    const ApiResponse bytes =
        target.request("GET", u"/v1/files/%1/download"_s.arg(file.value(u"id"_s).toInteger()), {}, token);
    QCOMPARE(bytes.status, 200);
    QCOMPARE(bytes.body, pngBytes());
    QCOMPARE(QDir(target.dataDir()).entryList({u"restore-*"_s}, QDir::Dirs).size(), 0);
    const QList<QJsonObject> audit = target.auditRows(u"backup.restore"_s);
    QCOMPARE(audit.size(), 1);
    QCOMPARE(audit.first().value(u"success"_s).toBool(), false);
}

void tst_Backups::scheduleSetting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<int>("dailyAtMinute");
    QTest::addColumn<qint64>("intervalSeconds");
    QTest::addRow("daily") << u"03:30"_s << true << 210 << qint64(0);
    QTest::addRow("midnight") << u"0:00"_s << true << 0 << qint64(0);
    QTest::addRow("hours") << u"6h"_s << true << -1 << qint64(6 * 3600);
    QTest::addRow("minutes") << u"90m"_s << true << -1 << qint64(90 * 60);
    QTest::addRow("days") << u"2d"_s << true << -1 << qint64(2 * 86400);
    QTest::addRow("none") << QString() << true << -1 << qint64(0);
    QTest::addRow("bad-hour") << u"24:00"_s << false << -1 << qint64(0);
    QTest::addRow("zero") << u"0h"_s << false << -1 << qint64(0);
    QTest::addRow("words") << u"daily"_s << false << -1 << qint64(0);
}

void tst_Backups::scheduleSetting()
{
    QFETCH(QString, value);
    QFETCH(bool, valid);
    QFETCH(int, dailyAtMinute);
    QFETCH(qint64, intervalSeconds);
    QTemporaryDir dir;
    QHash<QString, QString> env{{u"CONVERSA_DATA_DIR"_s, dir.path()}};
    if (!value.isEmpty())
        env.insert(u"CONVERSA_BACKUP_SCHEDULE"_s, value);
    const Result<ServerConfig> config = ServerConfig::load({}, env);
    QCOMPARE(config.ok(), valid);
    if (!valid) {
        QCOMPARE(config.error().details().value(0).field, u"CONVERSA_BACKUP_SCHEDULE"_s);
        return;
    }
    QCOMPARE(config->backupDailyAtMinute, dailyAtMinute);
    QCOMPARE(config->backupIntervalSeconds, intervalSeconds);
}

void tst_Backups::scheduledOnceAcrossTwoServers()
{
    if (TestServer::engine() != "postgresql"_L1)
        QSKIP("several servers share a PostgreSQL database only");
    QTemporaryDir dirA;
    QTemporaryDir dirB;
    const QString url =
        ServerProcess::freshDatabaseUrl(dirA.path(),
                                        u"conversa_backup_two_%1"_s.arg(QCoreApplication::applicationPid()));
    QVERIFY(!url.isEmpty());
    ServerProcess a{QStringLiteral(CONVERSA_SERVER_BINARY)};
    ServerProcess b{QStringLiteral(CONVERSA_SERVER_BINARY)};
    QHash<QString, QString> settings{{u"CONVERSA_DATABASE_URL"_s, url},
                                     {u"CONVERSA_HTTP_THREADS"_s, u"1"_s},
                                     {u"CONVERSA_BACKUP_SCHEDULE"_s, u"1d"_s},
                                     {u"CONVERSA_JWT_SECRET"_s, u"backup-two-instances-jwt-secret-0123456789"_s},
                                     {u"CONVERSA_LOG_LEVEL"_s, u"warning"_s}};
    settings.insert(u"CONVERSA_DATA_DIR"_s, dirA.path());
    QVERIFY(a.run(ServerProcess::environment(settings), {u"migrate"_s}));
    ServerProcess *servers[] = {&a, &b};
    const QString dirs[] = {dirA.path(), dirB.path()};
    for (int i = 0; i < 2; ++i) {
        settings.insert(u"CONVERSA_DATA_DIR"_s, dirs[i]);
        settings.insert(u"CONVERSA_LISTEN"_s, u"127.0.0.1:%1"_s.arg(ServerProcess::freePort()));
        QVERIFY(servers[i]->start(ServerProcess::environment(settings)));
    }
    const Result<DatabaseSettings> dbSettings = DatabaseSettings::fromUrl(url);
    QVERIFY(dbSettings);
    Database db(*dbSettings);
    auto scheduled = [&](const char *where) {
        return queryInteger(db,
                            u"SELECT COUNT(*) FROM backups WHERE origin = 'scheduled' AND "_s +
                                QLatin1StringView(where),
                            {})
            .value();
    };
    QTRY_COMPARE_WITH_TIMEOUT(scheduled("status = 'completed'"), 1, 30000);
    QTest::qWait(2000);   // both servers have ticked at least once by now
    QCOMPARE(scheduled("TRUE"), 1);
    // One archive, in the data dir of the server that took the run.
    int archives = 0;
    for (const QString &dir : dirs)
        archives += QDir(dir + u"/backups"_s).entryList({u"*.zip"_s}, QDir::Files).size();
    QCOMPARE(archives, 1);
    QCOMPARE(a.stop(), 0);
    QCOMPARE(b.stop(), 0);
    db.closeThreadConnection();
}

void tst_Backups::restoreSeenByAnotherServer()
{
    // Servers A and B on one PostgreSQL database: a restore on A, and B serves the restored data
    // at once, forgets what it had cached from the old database (parsed bot flows), and its
    // sockets are disconnected (through the realtime relay).
    if (TestServer::engine() != "postgresql"_L1)
        QSKIP("several servers share a PostgreSQL database only");
    QTemporaryDir dirA;
    QTemporaryDir dirB;
    const QString url =
        ServerProcess::freshDatabaseUrl(dirA.path(),
                                        u"conversa_backup_restore_two_%1"_s.arg(QCoreApplication::applicationPid()));
    QVERIFY(!url.isEmpty());
    ServerProcess a{QStringLiteral(CONVERSA_SERVER_BINARY)};
    ServerProcess b{QStringLiteral(CONVERSA_SERVER_BINARY)};
    QHash<QString, QString> settings{{u"CONVERSA_DATABASE_URL"_s, url},
                                     {u"CONVERSA_HTTP_THREADS"_s, u"1"_s},
                                     {u"CONVERSA_JWT_SECRET"_s, u"backup-restore-two-jwt-secret-0123456789"_s},
                                     {u"CONVERSA_HEALTH_CHECK_SECONDS"_s, u"0"_s},
                                     {u"CONVERSA_LOG_LEVEL"_s, u"warning"_s}};
    settings.insert(u"CONVERSA_DATA_DIR"_s, dirA.path());
    QVERIFY(a.run(ServerProcess::environment(settings), {u"migrate"_s}));
    QVERIFY(a.run(ServerProcess::environment(settings),
                  {u"create-admin"_s, u"--email"_s, kAdminEmail, u"--password"_s, kAdminPassword}));
    ServerProcess *servers[] = {&a, &b};
    const QString dirs[] = {dirA.path(), dirB.path()};
    QUrl urls[2];
    for (int i = 0; i < 2; ++i) {
        const quint16 port = ServerProcess::freePort();
        settings.insert(u"CONVERSA_DATA_DIR"_s, dirs[i]);
        settings.insert(u"CONVERSA_LISTEN"_s, u"127.0.0.1:%1"_s.arg(port));
        QVERIFY(servers[i]->start(ServerProcess::environment(settings)));
        urls[i] = QUrl(u"http://127.0.0.1:%1"_s.arg(port));
    }
    QNetworkAccessManager network;
    Conversa::ApiClient client(&network);
    auto call = [&](int server, const QByteArray &method, const QString &path, const QJsonObject &body = {}) {
        client.setBaseUrl(urls[server]);
        QNetworkReply *reply = client.sendJson(method, path, body);
        if (!reply->isFinished()) {
            QSignalSpy finished(reply, &QNetworkReply::finished);
            finished.wait(60000);
        }
        const ApiResponse r = Conversa::ApiClient::read(reply);
        reply->deleteLater();
        return r;
    };
    const ApiResponse login =
        call(0, "POST", u"/v1/auth/login"_s, {{u"email"_s, kAdminEmail}, {u"password"_s, kAdminPassword}});
    QCOMPARE(login.status, 200);
    const QByteArray before = login.value(u"access_token"_s).toString().toLatin1();
    client.setAccessToken(before);

    // The archive: a campaign named "Original", no bot flow yet.
    const ApiResponse campaign =
        call(1, "POST", u"/v1/campaigns"_s, {{u"name"_s, u"Original"_s}, {u"code"_s, u"ORIG"_s}});
    QCOMPARE(campaign.status, 201);
    const qint64 campaignId = campaign.value(u"id"_s).toInteger();
    const ApiResponse created = call(0, "POST", u"/v1/backups"_s, {{u"backup_type"_s, u"full"_s}});
    QCOMPARE(created.status, 201);
    const qint64 id = created.value(u"id"_s).toInteger();
    QTRY_COMPARE_WITH_TIMEOUT(call(0, "GET", u"/v1/backups/%1"_s.arg(id)).value(u"status"_s).toString(), u"completed"_s,
                              60000);

    // Then, on B: the campaign renamed, and a bot flow that B simulates (and so caches).
    QCOMPARE(call(1, "PUT", u"/v1/campaigns/%1"_s.arg(campaignId), {{u"name"_s, u"Cambiada"_s}}).status, 200);
    auto flowBody = [](const QString &text) {
        const QJsonArray nodes{QJsonObject{{u"node_key"_s, u"a"_s},
                                           {u"node_type"_s, u"message"_s},
                                           {u"config"_s, QJsonObject{{u"content"_s, text}}}}};
        return QJsonObject{{u"name"_s, u"Saludo"_s}, {u"start_node_id"_s, u"a"_s}, {u"nodes"_s, nodes}};
    };
    auto simulatedText = [&](qint64 flow) {
        const ApiResponse r =
            call(1, "POST", u"/v1/bot-flows/%1/simulate"_s.arg(flow), {{u"messages"_s, QJsonArray{}}});
        for (const QJsonValue &e : r.value(u"transcript"_s).toArray()) {
            if (e.toObject().value(u"type"_s).toString() == "message"_L1)
                return e.toObject().value(u"text"_s).toString();
        }
        return QString::fromUtf8(r.body);
    };
    const ApiResponse oldFlow = call(1, "POST", u"/v1/bot-flows"_s, flowBody(u"antes de restaurar"_s));
    QCOMPARE(oldFlow.status, 201);
    QCOMPARE(simulatedText(oldFlow.value(u"id"_s).toInteger()), u"antes de restaurar"_s);

    // A signed-in socket on B.
    Conversa::SocketIoClient socket;
    QSignalSpy up(&socket, &Conversa::SocketIoClient::connected);
    QSignalSpy down(&socket, &Conversa::SocketIoClient::disconnected);
    socket.open(urls[1], before);
    QTRY_COMPARE(up.size(), 1);

    // The restore, on A.
    const ApiResponse restored = call(0, "POST", u"/v1/backups/%1/restore"_s.arg(id));
    QCOMPARE(restored.status, 200);
    const QByteArray fresh = restored.value(u"access_token"_s).toString().toLatin1();
    QVERIFY(!fresh.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(down.size() >= 1, 10000);
    socket.close();

    // B: the old login is over, the restored campaign name is served, and a flow created in the
    // restored database under the same id and revision is not answered from the old cache.
    QCOMPARE(call(1, "GET", u"/v1/campaigns/%1"_s.arg(campaignId)).status, 401);
    client.setAccessToken(fresh);
    const ApiResponse shown = call(1, "GET", u"/v1/campaigns/%1"_s.arg(campaignId));
    QCOMPARE(shown.status, 200);
    QCOMPARE(shown.value(u"name"_s).toString(), u"Original"_s);
    const ApiResponse newFlow = call(1, "POST", u"/v1/bot-flows"_s, flowBody(u"despues de restaurar"_s));
    QCOMPARE(newFlow.status, 201);
    QCOMPARE(newFlow.value(u"id"_s).toInteger(), oldFlow.value(u"id"_s).toInteger());   // the same cache key
    QCOMPARE(simulatedText(newFlow.value(u"id"_s).toInteger()), u"despues de restaurar"_s);

    QCOMPARE(a.stop(), 0);
    QCOMPARE(b.stop(), 0);
}

void tst_Backups::sweepFailsOnlyBackupsWithoutAWriter()
{
    // The sweep every server runs (docs/BACKUPS.md#interrupted-backups-and-restores): a row whose
    // writer is alive stays in_progress; on PostgreSQL a row nobody holds the writer lock of (its
    // server died) is failed at once; SQLite sweeps only at start, where every such row is dead.
    BackupService &backups = m_server.app().backups();
    BackupStore store(m_server.db());
    auto statusOf = [&](qint64 id) {
        const Result<BackupRecord> r = store.find(id);
        return r ? r->status : QString();
    };
    qint64 alive = 0;
    {
        Transaction tx(m_server.db());
        const Result<BackupRecord> row = backups.begin(u"manual"_s, m_adminId);
        QVERIFY(row);
        QVERIFY(tx.commit());
        alive = row->id;
    }
    qint64 orphan = 0;
    {
        Transaction tx(m_server.db());
        BackupRecord record;
        record.startedAt = nowSeconds();
        const Result<qint64> id = store.insert(record);   // as a server that died left it: no lock
        QVERIFY(id);
        QVERIFY(tx.commit());
        orphan = *id;
    }
    backups.failAbandoned();
    QCOMPARE(statusOf(alive), u"in_progress"_s);
    const bool postgres = TestServer::engine() == "postgresql"_L1;
    QCOMPARE(statusOf(orphan), postgres ? u"failed"_s : u"in_progress"_s);
    if (postgres) {
        QVERIFY(store.find(orphan)->error.contains("interrupted"_L1));
    }
    // The live writer then writes it to the end, as if nothing happened.
    QCOMPARE(backups.run(alive).status, u"completed"_s);
    backups.failAbandoned();   // its lock is gone with it: a completed row is never touched
    QCOMPARE(statusOf(alive), u"completed"_s);
    Transaction tx(m_server.db());
    QVERIFY(store.remove(orphan));
    QVERIFY(tx.commit());
}

QTEST_GUILESS_MAIN(tst_Backups)
#include "tst_backups.moc"
