// The protocol library's typed REST client (issue 6) against the real server: typed calls and the
// error shape, 2FA login, one token refresh for many calls that got 401, a refresh that fails,
// uploads with progress, and the retry policy, through a relay in front of the server that answers
// 502, 503 or 429 itself, drops the connection or cuts the server's answer on demand — on SQLite
// and PostgreSQL.
#include "Fixtures.h"
#include "TcpRelay.h"
#include "TestServer.h"

#include "crypto/Jwt.h"
#include "crypto/Totp.h"
#include "domain/AuthService.h"
#include "store/Database.h"
#include "store/SearchText.h"

#include <Conversa/api/ApiClient.h>

#include <QJsonDocument>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;
using Conversa::ApiCallback;
using Conversa::ApiResult;

// A typed result that must have succeeded; the error otherwise.
#define CHECK_OK(r)                                                                                                    \
    QVERIFY2((r) && *(r), (r) ? qPrintable((*(r)).error().code + u' ' + (*(r)).error().message) : "no answer")

namespace {

// Starts a call and waits for its result (nullopt when none came within 10 s).
template <class T, class Start>
std::optional<ApiResult<T>> await(Start start)
{
    std::optional<ApiResult<T>> out;
    start(ApiCallback<T>([&out](const ApiResult<T> &r) { out = r; }));
    (void)QTest::qWaitFor([&out] { return out.has_value(); }, 10000);
    return out;
}

// The relay's step for one action of a retry script: "pass" (to the server, which answers),
// "503" or "502" (answered by the relay, as a proxy in front of the server does), "429:<seconds>"
// (with that Retry-After), "drop" (the connection closed before any answer: the server never
// hears of it) or "cut" (the server answers; the answer is cut halfway).
TcpRelay::Step stepFor(const QString &action)
{
    using Kind = TcpRelay::Step::Kind;
    if (action == "drop"_L1)
        return {Kind::Drop};
    if (action == "cut"_L1)
        return {Kind::CutAnswer};
    if (action.startsWith("429:"_L1))
        return {Kind::Answer, 429, action.mid(4).toInt()};
    if (action == "503"_L1 || action == "502"_L1)
        return {Kind::Answer, action.toInt()};
    return {Kind::Pass};
}

}   // namespace

class tst_ApiClient : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void init();

    void loginAndProfile();
    void inboxCalls();
    void messagesCalls();
    void supervisorCalls();
    void errors_data();
    void errors();
    void twoFactorLogin();
    void deadContextIsNotCalled();
    void uploadWithProgress();
    void downloadToSink();
    void oneRefreshForManyCalls();
    void failedRefreshExpiresTheSession();
    void retryPolicy_data();
    void retryPolicy();

private:
    // A new user of that role, signed in through m_client.
    qint64 signIn(const QString &role);
    qint64 chat(const QString &status, qint64 agentId);
    qint64 message(qint64 chatId, const QString &direction, const QString &status);
    // The same access token, expired a moment ago (the server's own key signs it).
    QByteArray expiredCopy(const QByteArray &token);

    TestServer m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<Conversa::ApiClient> m_client;
    QByteArray m_admin;
    qint64 m_campaign = 0;
    qint64 m_number = 0;
    int m_seq = 0;
};

static const QString kPassword = u"Secreto123!"_s;

void tst_ApiClient::initTestCase()
{
    QVERIFY(m_server.start());
    m_admin = m_server.tokenFor(u"admin"_s);
    const qint64 now = nowSeconds();
    m_number = insertReturningId(m_server.db(),
                                 "INSERT INTO whatsapp_numbers (phone_number, provider, created_at, updated_at) "
                                 "VALUES ('+573001111111', 'meta', ?, ?) RETURNING id",
                                 {now, now});
    m_campaign = insertReturningId(m_server.db(),
                                   "INSERT INTO campaigns (name, code, created_at, updated_at) "
                                   "VALUES ('Ventas', 'VENTAS', ?, ?) RETURNING id",
                                   {now, now});
    QVERIFY(m_number && m_campaign);
}

void tst_ApiClient::init()
{
    m_client = std::make_unique<Conversa::ApiClient>(&m_network);
    m_client->setBaseUrl(m_server.baseUrl());
}

qint64 tst_ApiClient::signIn(const QString &role)
{
    const QString email = u"%1.%2@example.com"_s.arg(role).arg(++m_seq);
    const qint64 id = m_server.createUser(email, kPassword, role);
    const auto r = await<Conversa::LoginResultDto>([&](auto done) { m_client->login(email, kPassword, this, done); });
    if (!r || !*r)
        return 0;
    return id;
}

qint64 tst_ApiClient::chat(const QString &status, qint64 agentId)
{
    const qint64 now = nowSeconds();
    const QString phone = u"+57312%1"_s.arg(++m_seq, 7, 10, QChar(u'0'));
    const qint64 client = insertReturningId(m_server.db(),
                                            "INSERT INTO clients (phone_number, first_name, search_text, created_at, "
                                            "updated_at) VALUES (?, 'Carlos', ?, ?, ?) RETURNING id",
                                            {phone, SearchText::of({u"Carlos"_s, phone}), now, now});
    return insertReturningId(
        m_server.db(),
        "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, "
        "search_text, created_at, queued_at, assigned_at, last_activity_at, last_inbound_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        {client, m_campaign, m_number, nullIfZero(agentId), status, SearchText::of({u"Carlos"_s, phone}), now - 60,
         now - 50, nullIfZero(agentId ? now - 30 : 0), now - 60, now - 60});
}

qint64 tst_ApiClient::message(qint64 chatId, const QString &direction, const QString &status)
{
    return insertReturningId(m_server.db(),
                             "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, "
                             "status, error_code, created_at) VALUES (?, ?, ?, 'text', 'hola', ?, ?, ?) RETURNING id",
                             {chatId, m_number, direction, status,
                              nullIfEmpty(status == "failed"_L1 ? u"131047"_s : QString()), nowSeconds()});
}

void tst_ApiClient::loginAndProfile()
{
    QSignalSpy tokens(m_client.get(), &Conversa::ApiClient::tokensChanged);
    const qint64 id = signIn(u"agent"_s);
    QVERIFY(id);
    QCOMPARE(tokens.size(), 1);
    QVERIFY(!m_client->accessToken().isEmpty() && !m_client->refreshToken().isEmpty());
    QCOMPARE(tokens.first().at(1).toByteArray(), m_client->refreshToken());
    QCOMPARE(m_client->userId(), id);

    const auto me = await<Conversa::UserDto>([&](auto done) { m_client->me(this, done); });
    CHECK_OK(me);
    QCOMPARE((*me)->id, id);
    QCOMPARE((*me)->role.name, u"agent"_s);

    const auto status = await<Conversa::AgentStatusDto>(
        [&](auto done) { m_client->setMyStatus(u"paused"_s, u"Almuerzo"_s, this, done); });
    CHECK_OK(status);
    QCOMPARE((*status)->agentStatus, u"paused"_s);
    QCOMPARE((*status)->agentStatusReason, u"Almuerzo"_s);
    QCOMPARE(m_server.count(u"users"_s, u"id = %1 AND agent_status = 'paused'"_s.arg(id)), 1);

    const auto changed =
        await<QJsonObject>([&](auto done) { m_client->changePassword(kPassword, u"OtraClave456!"_s, this, done); });
    CHECK_OK(changed);
    QVERIFY(!(*changed)->value(u"message"_s).toString().isEmpty());

    const auto out = await<QJsonObject>([&](auto done) { m_client->logout(this, done); });
    CHECK_OK(out);
    QVERIFY(m_client->accessToken().isEmpty());
    QCOMPARE(tokens.size(), 2);   // login and logout: changing the password keeps the current login
    QCOMPARE(tokens.last().at(0).toByteArray(), QByteArray());
}

void tst_ApiClient::inboxCalls()
{
    const qint64 me = signIn(u"agent"_s);
    QVERIFY(me);
    QCOMPARE(m_server
                 .request("POST", u"/v1/campaigns/%1/agents"_s.arg(m_campaign),
                          {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, me}}}}}, m_admin)
                 .status,
             200);
    const qint64 mine = chat(u"assigned"_s, me);
    const qint64 queued = chat(u"queued"_s, 0);

    Conversa::ChatQuery query;
    query.view = Conversa::ChatQuery::View::Mine;
    auto list = await<Conversa::Page<Conversa::ChatDto>>([&](auto done) { m_client->listChats(query, this, done); });
    CHECK_OK(list);
    QCOMPARE((*list)->data.size(), 1);
    QCOMPARE((*list)->data.first().id, mine);
    QCOMPARE((*list)->meta.total, 1);

    query.view = Conversa::ChatQuery::View::Queued;
    list = await<Conversa::Page<Conversa::ChatDto>>([&](auto done) { m_client->listChats(query, this, done); });
    CHECK_OK(list);
    QVERIFY(std::any_of((*list)->data.cbegin(), (*list)->data.cend(),
                        [&](const Conversa::ChatDto &c) { return c.id == queued && c.status == "queued"_L1; }));
    QVERIFY(std::all_of((*list)->data.cbegin(), (*list)->data.cend(),
                        [](const Conversa::ChatDto &c) { return c.status == "queued"_L1; }));

    query = {};
    query.search = u"+57312"_s;   // encoded in the query string
    query.limit = 1;
    list = await<Conversa::Page<Conversa::ChatDto>>([&](auto done) { m_client->listChats(query, this, done); });
    CHECK_OK(list);
    QCOMPARE((*list)->meta.perPage, 1);
    QVERIFY((*list)->meta.total >= 1);

    auto c = await<Conversa::ChatDto>([&](auto done) { m_client->getChat(mine, this, done); });
    CHECK_OK(c);
    QCOMPARE((*c)->assignedAgent->id, me);

    c = await<Conversa::ChatDto>([&](auto done) { m_client->addChatTag(mine, u" VIP "_s, this, done); });
    CHECK_OK(c);
    QCOMPARE((*c)->tags, QStringList{u"vip"_s});

    c = await<Conversa::ChatDto>([&](auto done) { m_client->addChatTag(mine, u"¿100%?"_s, this, done); });
    CHECK_OK(c);
    QVERIFY((*c)->tags.contains(u"¿100%?"_s));   // "?" and "%" travel encoded in the DELETE below
    const auto untagged =
        await<QJsonObject>([&](auto done) { m_client->removeChatTag(mine, u"¿100%?"_s, this, done); });
    CHECK_OK(untagged);
    const auto missing = await<QJsonObject>([&](auto done) { m_client->removeChatTag(mine, u"¿100%?"_s, this, done); });
    QVERIFY(missing && !*missing);
    QCOMPARE(missing->error().httpStatus, 404);

    const auto options =
        await<Conversa::TransferOptionsDto>([&](auto done) { m_client->transferOptions(mine, this, done); });
    CHECK_OK(options);
    for (const Conversa::TransferAgentDto &a : (*options)->agents)
        QVERIFY(a.id != me);   // not to the chat's own agent
    // The chat's Meta number has no business account id: a 409 that says what to set.
    const auto templates =
        await<Conversa::MessageTemplateListDto>([&](auto done) { m_client->listTemplates(mine, this, done); });
    QVERIFY(templates && !*templates);
    QCOMPARE(templates->error().httpStatus, 409);
    QVERIFY(templates->error().message.contains(u"meta_business_account_id"_s));

    c = await<Conversa::ChatDto>([&](auto done) { m_client->setChatPriority(mine, u"urgent"_s, this, done); });
    CHECK_OK(c);
    QCOMPARE((*c)->priority, u"urgent"_s);

    const auto note =
        await<Conversa::ChatNoteDto>([&](auto done) { m_client->addChatNote(mine, u"Nota"_s, this, done); });
    CHECK_OK(note);
    QCOMPARE((*note)->chatId, mine);
    QCOMPARE((*note)->user->id, me);

    const qint64 clientId = (*c)->client.id;
    auto client = await<Conversa::ClientDto>([&](auto done) { m_client->getClient(clientId, this, done); });
    CHECK_OK(client);
    QCOMPARE((*client)->firstName, u"Carlos"_s);
    client = await<Conversa::ClientDto>([&](auto done) {
        m_client->updateClient(clientId, {{u"company"_s, u"Acme"_s}, {u"lead_status"_s, u"qualified"_s}}, this, done);
    });
    CHECK_OK(client);
    QCOMPARE((*client)->company, u"Acme"_s);
    QCOMPARE((*client)->leadStatus, u"qualified"_s);
}

void tst_ApiClient::messagesCalls()
{
    const qint64 me = signIn(u"agent"_s);
    QVERIFY(me);
    const qint64 chatId = chat(u"assigned"_s, me);
    const qint64 inbound = message(chatId, u"inbound"_s, u"delivered"_s);
    const qint64 failed = message(chatId, u"outbound"_s, u"failed"_s);

    Conversa::SendMessageRequest send;
    send.chatId = chatId;
    send.content = u"Hola, ¿en qué puedo ayudarte?"_s;
    send.replyToMessageId = inbound;
    send.idempotencyKey = "key-1";
    const auto sent = await<Conversa::MessageDto>([&](auto done) { m_client->sendMessage(send, this, done); });
    CHECK_OK(sent);
    QCOMPARE((*sent)->status, u"pending"_s);
    QCOMPARE((*sent)->replyTo->id, inbound);
    QCOMPARE((*sent)->user->id, me);

    Conversa::SendMessageRequest tpl;
    tpl.chatId = chatId;
    tpl.messageType = u"template"_s;
    tpl.templateName = u"bienvenida"_s;
    tpl.templateLanguage = u"es"_s;
    tpl.templateVariables = {{u"1"_s, u"Carlos"_s}};
    const auto sentTemplate = await<Conversa::MessageDto>([&](auto done) { m_client->sendMessage(tpl, this, done); });
    CHECK_OK(sentTemplate);
    QCOMPARE((*sentTemplate)->templateVariables->value(u"1"_s).toString(), u"Carlos"_s);

    const auto read = await<Conversa::MessageDto>([&](auto done) { m_client->markMessageRead(inbound, this, done); });
    CHECK_OK(read);
    QVERIFY((*read)->readAt.isValid());

    const auto retried = await<Conversa::MessageDto>([&](auto done) { m_client->retryMessage(failed, this, done); });
    CHECK_OK(retried);
    QCOMPARE((*retried)->status, u"pending"_s);
    QVERIFY(!(*retried)->errorCode.has_value());

    // Scrolling back: the two messages before the newest one, oldest first.
    Conversa::MessageQuery query;
    query.beforeId = (*sentTemplate)->id;
    query.limit = 2;
    const auto page = await<Conversa::Page<Conversa::MessageDto>>(
        [&](auto done) { m_client->listMessages(chatId, query, this, done); });
    CHECK_OK(page);
    QCOMPARE((*page)->data.size(), 2);
    QCOMPARE((*page)->data.at(0).id, failed);
    QCOMPARE((*page)->data.at(1).id, (*sent)->id);
    QVERIFY((*page)->meta.hasMore);
}

void tst_ApiClient::supervisorCalls()
{
    const qint64 agent = m_server.createUser(u"agente.sup@example.com"_s, kPassword, u"agent"_s);
    QCOMPARE(m_server
                 .request("POST", u"/v1/campaigns/%1/agents"_s.arg(m_campaign),
                          {{u"agents"_s, QJsonArray{QJsonObject{{u"user_id"_s, agent}}}}}, m_admin)
                 .status,
             200);
    QVERIFY(signIn(u"supervisor"_s));
    const qint64 chatId = chat(u"queued"_s, 0);

    const auto campaigns =
        await<Conversa::Page<Conversa::CampaignDto>>([&](auto done) { m_client->listCampaigns(1, 10, this, done); });
    CHECK_OK(campaigns);
    QCOMPARE((*campaigns)->data.first().id, m_campaign);
    QCOMPARE((*campaigns)->meta.perPage, 10);

    Conversa::UserQuery users;
    users.role = u"agent"_s;
    users.search = u"agente.sup"_s;
    const auto found =
        await<Conversa::Page<Conversa::UserDto>>([&](auto done) { m_client->listUsers(users, this, done); });
    CHECK_OK(found);
    QCOMPARE((*found)->data.size(), 1);
    QCOMPARE((*found)->data.first().id, agent);

    auto c =
        await<Conversa::ChatDto>([&](auto done) { m_client->assignChat(chatId, agent, u"Cliente VIP"_s, this, done); });
    CHECK_OK(c);
    QCOMPARE((*c)->status, u"assigned"_s);
    QCOMPARE((*c)->assignedAgent->id, agent);

    c = await<Conversa::ChatDto>(
        [&](auto done) { m_client->transferChat(chatId, u"queue"_s, std::nullopt, {}, this, done); });
    CHECK_OK(c);
    QCOMPARE((*c)->status, u"queued"_s);
    QVERIFY(!(*c)->assignedAgent.has_value());

    Conversa::CloseChatRequest close;
    close.outcome = u"sale"_s;
    close.outcomeValue = 150000;
    c = await<Conversa::ChatDto>([&](auto done) { m_client->closeChat(chatId, close, this, done); });
    CHECK_OK(c);
    QCOMPARE((*c)->status, u"closed"_s);
    QCOMPARE((*c)->outcomeValue, 150000);

    c = await<Conversa::ChatDto>([&](auto done) { m_client->reopenChat(chatId, this, done); });
    CHECK_OK(c);
    QVERIFY((*c)->status != "closed"_L1);
}

void tst_ApiClient::errors_data()
{
    QTest::addColumn<QString>("role");
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QStringList>("fields");
    QTest::addRow("validation") << u"agent"_s << u"update-client"_s << 422 << u"VALIDATION_ERROR"_s
                                << QStringList{u"email"_s, u"lead_score"_s};
    QTest::addRow("not-found") << u"agent"_s << u"get-chat"_s << 404 << u"NOT_FOUND"_s << QStringList{};
    QTest::addRow("forbidden") << u"agent"_s << u"assign"_s << 403 << u"FORBIDDEN"_s << QStringList{};
    QTest::addRow("wrong-password") << u"agent"_s << u"change-password"_s << 422 << u"VALIDATION_ERROR"_s
                                    << QStringList{u"current_password"_s};
}

void tst_ApiClient::errors()
{
    QFETCH(QString, role);
    QFETCH(QString, call);
    QFETCH(int, status);
    QFETCH(QString, code);
    QFETCH(QStringList, fields);
    const qint64 me = signIn(role);
    QVERIFY(me);
    const qint64 chatId = chat(u"assigned"_s, me);
    std::optional<Conversa::ApiError> error;
    const auto fail = [&error](const auto &r) { error = r ? Conversa::ApiError{} : r.error(); };
    if (call == "update-client"_L1) {
        const qint64 clientId = m_server.request("GET", u"/v1/chats/%1"_s.arg(chatId), {}, m_admin)
                                    .value(u"client"_s)
                                    .toObject()
                                    .value(u"id"_s)
                                    .toInteger();
        m_client->updateClient(clientId, {{u"email"_s, u"no-es-correo"_s}, {u"lead_score"_s, 500}}, this,
                               ApiCallback<Conversa::ClientDto>(fail));
    } else if (call == "get-chat"_L1) {
        m_client->getChat(99999999, this, ApiCallback<Conversa::ChatDto>(fail));
    } else if (call == "assign"_L1) {
        m_client->assignChat(chatId, me, {}, this, ApiCallback<Conversa::ChatDto>(fail));
    } else {
        m_client->changePassword(u"incorrecta"_s, u"NuevaClave789!"_s, this, ApiCallback<QJsonObject>(fail));
    }
    QTRY_VERIFY(error.has_value());
    QCOMPARE(error->httpStatus, status);
    QCOMPARE(error->code, code);
    QVERIFY(!error->message.isEmpty());
    QVERIFY(!error->isNetworkError());
    QStringList got = error->fields();
    got.sort();
    QCOMPARE(got, fields);
    for (const QString &f : fields)
        QVERIFY(!error->messageFor(f).isEmpty());
}

void tst_ApiClient::twoFactorLogin()
{
    const QString email = u"dosfactores@example.com"_s;
    const qint64 id = m_server.createUser(email, kPassword, u"agent"_s);
    auto login = await<Conversa::LoginResultDto>([&](auto done) { m_client->login(email, kPassword, this, done); });
    CHECK_OK(login);

    const auto setup = await<Conversa::TwoFactorSetupDto>([&](auto done) { m_client->enableTwoFactor(kPassword, this, done); });
    CHECK_OK(setup);
    const QByteArray secret = (*setup)->secret.toLatin1();
    QCOMPARE((*setup)->backupCodes.size(), 10);
    const qint64 now = nowSeconds();
    const auto confirmed = await<Conversa::TwoFactorStatusDto>(
        [&](auto done) { m_client->confirmTwoFactor(Totp::codeAt(secret, now), this, done); });
    CHECK_OK(confirmed);
    QVERIFY((*confirmed)->enabled);

    // A new client: the password alone gives no tokens.
    init();
    QSignalSpy tokens(m_client.get(), &Conversa::ApiClient::tokensChanged);
    login = await<Conversa::LoginResultDto>([&](auto done) { m_client->login(email, kPassword, this, done); });
    CHECK_OK(login);
    QVERIFY((*login)->twoFactorRequired);
    QVERIFY(!(*login)->twoFactorToken.isEmpty());
    QVERIFY((*login)->accessToken.isEmpty());
    QCOMPARE(tokens.size(), 0);
    QVERIFY(m_client->accessToken().isEmpty());

    // The next step's code (the one just used for activation is spent).
    login = await<Conversa::LoginResultDto>([&](auto done) {
        m_client->verifyTwoFactor((*login)->twoFactorToken, Totp::codeAt(secret, now + Totp::StepSeconds), this, done);
    });
    CHECK_OK(login);
    QVERIFY(!(*login)->accessToken.isEmpty());
    QCOMPARE((*login)->user->id, id);
    QCOMPARE(tokens.size(), 1);
    QCOMPARE(m_client->accessToken(), (*login)->accessToken.toLatin1());
    QCOMPARE(m_client->userId(), id);

    const auto off = await<Conversa::TwoFactorStatusDto>(
        [&](auto done) { m_client->disableTwoFactor(kPassword, (*setup)->backupCodes.first(), this, done); });
    CHECK_OK(off);
    QVERIFY(!(*off)->enabled);
    QCOMPARE(m_server.count(u"users"_s, u"id = %1 AND two_factor_enabled = FALSE"_s.arg(id)), 1);
}

void tst_ApiClient::deadContextIsNotCalled()
{
    QVERIFY(signIn(u"agent"_s));
    QSignalSpy answers(&m_network, &QNetworkAccessManager::finished);
    auto *receiver = new QObject;
    bool called = false;
    m_client->me(receiver, [&called](const ApiResult<Conversa::UserDto> &) { called = true; });
    delete receiver;
    // A live one, sent after it; once both answers are in, only the live one was called back.
    const auto alive = await<Conversa::UserDto>([&](auto done) { m_client->me(this, done); });
    CHECK_OK(alive);
    QTRY_COMPARE(answers.size(), 2);
    QVERIFY(!called);
}

void tst_ApiClient::uploadWithProgress()
{
    QVERIFY(signIn(u"agent"_s));
    const QByteArray bytes = QByteArray("hola mundo, esta es una nota de texto\n").repeated(60000);   // ~2.3 MB
    QList<QPair<qint64, qint64>> progress;
    const auto file = await<Conversa::FileDto>([&](auto done) {
        m_client->uploadFile(u"notas \"largas\".txt"_s, bytes, this, done, [&progress](qint64 sent, qint64 total) {
            progress.append({sent, total});
        });
    });
    QVERIFY(file);
    if (!*file)
        QFAIL(qPrintable((*file).error().message));
    QCOMPARE((*file)->sizeBytes, bytes.size());
    QCOMPARE((*file)->mimeType, u"text/plain"_s);
    QCOMPARE((*file)->originalFilename, u"notas _largas_.txt"_s);
    QVERIFY(!progress.isEmpty());
    QVERIFY(progress.last().second > bytes.size());   // the multipart framing counts too
    QCOMPARE(progress.last().first, progress.last().second);
    for (qsizetype i = 1; i < progress.size(); ++i)
        QVERIFY(progress.at(i).first >= progress.at(i - 1).first);
}

// A download streamed to a sink: only the file's bytes reach it (not a 401's body, which is
// refreshed and replayed first, nor a 404's), with the progress; a sink that refuses ends it.
void tst_ApiClient::downloadToSink()
{
    QVERIFY(signIn(u"agent"_s));
    const QByteArray bytes = QByteArray("una línea de un archivo largo\n").repeated(80000);   // ~2.5 MB
    const auto file = await<QJsonObject>(
        [&](auto done) { m_client->uploadResource(u"/v1/files"_s, u"largo.txt"_s, bytes, this, done); });
    QVERIFY(file);
    CHECK_OK(file);
    const QString path = u"/v1/files/%1/download"_s.arg((*file)->value(u"id"_s).toInteger());

    // With an expired token: the 401 is refreshed away, and the sink gets the file alone.
    m_client->setTokens(expiredCopy(m_client->accessToken()), m_client->refreshToken());
    QByteArray received;
    int chunks = 0;
    QList<QPair<qint64, qint64>> progress;
    const auto answer = await<Conversa::ApiResponse>([&](auto done) {
        m_client->download(
            path, {},
            [&](const QByteArray &chunk) {
                received += chunk;
                ++chunks;
                return true;
            },
            this, done,
            [&](qint64 got, qint64 total) {
                progress.append({got, total});
            });
    });
    QVERIFY(answer);
    CHECK_OK(answer);
    QCOMPARE((*answer)->status, 200);
    QVERIFY((*answer)->body.isEmpty());
    QCOMPARE(received, bytes);
    QVERIFY(chunks >= 1);   // more than one on a real network; loopback may hand it over whole
    QCOMPARE(progress.last(), (QPair<qint64, qint64>{bytes.size(), bytes.size()}));

    // A 404: its body is the error, never the sink's.
    received.clear();
    const auto missing = await<Conversa::ApiResponse>([&](auto done) {
        m_client->download(
            u"/v1/files/999999/download"_s, {},
            [&](const QByteArray &chunk) {
                received += chunk;
                return true;
            },
            this, done);
    });
    QVERIFY(missing);
    QCOMPARE((*missing).error().httpStatus, 404);
    QVERIFY(received.isEmpty());

    // A sink that cannot take more (a full disk): the transfer stops, and fails (on loopback the
    // whole file may come as one chunk, so how much was offered is not the point).
    qint64 taken = 0;
    const auto refused = await<Conversa::ApiResponse>([&](auto done) {
        m_client->download(
            path, {},
            [&](const QByteArray &chunk) {
                taken += chunk.size();
                return false;
            },
            this, done);
    });
    QVERIFY(refused);
    QVERIFY(!(*refused).isOk());
    QVERIFY(taken > 0);
}

QByteArray tst_ApiClient::expiredCopy(const QByteArray &token)
{
    const QByteArray payload = token.split('.').value(1);
    QJsonObject claims =
        QJsonDocument::fromJson(
            QByteArray::fromBase64(payload, QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals))
            .object();
    claims.insert(u"iat"_s, nowSeconds() - AuthService::kAccessTokenSeconds - 5);
    claims.insert(u"exp"_s, nowSeconds() - 5);
    return Jwt::sign(claims, m_server.app().auth().jwtKey());
}

void tst_ApiClient::oneRefreshForManyCalls()
{
    const qint64 me = signIn(u"agent"_s);
    QVERIFY(me);
    const qint64 chatId = chat(u"assigned"_s, me);
    const QByteArray expired = expiredCopy(m_client->accessToken());
    QCOMPARE(m_server.request("GET", u"/v1/users/me"_s, {}, expired).status, 401);
    m_client->setTokens(expired, m_client->refreshToken());
    const qsizetype refreshesBefore = m_server.auditRows(u"auth.refresh"_s).size();
    QSignalSpy tokens(m_client.get(), &Conversa::ApiClient::tokensChanged);

    // Five calls at once, each answered 401 first; a POST is replayed too (a 401 did nothing).
    int ok = 0, failed = 0;
    const auto count = [&](bool success) { ++(success ? ok : failed); };
    m_client->me(this, [&](const auto &r) { count(r.isOk()); });
    m_client->getChat(chatId, this, [&](const auto &r) { count(r.isOk()); });
    m_client->listChats({}, this, [&](const auto &r) { count(r.isOk()); });
    m_client->addChatNote(chatId, u"Tras el refresco"_s, this, [&](const auto &r) { count(r.isOk()); });
    m_client->setMyStatus(u"available"_s, {}, this, [&](const auto &r) { count(r.isOk()); });
    QTRY_COMPARE(ok + failed, 5);
    QCOMPARE(ok, 5);

    QCOMPARE(m_server.auditRows(u"auth.refresh"_s).size(), refreshesBefore + 1);
    QCOMPARE(tokens.size(), 1);
    QVERIFY(m_client->accessToken() != expired);
    QCOMPARE(tokens.first().at(0).toByteArray(), m_client->accessToken());
    QCOMPARE(m_server.count(u"chat_notes"_s, u"chat_id = %1"_s.arg(chatId)), 1);

    // Two explicit refreshes at once share one exchange (a second would reuse the retired token).
    std::optional<ApiResult<Conversa::AuthTokensDto>> first, second;
    m_client->refresh(this, [&](const auto &r) { first = r; });
    m_client->refresh(this, [&](const auto &r) { second = r; });
    QTRY_VERIFY(first && second);
    CHECK_OK(first);
    CHECK_OK(second);
    QCOMPARE((*first)->refreshToken, (*second)->refreshToken);
    QCOMPARE(m_client->refreshToken(), (*first)->refreshToken.toLatin1());
    QCOMPARE(m_server.auditRows(u"auth.refresh"_s).size(), refreshesBefore + 2);
    const auto again = await<Conversa::UserDto>([&](auto done) { m_client->me(this, done); });
    CHECK_OK(again);
}

void tst_ApiClient::failedRefreshExpiresTheSession()
{
    QVERIFY(signIn(u"agent"_s));
    m_client->setTokens(expiredCopy(m_client->accessToken()), "not-a-refresh-token");
    const qsizetype refreshesBefore = m_server.auditRows(u"auth.refresh"_s).size();
    QSignalSpy expired(m_client.get(), &Conversa::ApiClient::sessionExpired);

    QList<Conversa::ApiError> errors;
    m_client->me(this, [&](const auto &r) { errors.append(r.error()); });
    m_client->listChats({}, this, [&](const auto &r) { errors.append(r.error()); });
    m_client->getChat(1, this, [&](const auto &r) { errors.append(r.error()); });
    QTRY_COMPARE(errors.size(), 3);
    for (const Conversa::ApiError &e : errors) {
        QCOMPARE(e.httpStatus, 401);
        QCOMPARE(e.code, u"UNAUTHENTICATED"_s);
    }
    QCOMPARE(expired.size(), 1);
    QCOMPARE(m_server.auditRows(u"auth.refresh"_s).size(), refreshesBefore + 1);
    QVERIFY(m_client->accessToken().isEmpty());
    QVERIFY(m_client->refreshToken().isEmpty());
}

void tst_ApiClient::retryPolicy_data()
{
    QTest::addColumn<QStringList>("actions");   // one per request, the last repeats (stepFor())
    QTest::addColumn<QString>("call");
    QTest::addColumn<int>("requests");
    QTest::addColumn<int>("status");   // of the result; 200 when it succeeded, 0 for a network error
    QTest::addRow("get-503-then-ok") << QStringList{u"503"_s, u"503"_s, u"pass"_s} << u"GET"_s << 3 << 200;
    QTest::addRow("get-cut-then-ok") << QStringList{u"cut"_s, u"pass"_s} << u"GET"_s << 2 << 200;
    QTest::addRow("get-502-gives-up") << QStringList{u"502"_s} << u"GET"_s << 3 << 502;
    QTest::addRow("get-429-retry-after") << QStringList{u"429:1"_s, u"pass"_s} << u"GET"_s << 2 << 200;
    QTest::addRow("get-429-too-long") << QStringList{u"429:120"_s} << u"GET"_s << 1 << 429;
    QTest::addRow("put-503-then-ok") << QStringList{u"503"_s, u"pass"_s} << u"PUT"_s << 2 << 200;
    QTest::addRow("post-503-not-retried") << QStringList{u"503"_s, u"pass"_s} << u"POST"_s << 1 << 503;
    QTest::addRow("post-cut-not-retried") << QStringList{u"cut"_s, u"pass"_s} << u"POST"_s << 1 << 0;
    // Closed before any answer byte, Qt's HTTP layer itself sends the request once more, whatever
    // the method (Qt 6.4, not configurable); the client adds nothing to that.
    QTest::addRow("post-dropped-qt-resends") << QStringList{u"drop"_s} << u"POST"_s << 2 << 0;
    QTest::addRow("post-with-key-retried") << QStringList{u"503"_s, u"cut"_s, u"pass"_s} << u"POST-key"_s << 3 << 200;
}

void tst_ApiClient::retryPolicy()
{
    QFETCH(QStringList, actions);
    QFETCH(QString, call);
    QFETCH(int, requests);
    QFETCH(int, status);
    // An agent with a chat of their own on the real server; their calls go through the relay.
    const qint64 me = signIn(u"agent"_s);
    QVERIFY(me);
    const qint64 chatId = chat(u"assigned"_s, me);
    QVERIFY(chatId);
    TcpRelay relay(m_server.port());
    QVERIFY(relay.listen());
    QList<TcpRelay::Step> script;
    for (const QString &action : std::as_const(actions))
        script.append(stepFor(action));
    relay.setScript(script);
    m_client->setBaseUrl(relay.url());
    m_client->setRetryDelays({20, 40});

    const QString content = u"reintento %1"_s.arg(QString::fromLatin1(QTest::currentDataTag()));
    const QByteArray key = QByteArray("6f1c0a2e-") + QTest::currentDataTag();
    std::optional<Conversa::ApiError> error;
    qint64 answeredId = 0;
    bool done = false;
    const auto finish = [&](const auto &r) {
        done = true;
        if (r)
            answeredId = r->id;
        else
            error = r.error();
    };
    if (call == "GET"_L1) {
        m_client->getChat(chatId, this, ApiCallback<Conversa::ChatDto>(finish));
    } else if (call == "PUT"_L1) {
        m_client->setChatPriority(chatId, u"high"_s, this, ApiCallback<Conversa::ChatDto>(finish));
    } else if (call == "POST"_L1) {
        m_client->addChatNote(chatId, content, this, ApiCallback<Conversa::ChatNoteDto>(finish));
    } else {
        Conversa::SendMessageRequest send;
        send.chatId = chatId;
        send.content = content;
        send.idempotencyKey = key;
        m_client->sendMessage(send, this, ApiCallback<Conversa::MessageDto>(finish));
    }
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QTest::qWait(100);   // a wrong extra retry would show up in this time (the delays are 20 and 40 ms)
    const QList<TcpRelay::Seen> seen = relay.seen();
    QCOMPARE(seen.size(), requests);
    if (status == 200) {
        QVERIFY2(!error, error ? qPrintable(error->code) : "");
    } else {
        QVERIFY(error.has_value());
        QCOMPARE(error->httpStatus, status);
        QCOMPARE(error->isNetworkError(), status == 0);
    }

    // What the server itself saw: the requests the relay passed on (a cut answer's too).
    qint64 reached = 0;
    for (qsizetype i = 0; i < seen.size(); ++i) {
        const TcpRelay::Step::Kind kind = script.at(qMin(i, script.size() - 1)).kind;
        if (kind == TcpRelay::Step::Kind::Pass || kind == TcpRelay::Step::Kind::CutAnswer)
            ++reached;
    }
    if (call == "GET"_L1) {
        if (status == 200)
            QCOMPARE(answeredId, chatId);
    } else if (call == "PUT"_L1) {
        QCOMPARE(answeredId, chatId);
        QCOMPARE(m_server.count(u"chats"_s, u"id = %1 AND priority = 'high'"_s.arg(chatId)), 1);
    } else if (call == "POST"_L1) {
        // Never retried: each note the server wrote is one a request asked for, even when the
        // client did not hear of it (a cut answer).
        QCOMPARE(m_server.count(u"chat_notes"_s, u"chat_id = %1"_s.arg(chatId)), reached);
    } else {
        // Retried with the same key: the server stores the message once and answers it again.
        QVERIFY(reached >= 2);
        for (const TcpRelay::Seen &request : seen)
            QCOMPARE(request.idempotencyKey, key);
        QCOMPARE(m_server.count(u"messages"_s, u"chat_id = %1"_s.arg(chatId)), 1);
        QCOMPARE(m_server.count(u"messages"_s, u"id = %1"_s.arg(answeredId)), 1);
    }
    if (actions.first() == "429:1"_L1)
        QVERIFY2(seen.at(1).atMs - seen.at(0).atMs >= 990, "Retry-After was not honoured");
    if (actions.first() == "429:120"_L1)
        QCOMPARE(error->retryAfterSeconds, 120);
    if (status == 502)   // the backoff: 20 ms, then 40 ms
        QVERIFY(seen.at(2).atMs - seen.at(1).atMs >= 35);
}

QTEST_GUILESS_MAIN(tst_ApiClient)
#include "tst_api_client.moc"
