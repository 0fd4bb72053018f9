#pragma once

#include "ApiRequests.h"
#include "ApiResult.h"
#include "Conversa/dto/AuthDto.h"
#include "Conversa/dto/BotFlowDto.h"
#include "Conversa/dto/CampaignDto.h"
#include "Conversa/dto/ChatDto.h"
#include "Conversa/dto/ClientDto.h"
#include "Conversa/dto/FileDto.h"
#include "Conversa/dto/LiveAnalyticsDto.h"
#include "Conversa/dto/MessageDto.h"
#include "Conversa/dto/Page.h"
#include "Conversa/dto/TemplateDto.h"
#include "Conversa/dto/TransferOptionsDto.h"
#include "Conversa/dto/TrendDto.h"
#include "Conversa/dto/TwoFactorStatusDto.h"
#include "Conversa/dto/UserDto.h"

#include <QByteArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QUrl>

#include <memory>

class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;

namespace Conversa {

// A finished HTTP exchange with the Conversa API.
struct ApiResponse {
    int status = 0;         // 0 when the request never got an HTTP answer
    int networkError = 0;   // QNetworkReply::NetworkError
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    QByteArray header(const QByteArray &name) const;
    QJsonObject object() const { return QJsonDocument::fromJson(body).object(); }
    QJsonValue value(const QString &key) const { return object().value(key); }
    QByteArray errorCode() const;   // "VALIDATION_ERROR", … or empty
    QStringList errorFields() const;
};

// A CSV export as the server sends it: the file, its number of data rows (X-Export-Rows) and
// whether the server cut it at its limit (X-Export-Truncated).
struct CsvExport {
    QByteArray csv;
    int rows = 0;
    bool truncated = false;
};

// The REST client. send()/sendJson()/read() are the low-level exchange the server's tests use; the
// typed calls below are what the desktop app uses. Typed calls:
// - answer through an ApiCallback, never called if the context object died meanwhile;
// - carry the access token, and on a 401 refresh it once (one refresh in flight: refresh tokens are
//   single use, and a second parallel refresh would revoke the whole login), then are replayed
//   with the new token; when the refresh fails they fail with the 401 and sessionExpired() fires;
// - are retried when idempotent (GET, PUT, DELETE, and POST with an Idempotency-Key) on a network
//   error, 502, 503, 504 and 429 (after Retry-After), with backoff. Other POSTs are never retried.
class ApiClient : public QObject {
    Q_OBJECT
public:
    explicit ApiClient(QNetworkAccessManager *network, QObject *parent = nullptr);
    ~ApiClient() override;

    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    QUrl baseUrl() const { return m_baseUrl; }
    void setAccessToken(const QByteArray &token) { m_accessToken = token; }
    QByteArray accessToken() const { return m_accessToken; }
    void setLanguage(const QByteArray &language) { m_language = language; }

    // path is "/v1/…" and may carry a query string. Both are taken as percent-encoded where they
    // hold "%": a path segment that is data ("?", "%", "#" in a tag) is encoded by the caller.
    QNetworkReply *send(const QByteArray &method, const QString &path, const QByteArray &body = {},
                        const QByteArray &contentType = "application/json",
                        const QList<QPair<QByteArray, QByteArray>> &headers = {});
    QNetworkReply *sendJson(const QByteArray &method, const QString &path, const QJsonObject &body);

    static ApiResponse read(QNetworkReply *reply);

    // ---- session ----
    void setTokens(const QByteArray &accessToken, const QByteArray &refreshToken);
    QByteArray refreshToken() const { return m_refreshToken; }
    qint64 userId() const { return m_userId; }   // from login, 2FA verify or me(); 0 before
    void setUserId(qint64 id) { m_userId = id; }
    // Delays before the 2nd, 3rd, … attempt of a retried call (default 200 ms, 800 ms: 3 attempts).
    void setRetryDelays(const QList<int> &milliseconds) { m_retryDelays = milliseconds; }
    // Longest Retry-After honoured before retrying; longer waits fail the call with the 429.
    void setMaxRetryAfterSeconds(int seconds) { m_maxRetryAfterSeconds = seconds; }

    // ---- auth ----
    // A login with tokens (or 2FA's second step) stores them and emits tokensChanged().
    void login(const QString &email, const QString &password, QObject *context, ApiCallback<LoginResultDto> done);
    void verifyTwoFactor(const QString &twoFactorToken, const QString &code, QObject *context,
                         ApiCallback<LoginResultDto> done);
    // Exchanges the refresh token now (joins a refresh already in flight).
    void refresh(QObject *context, ApiCallback<AuthTokensDto> done);
    // Ends the login at the server and forgets the tokens.
    void logout(QObject *context, ApiCallback<QJsonObject> done);
    void changePassword(const QString &currentPassword, const QString &newPassword, QObject *context,
                        ApiCallback<QJsonObject> done);
    // Asks for the current password, like disabling does.
    void enableTwoFactor(const QString &password, QObject *context, ApiCallback<TwoFactorSetupDto> done);
    void confirmTwoFactor(const QString &code, QObject *context, ApiCallback<TwoFactorStatusDto> done);
    void disableTwoFactor(const QString &password, const QString &code, QObject *context,
                          ApiCallback<TwoFactorStatusDto> done);

    // ---- users ----
    void me(QObject *context, ApiCallback<UserDto> done);
    // status: available, busy, paused (with a reason) or offline. setMyStatus needs userId().
    void setAgentStatus(qint64 userId, const QString &status, const QString &reason, QObject *context,
                        ApiCallback<AgentStatusDto> done);
    void setMyStatus(const QString &status, const QString &reason, QObject *context, ApiCallback<AgentStatusDto> done);
    void listUsers(const UserQuery &query, QObject *context, ApiCallback<Page<UserDto>> done);

    // ---- chats ----
    void listChats(const ChatQuery &query, QObject *context, ApiCallback<Page<ChatDto>> done);
    void getChat(qint64 chatId, QObject *context, ApiCallback<ChatDto> done);
    void assignChat(qint64 chatId, qint64 agentId, const QString &reason, QObject *context, ApiCallback<ChatDto> done);
    // targetType agent (targetId: the user), campaign (targetId: the campaign) or queue (no target).
    void transferChat(qint64 chatId, const QString &targetType, std::optional<qint64> targetId, const QString &reason,
                      QObject *context, ApiCallback<ChatDto> done);
    void closeChat(qint64 chatId, const CloseChatRequest &request, QObject *context, ApiCallback<ChatDto> done);
    void reopenChat(qint64 chatId, QObject *context, ApiCallback<ChatDto> done);
    void setChatPriority(qint64 chatId, const QString &priority, QObject *context, ApiCallback<ChatDto> done);
    void addChatTag(qint64 chatId, const QString &tag, QObject *context, ApiCallback<ChatDto> done);
    void removeChatTag(qint64 chatId, const QString &tag, QObject *context, ApiCallback<QJsonObject> done);   // 204: {}
    // Where the chat may go (agents of its campaign, other campaigns): what transferChat accepts.
    void transferOptions(qint64 chatId, QObject *context, ApiCallback<TransferOptionsDto> done);
    // The templates that may be sent on the chat (its Meta number's approved ones; none on WPPConnect).
    void listTemplates(qint64 chatId, QObject *context, ApiCallback<MessageTemplateListDto> done);
    void addChatNote(qint64 chatId, const QString &content, QObject *context, ApiCallback<ChatNoteDto> done);

    // ---- messages ----
    void listMessages(qint64 chatId, const MessageQuery &query, QObject *context, ApiCallback<Page<MessageDto>> done);
    void sendMessage(const SendMessageRequest &request, QObject *context, ApiCallback<MessageDto> done);
    void retryMessage(qint64 messageId, QObject *context, ApiCallback<MessageDto> done);
    void markMessageRead(qint64 messageId, QObject *context, ApiCallback<MessageDto> done);

    // ---- files ----
    // multipart/form-data upload; progress(bytesSent, bytesTotal) as the body goes out.
    void uploadFile(const QString &fileName, const QByteArray &bytes, QObject *context, ApiCallback<FileDto> done,
                    std::function<void(qint64, qint64)> progress = {}, const QString &relatedEntityType = {},
                    std::optional<qint64> relatedEntityId = std::nullopt);

    // ---- clients, campaigns ----
    void getClient(qint64 clientId, QObject *context, ApiCallback<ClientDto> done);
    // changes: the fields to change, as the wire names them (partial update).
    void updateClient(qint64 clientId, const QJsonObject &changes, QObject *context, ApiCallback<ClientDto> done);
    void listCampaigns(int page, int limit, QObject *context, ApiCallback<Page<CampaignDto>> done);
    // A CSV file of clients (server/openapi/paths/clients.yaml, /v1/clients/import): its answer
    // {imported, updated, skipped, errors: [{row, field, error}]}; with dryRun nothing is written
    // (a preview). progress(bytesSent, bytesTotal) as the file goes out.
    void importClients(const QByteArray &csv, bool dryRun, QObject *context, ApiCallback<QJsonObject> done,
                       std::function<void(qint64, qint64)> progress = {});
    // The clients matching the list's filters (search, lead_status, segment, tag…) as the server's CSV.
    void exportClients(const QList<QPair<QString, QString>> &filters, QObject *context, ApiCallback<CsvExport> done);

    // ---- bot flows (docs/BOT_FLOWS.md) ----
    // No DTO: the editor keeps a flow as the server's JSON (FlowDocument reads and writes it back).
    // A save, publish or restore names the draft's revision it was based on (0: none); a draft
    // saved since is a 409 naming who saved it.
    void listBotFlows(int page, int limit, QObject *context, ApiCallback<QJsonObject> done);
    void getBotFlow(qint64 flowId, QObject *context, ApiCallback<QJsonObject> done);
    void createBotFlow(const QJsonObject &flow, QObject *context, ApiCallback<QJsonObject> done);
    // flow: the settings to change and, with `nodes`, the draft's whole node list.
    void updateBotFlow(qint64 flowId, const QJsonObject &flow, qint64 revision, QObject *context,
                       ApiCallback<QJsonObject> done);
    void deleteBotFlow(qint64 flowId, QObject *context, ApiCallback<QJsonObject> done);   // 204: {}
    // The answer's `warnings` are what the check found that does not stop publishing.
    void publishBotFlow(qint64 flowId, qint64 revision, QObject *context, ApiCallback<QJsonObject> done);
    void listBotFlowVersions(qint64 flowId, int page, int limit, QObject *context, ApiCallback<QJsonObject> done);
    void restoreBotFlowVersion(qint64 flowId, int version, qint64 revision, QObject *context,
                               ApiCallback<QJsonObject> done);
    // Runs the saved draft (or `version`) on the customer's `messages` without side effects
    // (docs/BOT_FLOWS.md#simulation); request: BotFlowSimulateRequest, answer: BotFlowSimulation.
    void simulateBotFlow(qint64 flowId, const QJsonObject &request, QObject *context,
                         ApiCallback<BotSimulationDto> done);

    // ---- analytics and reports (docs/REPORTS.md) ----
    void liveAnalytics(QObject *context, ApiCallback<LiveAnalyticsDto> done);
    // One day's status intervals of an agent ({agent_id, date, intervals, time_breakdown}); date is
    // the local day of timeZone (an IANA name, UTC when empty).
    void agentTimeline(qint64 agentId, QDate date, const QString &timeZone, QObject *context,
                       ApiCallback<QJsonObject> done);
    // The agent report (its `metrics`, `daily`, …) over the local days from..to of timeZone.
    void agentReport(qint64 agentId, QDate from, QDate to, const QString &timeZone, QObject *context,
                     ApiCallback<QJsonObject> done);
    // One metric over the local days from..to of timeZone (hourly for a single day).
    void trend(const QString &metric, QDate from, QDate to, const QString &timeZone, QObject *context,
               ApiCallback<TrendDto> done);
    // ---- resources (the admin screens: users, campaigns, numbers…) ----
    // One REST collection or item as the server's JSON, for screens that show and edit its fields
    // as they are (docs: server/openapi/paths/*.yaml). query: name/value pairs, empty values left out.
    void getResource(const QString &path, const QList<QPair<QString, QString>> &query, QObject *context,
                     ApiCallback<QJsonObject> done);
    // method: POST (create, or an action such as /unlock-login), PUT (partial update) or DELETE (204: {}).
    void writeResource(const QByteArray &method, const QString &path, const QJsonObject &body, QObject *context,
                       ApiCallback<QJsonObject> done);
    // A file posted as multipart/form-data in the part `file` (a backup archive to
    // /v1/backups/upload); progress(bytesSent, bytesTotal) as the body goes out.
    void uploadResource(const QString &path, const QString &fileName, const QByteArray &bytes, QObject *context,
                        ApiCallback<QJsonObject> done, std::function<void(qint64, qint64)> progress = {});
    // A GET whose body (a backup archive, a CSV export) is handed to `sink` chunk by chunk as it
    // arrives instead of being kept in memory; only a 2xx answer's body goes there, and a sink
    // returning false (a full disk) aborts the transfer. progress(bytesReceived, bytesTotal), the
    // total -1 when the server did not say. `done` gets the answer's status and headers (its body
    // empty). Not retried once a byte has reached the sink.
    using ChunkSink = std::function<bool(const QByteArray &chunk)>;
    void download(const QString &path, const QList<QPair<QString, QString>> &query, ChunkSink sink, QObject *context,
                  ApiCallback<ApiResponse> done, std::function<void(qint64, qint64)> progress = {});

    // A login's tokens that came in another answer (a restore's): kept as a login's are
    // (tokensChanged). False when the answer holds none.
    bool adoptTokens(const QJsonObject &answer);

signals:
    void tokensChanged(const QByteArray &accessToken, const QByteArray &refreshToken);
    void sessionExpired();   // the refresh token was refused: sign in again

private:
    struct Call;
    using RawDone = std::function<void(const ApiResponse &)>;

    QNetworkRequest makeRequest(const QString &path, const QByteArray &body, const QByteArray &contentType,
                                const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &token) const;
    void start(std::shared_ptr<Call> call);
    void dispatch(std::shared_ptr<Call> call);
    void finished(std::shared_ptr<Call> call, QNetworkReply *reply);
    static void drain(Call &call, QNetworkReply *reply);   // a download's bytes so far, to its sink
    void complete(const std::shared_ptr<Call> &call, const ApiResponse &response);
    void startRefresh();
    void refreshFinished(const ApiResponse &response);
    ApiCallback<QJsonObject> loginAnswer(QObject *context, ApiCallback<LoginResultDto> done);

    template <class T>
    void request(const QByteArray &method, const QString &path, const QJsonObject *body, QObject *context,
                 ApiCallback<T> done, bool authenticated = true, const QByteArray &idempotencyKey = {});
    std::shared_ptr<Call> newCall(const QByteArray &method, const QString &path, const QByteArray &body,
                                  QObject *context, RawDone done, bool authenticated, const QByteArray &idempotencyKey);

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QByteArray m_accessToken;
    QByteArray m_refreshToken;
    QByteArray m_language = "es";
    qint64 m_userId = 0;
    QList<int> m_retryDelays{200, 800};
    int m_maxRetryAfterSeconds = 60;
    bool m_refreshing = false;
    QList<std::shared_ptr<Call>> m_waitingForRefresh;
    QList<std::function<void(const ApiResponse &)>> m_refreshListeners;
};

}   // namespace Conversa
