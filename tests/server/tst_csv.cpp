// CsvWriter: RFC 4180 quoting, line ends, the UTF-8 byte-order mark and the formula-injection guard.
#include "domain/CsvWriter.h"

#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_Csv : public QObject {
    Q_OBJECT

private slots:
    void cell_data();
    void cell();
    void rowsAndLineEnds();
    void byteOrderMark();
    void numbersAreNotGuarded();
    void guardCanBeTurnedOff();
};

void tst_Csv::cell_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("expected");

    QTest::addRow("plain") << u"hello"_s << QByteArray("hello");
    QTest::addRow("empty") << QString() << QByteArray();
    QTest::addRow("comma") << u"Pérez, Juan"_s << QByteArray("\"P\xC3\xA9rez, Juan\"");
    QTest::addRow("quote") << u"say \"hi\""_s << QByteArray("\"say \"\"hi\"\"\"");
    QTest::addRow("only-quote") << u"\""_s << QByteArray("\"\"\"\"");
    QTest::addRow("lf") << u"line1\nline2"_s << QByteArray("\"line1\nline2\"");
    QTest::addRow("crlf") << u"a\r\nb"_s << QByteArray("\"a\r\nb\"");
    QTest::addRow("json") << uR"({"a":{"from":1,"to":2}})"_s << QByteArray(R"("{""a"":{""from"":1,""to"":2}}")");
    QTest::addRow("spaces-kept") << u"  padded  "_s << QByteArray("  padded  ");
    QTest::addRow("formula-equals") << u"=1+2"_s << QByteArray("'=1+2");
    QTest::addRow("formula-plus") << u"+57300"_s << QByteArray("'+57300");
    QTest::addRow("formula-minus") << u"-2+3"_s << QByteArray("'-2+3");
    QTest::addRow("formula-at") << u"@SUM(A1)"_s << QByteArray("'@SUM(A1)");
    QTest::addRow("formula-tab") << u"\t=1"_s << QByteArray("'\t=1");
    QTest::addRow("formula-cr") << u"\r=1"_s << QByteArray("\"'\r=1\"");
    QTest::addRow("formula-and-comma") << uR"(=HYPERLINK("http://x","y"))"_s
                                       << QByteArray(R"csv("'=HYPERLINK(""http://x"",""y"")")csv");
    QTest::addRow("equals-inside-is-fine") << u"a=b"_s << QByteArray("a=b");
}

void tst_Csv::cell()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, expected);
    QCOMPARE(CsvWriter::cell(value), expected);

    CsvWriter csv({.byteOrderMark = false});
    csv.text(value).endRow();
    QCOMPARE(csv.take(), expected + "\r\n");
}

void tst_Csv::rowsAndLineEnds()
{
    CsvWriter csv({.byteOrderMark = false});
    csv.row({u"id"_s, u"name"_s, u"note"_s});
    csv.number(1).text(u"Ana"_s).empty().endRow();
    csv.number(2).empty().text(u"x,y"_s).endRow();
    QCOMPARE(csv.rows(), 3);
    QCOMPARE(csv.take(), QByteArray("id,name,note\r\n1,Ana,\r\n2,,\"x,y\"\r\n"));
}

void tst_Csv::byteOrderMark()
{
    CsvWriter withBom;
    withBom.row({u"ñ"_s});
    QCOMPARE(withBom.take(), QByteArray("\xEF\xBB\xBF\xC3\xB1\r\n"));

    CsvWriter without({.byteOrderMark = false});
    QVERIFY(without.take().isEmpty());
}

void tst_Csv::numbersAreNotGuarded()
{
    CsvWriter csv({.byteOrderMark = false});
    csv.number(-5).boolean(true).boolean(false).text(u"-5"_s).endRow();
    // Decimals in their shortest exact form, negative ones unguarded too.
    csv.decimal(33.3).decimal(4.0).decimal(-0.25).decimal(2265).endRow();
    QCOMPARE(csv.take(), QByteArray("-5,true,false,'-5\r\n33.3,4,-0.25,2265\r\n"));
}

void tst_Csv::guardCanBeTurnedOff()
{
    QCOMPARE(CsvWriter::cell(u"=1+2"_s, false), QByteArray("=1+2"));
    CsvWriter csv({.byteOrderMark = false, .guardFormulas = false});
    csv.text(u"@x"_s).text(u"-1"_s).endRow();
    QCOMPARE(csv.take(), QByteArray("@x,-1\r\n"));
}

QTEST_APPLESS_MAIN(tst_Csv)

#include "tst_csv.moc"
