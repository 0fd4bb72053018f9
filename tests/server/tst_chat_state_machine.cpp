// ChatStateMachine (docs/ROUTING.md): every status × action, legal moves and their target, illegal ones.
#include "domain/ChatStateMachine.h"

#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;
using ChatStateMachine::Action;

class tst_ChatStateMachine : public QObject {
    Q_OBJECT

private slots:
    void moves_data();
    void moves();
    void reopenWithABot();
    void unknownStatus();
    void openStatuses();
};

void tst_ChatStateMachine::moves_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<Action>("action");
    QTest::addColumn<bool>("agentAvailable");
    QTest::addColumn<QString>("to");   // empty: illegal

    const QStringList open{u"new"_s, u"bot"_s, u"queued"_s, u"assigned"_s, u"active"_s, u"pending"_s};
    for (const QString &s : open) {
        const QByteArray n = s.toUtf8();
        QTest::addRow("%s-assign", n.constData()) << s << Action::Assign << false << u"assigned"_s;
        QTest::addRow("%s-transfer-agent", n.constData()) << s << Action::TransferToAgent << false << u"assigned"_s;
        QTest::addRow("%s-requeue", n.constData()) << s << Action::Requeue << false << u"queued"_s;
        QTest::addRow("%s-close", n.constData()) << s << Action::Close << false << u"closed"_s;
        QTest::addRow("%s-reopen", n.constData()) << s << Action::Reopen << true << QString();
    }
    const QString closed = u"closed"_s;
    QTest::addRow("closed-assign") << closed << Action::Assign << true << QString();
    QTest::addRow("closed-transfer-agent") << closed << Action::TransferToAgent << true << QString();
    QTest::addRow("closed-requeue") << closed << Action::Requeue << false << QString();
    QTest::addRow("closed-close") << closed << Action::Close << false << QString();
    QTest::addRow("closed-reply") << closed << Action::AgentReply << false << QString();
    QTest::addRow("closed-client-reply") << closed << Action::ClientReply << false << QString();
    QTest::addRow("closed-reopen-agent") << closed << Action::Reopen << true << u"assigned"_s;
    QTest::addRow("closed-reopen-queue") << closed << Action::Reopen << false << u"queued"_s;

    QTest::addRow("new-bot") << u"new"_s << Action::StartBot << false << u"bot"_s;
    QTest::addRow("bot-bot") << u"bot"_s << Action::StartBot << false << QString();
    QTest::addRow("queued-bot") << u"queued"_s << Action::StartBot << false << QString();
    QTest::addRow("new-queue") << u"new"_s << Action::Queue << false << u"queued"_s;
    QTest::addRow("bot-queue") << u"bot"_s << Action::Queue << false << u"queued"_s;
    QTest::addRow("active-queue") << u"active"_s << Action::Queue << false << QString();

    QTest::addRow("assigned-reply") << u"assigned"_s << Action::AgentReply << false << u"active"_s;
    QTest::addRow("pending-reply") << u"pending"_s << Action::AgentReply << false << u"active"_s;
    QTest::addRow("active-reply") << u"active"_s << Action::AgentReply << false << u"active"_s;
    QTest::addRow("queued-reply") << u"queued"_s << Action::AgentReply << false << u"queued"_s;

    QTest::addRow("active-await") << u"active"_s << Action::AwaitClient << false << u"pending"_s;
    QTest::addRow("assigned-await") << u"assigned"_s << Action::AwaitClient << false << QString();
    QTest::addRow("pending-await") << u"pending"_s << Action::AwaitClient << false << QString();
    QTest::addRow("pending-client-reply") << u"pending"_s << Action::ClientReply << false << u"active"_s;
    QTest::addRow("active-client-reply") << u"active"_s << Action::ClientReply << false << u"active"_s;
}

void tst_ChatStateMachine::moves()
{
    QFETCH(QString, from);
    QFETCH(Action, action);
    QFETCH(bool, agentAvailable);
    QFETCH(QString, to);
    const std::optional<QString> next = ChatStateMachine::next(from, action, agentAvailable);
    if (to.isEmpty())
        QVERIFY2(!next, qPrintable(next.value_or(QString())));
    else
        QCOMPARE(next.value_or(u"<illegal>"_s), to);
}

void tst_ChatStateMachine::unknownStatus()
{
    QVERIFY(!ChatStateMachine::next(u"archived"_s, Action::Close));
    QVERIFY(!ChatStateMachine::next(QString(), Action::Reopen));
}

void tst_ChatStateMachine::openStatuses()
{
    QCOMPARE(ChatStateMachine::statuses().size(), 7);
    QVERIFY(ChatStateMachine::isOpen(u"pending"_s));
    QVERIFY(!ChatStateMachine::isOpen(u"closed"_s));
    QVERIFY(!ChatStateMachine::isOpen(u"archived"_s));
}

// A campaign that runs a bot flow takes back a reopened chat its agent cannot (docs/ROUTING.md).
void tst_ChatStateMachine::reopenWithABot()
{
    QCOMPARE(ChatStateMachine::next(u"closed"_s, Action::Reopen, false, true), std::optional(u"bot"_s));
    QCOMPARE(ChatStateMachine::next(u"closed"_s, Action::Reopen, true, true), std::optional(u"assigned"_s));
    QCOMPARE(ChatStateMachine::next(u"closed"_s, Action::Reopen, false, false), std::optional(u"queued"_s));
    QVERIFY(!ChatStateMachine::next(u"bot"_s, Action::Reopen, false, true));
}

QTEST_APPLESS_MAIN(tst_ChatStateMachine)
#include "tst_chat_state_machine.moc"
