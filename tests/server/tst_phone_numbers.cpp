// E.164 normalisation through libphonenumber.
#include "domain/PhoneNumbers.h"

#include <QTest>

using namespace Conversa::Server;

using namespace Qt::StringLiterals;

class tst_PhoneNumbers : public QObject {
    Q_OBJECT

private slots:
    void toE164_data();
    void toE164();
    void regions();
    void rememberedAnswersKeepTheRegion();
};

void tst_PhoneNumbers::toE164_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("region");
    QTest::addColumn<QString>("expected");   // empty: invalid

    QTest::addRow("international") << u"+57 300 123 4567"_s << u"CO"_s << u"+573001234567"_s;
    QTest::addRow("national-co") << u"300 123 4567"_s << u"CO"_s << u"+573001234567"_s;
    QTest::addRow("punctuation") << u"(300) 123-4567"_s << u"co"_s << u"+573001234567"_s;
    QTest::addRow("other-country") << u"+1 650 253 0000"_s << u"CO"_s << u"+16502530000"_s;
    QTest::addRow("national-mx") << u"55 1234 5678"_s << u"MX"_s << u"+525512345678"_s;
    QTest::addRow("too-short") << u"12345"_s << u"CO"_s << QString();
    QTest::addRow("letters") << u"call me"_s << u"CO"_s << QString();
    QTest::addRow("empty") << QString() << u"CO"_s << QString();
}

void tst_PhoneNumbers::toE164()
{
    QFETCH(QString, input);
    QFETCH(QString, region);
    QFETCH(QString, expected);
    const std::optional<QString> e164 = PhoneNumbers::toE164(input, region);
    QCOMPARE(e164.value_or(QString()), expected);
}

void tst_PhoneNumbers::regions()
{
    QVERIFY(PhoneNumbers::isValidRegion(u"CO"_s));
    QVERIFY(PhoneNumbers::isValidRegion(u"mx"_s));
    QVERIFY(!PhoneNumbers::isValidRegion(u"XX"_s));
}

void tst_PhoneNumbers::rememberedAnswersKeepTheRegion()
{
    // Each thread remembers its answers: asking again, or for another region, answers as the
    // first time would.
    for (int round = 0; round < 2; ++round) {
        QCOMPARE(PhoneNumbers::toE164(u"300 123 4567"_s, u"CO"_s).value_or(QString()), u"+573001234567"_s);
        QCOMPARE(PhoneNumbers::toE164(u"300 123 4567"_s, u"MX"_s).value_or(QString()), u"+523001234567"_s);
        QCOMPARE(PhoneNumbers::toE164(u"55 1234 5678"_s, u"MX"_s).value_or(QString()), u"+525512345678"_s);
        QCOMPARE(PhoneNumbers::toE164(u"55 1234 5678"_s, u"CO"_s).value_or(QString()), QString());
    }
    // Past the threads' bound the answers stay right.
    for (int i = 0; i < 5000; ++i)
        QVERIFY(PhoneNumbers::toE164(u"+57 300 %1"_s.arg(1000000 + i), u"CO"_s).has_value());
    QCOMPARE(PhoneNumbers::toE164(u"300 123 4567"_s, u"CO"_s).value_or(QString()), u"+573001234567"_s);
}

QTEST_GUILESS_MAIN(tst_PhoneNumbers)
#include "tst_phone_numbers.moc"
