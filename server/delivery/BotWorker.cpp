#include "BotWorker.h"

#include "store/BotSessionStore.h"
#include "store/Database.h"

#include <QJsonDocument>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

Q_LOGGING_CATEGORY(lcBotWorker, "conversa.server.bot.worker")

namespace {

constexpr int kBotBatch = 50;
// How long a claim holds a due step: longer than a step takes, short enough that a step of a
// server that died is taken again soon.
constexpr qint64 kBotClaimSeconds = 60;

}   // namespace

BotWorker::BotWorker(Database &db, const ProviderRegistry &providers, BotWorkerSettings settings, Publish publish,
                     QObject *parent)
    : QueueWorker(parent),
      m_db(db),
      m_providers(providers),
      m_settings(std::move(settings)),
      m_publish(std::move(publish)),
      m_timer(this)
{
    m_timer.setInterval(qMax(10, m_settings.pollMs));
    connect(&m_timer, &QTimer::timeout, this, [this] { runDue(nowSeconds()); });
}

BotWorker::~BotWorker()
{
    const bool ran = m_engine != nullptr;
    m_http.reset();
    m_engine.reset();
    if (ran)   // it ran on this thread: its connection goes with it
        m_db.closeThreadConnection();
}

void BotWorker::start()
{
    if (!m_engine) {
        m_engine = std::make_unique<BotEngine>(m_db, m_providers, m_settings.engine);
        m_http = std::make_unique<BotHttpCaller>(m_settings.http);
    }
    m_stopping = false;
    m_timer.start();
    QTimer::singleShot(0, this, [this] { runDue(nowSeconds()); });
}

void BotWorker::shutdown()
{
    m_stopping = true;
    m_timer.stop();
    emit idle();   // a call in flight is dropped; its claim runs out and another pass makes it again
}

int BotWorker::runDue(qint64 now)
{
    if (m_stopping || !m_engine)
        return 0;
    BotSessionStore sessions(m_db);
    const Result<QList<qint64>> due = sessions.due(now, kBotBatch);
    if (!due)
        return 0;   // logged by the store; the next pass tries again
    int started = 0;
    for (const qint64 id : *due) {
        const Result<bool> won = sessions.claim(id, now, now + kBotClaimSeconds);
        if (!won || !*won)
            continue;   // another worker has it
        ++started;
        const Result<std::optional<PendingCall>> call = m_engine->pendingCall(id);
        if (!call)
            continue;
        if (!*call) {
            commitAndPublish(id, [this, id] { return m_engine->due(id); });
            continue;
        }
        const Bot::HttpCallSpec &spec = (*call)->call;
        BotHttpCall request;
        request.method = spec.method;
        request.url = QUrl(spec.url);
        for (const auto &[name, value] : spec.headers)
            request.headers.append({name.toUtf8(), value.toUtf8()});
        request.body = spec.body;
        request.timeoutMs = int(qBound(qint64(1), spec.timeoutMs, qint64(30000)));
        m_http->call(request, [this, id, node = spec.node](const BotHttpResult &result) { answer(id, node, result); });
    }
    return started;
}

void BotWorker::answer(qint64 sessionId, const QString &node, const BotHttpResult &result)
{
    if (m_stopping)
        return;
    Bot::HttpAnswer answer;
    answer.ok = result.ok;
    if (result.ok) {
        QJsonParseError error;
        const QJsonDocument json = QJsonDocument::fromJson(result.body, &error);
        answer.json = json.isObject() ? QJsonValue(json.object())
            : json.isArray()          ? QJsonValue(json.array())
                                      : QJsonValue();
    } else {
        qCInfo(lcBotWorker).noquote() << "bot session" << sessionId << "call at" << node << "failed:" << result.error;
    }
    commitAndPublish(sessionId,
                     [this, sessionId, node, answer] { return m_engine->callAnswered(sessionId, node, answer); });
}

void BotWorker::commitAndPublish(qint64 sessionId, const std::function<Result<ChatEffects>()> &step)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return;
    const Result<ChatEffects> done = step();
    if (!done) {
        qCWarning(lcBotWorker) << "bot session" << sessionId << "step failed:" << done.error().code();
        return;   // rolled back; the claim runs out and the step is tried again
    }
    if (!tx.commit())
        return;
    if (m_publish && !done->events.isEmpty())
        m_publish(done->events);
    emit stepped(sessionId);
}

BotThread::BotThread(Database &db, const ProviderRegistry &providers, const BotWorkerSettings &settings,
                     BotWorker::Publish publish)
    : QueueThread(new BotWorker(db, providers, settings, std::move(publish)), u"bot"_s, 5000)
{}

}   // namespace Conversa::Server
