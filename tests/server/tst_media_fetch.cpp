// Inbound WhatsApp media download (issue 4, docs/PROVIDERS.md, docs/PROVIDERS.md): an image webhook
// leaves a media id; the media fetcher asks the Graph stand-in for its URL, downloads it (through
// a redirect, with the number's token), stores it like an upload and links it to the message.
// Media gone at Meta gives up with a note, transient errors are retried, a claim left behind is
// taken again and a download never attaches a second file — against SQLite and PostgreSQL.
#include "FakeMetaGraph.h"
#include "TestServer.h"

#include "crypto/WebhookSignature.h"
#include "delivery/MediaFetcher.h"
#include "providers/MetaGraphClient.h"
#include "store/Database.h"
#include "store/FileStore.h"
#include "store/MediaStore.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QFile>
#include <QImage>
#include <QTest>
#include <QUrlQuery>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

namespace {

const QString kMetaId = u"106540352242922"_s;   // the sample's phone_number_id
const QByteArray kSecret = "media-secret-0123456789";
const QString kToken = u"EAAB-media-token"_s;
const QString kSampleWamid = u"wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA="_s;
const QString kSampleMediaId = u"1003383421387256"_s;

QByteArray jpeg(int width, int height)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(QColor(200, 40, 90));
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", 90);
    return out;
}

}   // namespace

class tst_MediaFetch : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void init() { m_graph.clear(); }

    void limitsAndBackoff();
    void imageStoredAndVisible();
    void mediaGoneGivesUp();
    void redirectOutsideMetaIsRefused();
    void notAcceptedTypeGivesUp();
    void transientErrorsRetried_data();
    void transientErrorsRetried();
    void claimLeftBehindIsTakenAgain();
    void downloadsAreIdempotent();

private:
    // Meta's image sample with its own wamid and media id, posted signed; the message id.
    qint64 postImage(const QString &wamid, const QString &mediaId)
    {
        QByteArray body = FakeMetaGraph::sample(u"webhook-image.json"_s);
        body.replace(kSampleWamid.toUtf8(), wamid.toUtf8()).replace(kSampleMediaId.toUtf8(), mediaId.toUtf8());
        const ApiResponse r =
            m_server.requestRaw("POST", u"/v1/webhooks/whatsapp/meta/%1"_s.arg(m_number), body, "application/json", {},
                                {{"X-Hub-Signature-256", "sha256=" + WebhookSignature::hmacSha256Hex(kSecret, body)}});
        if (r.status != 200)
            qWarning("webhook answered %d %s", r.status, r.body.constData());
        return integer(u"SELECT id FROM messages WHERE provider_message_id = ?"_s, {wamid});
    }
    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        SqlQuery q(m_server.db(), sql, values);
        if (!q.exec() || !q.next())
            return {};
        return q.value(0);
    }
    qint64 integer(const QString &sql, const QVariantList &values = {}) { return scalar(sql, values).toLongLong(); }
    bool exec(const QString &sql, const QVariantList &values)
    {
        SqlQuery q(m_server.db(), sql, values);
        return q.exec();
    }
    qint64 fileOf(qint64 message) { return integer(u"SELECT media_file_id FROM messages WHERE id = ?"_s, {message}); }
    QString errorOf(qint64 message)
    {
        return scalar(u"SELECT error_code FROM messages WHERE id = ?"_s, {message}).toString();
    }
    bool failed(qint64 message)
    {
        return !scalar(u"SELECT media_failed_at FROM messages WHERE id = ?"_s, {message}).isNull();
    }

    FakeMetaGraph m_graph;
    TestServer m_server;
    QByteArray m_admin;
    QByteArray m_agent;        // an agent of the number's campaign: sees its queued chats
    QByteArray m_otherAgent;   // an agent of no campaign
    qint64 m_number = 0;
    qint64 m_campaign = 0;
};

void tst_MediaFetch::initTestCase()
{
    QVERIFY(m_graph.listen());
    QVERIFY(m_server.start({{u"CONVERSA_META_GRAPH_URL"_s, m_graph.baseUrl()},
                            {u"CONVERSA_MEDIA_POLL_MS"_s, u"50"_s},
                            {u"CONVERSA_OUTBOUND_TIMEOUT_MS"_s, u"3000"_s}}));
    QVERIFY(m_server.app().media());
    QVERIFY(!m_server.app().outbound());
    m_admin = m_server.tokenFor(u"admin"_s);
    qint64 agentId = 0;
    m_agent = m_server.tokenFor(u"agent"_s, &agentId);
    m_otherAgent = m_server.tokenFor(u"agent"_s);
    QVERIFY(!m_admin.isEmpty() && !m_agent.isEmpty() && !m_otherAgent.isEmpty());
    const ApiResponse r = m_server.request("POST", u"/v1/whatsapp-numbers"_s,
                                           {{u"phone_number"_s, u"+573001000001"_s},
                                            {u"display_name"_s, u"Medios"_s},
                                            {u"provider"_s, u"meta"_s},
                                            {u"meta_phone_number_id"_s, kMetaId},
                                            {u"meta_access_token"_s, kToken},
                                            {u"meta_app_secret"_s, QString::fromLatin1(kSecret)}},
                                           m_admin);
    QCOMPARE(r.status, 201);
    m_number = r.value(u"id"_s).toInteger();
    const qint64 now = nowSeconds();
    m_campaign =
        integer(u"INSERT INTO campaigns (name, code, created_at, updated_at) VALUES ('Medios', 'MEDIOS', ?, ?) "
                "RETURNING id"_s,
                {now, now});
    QVERIFY(m_campaign);
    QVERIFY(
        exec(u"INSERT INTO campaign_numbers (campaign_id, number_id, is_primary, created_at) VALUES (?, ?, TRUE, ?)"_s,
             {m_campaign, m_number, now}));
    QVERIFY(exec(u"INSERT INTO campaign_agents (campaign_id, user_id, created_at) VALUES (?, ?, ?)"_s,
                 {m_campaign, agentId, now}));
}

void tst_MediaFetch::limitsAndBackoff()
{
    QCOMPARE(MediaFetcher::backoffSeconds(1, 300), qint64(1));
    QCOMPARE(MediaFetcher::backoffSeconds(2, 300), qint64(2));
    QCOMPARE(MediaFetcher::backoffSeconds(5, 300), qint64(16));
    QCOMPARE(MediaFetcher::backoffSeconds(40, 300), qint64(300));
    QCOMPARE(MediaFetcher::metaLimit(u"image"_s), qint64(5000000));
    QCOMPARE(MediaFetcher::metaLimit(u"video"_s), qint64(16000000));
    QCOMPARE(MediaFetcher::metaLimit(u"document"_s), qint64(100000000));
    // Meta sends file_size as a string, some proxies as a number.
    QCOMPARE(MetaGraphClient::mediaInfoFrom(R"({"url":"u","file_size":"303833"})").fileSize, qint64(303833));
    QCOMPARE(MetaGraphClient::mediaInfoFrom(R"({"url":"u","file_size":12345})").fileSize, qint64(12345));
    QCOMPARE(MetaGraphClient::mediaInfoFrom(R"({"url":"u"})").fileSize, qint64(-1));
}

void tst_MediaFetch::imageStoredAndVisible()
{
    const QByteArray bytes = jpeg(64, 48);
    m_graph.addMedia(u"5001"_s, bytes, "image/jpeg");
    const qint64 message = postImage(u"wamid.media-ok"_s, u"5001"_s);
    QVERIFY(message);
    QTRY_VERIFY_WITH_TIMEOUT(fileOf(message) > 0, 10000);
    const qint64 file = fileOf(message);

    // The Graph side: the look-up by media id for this number, then the download through the
    // redirect, both with the number's token.
    const QList<FakeMetaGraph::Request> lookups = m_graph.mediaLookups();
    QCOMPARE(lookups.size(), 1);
    const QUrl lookupUrl(QString::fromUtf8(lookups.first().path));
    QCOMPARE(lookupUrl.path(), u"/v21.0/5001"_s);
    QCOMPARE(QUrlQuery(lookupUrl).queryItemValue(u"phone_number_id"_s), kMetaId);
    QCOMPARE(lookups.first().authorization, "Bearer " + kToken.toUtf8());
    QCOMPARE(m_graph.downloads().size(), 1);
    QCOMPARE(m_graph.downloads().first().authorization, "Bearer " + kToken.toUtf8());

    // The file row and the bytes on disk.
    const FileRecord f = *FileStore(m_server.db()).live(file);
    QCOMPARE(f.mimeType, u"image/jpeg"_s);
    QCOMPARE(f.sizeBytes, qint64(bytes.size()));
    QCOMPARE(f.sha256, QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
    QCOMPARE(f.width, 64);
    QCOMPARE(f.height, 48);
    QCOMPARE(f.relatedEntityType, u"message"_s);
    QCOMPARE(f.relatedEntityId, message);
    QVERIFY(!f.thumbnailPath.isEmpty());
    QFile stored(m_server.dataDir() + u'/' + f.storagePath);
    QVERIFY(stored.open(QIODevice::ReadOnly));
    QCOMPARE(stored.readAll(), bytes);
    QVERIFY(scalar(u"SELECT media_fetching_since FROM messages WHERE id = ?"_s, {message}).isNull());
    QVERIFY(errorOf(message).isEmpty());

    // An agent who can see the chat gets the message with its file, and the file.
    const ApiResponse m = m_server.request("GET", u"/v1/messages/%1"_s.arg(message), {}, m_agent);
    QCOMPARE(m.status, 200);
    QCOMPARE(m.value(u"media_file_id"_s).toInteger(), file);
    const ApiResponse d = m_server.request("GET", u"/v1/files/%1/download"_s.arg(file), {}, m_agent);
    QCOMPARE(d.status, 200);
    QCOMPARE(d.body, bytes);
    QVERIFY(d.header("content-type").startsWith("image/jpeg"));
    const ApiResponse meta = m_server.request("GET", u"/v1/files/%1"_s.arg(file), {}, m_agent);
    QCOMPARE(meta.status, 200);
    QCOMPARE(meta.value(u"mime_type"_s).toString(), u"image/jpeg"_s);
    QCOMPARE(meta.value(u"size_bytes"_s).toInteger(), qint64(bytes.size()));
    QCOMPARE(m_server.request("GET", u"/v1/files/%1/thumbnail"_s.arg(file), {}, m_agent).status, 200);
    // Nobody else: another agent gets 404, no token 401.
    QCOMPARE(m_server.request("GET", u"/v1/files/%1/download"_s.arg(file), {}, m_otherAgent).status, 404);
    QCOMPARE(m_server.request("GET", u"/v1/messages/%1"_s.arg(message), {}, m_otherAgent).status, 404);
    QCOMPARE(m_server.request("GET", u"/v1/files/%1/download"_s.arg(file)).status, 401);
}

void tst_MediaFetch::mediaGoneGivesUp()
{
    // Not known to the stand-in: Graph answers 404 with error 100, as for expired media.
    const qint64 message = postImage(u"wamid.media-gone"_s, u"5404"_s);
    QVERIFY(message);
    QTRY_VERIFY_WITH_TIMEOUT(failed(message), 10000);
    QCOMPARE(errorOf(message), u"media_unavailable"_s);
    QVERIFY(scalar(u"SELECT error_message FROM messages WHERE id = ?"_s, {message}).toString().contains(u"100"_s));
    QCOMPARE(fileOf(message), qint64(0));
    QTest::qWait(1500);   // never asked again
    QCOMPARE(m_graph.mediaLookups().size(), 1);
    QCOMPARE(m_graph.downloads().size(), 0);
    // The message itself is there for the agent, with the note.
    const ApiResponse m = m_server.request("GET", u"/v1/messages/%1"_s.arg(message), {}, m_agent);
    QCOMPARE(m.status, 200);
    QCOMPARE(m.value(u"error_code"_s).toString(), u"media_unavailable"_s);
    QVERIFY(m.value(u"media_file_id"_s).isNull());
}

void tst_MediaFetch::redirectOutsideMetaIsRefused()
{
    // The download URL redirects to a host that is neither Meta's nor the Graph API's: the
    // number's token must not follow it there, and nothing is fetched.
    m_graph.addMedia(u"5003"_s, jpeg(8, 8), "image/jpeg");
    m_graph.setRedirectHost("localhost");
    const qint64 message = postImage(u"wamid.media-elsewhere"_s, u"5003"_s);
    QVERIFY(message);
    QTRY_VERIFY_WITH_TIMEOUT(failed(message), 10000);
    m_graph.setRedirectHost("127.0.0.1");
    QCOMPARE(errorOf(message), u"media_host_refused"_s);
    QVERIFY(scalar(u"SELECT error_message FROM messages WHERE id = ?"_s, {message}).toString().contains(u"localhost"_s));
    QCOMPARE(m_graph.downloads().size(), 0);
    QCOMPARE(fileOf(message), qint64(0));
}

void tst_MediaFetch::notAcceptedTypeGivesUp()
{
    m_graph.addMedia(u"5002"_s,
                     QByteArray("\x7F"
                                "ELF\x02\x01\x01",
                                7) +
                         QByteArray(200, '\0'),
                     "image/jpeg");
    const qint64 files = m_server.count(u"files"_s);
    const qint64 message = postImage(u"wamid.media-elf"_s, u"5002"_s);
    QTRY_VERIFY_WITH_TIMEOUT(failed(message), 10000);
    QCOMPARE(errorOf(message), u"media_type_refused"_s);
    QCOMPARE(m_server.count(u"files"_s), files);
}

void tst_MediaFetch::transientErrorsRetried_data()
{
    QTest::addColumn<bool>("lookup");
    QTest::addColumn<int>("status");
    QTest::addColumn<QByteArray>("body");

    QTest::addRow("download-500") << false << 500 << QByteArray("oops");
    QTest::addRow("download-url-expired-403") << false << 403 << QByteArray("URL signature expired");
    QTest::addRow("lookup-503") << true << 503 << QByteArray();
    QTest::addRow("lookup-130429")
        << true << 400
        << QByteArray(R"({"error":{"message":"(#130429) Rate limit hit","type":"OAuthException","code":130429}})");
}

void tst_MediaFetch::transientErrorsRetried()
{
    QFETCH(bool, lookup);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    static int seq = 0;
    const QString mediaId = QString::number(5100 + ++seq);
    const QByteArray bytes = jpeg(20 + seq, 10);
    m_graph.addMedia(mediaId, bytes, "image/jpeg");
    if (lookup)
        m_graph.failNextMediaLookups(status, body);
    else
        m_graph.failNextDownloads(status, body);
    const qint64 message = postImage(u"wamid.media-retry-"_s + mediaId, mediaId);
    QTRY_VERIFY_WITH_TIMEOUT(fileOf(message) > 0, 15000);
    QCOMPARE(m_graph.mediaLookups().size(), 2);   // a new URL for the second attempt
    QCOMPARE(m_graph.downloads().size(), lookup ? 1 : 2);
    QCOMPARE(integer(u"SELECT media_fetch_attempts FROM messages WHERE id = ?"_s, {message}), qint64(2));
    QVERIFY(errorOf(message).isEmpty());
    QCOMPARE(FileStore(m_server.db()).live(fileOf(message))->sizeBytes, qint64(bytes.size()));
}

void tst_MediaFetch::claimLeftBehindIsTakenAgain()
{
    // A message whose media a fetcher claimed just now is left to it...
    const QByteArray bytes = jpeg(33, 33);
    m_graph.addMedia(u"5201"_s, bytes, "image/jpeg");
    const qint64 now = nowSeconds();
    const qint64 chat = integer(u"SELECT chat_id FROM messages WHERE provider_message_id = 'wamid.media-ok'"_s);
    QVERIFY(chat);
    const qint64 message =
        integer(u"INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, status, "
                "provider_message_id, provider_media_id, media_mime_type, media_fetching_since, "
                "media_fetch_attempts, created_at) VALUES (?, ?, 'inbound', 'image', 'delivered', "
                "'wamid.media-claimed', '5201', 'image/jpeg', ?, 1, ?) RETURNING id"_s,
                {chat, m_number, now + 3600, now});
    QVERIFY(message);
    QTest::qWait(800);
    QCOMPARE(m_graph.mediaLookups().size(), 0);
    QCOMPARE(fileOf(message), qint64(0));
    // ...but once the claim is older than any download can take, its fetcher died: taken again.
    QVERIFY(exec(u"UPDATE messages SET media_fetching_since = ? WHERE id = ?"_s, {now - 3600, message}));
    QTRY_VERIFY_WITH_TIMEOUT(fileOf(message) > 0, 10000);
    QCOMPARE(m_graph.mediaLookups().size(), 1);
    QCOMPARE(integer(u"SELECT media_fetch_attempts FROM messages WHERE id = ?"_s, {message}), qint64(2));
    QCOMPARE(FileStore(m_server.db()).live(fileOf(message))->sha256,
             QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex()));
}

void tst_MediaFetch::downloadsAreIdempotent()
{
    const qint64 message = integer(u"SELECT id FROM messages WHERE provider_message_id = 'wamid.media-ok'"_s);
    const qint64 file = fileOf(message);
    QVERIFY(file > 0);
    const qint64 files = m_server.count(u"files"_s);

    // A stale claim on a message that has its file: nothing is fetched again.
    QVERIFY(exec(u"UPDATE messages SET media_fetching_since = ? WHERE id = ?"_s, {nowSeconds() - 3600, message}));
    QTest::qWait(800);
    QCOMPARE(m_graph.mediaLookups().size(), 0);

    // A late fetcher finishing after another stored the file attaches nothing.
    MediaStore store(m_server.db());
    MediaJob job;
    job.messageId = message;
    job.claimedAt = nowSeconds();
    FileRecord late;
    late.filename = u"late.jpg"_s;
    late.originalFilename = u"late.jpg"_s;
    late.mimeType = u"image/jpeg"_s;
    late.sizeBytes = 1;
    late.sha256 = u"00"_s;
    late.storagePath = u"files/late.jpg"_s;
    const Result<bool> attached = store.attach(job, late, nowSeconds());
    QVERIFY(attached);
    QVERIFY(!*attached);
    QCOMPARE(fileOf(message), file);
    QCOMPARE(m_server.count(u"files"_s), files);
    // Nor is a claim possible any more.
    const Result<std::optional<MediaJob>> claim = store.claim(message, nowSeconds(), nowSeconds());
    QVERIFY(claim);
    QVERIFY(!claim->has_value());
}

QTEST_GUILESS_MAIN(tst_MediaFetch)
#include "tst_media_fetch.moc"
