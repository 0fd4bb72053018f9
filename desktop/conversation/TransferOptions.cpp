#include "TransferOptions.h"

#include "AppContext.h"

using namespace Qt::StringLiterals;

QVariant TransferChoiceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Choice &c = m_choices.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return c.name;
    case ChoiceIdRole: return c.id;
    case IsAgentRole: return c.isAgent;
    case StatusRole: return c.status;
    case OpenChatsRole: return c.openChats;
    case MaxChatsRole: return c.maxChats;
    default: return {};
    }
}

QHash<int, QByteArray> TransferChoiceModel::roleNames() const
{
    return {{ChoiceIdRole, "choiceId"}, {NameRole, "name"},           {IsAgentRole, "isAgent"},
            {StatusRole, "status"},     {OpenChatsRole, "openChats"}, {MaxChatsRole, "maxChats"}};
}

void TransferChoiceModel::set(const QList<Choice> &choices)
{
    const int before = count();
    beginResetModel();
    m_choices = choices;
    endResetModel();
    if (before != count())
        emit countChanged();
}

TransferOptions::TransferOptions(AppContext &app, QObject *parent) : QObject(parent), m_app(app) {}

void TransferOptions::clear()
{
    m_chatId = 0;
    m_agents.set({});
    m_campaigns.set({});
}

void TransferOptions::load(qint64 chatId)
{
    if (chatId <= 0)
        return;
    m_chatId = chatId;
    m_app.api().transferOptions(chatId, this,
                                [this, chatId](const Conversa::ApiResult<Conversa::TransferOptionsDto> &r) {
                                    if (chatId != m_chatId)
                                        return;
                                    if (!r) {
                                        m_agents.set({});
                                        m_campaigns.set({});
                                        emit failed(AppContext::errorText(r.error()));   // the queue remains
                                        return;
                                    }
                                    QList<TransferChoiceModel::Choice> agents;
                                    for (const Conversa::TransferAgentDto &a : r->agents) {
                                        if (a.id == m_app.api().userId())
                                            continue;   // a supervisor who is also on the campaign
                                        agents.append({.id = a.id,
                                                       .name = QString(a.firstName + u' ' + a.lastName).trimmed(),
                                                       .isAgent = true,
                                                       .status = a.agentStatus,
                                                       .openChats = int(a.openChats),
                                                       .maxChats = int(a.maxConcurrentChats)});
                                    }
                                    QList<TransferChoiceModel::Choice> campaigns;
                                    for (const Conversa::IdNameDto &c : r->campaigns)
                                        campaigns.append({.id = c.id, .name = c.name});
                                    m_agents.set(agents);
                                    m_campaigns.set(campaigns);
                                    emit loaded();
                                });
}
