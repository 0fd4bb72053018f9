#include "BackupArchive.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLoggingCategory>
#include <QSet>

#include <sys/stat.h>
#include <zip.h>

#include <memory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcArchive, "conversa.server.backups")

namespace {

constexpr qint64 kManifestMaxBytes = 64 << 20;
constexpr qint64 kReadChunk = 256 * 1024;
const QString kManifestName = u"manifest.json"_s;

struct ZipCloser {
    void operator()(zip_t *z) const
    {
        if (z)
            zip_discard(z);
    }
};
using ZipHandle = std::unique_ptr<zip_t, ZipCloser>;

struct ZipFileCloser {
    void operator()(zip_file_t *f) const
    {
        if (f)
            zip_fclose(f);
    }
};

ApiError invalid(const char *message, const QStringList &args = {})
{
    return ApiError::validation(u"archive"_s, message, args);
}

ApiError damaged(const QString &what)
{
    return invalid(QT_TRANSLATE_NOOP("Api", "The backup archive is damaged: %1"), {what});
}

bool isSymlinkOrSpecial(zip_t *zip, zip_uint64_t index)
{
    zip_uint8_t opsys = 0;
    zip_uint32_t attributes = 0;
    if (zip_file_get_external_attributes(zip, index, 0, &opsys, &attributes) != 0)
        return true;
    if (opsys != ZIP_OPSYS_UNIX)
        return false;
    const mode_t mode = mode_t(attributes >> 16);
    return mode != 0 && !S_ISREG(mode);
}

std::optional<BackupManifest> parseManifest(const QByteArray &json, QString *why)
{
    QJsonParseError err{};
    const QJsonDocument doc = QJsonDocument::fromJson(json, &err);
    if (err.error != QJsonParseError::NoError || !doc.isObject()) {
        *why = u"manifest.json is not valid JSON"_s;
        return std::nullopt;
    }
    const QJsonObject o = doc.object();
    BackupManifest m;
    m.formatVersion = o.value(u"format_version"_s).toInt(-1);
    m.schemaVersion = o.value(u"schema_version"_s).toInt(-1);
    m.engine = o.value(u"engine"_s).toString();
    m.createdAt = o.value(u"created_at"_s).toString();
    m.serverVersion = o.value(u"server_version"_s).toString();
    if (o.value(u"format"_s).toString() != "conversa-backup"_L1 || m.formatVersion < 1 || m.schemaVersion < 1 ||
        m.engine.isEmpty()) {
        *why = u"manifest.json does not describe a Conversa backup"_s;
        return std::nullopt;
    }
    for (const QJsonValue &v : o.value(u"entries"_s).toArray()) {
        const QJsonObject e = v.toObject();
        BackupManifest::Entry entry{e.value(u"path"_s).toString(), e.value(u"size"_s).toInteger(-1),
                                    e.value(u"sha256"_s).toString().toLatin1()};
        if (entry.path.isEmpty() || entry.size < 0 || entry.sha256.size() != 64) {
            *why = u"manifest.json has an incomplete entry"_s;
            return std::nullopt;
        }
        m.entries.append(entry);
    }
    return m;
}

}   // namespace

QByteArray BackupManifest::toJson() const
{
    QJsonArray list;
    for (const Entry &e : entries) {
        list.append(
            QJsonObject{{u"path"_s, e.path}, {u"size"_s, e.size}, {u"sha256"_s, QString::fromLatin1(e.sha256)}});
    }
    const QJsonObject o{{u"format"_s, u"conversa-backup"_s},
                        {u"format_version"_s, formatVersion},
                        {u"schema_version"_s, schemaVersion},
                        {u"engine"_s, engine},
                        {u"created_at"_s, createdAt},
                        {u"server_version"_s, serverVersion},
                        {u"entries"_s, list}};
    return QJsonDocument(o).toJson(QJsonDocument::Indented);
}

qint64 BackupManifest::totalSize() const
{
    qint64 total = 0;
    for (const Entry &e : entries)
        total += e.size;
    return total;
}

namespace BackupArchive {

bool safeEntryName(const QString &name)
{
    if (name.isEmpty() || name.size() > 1024 || name.startsWith(u'/') || name.contains(u'\\') ||
        name.contains(QChar(0)) || name.contains(u':'))
        return false;
    const QStringList parts = name.split(u'/');
    for (const QString &part : parts) {
        if (part.isEmpty() || part == "."_L1 || part == ".."_L1)
            return false;
    }
    return (parts.first() == "database"_L1 || parts.first() == "files"_L1) && parts.size() >= 2;
}

QByteArray fileSha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        return {};
    return hash.result().toHex();
}

Result<Ok> write(const QString &zipPath, BackupManifest &manifest, const QList<Source> &sources)
{
    manifest.entries.clear();
    int zipError = 0;
    ZipHandle zip(zip_open(QFile::encodeName(zipPath).constData(), ZIP_CREATE | ZIP_EXCL, &zipError));
    if (!zip) {
        qCWarning(lcArchive) << "cannot create" << zipPath << "libzip error" << zipError;
        return ApiError::internal();
    }
    auto fail = [&](const QString &why) -> Result<Ok> {
        qCWarning(lcArchive).noquote() << "cannot write" << zipPath << ":" << why;
        zip.reset();   // zip_discard: nothing is written
        QFile::remove(zipPath);
        return ApiError::internal();
    };
    for (const Source &s : sources) {
        const QFileInfo info(s.diskPath);
        const QByteArray sha = fileSha256(s.diskPath);
        if (sha.isEmpty())
            return fail(u"cannot read "_s + s.diskPath);
        manifest.entries.append({s.entry, info.size(), sha});
        zip_source_t *source = zip_source_file(zip.get(), QFile::encodeName(s.diskPath).constData(), 0, 0);
        if (!source)
            return fail(QString::fromUtf8(zip_strerror(zip.get())));
        const zip_int64_t index = zip_file_add(zip.get(), s.entry.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8);
        if (index < 0) {
            zip_source_free(source);
            return fail(QString::fromUtf8(zip_strerror(zip.get())));
        }
        // Uploaded media is compressed already: stored, it costs no CPU twice.
        zip_set_file_compression(zip.get(), zip_uint64_t(index), s.compress ? ZIP_CM_DEFLATE : ZIP_CM_STORE, 0);
        zip_file_set_external_attributes(zip.get(), zip_uint64_t(index), 0, ZIP_OPSYS_UNIX, (0100644u) << 16);
    }
    const QByteArray json = manifest.toJson();   // must outlive zip_close
    zip_source_t *source = zip_source_buffer(zip.get(), json.constData(), zip_uint64_t(json.size()), 0);
    if (!source || zip_file_add(zip.get(), kManifestName.toUtf8().constData(), source, ZIP_FL_ENC_UTF_8) < 0) {
        if (source)
            zip_source_free(source);
        return fail(QString::fromUtf8(zip_strerror(zip.get())));
    }
    if (zip_close(zip.get()) != 0)
        return fail(QString::fromUtf8(zip_strerror(zip.get())));
    zip.release();   // closed
    return Ok{};
}

Result<BackupManifest> read(const QString &zipPath, const ArchiveLimits &limits, const QString &extractDir)
{
    int zipError = 0;
    ZipHandle zip(zip_open(QFile::encodeName(zipPath).constData(), ZIP_RDONLY | ZIP_CHECKCONS, &zipError));
    if (!zip)
        return invalid(QT_TRANSLATE_NOOP("Api", "The file is not a readable .zip archive"));

    const zip_int64_t count = zip_get_num_entries(zip.get(), 0);
    if (count < 1 || count > limits.maxEntries + 1)
        return invalid(QT_TRANSLATE_NOOP("Api", "The archive has too many entries or none"));

    // manifest.json first: it says what everything else must be.
    const zip_int64_t manifestIndex = zip_name_locate(zip.get(), "manifest.json", 0);
    if (manifestIndex < 0)
        return invalid(QT_TRANSLATE_NOOP("Api", "The archive is not a Conversa backup (no manifest.json)"));
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip.get(), zip_uint64_t(manifestIndex), 0, &st) != 0 ||
        st.size > zip_uint64_t(kManifestMaxBytes))
        return damaged(u"manifest.json"_s);
    QByteArray manifestJson(qsizetype(st.size), Qt::Uninitialized);
    {
        std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(zip.get(), zip_uint64_t(manifestIndex), 0));
        if (!f || zip_fread(f.get(), manifestJson.data(), st.size) != zip_int64_t(st.size))
            return damaged(u"manifest.json"_s);
    }
    QString why;
    const std::optional<BackupManifest> manifest = parseManifest(manifestJson, &why);
    if (!manifest)
        return invalid(QT_TRANSLATE_NOOP("Api", "The archive is not a Conversa backup (%1)"), {why});
    if (manifest->formatVersion > BackupManifest::kFormatVersion)
        return invalid(QT_TRANSLATE_NOOP("Api", "The archive was written by a newer server (format %1)"),
                       {QString::number(manifest->formatVersion)});

    QHash<QString, BackupManifest::Entry> expected;
    for (const BackupManifest::Entry &e : manifest->entries) {
        if (!safeEntryName(e.path))
            return invalid(QT_TRANSLATE_NOOP("Api", "The archive holds an unsafe path: %1"), {e.path});
        expected.insert(e.path, e);
    }
    if (manifest->totalSize() > limits.maxTotalBytes)
        return invalid(QT_TRANSLATE_NOOP("Api", "The archive expands beyond the allowed size"));

    // Every entry's name, type and size first: nothing is read or written for an archive that lies.
    QSet<QString> seen;
    for (zip_int64_t i = 0; i < count; ++i) {
        if (i == manifestIndex)
            continue;
        zip_stat_init(&st);
        if (zip_stat_index(zip.get(), zip_uint64_t(i), 0, &st) != 0 || !st.name)
            return damaged(u"entry %1"_s.arg(i));
        const QString name = QString::fromUtf8(st.name);
        if (name.endsWith(u'/'))   // a directory entry carries nothing
            continue;
        if (!safeEntryName(name))
            return invalid(QT_TRANSLATE_NOOP("Api", "The archive holds an unsafe path: %1"), {name});
        if (isSymlinkOrSpecial(zip.get(), zip_uint64_t(i)))
            return invalid(QT_TRANSLATE_NOOP("Api", "The archive holds a link or special file: %1"), {name});
        if (!expected.contains(name))
            return damaged(u"%1 is not in the manifest"_s.arg(name));
        if (seen.contains(name))
            return damaged(u"%1 appears twice"_s.arg(name));
        seen.insert(name);
        if (qint64(st.size) != expected.value(name).size)
            return damaged(u"%1 has the wrong size"_s.arg(name));
        if (qint64(st.size) > limits.ratioFloor &&
            qint64(st.size) > limits.maxRatio * qint64(qMax<zip_uint64_t>(st.comp_size, 1)))
            return invalid(QT_TRANSLATE_NOOP("Api", "The archive expands beyond the allowed size"));
    }
    for (const BackupManifest::Entry &e : manifest->entries) {
        if (!seen.contains(e.path))
            return damaged(u"%1 is missing"_s.arg(e.path));
    }

    // Then the bytes: each entry hashed (and written out) as it is read, never past its size.
    const QString root = extractDir.isEmpty() ? QString() : QDir::cleanPath(QDir(extractDir).absolutePath());
    QByteArray buffer(kReadChunk, Qt::Uninitialized);
    for (zip_int64_t i = 0; i < count; ++i) {
        if (i == manifestIndex)
            continue;
        zip_stat_init(&st);
        zip_stat_index(zip.get(), zip_uint64_t(i), 0, &st);
        const QString name = QString::fromUtf8(st.name);
        if (name.endsWith(u'/'))
            continue;
        const BackupManifest::Entry entry = expected.value(name);
        std::unique_ptr<QFile> out;
        if (!root.isEmpty()) {
            const QString target = QDir::cleanPath(root + u'/' + name);
            if (!target.startsWith(root + u'/'))
                return invalid(QT_TRANSLATE_NOOP("Api", "The archive holds an unsafe path: %1"), {name});
            if (!QDir().mkpath(QFileInfo(target).absolutePath()))
                return ApiError::internal();
            out = std::make_unique<QFile>(target);
            if (!out->open(QIODevice::WriteOnly | QIODevice::NewOnly))
                return ApiError::internal();
        }
        std::unique_ptr<zip_file_t, ZipFileCloser> f(zip_fopen_index(zip.get(), zip_uint64_t(i), 0));
        if (!f)
            return damaged(name);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        qint64 total = 0;
        for (;;) {
            const zip_int64_t n = zip_fread(f.get(), buffer.data(), zip_uint64_t(buffer.size()));
            if (n < 0)   // includes a CRC mismatch at the end
                return damaged(name);
            if (n == 0)
                break;
            total += n;
            if (total > entry.size)
                return damaged(u"%1 has the wrong size"_s.arg(name));
            hash.addData(QByteArrayView(buffer.constData(), n));
            if (out && out->write(buffer.constData(), n) != n)
                return ApiError::internal();
        }
        if (total != entry.size || hash.result().toHex() != entry.sha256)
            return damaged(u"%1 does not match its SHA-256"_s.arg(name));
        if (out && !out->flush())
            return ApiError::internal();
    }
    return *manifest;
}

}   // namespace BackupArchive

}   // namespace Conversa::Server
