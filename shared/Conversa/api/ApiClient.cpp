#include "ApiClient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTimer>

#include <type_traits>

namespace Conversa {

using namespace Qt::StringLiterals;

QByteArray ApiResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray ApiResponse::errorCode() const
{
    return object().value(u"error"_s).toObject().value(u"code"_s).toString().toLatin1();
}

QStringList ApiResponse::errorFields() const
{
    QStringList fields;
    const QJsonArray details = object().value(u"error"_s).toObject().value(u"details"_s).toArray();
    for (const QJsonValue &d : details)
        fields.append(d.toObject().value(u"field"_s).toString());
    return fields;
}

// One typed call, kept until it is answered: it may be sent again (retry, or replay after a refresh).
struct ApiClient::Call {
    QByteArray method;
    QString path;
    QByteArray body;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;
    bool authenticated = true;   // carries the access token and may trigger a refresh on 401
    bool idempotent = false;
    int attempt = 0;         // retries done
    bool replayed = false;   // already sent again after a refresh: a second 401 is final
    QByteArray sentToken;
    RawDone done;
    std::function<void(qint64, qint64)> progress;
    ChunkSink sink;             // a download's body goes here rather than into the answer
    qint64 sunk = 0;            // bytes handed to the sink
    bool sinkRefused = false;   // the sink said stop
};

namespace {

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}

ApiError errorOf(const ApiResponse &r)
{
    if (r.status == 0)
        return ApiError::network(QCoreApplication::translate("Conversa::ApiClient", "Could not reach the server"));
    return ApiError::fromHttp(r.status, r.body, r.header("Retry-After"));
}

template <class T>
T parseAnswer(const QJsonObject &json)
{
    if constexpr (std::is_same_v<T, QJsonObject>)
        return json;
    else
        return T::fromJson(json);
}

// read() for typed calls: an answer cut off by a transport error (connection closed, timeout; Qt's
// codes below 100) is no answer, even when its status line had arrived.
ApiResponse readWhole(QNetworkReply *reply)
{
    ApiResponse r = ApiClient::read(reply);
    if (r.networkError > 0 && r.networkError < 100)
        r.status = 0;
    return r;
}

QString encodeQuery(const QList<QPair<QString, QString>> &items)
{
    QStringList parts;
    for (const auto &[key, value] : items) {
        if (!value.isEmpty())
            parts.append(key + u'=' + QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    return parts.isEmpty() ? QString() : u'?' + parts.join(u'&');
}

}   // namespace

ApiClient::ApiClient(QNetworkAccessManager *network, QObject *parent) : QObject(parent), m_network(network) {}

ApiClient::~ApiClient() = default;

QNetworkRequest ApiClient::makeRequest(const QString &path, const QByteArray &body, const QByteArray &contentType,
                                       const QList<QPair<QByteArray, QByteArray>> &headers,
                                       const QByteArray &token) const
{
    QUrl url = m_baseUrl;
    const qsizetype q = path.indexOf(u'?');
    url.setPath(url.path(QUrl::FullyEncoded) + (q < 0 ? path : path.left(q)), QUrl::TolerantMode);
    if (q >= 0)
        url.setQuery(path.mid(q + 1));
    QNetworkRequest request(url);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token);
    request.setRawHeader("Accept-Language", m_language);
    if (!body.isEmpty() && !contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return request;
}

QNetworkReply *ApiClient::send(const QByteArray &method, const QString &path, const QByteArray &body,
                               const QByteArray &contentType, const QList<QPair<QByteArray, QByteArray>> &headers)
{
    return m_network->sendCustomRequest(makeRequest(path, body, contentType, headers, m_accessToken), method, body);
}

QNetworkReply *ApiClient::sendJson(const QByteArray &method, const QString &path, const QJsonObject &body)
{
    return send(method, path, QJsonDocument(body).toJson(QJsonDocument::Compact));
}

ApiResponse ApiClient::read(QNetworkReply *reply)
{
    ApiResponse r;
    r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    r.networkError = int(reply->error());
    r.body = reply->readAll();
    r.headers = reply->rawHeaderPairs();
    return r;
}

// ---- the call machinery ----

void ApiClient::setTokens(const QByteArray &accessToken, const QByteArray &refreshToken)
{
    m_accessToken = accessToken;
    m_refreshToken = refreshToken;
}

std::shared_ptr<ApiClient::Call> ApiClient::newCall(const QByteArray &method, const QString &path,
                                                    const QByteArray &body, QObject *context, RawDone done,
                                                    bool authenticated, const QByteArray &idempotencyKey)
{
    auto call = std::make_shared<Call>();
    call->method = method;
    call->path = path;
    call->body = body;
    call->authenticated = authenticated;
    call->idempotent = method == "GET" || method == "PUT" || method == "DELETE" || !idempotencyKey.isEmpty();
    if (!idempotencyKey.isEmpty())
        call->headers.append({"Idempotency-Key", idempotencyKey});
    // The context is checked once the answer is in, so that the session work of a call (adopting
    // tokens) happens even when whoever asked is gone.
    const bool hasContext = context != nullptr;
    call->done = [guard = QPointer<QObject>(context), hasContext, done = std::move(done)](const ApiResponse &r) {
        if (hasContext && !guard)
            return;
        done(r);
    };
    return call;
}

template <class T>
void ApiClient::request(const QByteArray &method, const QString &path, const QJsonObject *body, QObject *context,
                        ApiCallback<T> done, bool authenticated, const QByteArray &idempotencyKey)
{
    const QByteArray bytes = body ? QJsonDocument(*body).toJson(QJsonDocument::Compact) : QByteArray();
    start(newCall(
        method, path, bytes, context,
        [done = std::move(done)](const ApiResponse &r) {
            if (!done)
                return;
            if (isSuccess(r.status))
                done(ApiResult<T>(parseAnswer<T>(r.object())));
            else
                done(ApiResult<T>(errorOf(r)));
        },
        authenticated, idempotencyKey));
}

void ApiClient::start(std::shared_ptr<Call> call)
{
    call->attempt = 0;
    dispatch(std::move(call));
}

void ApiClient::dispatch(std::shared_ptr<Call> call)
{
    if (call->authenticated && m_refreshing) {
        m_waitingForRefresh.append(call);   // the token it would carry is being replaced
        return;
    }
    call->sentToken = call->authenticated ? m_accessToken : QByteArray();
    QNetworkReply *reply = m_network->sendCustomRequest(makeRequest(call->path, call->body, call->contentType,
                                                                    call->headers, call->sentToken),
                                                        call->method, call->body);
    if (call->progress && !call->sink) {
        connect(reply, &QNetworkReply::uploadProgress, this, [progress = call->progress](qint64 sent, qint64 total) {
            if (total > 0)   // Qt ends with (0, 0) once the answer is in
                progress(sent, total);
        });
    }
    if (call->sink) {
        reply->setReadBufferSize(1 << 20);   // at most 1 MiB held here: the rest waits in the socket
        connect(reply, &QNetworkReply::readyRead, this, [call, reply] { drain(*call, reply); });
        if (call->progress)
            connect(reply, &QNetworkReply::downloadProgress, this, [progress = call->progress](qint64 got, qint64 total) {
                progress(got, total);
            });
    }
    connect(reply, &QNetworkReply::finished, this, [this, call, reply] { finished(call, reply); });
}

void ApiClient::drain(Call &call, QNetworkReply *reply)
{
    if (call.sinkRefused || !isSuccess(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt()))
        return;   // an error's body is read as usual, once it is all in
    const QByteArray chunk = reply->readAll();
    if (chunk.isEmpty())
        return;
    call.sunk += chunk.size();
    if (!call.sink(chunk)) {
        call.sinkRefused = true;
        reply->abort();
    }
}

void ApiClient::finished(std::shared_ptr<Call> call, QNetworkReply *reply)
{
    if (call->sink)
        drain(*call, reply);   // what arrived with the end
    const ApiResponse r = readWhole(reply);
    reply->deleteLater();
    if (call->sinkRefused || (call->sink && call->sunk > 0 && !isSuccess(r.status))) {
        complete(call, r);   // part of the body is out already: sending again would repeat it
        return;
    }

    const bool transient = r.status == 0 || r.status == 429 || r.status == 502 || r.status == 503 || r.status == 504;
    if (call->idempotent && transient && call->attempt < m_retryDelays.size()) {
        int delay = m_retryDelays.at(call->attempt);
        bool ok = false;
        const int retryAfter = r.header("Retry-After").trimmed().toInt(&ok);
        if (ok && retryAfter > m_maxRetryAfterSeconds) {
            complete(call, r);   // not worth waiting for: the caller decides
            return;
        }
        if (ok && retryAfter > 0)
            delay = qMax(delay, retryAfter * 1000);
        ++call->attempt;
        QTimer::singleShot(delay, this, [this, call] { dispatch(call); });
        return;
    }

    if (r.status == 401 && call->authenticated && !m_refreshToken.isEmpty() && !call->replayed) {
        call->replayed = true;
        if (!m_accessToken.isEmpty() && call->sentToken != m_accessToken) {
            dispatch(call);   // a refresh finished while it was on the way: the new token may do
            return;
        }
        m_waitingForRefresh.append(call);
        startRefresh();
        return;
    }
    complete(call, r);
}

void ApiClient::complete(const std::shared_ptr<Call> &call, const ApiResponse &response)
{
    if (call->done)
        call->done(response);
}

void ApiClient::startRefresh()
{
    if (m_refreshing)
        return;
    m_refreshing = true;
    // Never retried: a refresh that reached the server retired its token, and sending it again would
    // revoke the whole login.
    const QByteArray body = QJsonDocument(QJsonObject{{u"refresh_token"_s, QString::fromLatin1(m_refreshToken)}})
                                .toJson(QJsonDocument::Compact);
    QNetworkReply *reply =
        m_network->sendCustomRequest(makeRequest(u"/v1/auth/refresh"_s, body, "application/json", {}, {}), "POST",
                                     body);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        const ApiResponse r = readWhole(reply);
        reply->deleteLater();
        refreshFinished(r);
    });
}

void ApiClient::refreshFinished(const ApiResponse &response)
{
    m_refreshing = false;
    const QList<std::shared_ptr<Call>> waiting = std::exchange(m_waitingForRefresh, {});
    const QList<std::function<void(const ApiResponse &)>> listeners = std::exchange(m_refreshListeners, {});
    const bool ok = isSuccess(response.status);
    if (ok)
        adoptTokens(response.object());
    else if (response.status == 401) {
        m_accessToken.clear();
        m_refreshToken.clear();
    }
    for (const auto &listener : listeners)
        listener(response);
    for (const auto &call : waiting) {
        if (ok)
            dispatch(call);
        else
            complete(call, response);
    }
    if (response.status == 401) {
        emit tokensChanged({}, {});
        emit sessionExpired();
    }
}

bool ApiClient::adoptTokens(const QJsonObject &answer)
{
    const QByteArray access = answer.value(u"access_token"_s).toString().toLatin1();
    const QByteArray refresh = answer.value(u"refresh_token"_s).toString().toLatin1();
    if (access.isEmpty() || refresh.isEmpty())
        return false;
    const qint64 user = answer.value(u"user"_s).toObject().value(u"id"_s).toInteger();
    if (user > 0)
        m_userId = user;
    setTokens(access, refresh);
    emit tokensChanged(m_accessToken, m_refreshToken);
    return true;
}

// ---- auth ----

void ApiClient::login(const QString &email, const QString &password, QObject *context, ApiCallback<LoginResultDto> done)
{
    const QJsonObject body{{u"email"_s, email}, {u"password"_s, password}};
    request<QJsonObject>("POST", u"/v1/auth/login"_s, &body, this, loginAnswer(context, std::move(done)), false);
}

// A login's answer (password, or 2FA's second step): its tokens are kept before `done` hears it.
ApiCallback<QJsonObject> ApiClient::loginAnswer(QObject *context, ApiCallback<LoginResultDto> done)
{
    return [this, guard = QPointer<QObject>(context), hasContext = context != nullptr,
            done = std::move(done)](const ApiResult<QJsonObject> &r) {
        if (r)
            adoptTokens(*r);
        if (!done || (hasContext && !guard))
            return;
        done(r ? ApiResult<LoginResultDto>(LoginResultDto::fromJson(*r)) : ApiResult<LoginResultDto>(r.error()));
    };
}

void ApiClient::verifyTwoFactor(const QString &twoFactorToken, const QString &code, QObject *context,
                                ApiCallback<LoginResultDto> done)
{
    const QJsonObject body{{u"two_factor_token"_s, twoFactorToken}, {u"code"_s, code}};
    request<QJsonObject>("POST", u"/v1/auth/2fa/verify"_s, &body, this, loginAnswer(context, std::move(done)), false);
}

void ApiClient::refresh(QObject *context, ApiCallback<AuthTokensDto> done)
{
    m_refreshListeners.append([guard = QPointer<QObject>(context), hasContext = context != nullptr,
                               done = std::move(done)](const ApiResponse &r) {
        if (!done || (hasContext && !guard))
            return;
        done(isSuccess(r.status) ? ApiResult<AuthTokensDto>(AuthTokensDto::fromJson(r.object()))
                                 : ApiResult<AuthTokensDto>(errorOf(r)));
    });
    startRefresh();
}

void ApiClient::logout(QObject *context, ApiCallback<QJsonObject> done)
{
    request<QJsonObject>("POST", u"/v1/auth/logout"_s, nullptr, this,
                         [this, guard = QPointer<QObject>(context), hasContext = context != nullptr,
                          done = std::move(done)](const ApiResult<QJsonObject> &r) {
                             if (r) {
                                 setTokens({}, {});
                                 m_userId = 0;
                                 emit tokensChanged({}, {});
                             }
                             if (done && (!hasContext || guard))
                                 done(r);
                         });
}

void ApiClient::changePassword(const QString &currentPassword, const QString &newPassword, QObject *context,
                               ApiCallback<QJsonObject> done)
{
    const QJsonObject body{{u"current_password"_s, currentPassword}, {u"new_password"_s, newPassword}};
    request("PUT", u"/v1/auth/change-password"_s, &body, context, std::move(done));
}

void ApiClient::enableTwoFactor(const QString &password, QObject *context, ApiCallback<TwoFactorSetupDto> done)
{
    const QJsonObject body{{u"password"_s, password}};
    request("POST", u"/v1/auth/2fa/enable"_s, &body, context, std::move(done));
}

void ApiClient::confirmTwoFactor(const QString &code, QObject *context, ApiCallback<TwoFactorStatusDto> done)
{
    const QJsonObject body{{u"code"_s, code}};
    request("POST", u"/v1/auth/2fa/verify"_s, &body, context, std::move(done));
}

void ApiClient::disableTwoFactor(const QString &password, const QString &code, QObject *context,
                                 ApiCallback<TwoFactorStatusDto> done)
{
    const QJsonObject body{{u"password"_s, password}, {u"code"_s, code}};
    request("POST", u"/v1/auth/2fa/disable"_s, &body, context, std::move(done));
}

// ---- users ----

void ApiClient::me(QObject *context, ApiCallback<UserDto> done)
{
    request<UserDto>("GET", u"/v1/users/me"_s, nullptr, this,
                     [this, guard = QPointer<QObject>(context), hasContext = context != nullptr,
                      done = std::move(done)](const ApiResult<UserDto> &r) {
                         if (r)
                             m_userId = r->id;
                         if (done && (!hasContext || guard))
                             done(r);
                     });
}

void ApiClient::setAgentStatus(qint64 userId, const QString &status, const QString &reason, QObject *context,
                               ApiCallback<AgentStatusDto> done)
{
    QJsonObject body{{u"agent_status"_s, status}};
    if (!reason.isEmpty())
        body.insert(u"agent_status_reason"_s, reason);
    request("POST", u"/v1/users/%1/agent-status"_s.arg(userId), &body, context, std::move(done));
}

void ApiClient::setMyStatus(const QString &status, const QString &reason, QObject *context,
                            ApiCallback<AgentStatusDto> done)
{
    setAgentStatus(m_userId, status, reason, context, std::move(done));
}

void ApiClient::listUsers(const UserQuery &query, QObject *context, ApiCallback<Page<UserDto>> done)
{
    const QString q = encodeQuery({{u"page"_s, QString::number(query.page)},
                                   {u"limit"_s, QString::number(query.limit)},
                                   {u"role"_s, query.role},
                                   {u"status"_s, query.status},
                                   {u"search"_s, query.search}});
    request("GET", u"/v1/users"_s + q, nullptr, context, std::move(done));
}

// ---- chats ----

void ApiClient::listChats(const ChatQuery &query, QObject *context, ApiCallback<Page<ChatDto>> done)
{
    QString status = query.status;
    std::optional<qint64> agent = query.assignedAgentId;
    if (query.view == ChatQuery::View::Mine)
        agent = m_userId;
    else if (query.view == ChatQuery::View::Queued)
        status = u"queued"_s;
    const auto number = [](std::optional<qint64> n) { return n ? QString::number(*n) : QString(); };
    const auto date = [](const QDate &d) { return d.isValid() ? d.toString(Qt::ISODate) : QString(); };
    const QString q = encodeQuery({{u"page"_s, QString::number(query.page)},
                                   {u"limit"_s, QString::number(query.limit)},
                                   {u"status"_s, status},
                                   {u"campaign_id"_s, number(query.campaignId)},
                                   {u"assigned_agent_id"_s, number(agent)},
                                   {u"priority"_s, query.priority},
                                   {u"search"_s, query.search},
                                   {u"from_date"_s, date(query.fromDate)},
                                   {u"to_date"_s, date(query.toDate)}});
    request("GET", u"/v1/chats"_s + q, nullptr, context, std::move(done));
}

void ApiClient::getChat(qint64 chatId, QObject *context, ApiCallback<ChatDto> done)
{
    request("GET", u"/v1/chats/%1"_s.arg(chatId), nullptr, context, std::move(done));
}

void ApiClient::assignChat(qint64 chatId, qint64 agentId, const QString &reason, QObject *context,
                           ApiCallback<ChatDto> done)
{
    QJsonObject body{{u"agent_id"_s, agentId}};
    if (!reason.isEmpty())
        body.insert(u"reason"_s, reason);
    request("POST", u"/v1/chats/%1/assign"_s.arg(chatId), &body, context, std::move(done));
}

void ApiClient::transferChat(qint64 chatId, const QString &targetType, std::optional<qint64> targetId,
                             const QString &reason, QObject *context, ApiCallback<ChatDto> done)
{
    QJsonObject body{{u"target_type"_s, targetType}};
    if (targetId)
        body.insert(u"target_id"_s, *targetId);
    if (!reason.isEmpty())
        body.insert(u"reason"_s, reason);
    request("POST", u"/v1/chats/%1/transfer"_s.arg(chatId), &body, context, std::move(done));
}

void ApiClient::closeChat(qint64 chatId, const CloseChatRequest &close, QObject *context, ApiCallback<ChatDto> done)
{
    QJsonObject body;
    if (!close.closeReason.isEmpty())
        body.insert(u"close_reason"_s, close.closeReason);
    if (!close.outcome.isEmpty())
        body.insert(u"outcome"_s, close.outcome);
    if (close.outcomeValue)
        body.insert(u"outcome_value"_s, *close.outcomeValue);
    if (!close.notes.isEmpty())
        body.insert(u"notes"_s, close.notes);
    request("POST", u"/v1/chats/%1/close"_s.arg(chatId), &body, context, std::move(done));
}

void ApiClient::reopenChat(qint64 chatId, QObject *context, ApiCallback<ChatDto> done)
{
    request("POST", u"/v1/chats/%1/reopen"_s.arg(chatId), nullptr, context, std::move(done));
}

void ApiClient::setChatPriority(qint64 chatId, const QString &priority, QObject *context, ApiCallback<ChatDto> done)
{
    const QJsonObject body{{u"priority"_s, priority}};
    request("PUT", u"/v1/chats/%1/priority"_s.arg(chatId), &body, context, std::move(done));
}

void ApiClient::addChatTag(qint64 chatId, const QString &tag, QObject *context, ApiCallback<ChatDto> done)
{
    const QJsonObject body{{u"tag"_s, tag}};
    request("POST", u"/v1/chats/%1/tags"_s.arg(chatId), &body, context, std::move(done));
}

void ApiClient::removeChatTag(qint64 chatId, const QString &tag, QObject *context, ApiCallback<QJsonObject> done)
{
    // Percent-encoded here: a tag may hold "?", "#" or "%", which the path must carry as data.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(tag));
    request<QJsonObject>("DELETE", u"/v1/chats/%1/tags/"_s.arg(chatId) + encoded, nullptr, context, std::move(done));
}

void ApiClient::transferOptions(qint64 chatId, QObject *context, ApiCallback<TransferOptionsDto> done)
{
    request("GET", u"/v1/chats/%1/transfer-options"_s.arg(chatId), nullptr, context, std::move(done));
}

void ApiClient::listTemplates(qint64 chatId, QObject *context, ApiCallback<MessageTemplateListDto> done)
{
    request("GET", u"/v1/chats/%1/templates"_s.arg(chatId), nullptr, context, std::move(done));
}

void ApiClient::addChatNote(qint64 chatId, const QString &content, QObject *context, ApiCallback<ChatNoteDto> done)
{
    const QJsonObject body{{u"content"_s, content}};
    request("POST", u"/v1/chats/%1/notes"_s.arg(chatId), &body, context, std::move(done));
}

// ---- messages ----

void ApiClient::listMessages(qint64 chatId, const MessageQuery &query, QObject *context,
                             ApiCallback<Page<MessageDto>> done)
{
    const QString q = encodeQuery({{u"before_id"_s, query.beforeId ? QString::number(*query.beforeId) : QString()},
                                   {u"page"_s, query.beforeId ? QString() : QString::number(query.page)},
                                   {u"limit"_s, QString::number(query.limit)}});
    request("GET", u"/v1/chats/%1/messages"_s.arg(chatId) + q, nullptr, context, std::move(done));
}

void ApiClient::sendMessage(const SendMessageRequest &message, QObject *context, ApiCallback<MessageDto> done)
{
    QJsonObject body{{u"chat_id"_s, message.chatId}, {u"message_type"_s, message.messageType}};
    if (!message.content.isEmpty())
        body.insert(u"content"_s, message.content);
    if (message.mediaFileId)
        body.insert(u"media_file_id"_s, *message.mediaFileId);
    if (message.messageType == "template"_L1) {
        body.insert(u"template_name"_s, message.templateName);
        body.insert(u"template_language"_s, message.templateLanguage);
        body.insert(u"template_variables"_s, message.templateVariables);
    }
    if (message.replyToMessageId)
        body.insert(u"reply_to_message_id"_s, *message.replyToMessageId);
    request("POST", u"/v1/messages"_s, &body, context, std::move(done), true, message.idempotencyKey);
}

void ApiClient::retryMessage(qint64 messageId, QObject *context, ApiCallback<MessageDto> done)
{
    request("POST", u"/v1/messages/%1/retry"_s.arg(messageId), nullptr, context, std::move(done));
}

void ApiClient::markMessageRead(qint64 messageId, QObject *context, ApiCallback<MessageDto> done)
{
    request("POST", u"/v1/messages/%1/read"_s.arg(messageId), nullptr, context, std::move(done));
}

// ---- files ----

namespace {

// A multipart/form-data body: the fields, then the file in the part `file`. Built in memory rather
// than with QHttpMultiPart so that the call can be replayed after a refresh.
QByteArray multipartBody(const QByteArray &boundary, const QList<QPair<QByteArray, QByteArray>> &fields,
                         const QString &fileName, const QByteArray &bytes)
{
    QByteArray body;
    for (const auto &[name, value] : fields)
        body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    QByteArray safeName = fileName.toUtf8();
    safeName.replace('"', '_').replace('\r', '_').replace('\n', '_');
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + safeName +
        "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + boundary + "--\r\n";
    return body;
}

QByteArray newBoundary()
{
    return "conversa-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

}   // namespace

void ApiClient::uploadFile(const QString &fileName, const QByteArray &bytes, QObject *context,
                           ApiCallback<FileDto> done, std::function<void(qint64, qint64)> progress,
                           const QString &relatedEntityType, std::optional<qint64> relatedEntityId)
{
    const QByteArray boundary = newBoundary();
    QList<QPair<QByteArray, QByteArray>> fields;
    if (!relatedEntityType.isEmpty() && relatedEntityId) {
        fields.append({"related_entity_type", relatedEntityType.toUtf8()});
        fields.append({"related_entity_id", QByteArray::number(*relatedEntityId)});
    }
    auto call = newCall("POST", u"/v1/files"_s, multipartBody(boundary, fields, fileName, bytes), context,
                        [done = std::move(done)](const ApiResponse &r) {
                            if (!done)
                                return;
                            if (isSuccess(r.status))
                                done(ApiResult<FileDto>(FileDto::fromJson(r.object())));
                            else
                                done(ApiResult<FileDto>(errorOf(r)));
                        },
                        true, {});
    call->contentType = "multipart/form-data; boundary=" + boundary;
    call->progress = std::move(progress);
    start(std::move(call));
}

// ---- clients, campaigns ----

void ApiClient::getClient(qint64 clientId, QObject *context, ApiCallback<ClientDto> done)
{
    request("GET", u"/v1/clients/%1"_s.arg(clientId), nullptr, context, std::move(done));
}

void ApiClient::updateClient(qint64 clientId, const QJsonObject &changes, QObject *context, ApiCallback<ClientDto> done)
{
    request("PUT", u"/v1/clients/%1"_s.arg(clientId), &changes, context, std::move(done));
}

void ApiClient::listCampaigns(int page, int limit, QObject *context, ApiCallback<Page<CampaignDto>> done)
{
    const QString q = encodeQuery({{u"page"_s, QString::number(page)}, {u"limit"_s, QString::number(limit)}});
    request("GET", u"/v1/campaigns"_s + q, nullptr, context, std::move(done));
}

void ApiClient::importClients(const QByteArray &csv, bool dryRun, QObject *context, ApiCallback<QJsonObject> done,
                              std::function<void(qint64, qint64)> progress)
{
    auto call =
        newCall("POST", u"/v1/clients/import"_s + (dryRun ? u"?dry_run=true"_s : u"?dry_run=false"_s), csv, context,
                [done = std::move(done)](const ApiResponse &r) {
                    if (!done)
                        return;
                    if (isSuccess(r.status))
                        done(ApiResult<QJsonObject>(r.object()));
                    else
                        done(ApiResult<QJsonObject>(errorOf(r)));
                },
                true, {});
    call->contentType = "text/csv; charset=utf-8";
    call->progress = std::move(progress);
    start(std::move(call));
}

void ApiClient::exportClients(const QList<QPair<QString, QString>> &filters, QObject *context,
                              ApiCallback<CsvExport> done)
{
    QList<QPair<QString, QString>> query{{u"format"_s, u"csv"_s}};
    query.append(filters);
    auto call = newCall("GET", u"/v1/clients/export"_s + encodeQuery(query), {}, context,
                        [done = std::move(done)](const ApiResponse &r) {
                            if (!done)
                                return;
                            if (isSuccess(r.status))
                                done(ApiResult<CsvExport>(CsvExport{r.body, r.header("X-Export-Rows").toInt(),
                                                                    r.header("X-Export-Truncated") == "true"}));
                            else
                                done(ApiResult<CsvExport>(errorOf(r)));
                        },
                        true, {});
    start(std::move(call));
}

// ---- bot flows ----

namespace {

QJsonObject withRevision(QJsonObject body, qint64 revision)
{
    if (revision > 0)
        body.insert(u"revision"_s, revision);
    return body;
}

}   // namespace

void ApiClient::listBotFlows(int page, int limit, QObject *context, ApiCallback<QJsonObject> done)
{
    const QString q = encodeQuery({{u"page"_s, QString::number(page)}, {u"limit"_s, QString::number(limit)}});
    request("GET", u"/v1/bot-flows"_s + q, nullptr, context, std::move(done));
}

void ApiClient::getBotFlow(qint64 flowId, QObject *context, ApiCallback<QJsonObject> done)
{
    request("GET", u"/v1/bot-flows/%1"_s.arg(flowId), nullptr, context, std::move(done));
}

void ApiClient::createBotFlow(const QJsonObject &flow, QObject *context, ApiCallback<QJsonObject> done)
{
    request("POST", u"/v1/bot-flows"_s, &flow, context, std::move(done));
}

void ApiClient::updateBotFlow(qint64 flowId, const QJsonObject &flow, qint64 revision, QObject *context,
                              ApiCallback<QJsonObject> done)
{
    const QJsonObject body = withRevision(flow, revision);
    request("PUT", u"/v1/bot-flows/%1"_s.arg(flowId), &body, context, std::move(done));
}

void ApiClient::deleteBotFlow(qint64 flowId, QObject *context, ApiCallback<QJsonObject> done)
{
    request<QJsonObject>("DELETE", u"/v1/bot-flows/%1"_s.arg(flowId), nullptr, context, std::move(done));
}

void ApiClient::publishBotFlow(qint64 flowId, qint64 revision, QObject *context, ApiCallback<QJsonObject> done)
{
    const QJsonObject body = withRevision({}, revision);
    request("POST", u"/v1/bot-flows/%1/publish"_s.arg(flowId), &body, context, std::move(done));
}

void ApiClient::listBotFlowVersions(qint64 flowId, int page, int limit, QObject *context, ApiCallback<QJsonObject> done)
{
    const QString q = encodeQuery({{u"page"_s, QString::number(page)}, {u"limit"_s, QString::number(limit)}});
    request("GET", u"/v1/bot-flows/%1/versions"_s.arg(flowId) + q, nullptr, context, std::move(done));
}

void ApiClient::restoreBotFlowVersion(qint64 flowId, int version, qint64 revision, QObject *context,
                                      ApiCallback<QJsonObject> done)
{
    const QJsonObject body = withRevision({}, revision);
    request("POST", u"/v1/bot-flows/%1/versions/%2/restore"_s.arg(flowId).arg(version), &body, context,
            std::move(done));
}

void ApiClient::liveAnalytics(QObject *context, ApiCallback<LiveAnalyticsDto> done)
{
    request("GET", u"/v1/analytics/live"_s, nullptr, context, std::move(done));
}

void ApiClient::agentTimeline(qint64 agentId, QDate date, const QString &timeZone, QObject *context,
                              ApiCallback<QJsonObject> done)
{
    QList<QPair<QString, QString>> items{{u"date"_s, date.toString(Qt::ISODate)}};
    if (!timeZone.isEmpty())
        items.append({u"timezone"_s, timeZone});
    request("GET", u"/v1/reports/agents/%1/timeline"_s.arg(agentId) + encodeQuery(items), nullptr, context,
            std::move(done));
}

void ApiClient::agentReport(qint64 agentId, QDate from, QDate to, const QString &timeZone, QObject *context,
                            ApiCallback<QJsonObject> done)
{
    QList<QPair<QString, QString>> items{{u"from_date"_s, from.toString(Qt::ISODate)},
                                         {u"to_date"_s, to.toString(Qt::ISODate)}};
    if (!timeZone.isEmpty())
        items.append({u"timezone"_s, timeZone});
    request("GET", u"/v1/reports/agents/%1"_s.arg(agentId) + encodeQuery(items), nullptr, context, std::move(done));
}

void ApiClient::trend(const QString &metric, QDate from, QDate to, const QString &timeZone, QObject *context,
                      ApiCallback<TrendDto> done)
{
    QList<QPair<QString, QString>> items{{u"metric"_s, metric},
                                         {u"from_date"_s, from.toString(Qt::ISODate)},
                                         {u"to_date"_s, to.toString(Qt::ISODate)}};
    if (!timeZone.isEmpty())
        items.append({u"timezone"_s, timeZone});
    request("GET", u"/v1/analytics/trends"_s + encodeQuery(items), nullptr, context, std::move(done));
}

// ---- resources ----

void ApiClient::getResource(const QString &path, const QList<QPair<QString, QString>> &query, QObject *context,
                            ApiCallback<QJsonObject> done)
{
    request("GET", path + encodeQuery(query), nullptr, context, std::move(done));
}

void ApiClient::writeResource(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                              ApiCallback<QJsonObject> done)
{
    request(method, path, method == "DELETE" ? nullptr : &body, context, std::move(done));
}

void ApiClient::uploadResource(const QString &path, const QString &fileName, const QByteArray &bytes,
                               QObject *context, ApiCallback<QJsonObject> done,
                               std::function<void(qint64, qint64)> progress)
{
    const QByteArray boundary = newBoundary();
    auto call = newCall("POST", path, multipartBody(boundary, {}, fileName, bytes), context,
                        [done = std::move(done)](const ApiResponse &r) {
                            if (!done)
                                return;
                            if (isSuccess(r.status))
                                done(ApiResult<QJsonObject>(r.object()));
                            else
                                done(ApiResult<QJsonObject>(errorOf(r)));
                        },
                        true, {});
    call->contentType = "multipart/form-data; boundary=" + boundary;
    call->progress = std::move(progress);
    start(std::move(call));
}

void ApiClient::download(const QString &path, const QList<QPair<QString, QString>> &query, ChunkSink sink,
                         QObject *context, ApiCallback<ApiResponse> done, std::function<void(qint64, qint64)> progress)
{
    auto call = newCall("GET", path + encodeQuery(query), {}, context,
                        [done = std::move(done)](const ApiResponse &r) {
                            if (!done)
                                return;
                            if (isSuccess(r.status))
                                done(ApiResult<ApiResponse>(r));
                            else
                                done(ApiResult<ApiResponse>(errorOf(r)));
                        },
                        true, {});
    call->sink = std::move(sink);
    call->progress = std::move(progress);
    start(std::move(call));
}

void ApiClient::simulateBotFlow(qint64 flowId, const QJsonObject &request, QObject *context,
                                ApiCallback<BotSimulationDto> done)
{
    this->request("POST", u"/v1/bot-flows/%1/simulate"_s.arg(flowId), &request, context, std::move(done));
}

}   // namespace Conversa
