// ReplyMatcher (docs/BOT_FLOWS.md#reply-matching): a customer's reply to a menu, by button or list
// id, number, value or label, with case, accents, spaces and punctuation ignored. No server.
#include "domain/bot/ReplyMatcher.h"

#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;

using namespace Qt::StringLiterals;

namespace {

// The seed's menu: labels with their numbers, values in English.
QList<MenuOption> seedMenu()
{
    return {{u"1. Ventas"_s, u"sales"_s, u"node_sales"_s},
            {u"2. Soporte Técnico"_s, u"support"_s, u"node_support"_s},
            {u"3. Hablar con agente"_s, u"agent"_s, u"node_agent"_s}};
}

}   // namespace

class tst_ReplyMatcher : public QObject {
    Q_OBJECT

private slots:
    void match_data();
    void match();
    void interactiveId_data();
    void interactiveId();
    void normalise_data();
    void normalise();
    void longNodeKey();
    void ambiguous();
    void emptyMenu();
};

void tst_ReplyMatcher::match_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expected");   // -1: no option

    QTest::addRow("number") << u"2"_s << 1;
    QTest::addRow("number-dot") << u"2."_s << 1;
    QTest::addRow("number-paren") << u"3)"_s << 2;
    QTest::addRow("number-spaces") << u"  1  "_s << 0;
    QTest::addRow("number-newline") << u"1\n"_s << 0;
    QTest::addRow("number-keycap-emoji") << u"2️⃣"_s << 1;
    QTest::addRow("number-fullwidth") << u"３"_s << 2;
    QTest::addRow("number-hash") << u"#1"_s << 0;
    QTest::addRow("number-zero") << u"0"_s << -1;
    QTest::addRow("number-too-big") << u"4"_s << -1;
    QTest::addRow("number-leading-zero") << u"02"_s << 1;
    QTest::addRow("number-huge") << u"99999999999999999999"_s << -1;
    QTest::addRow("number-dash") << u"- 1"_s << 0;
    QTest::addRow("number-with-word") << u"2 por favor"_s << -1;
    QTest::addRow("value") << u"support"_s << 1;
    QTest::addRow("value-case") << u"SALES"_s << 0;
    QTest::addRow("value-punct") << u"agent!"_s << 2;
    QTest::addRow("label-full") << u"1. Ventas"_s << 0;
    QTest::addRow("label-bare") << u"ventas"_s << 0;
    QTest::addRow("label-bare-accents") << u"soporte tecnico"_s << 1;
    QTest::addRow("label-accents-typed") << u"SOPORTE TÉCNICO"_s << 1;
    QTest::addRow("label-inner-spaces") << u"hablar   con\tagente"_s << 2;
    QTest::addRow("label-question-marks") << u"¿Hablar con agente?"_s << 2;
    QTest::addRow("label-full-other-number") << u"2. Ventas"_s << -1;
    QTest::addRow("partial-label") << u"soporte"_s << -1;
    QTest::addRow("other-text") << u"hola"_s << -1;
    QTest::addRow("empty") << QString() << -1;
    QTest::addRow("only-punct") << u"?!..."_s << -1;
    QTest::addRow("emoji") << u"👍"_s << -1;
    QTest::addRow("too-long") << QString(300, u'a') << -1;
}

void tst_ReplyMatcher::match()
{
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto m = ReplyMatcher::match(seedMenu(), text, u"node_menu"_s);
    QCOMPARE(m ? int(*m) : -1, expected);
}

void tst_ReplyMatcher::interactiveId_data()
{
    QTest::addColumn<QString>("replyId");
    QTest::addColumn<QString>("text");   // the button's or row's title, as the webhook carries it
    QTest::addColumn<int>("expected");

    QTest::addRow("first") << u"node_menu#1"_s << u"1. Ventas"_s << 0;
    QTest::addRow("third") << u"node_menu#3"_s << u"3. Hablar con agente"_s << 2;
    // The id decides, not the title (a list row's title may be shortened).
    QTest::addRow("id-over-title") << u"node_menu#2"_s << u"Ventas"_s << 1;
    QTest::addRow("id-without-title") << u"node_menu#2"_s << QString() << 1;
    // A tap on another (older) menu's button: its id is not this menu's; the title still counts.
    QTest::addRow("other-node-title-matches") << u"node_old#2"_s << u"Ventas"_s << 0;
    QTest::addRow("other-node-no-title") << u"node_old#2"_s << QString() << -1;
    QTest::addRow("out-of-range") << u"node_menu#4"_s << QString() << -1;
    QTest::addRow("zero") << u"node_menu#0"_s << QString() << -1;
    QTest::addRow("not-ours") << u"sales"_s << QString() << -1;
}

void tst_ReplyMatcher::interactiveId()
{
    QFETCH(QString, replyId);
    QFETCH(QString, text);
    QFETCH(int, expected);
    const auto m = ReplyMatcher::match(seedMenu(), text, u"node_menu"_s, replyId);
    QCOMPARE(m ? int(*m) : -1, expected);
    // What the engine sends is what it recognises.
    for (qsizetype i = 0; i < seedMenu().size(); ++i)
        QCOMPARE(ReplyMatcher::match(seedMenu(), QString(), u"node_menu"_s,
                                     ReplyMatcher::interactiveId(u"node_menu"_s, i)),
                 std::optional<qsizetype>(i));
}

void tst_ReplyMatcher::normalise_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("folded");
    QTest::addColumn<QString>("normalised");

    QTest::addRow("plain") << u"hola"_s << u"hola"_s << u"hola"_s;
    QTest::addRow("accents-case") << u"Atención Ñandú"_s << u"atencion nandu"_s << u"atencion nandu"_s;
    QTest::addRow("punct-ends") << u" ¡Sí, claro! "_s << u" ¡si, claro! "_s << u"si, claro"_s;
    QTest::addRow("ligature") << u"ﬁn"_s << u"fin"_s << u"fin"_s;
    QTest::addRow("keycap") << u"1️⃣"_s << u"1"_s << u"1"_s;
    QTest::addRow("runs-of-spaces") << u"a \t b"_s << u"a \t b"_s << u"a b"_s;
}

void tst_ReplyMatcher::normalise()
{
    QFETCH(QString, text);
    QFETCH(QString, folded);
    QFETCH(QString, normalised);
    QCOMPARE(ReplyMatcher::fold(text), folded);
    QCOMPARE(ReplyMatcher::normalise(text), normalised);
}

void tst_ReplyMatcher::longNodeKey()
{
    // Ids stay within Meta's 200 characters, stay distinct per node and option, and are recognised.
    const QString longKey = QString(250, u'k');
    const QString otherLongKey = QString(249, u'k') + u'x';
    const QString id = ReplyMatcher::interactiveId(longKey, 2);
    QVERIFY2(id.size() <= 200, qPrintable(id));
    QVERIFY(id.endsWith(u"#3"_s));
    QCOMPARE_NE(id, ReplyMatcher::interactiveId(otherLongKey, 2));
    QCOMPARE_NE(id, ReplyMatcher::interactiveId(longKey, 1));
    QCOMPARE(ReplyMatcher::match(seedMenu(), QString(), longKey, id), std::optional<qsizetype>(2));
    QVERIFY(!ReplyMatcher::match(seedMenu(), QString(), otherLongKey, id));
    // A key that fits is written as it is, up to exactly 200 characters.
    const QString fits = QString(198, u'k');
    QCOMPARE(ReplyMatcher::interactiveId(fits, 0), fits + u"#1"_s);
}

void tst_ReplyMatcher::ambiguous()
{
    // Numbers before values, values before labels, earlier options first.
    const QList<MenuOption> menu{{u"Uno"_s, u"2"_s, u"a"_s}, {u"Dos"_s, u"uno"_s, u"b"_s}, {u"Dos"_s, u"x"_s, u"c"_s}};
    QCOMPARE(ReplyMatcher::match(menu, u"2"_s), std::optional<qsizetype>(1));
    QCOMPARE(ReplyMatcher::match(menu, u"uno"_s), std::optional<qsizetype>(1));
    QCOMPARE(ReplyMatcher::match(menu, u"dos"_s), std::optional<qsizetype>(1));
    QCOMPARE(ReplyMatcher::match(menu, u"x"_s), std::optional<qsizetype>(2));
}

void tst_ReplyMatcher::emptyMenu()
{
    QVERIFY(!ReplyMatcher::match({}, u"1"_s));
    QVERIFY(!ReplyMatcher::match({}, QString(), u"node_menu"_s, u"node_menu#1"_s));
}

QTEST_APPLESS_MAIN(tst_ReplyMatcher)
#include "tst_reply_matcher.moc"
