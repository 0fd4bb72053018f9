#pragma once

#include "core/Result.h"

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QVariantList>

namespace Conversa::Server {

class Database;

// The editable fields of a campaign (the OpenAPI CampaignWrite schema).
struct Campaign {
    qint64 id = 0;
    QString name;
    QString code;
    QString description;
    QString status = QStringLiteral("active");   // active | inactive | paused
    int priority = 0;
    QJsonValue businessHours;   // null, or {monday..sunday: {start,end} | null}
    QString timezone = QStringLiteral("UTC");
    int slaFirstResponseSeconds = 300;
    int slaResolutionSeconds = 86400;
    bool botEnabled = false;
    qint64 botFlowId = 0;                                      // 0: none
    QString routingStrategy = QStringLiteral("round_robin");   // round_robin | least_busy | priority | skills
    bool slaReassignEnabled = false;   // unanswered chats go back to the queue after the first-response target
    QString welcomeMessage;
    QString offlineMessage;
    bool csatEnabled = false;   // the satisfaction survey after close (docs/ROUTING.md)
    QString csatMessage;        // empty: the default text in the customer language
    int csatTimeoutMinutes = 60;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct CampaignNumber {
    qint64 id = 0;
    QString phoneNumber;
    QString displayName;
    bool isPrimary = false;
};

struct CampaignAgent {
    qint64 userId = 0;
    QString email;
    QString firstName;
    QString lastName;
    int maxConcurrentChats = 5;
    int priority = 0;
    QStringList skills;
};

struct CampaignListItem {
    Campaign campaign;
    QList<CampaignNumber> numbers;
    qint64 agentsCount = 0;
    qint64 activeChats = 0;
};

struct CampaignFilter {
    QString status;
    QString search;   // name or code fragment, any case and accents
    int limit = 20;
    qint64 offset = 0;
};

struct CampaignPage {
    QList<CampaignListItem> rows;
    qint64 total = 0;
};

// What GET /v1/users/:id shows of a user's campaigns.
struct UserCampaign {
    qint64 id = 0;
    QString name;
    int priority = 0;   // the user's priority in that campaign (campaign_agents.priority)
};

// SQL for campaigns and their number and agent assignments. Deleted campaigns keep their row
// (chats and reports still name them) but lose their assignments.
class CampaignStore {
public:
    explicit CampaignStore(Database &db) : m_db(db) {}

    // One COUNT, one page query, then one batched query each for the page's numbers, agent
    // counts and active chat counts: five queries whatever the page size.
    Result<CampaignPage> list(const CampaignFilter &filter);
    Result<Campaign> find(qint64 id);   // 404 when unknown or deleted
    Result<QList<CampaignNumber>> numbers(qint64 campaignId);
    Result<QList<CampaignAgent>> agents(qint64 campaignId);
    // Chats of each campaign whose status is not closed; campaigns without any are absent.
    Result<QHash<qint64, qint64>> activeChats(const QVariantList &campaignIds);

    Result<bool> codeTaken(const QString &code, qint64 exceptId);
    Result<qint64> insert(const Campaign &c, qint64 now);
    Result<Ok> update(const Campaign &c, qint64 now);
    Result<Ok> softDelete(qint64 id, qint64 now);

    // The live ones among ids.
    Result<QSet<qint64>> liveNumbers(const QList<qint64> &ids);
    Result<QSet<qint64>> liveUsers(const QList<qint64> &ids);
    // Replace the whole set; primaryId must be one of numberIds (or 0 when the set is empty).
    Result<Ok> replaceNumbers(qint64 campaignId, const QList<qint64> &numberIds, qint64 primaryId, qint64 now);
    Result<Ok> replaceAgents(qint64 campaignId, const QList<CampaignAgent> &agents, qint64 now);

    // The live campaigns a user is assigned to, by id: for GET /v1/users/:id and /me.
    Result<QList<UserCampaign>> campaignsOfUser(qint64 userId);

private:
    Result<QSet<qint64>> live(const char *table, const QList<qint64> &ids);

    Database &m_db;
};

}   // namespace Conversa::Server
