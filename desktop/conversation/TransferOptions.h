#pragma once

#include <Conversa/dto/TransferOptionsDto.h>

#include <QAbstractListModel>
#include <QObject>
#include <QtQml/qqmlregistration.h>

class AppContext;

// One list of a transfer or assignment picker: agents (with their status and load) or campaigns.
class TransferChoiceModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by TransferOptions")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        ChoiceIdRole = Qt::UserRole + 1,   // qint64: the agent's or the campaign's id
        NameRole,                          // QString
        IsAgentRole,                       // bool
        StatusRole,                        // QString: the agent's status, empty for a campaign
        OpenChatsRole,                     // int
        MaxChatsRole,                      // int
    };
    Q_ENUM(Role)
    struct Choice {
        qint64 id = 0;
        QString name;
        bool isAgent = false;
        QString status;
        int openChats = 0;
        int maxChats = 0;
    };

    explicit TransferChoiceModel(QObject *parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : int(m_choices.size()); }
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_choices.size()); }
    const QList<Choice> &choices() const { return m_choices; }
    void set(const QList<Choice> &choices);

signals:
    void countChanged();

private:
    QList<Choice> m_choices;
};

// Where the open chat may go, as the server answers for this user (agents included, who may list
// neither users nor campaigns): the other agents of the chat's campaign, available first, and the
// other campaigns. Loaded when a picker opens.
class TransferOptions : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ConversationController")
    Q_PROPERTY(TransferChoiceModel *agents READ agents CONSTANT)
    Q_PROPERTY(TransferChoiceModel *campaigns READ campaigns CONSTANT)
public:
    explicit TransferOptions(AppContext &app, QObject *parent = nullptr);

    TransferChoiceModel *agents() { return &m_agents; }
    TransferChoiceModel *campaigns() { return &m_campaigns; }

    void load(qint64 chatId);
    void clear();

signals:
    void loaded();
    void failed(const QString &error);

private:
    AppContext &m_app;
    TransferChoiceModel m_agents;
    TransferChoiceModel m_campaigns;
    qint64 m_chatId = 0;   // the chat the lists are (being) loaded for
};
