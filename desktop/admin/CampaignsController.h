#pragma once

#include "ResourceController.h"

#include <QStringList>
#include <QVariantList>

// The Campaigns screen (server/openapi/paths/campaigns.yaml): the paged list with search and the
// status filter, a campaign's detail, create and edit with the seed's fields — business hours per
// day in its time zone, SLA targets, routing strategy, welcome and offline messages, bot flow and
// bot_enabled, satisfaction survey — and its numbers and agents. Admins create and delete;
// supervisors edit (campaigns.update).
class CampaignsController : public ResourceController {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QStringList timeZones READ timeZones CONSTANT)                // IANA names, sorted
    Q_PROPERTY(QVariantList botFlows READ botFlows NOTIFY botFlowsChanged)   // {id, name}
public:
    explicit CampaignsController(QObject *parent = nullptr);

    QStringList timeZones() const;
    QVariantList botFlows() const { return m_botFlows; }

    // The open campaign's agents, each {user_id, max_concurrent_chats, priority, skills}: replaces them all.
    Q_INVOKABLE void setAgents(const QVariantList &agents);
    // The open campaign's numbers (ids) and the primary one (0: the first).
    Q_INVOKABLE void setNumbers(const QVariantList &numberIds, qint64 primaryId);
    // One agent added to the open campaign (or changed, when already in it), or taken out; the
    // others stay as they are. skills: comma-separated.
    Q_INVOKABLE void addAgent(qint64 userId, int maxConcurrentChats, int priority, const QString &skills);
    Q_INVOKABLE void removeAgent(qint64 userId);
    // One number added to the open campaign (primary: it becomes the primary one), or taken out.
    Q_INVOKABLE void addNumber(qint64 numberId, bool primary);
    Q_INVOKABLE void removeNumber(qint64 numberId);

signals:
    void botFlowsChanged();

protected:
    QJsonObject body(const QVariantMap &form, bool creating) const override;
    void appReady() override;

private:
    QVariantList currentAgents() const;   // the open campaign's, as setAgents() takes them
    QVariantList m_botFlows;
};
