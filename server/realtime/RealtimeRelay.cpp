#include "RealtimeRelay.h"

#include "core/JsonWriter.h"
#include "store/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcRelay, "conversa.server.relay")

using namespace Qt::StringLiterals;

namespace {
constexpr qsizetype kNotifyMax = 7900;   // NOTIFY's payload limit is 8,000 bytes
constexpr qint64 kKeepSeconds = 60;
constexpr int kNoticesPerStatement = 8;
}   // namespace

RealtimeRelay::RealtimeRelay(Database &db, RealtimeBus &bus)
    : m_db(db),
      m_bus(bus),
      m_origin(QUuid::createUuid().toString(QUuid::WithoutBraces)),
      m_ownPrefix("{\"o\":\"" + m_origin.toLatin1() + '"')
{
    m_thread.setObjectName(u"relay"_s);
}

RealtimeRelay::~RealtimeRelay()
{
    stop();
}

void RealtimeRelay::start()
{
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    m_bus.setRelay([this](const RealtimeBus::Relayed &r) { send(r); });
    connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    m_thread.start();
    QMetaObject::invokeMethod(m_anchor, [this] {
        m_timer = new QTimer(m_anchor);
        m_timer->setInterval(1000);
        connect(m_timer, &QTimer::timeout, m_anchor, [this] { check(); });
        m_timer->start();
        listen();
    });
}

void RealtimeRelay::stop()
{
    if (!m_thread.isRunning())
        return;
    m_bus.setRelay({});
    QMetaObject::invokeMethod(m_anchor, [this] {
        m_db.closeThreadConnection();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

void RealtimeRelay::send(const RealtimeBus::Relayed &r)
{
    // PostgreSQL serialises every NOTIFY's commit on one cluster-wide lock: the relay's own thread
    // waits for it, in publishing order, never a request's thread.
    QMutexLocker lock(&m_queueLock);
    m_queue.append(r);
    if (m_queue.size() == 1)
        QMetaObject::invokeMethod(m_anchor, [this] { flush(); });
}

void RealtimeRelay::flush()
{
    QList<RealtimeBus::Relayed> queued;
    {
        QMutexLocker lock(&m_queueLock);
        queued.swap(m_queue);
    }
    QList<QByteArray> notices;
    notices.reserve(queued.size());
    for (const RealtimeBus::Relayed &r : std::as_const(queued)) {
        QByteArray n = notice(r);
        if (!n.isEmpty())
            notices.append(std::move(n));
    }
    const QString channel = QString::fromLatin1(kChannel);
    for (qsizetype first = 0; first < notices.size(); first += kNoticesPerStatement) {
        const qsizetype count = std::min<qsizetype>(kNoticesPerStatement, notices.size() - first);
        QString sql = u"SELECT pg_notify(?, ?)"_s;
        for (qsizetype i = 1; i < count; ++i)
            sql += u", pg_notify(?, ?)"_s;
        QVariantList values;
        values.reserve(2 * count);
        for (qsizetype i = first; i < first + count; ++i)
            values << channel << QString::fromUtf8(notices.at(i));
        SqlQuery q(m_db, sql, values);
        if (!q.exec())
            qCWarning(lcRelay) << "could not notify the other servers";
    }
}

QByteArray RealtimeRelay::notice(const RealtimeBus::Relayed &r)
{
    JsonWriter w(512 + r.payload.size());
    w.beginObject().field("o", m_origin).field("n", ++m_sequence);
    switch (r.kind) {
    case RealtimeBus::Relayed::Kind::Event:
        w.field("k", "event").field("e", r.event).field("x", r.exceptUserId);
        w.key("r").beginArray();
        for (const QString &room : r.rooms)
            w.value(room);
        w.endArray().key("p").raw(r.payload);
        break;
    case RealtimeBus::Relayed::Kind::User: w.field("k", "user").field("u", r.userId).field("s", r.sessionId); break;
    case RealtimeBus::Relayed::Kind::Session: w.field("k", "session").field("s", r.sessionId); break;
    case RealtimeBus::Relayed::Kind::ChatRooms: w.field("k", "chat_rooms").field("c", r.chatId); break;
    case RealtimeBus::Relayed::Kind::UserRooms: w.field("k", "user_rooms").field("u", r.userId); break;
    case RealtimeBus::Relayed::Kind::DatabaseReplaced: w.field("k", "database_replaced"); break;
    }
    w.endObject();
    QByteArray notice = w.take();
    if (notice.size() <= kNotifyMax)
        return notice;
    SqlQuery q(m_db, "INSERT INTO realtime_events (body, created_at) VALUES (?, ?) RETURNING id",
               {QString::fromUtf8(notice), nowSeconds()});
    if (!q.exec() || !q.next()) {
        qCWarning(lcRelay) << "could not keep a large event for the other servers";
        return {};
    }
    return "{\"o\":\"" + m_origin.toLatin1() + "\",\"id\":" + QByteArray::number(q.integer(0)) + '}';
}

void RealtimeRelay::listen()
{
    QSqlDatabase db = m_db.connection();
    if (!db.isOpen())
        return;   // check() tries again
    QSqlDriver *driver = db.driver();
    disconnect(m_notices);
    m_notices = connect(driver, &QSqlDriver::notification, m_anchor,
                        [this](const QString &name, QSqlDriver::NotificationSource, const QVariant &payload) {
                            received(name, payload);
                        });
    m_subscribed = driver->subscribeToNotification(QString::fromLatin1(kChannel));
    if (m_subscribed)
        emit listening();
    else
        qCWarning(lcRelay) << "LISTEN failed; trying again";
}

void RealtimeRelay::check()
{
    const qint64 now = nowSeconds();
    if (m_subscribed && now - m_lastCleanup >= kKeepSeconds) {
        m_lastCleanup = now;
        SqlQuery q(m_db, "DELETE FROM realtime_events WHERE created_at < ?", {now - kKeepSeconds});
        (void)q.exec();
    }
    // Last, and with its own text, so that pg_stat_activity tells the listening connections apart.
    // A dropped connection may already have been replaced by a new one (Database reopens on
    // use), which has not issued LISTEN: the subscription is checked on the connection as it is.
    QSqlDatabase db = m_db.connection();
    QSqlQuery alive(db);
    const bool listening =
        db.isOpen() && db.driver()->subscribedToNotifications().contains(QLatin1StringView(kChannel));
    if (!m_subscribed || !listening || !alive.exec(u"SELECT 1 AS conversa_relay_alive"_s)) {
        if (m_subscribed)
            qCWarning(lcRelay) << "the listening connection dropped: listening again";
        m_subscribed = false;
        m_db.closeThreadConnection();
        listen();
    }
}

void RealtimeRelay::received(const QString &channel, const QVariant &payload)
{
    if (channel != QLatin1StringView(kChannel))
        return;
    const QByteArray body = payload.toString().toUtf8();
    if (body.startsWith(m_ownPrefix))
        return;   // ours, back from LISTEN: delivered here already
    deliver(body);
}

void RealtimeRelay::deliver(const QByteArray &body)
{
    // Never ours: received() skipped those by their first bytes (a large event's stored body too,
    // whose notice names its id under our origin).
    const QJsonObject n = QJsonDocument::fromJson(body).object();
    if (n.contains(u"id"_s)) {
        SqlQuery q(m_db, "SELECT body FROM realtime_events WHERE id = ?", {n.value(u"id"_s).toInteger()});
        if (q.exec() && q.next())
            deliver(q.string(0).toUtf8());
        return;
    }
    const QString kind = n.value(u"k"_s).toString();
    if (kind == "event"_L1) {
        QStringList rooms;
        for (const QJsonValue &r : n.value(u"r"_s).toArray())
            rooms.append(r.toString());
        const QJsonValue p = n.value(u"p"_s);
        const QByteArray payload = p.isObject() ? QJsonDocument(p.toObject()).toJson(QJsonDocument::Compact)
                                                : QJsonDocument(p.toArray()).toJson(QJsonDocument::Compact);
        m_bus.publishHere(rooms, n.value(u"e"_s).toString(), payload, n.value(u"x"_s).toInteger());
    } else if (kind == "user"_L1) {
        m_bus.disconnectUserHere(n.value(u"u"_s).toInteger(), n.value(u"s"_s).toInteger());
    } else if (kind == "session"_L1) {
        m_bus.disconnectSessionHere(n.value(u"s"_s).toInteger());
    } else if (kind == "chat_rooms"_L1) {
        m_bus.revisitChatHere(n.value(u"c"_s).toInteger());
    } else if (kind == "user_rooms"_L1) {
        m_bus.revisitUserHere(n.value(u"u"_s).toInteger());
    } else if (kind == "database_replaced"_L1) {
        m_bus.databaseReplacedHere();
    }
}

}   // namespace Conversa::Server
