#include "BenchProbe.h"

#include <QAbstractItemModel>
#include <QFile>
#include <QJsonDocument>
#include <QMetaProperty>
#include <QMutexLocker>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSGRendererInterface>

#include <chrono>

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 kStuckUs = 30'000'000;   // no page for this long while scrolling: give up and say so
constexpr qint64 kNudgeUs = 100'000;      // at the top with nothing loading for this long: flick down and up
}   // namespace

qint64 BenchProbe::nowUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

BenchProbe::BenchProbe(QObject &app, QQuickWindow &window, const Options &options, QObject *parent)
    : QObject(parent),
      m_app(app),
      m_window(window),
      m_options(options),
      m_report(std::make_unique<QFile>(options.reportFile))
{
    if (!m_report->open(QIODevice::WriteOnly | QIODevice::Append))
        qWarning("bench: cannot write %s", qPrintable(options.reportFile));
    // Frames are stamped on the render thread, where they happen (Qt::DirectConnection).
    connect(
        &m_window, &QQuickWindow::afterSynchronizing, this, [this] { afterSynchronizing(); }, Qt::DirectConnection);
    connect(
        &m_window, &QQuickWindow::frameSwapped, this, [this] { frameSwapped(); }, Qt::DirectConnection);

    QAbstractItemModel *inbox = model("inbox", "model");
    if (!inbox) {
        write({{u"event"_s, u"error"_s}, {u"error"_s, u"no inbox model"_s}});
        return;
    }
    connect(inbox, &QAbstractItemModel::modelReset, this, &BenchProbe::checkInteractive);
    connect(inbox, &QAbstractItemModel::rowsInserted, this, &BenchProbe::checkInteractive);
    notifyOn(child("inbox"), "busy", "checkInteractive()");
    notifyOn(child("session"), "stage", "checkInteractive()");

    m_scroll.setInterval(16);
    connect(&m_scroll, &QTimer::timeout, this, &BenchProbe::scrollStep);
    write({{u"event"_s, u"started"_s}, {u"main_us"_s, m_options.mainStartedUs}, {u"probe_us"_s, nowUs()}});
}

BenchProbe::~BenchProbe() = default;

void BenchProbe::notifyOn(QObject *object, const char *property, const char *slot)
{
    if (!object)
        return;
    const QMetaObject *meta = object->metaObject();
    const QMetaProperty p = meta->property(meta->indexOfProperty(property));
    const QMetaMethod s = metaObject()->method(metaObject()->indexOfSlot(slot));
    if (!p.hasNotifySignal() || !s.isValid() || !connect(object, p.notifySignal(), this, s))
        qWarning("bench: cannot follow %s.%s", meta->className(), property);
}

QObject *BenchProbe::child(const char *property) const
{
    return m_app.property(property).value<QObject *>();
}

QAbstractItemModel *BenchProbe::model(const char *owner, const char *property) const
{
    QObject *o = child(owner);
    return o ? o->property(property).value<QAbstractItemModel *>() : nullptr;
}

QVariant BenchProbe::data(const QAbstractItemModel *model, int row, const QByteArray &roleName)
{
    const QList<int> roles = model->roleNames().keys(roleName);
    return roles.isEmpty() ? QVariant() : model->data(model->index(row, 0), roles.constFirst());
}

qint64 BenchProbe::statusKb(const char *field)
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(qstrlen(field)).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

void BenchProbe::write(QJsonObject event)
{
    if (!event.contains(u"wall_us"_s))
        event.insert(u"wall_us"_s, nowUs());
    m_report->write(QJsonDocument(event).toJson(QJsonDocument::Compact) + '\n');
    m_report->flush();
}

// --- frames ---------------------------------------------------------------------------------

void BenchProbe::expectFrame(const QJsonObject &event)
{
    {
        QMutexLocker lock(&m_mutex);
        m_pending.append({event, nowUs(), 0});
    }
    // No update() here: a change that makes nothing repaint is not on screen, and must not look so.
}

void BenchProbe::afterSynchronizing()
{
    QMutexLocker lock(&m_mutex);
    m_inFrame += std::exchange(m_pending, {});
}

void BenchProbe::frameSwapped()
{
    const qint64 now = nowUs();
    QMutexLocker lock(&m_mutex);
    if (m_inFrame.isEmpty())
        return;
    for (Pending &p : m_inFrame)
        p.swappedUs = now;
    m_swapped += std::exchange(m_inFrame, {});
    QMetaObject::invokeMethod(this, &BenchProbe::flushSwapped, Qt::QueuedConnection);
}

void BenchProbe::flushSwapped()
{
    QList<Pending> done;
    {
        QMutexLocker lock(&m_mutex);
        done = std::exchange(m_swapped, {});
    }
    for (const Pending &p : std::as_const(done)) {
        QJsonObject e = p.event;
        e.insert(u"changed_us"_s, p.changedUs);
        e.insert(u"wall_us"_s, p.swappedUs);
        write(e);
        if (e.value(u"event"_s).toString() == u"interactive"_s)
            onInteractive();
    }
}

// --- (a) the inbox ---------------------------------------------------------------------------

void BenchProbe::checkInteractive()
{
    if (m_interactive)
        return;
    QObject *session = child("session");
    QObject *inbox = child("inbox");
    QAbstractItemModel *chats = model("inbox", "model");
    if (!session || !inbox || !chats)
        return;
    const QMetaProperty stage = session->metaObject()->property(session->metaObject()->indexOfProperty("stage"));
    const bool signedIn = qstrcmp(stage.enumerator().valueToKey(stage.read(session).toInt()), "SignedIn") == 0;
    if (signedIn && m_signedInUs == 0)
        m_signedInUs = nowUs();
    if (!signedIn || inbox->property("busy").toBool() || chats->rowCount() == 0 ||
        !m_window.findChild<QQuickItem *>(u"chatList"_s))
        return;
    m_interactive = true;
    expectFrame({{u"event"_s, u"interactive"_s},
                 {u"rows"_s, chats->rowCount()},
                 {u"main_us"_s, m_options.mainStartedUs},
                 {u"signed_in_us"_s, m_signedInUs}});
}

void BenchProbe::onInteractive()
{
    QString api = u"other"_s;   // GraphicsApi has no meta-enum in Qt 6.4
    switch (m_window.rendererInterface() ? m_window.rendererInterface()->graphicsApi()
                                         : QSGRendererInterface::Unknown) {
    case QSGRendererInterface::Software: api = u"software"_s; break;
    case QSGRendererInterface::OpenGL: api = u"opengl"_s; break;
    case QSGRendererInterface::Vulkan: api = u"vulkan"_s; break;
    default: break;
    }
    write({{u"event"_s, u"renderer"_s}, {u"graphics_api"_s, api}, {u"rss_kb"_s, statusKb("VmRSS:")}});
    watchNewRows();
    if (m_options.openChatId <= 0)
        return;
    QObject *conversation = child("conversation");
    QAbstractItemModel *messages = model("conversation", "messages");
    if (!conversation || !messages)
        return write({{u"event"_s, u"error"_s}, {u"error"_s, u"no conversation"_s}});
    connect(messages, &QAbstractItemModel::modelReset, this, &BenchProbe::checkChatLoaded);
    notifyOn(conversation, "busy", "checkChatLoaded()");
    QMetaObject::invokeMethod(conversation, "open", Q_ARG(qint64, m_options.openChatId));
}

// --- (c) new messages ----------------------------------------------------------------------

void BenchProbe::watchNewRows()
{
    QAbstractItemModel *chats = model("inbox", "model");
    connect(chats, &QAbstractItemModel::rowsMoved, this,
            [this, chats](const QModelIndex &, int start, int end, const QModelIndex &, int destination) {
                if (destination != 0)
                    return;
                for (int row = 0; row <= end - start; ++row)
                    expectFrame({{u"event"_s, u"painted"_s},
                                 {u"kind"_s, u"inbox"_s},
                                 {u"chat_id"_s, data(chats, row, "chatId").toLongLong()},
                                 {u"text"_s, data(chats, row, "lastMessage").toString()}});
            });
    QAbstractItemModel *messages = model("conversation", "messages");
    if (!messages)
        return;
    // Appended rows only: a page of older messages is prepended, a fresh chat is a reset.
    connect(messages, &QAbstractItemModel::rowsInserted, this,
            [this, messages](const QModelIndex &, int first, int last) {
                if (!m_chatLoaded || last != messages->rowCount() - 1)
                    return;
                for (int row = first; row <= last; ++row)
                    expectFrame({{u"event"_s, u"painted"_s},
                                 {u"kind"_s, u"open"_s},
                                 {u"chat_id"_s, child("conversation")->property("chatId").toLongLong()},
                                 {u"message_id"_s, data(messages, row, "messageId").toLongLong()},
                                 {u"text"_s, data(messages, row, "content").toString()}});
            });
}

// --- (b) scrolling a long chat ---------------------------------------------------------------

void BenchProbe::checkChatLoaded()
{
    QObject *conversation = child("conversation");
    QAbstractItemModel *messages = model("conversation", "messages");
    if (m_chatLoaded || conversation->property("chatId").toLongLong() != m_options.openChatId ||
        conversation->property("busy").toBool() || messages->rowCount() == 0)
        return;
    m_chatLoaded = true;
    expectFrame(
        {{u"event"_s, u"chat_open"_s}, {u"chat_id"_s, m_options.openChatId}, {u"rows"_s, messages->rowCount()}});
    if (m_options.scrollToOldest) {
        m_scrolling = true;
        m_scrollStartUs = m_lastGrowthUs = nowUs();
        m_lastCount = messages->rowCount();
        m_scroll.start();
    }
}

// What a user scrolling up does: back to the top of what is loaded, which makes the view ask for
// the previous page (MessageList.qml's onAtYBeginningChanged), again and again.
void BenchProbe::scrollStep()
{
    QObject *conversation = child("conversation");
    QAbstractItemModel *messages = model("conversation", "messages");
    auto *list = m_window.findChild<QQuickItem *>(u"messageList"_s);
    if (!list)
        return;
    const qint64 now = nowUs();
    if (messages->rowCount() != m_lastCount) {
        m_lastCount = messages->rowCount();
        m_lastGrowthUs = now;
    }
    const bool busy = conversation->property("busy").toBool();
    if (!busy && !conversation->property("hasOlder").toBool())
        return finishScroll();
    if (now - m_lastGrowthUs > kStuckUs) {
        write({{u"event"_s, u"scroll_stuck"_s}, {u"rows"_s, m_lastCount}});
        return finishScroll();
    }
    if (busy)
        return;
    if (list->property("atYBeginning").toBool() && now - m_lastGrowthUs > kNudgeUs) {
        // Already at the top and nothing asked for: the view's edge trigger needs a way down first.
        QMetaObject::invokeMethod(list, "positionViewAtEnd");
        ++m_scrollNudges;
    }
    QMetaObject::invokeMethod(list, "positionViewAtBeginning");
    ++m_scrollSteps;
}

void BenchProbe::finishScroll()
{
    m_scroll.stop();
    if (!m_scrolling)
        return;
    m_scrolling = false;
    const qint64 end = nowUs();
    const int rows = model("conversation", "messages")->rowCount();
    // A second for the last pages' frames and any deferred deletes, then the memory.
    QTimer::singleShot(1000, this, [this, end, rows] {
        write({{u"event"_s, u"scrolled"_s},
               {u"rows"_s, rows},
               {u"seconds"_s, double(end - m_scrollStartUs) / 1e6},
               {u"steps"_s, m_scrollSteps},
               {u"nudges"_s, m_scrollNudges},
               {u"rss_kb"_s, statusKb("VmRSS:")},
               {u"hwm_kb"_s, statusKb("VmHWM:")}});
    });
}
