// InputValidation (docs/BOT_FLOWS.md#input-validations): each validation of an input node, what
// it accepts and the value it keeps; which validations a flow may be published with. No server.
#include "domain/bot/InputValidation.h"

#include <QElapsedTimer>
#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;

using namespace Qt::StringLiterals;

class tst_InputValidation : public QObject {
    Q_OBJECT

private slots:
    void validate_data();
    void validate();
    void isValid_data();
    void isValid();
    void runawayPattern();
};

void tst_InputValidation::validate_data()
{
    QTest::addColumn<QString>("validation");
    QTest::addColumn<QString>("answer");
    QTest::addColumn<QString>("region");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("value");

    const QString co = u"CO"_s;
    QTest::addRow("text") << u"text"_s << u"  Carlos Pérez "_s << co << true << u"Carlos Pérez"_s;
    QTest::addRow("text-multiline") << u"text"_s << u"línea 1\nlínea 2"_s << co << true << u"línea 1\nlínea 2"_s;
    QTest::addRow("text-blank") << u"text"_s << u" \n\t"_s << co << false << QString();
    QTest::addRow("text-empty") << u"text"_s << QString() << co << false << QString();
    QTest::addRow("text-too-long") << u"text"_s << QString(4097, u'a') << co << false << QString();
    QTest::addRow("text-longest") << u"text"_s << QString(4096, u'a') << co << true << QString(4096, u'a');
    QTest::addRow("no-validation-is-text") << QString() << u" hola "_s << co << true << u"hola"_s;
    QTest::addRow("unknown-validation") << u"colour"_s << u"red"_s << co << false << QString();

    QTest::addRow("number-int") << u"number"_s << u"42"_s << co << true << u"42"_s;
    QTest::addRow("number-spaces") << u"number"_s << u" 42 "_s << co << true << u"42"_s;
    QTest::addRow("number-negative") << u"number"_s << u"-7"_s << co << true << u"-7"_s;
    QTest::addRow("number-plus") << u"number"_s << u"+7"_s << co << true << u"7"_s;
    QTest::addRow("number-decimal-dot") << u"number"_s << u"3.50"_s << co << true << u"3.50"_s;
    QTest::addRow("number-decimal-comma") << u"number"_s << u"3,5"_s << co << true << u"3.5"_s;
    QTest::addRow("number-leading-zeros") << u"number"_s << u"007"_s << co << true << u"7"_s;
    QTest::addRow("number-zero") << u"number"_s << u"000"_s << co << true << u"0"_s;
    QTest::addRow("number-zero-decimal") << u"number"_s << u"0,25"_s << co << true << u"0.25"_s;
    QTest::addRow("number-word") << u"number"_s << u"cinco"_s << co << false << QString();
    QTest::addRow("number-thousands") << u"number"_s << u"1.000.000"_s << co << false << QString();
    QTest::addRow("number-exponent") << u"number"_s << u"1e5"_s << co << false << QString();
    QTest::addRow("number-trailing-dot") << u"number"_s << u"5."_s << co << false << QString();
    QTest::addRow("number-leading-dot") << u"number"_s << u".5"_s << co << false << QString();
    QTest::addRow("number-inner-space") << u"number"_s << u"1 000"_s << co << false << QString();
    QTest::addRow("number-unit") << u"number"_s << u"5kg"_s << co << false << QString();
    QTest::addRow("number-fullwidth") << u"number"_s << u"４２"_s << co << false << QString();

    QTest::addRow("email") << u"email"_s << u" Ana.Perez@Example.COM "_s << co << true << u"ana.perez@example.com"_s;
    QTest::addRow("email-plus") << u"email"_s << u"a+b@x.co"_s << co << true << u"a+b@x.co"_s;
    QTest::addRow("email-no-at") << u"email"_s << u"ana.example.com"_s << co << false << QString();
    QTest::addRow("email-no-dot") << u"email"_s << u"ana@localhost"_s << co << false << QString();
    QTest::addRow("email-space") << u"email"_s << u"ana perez@x.co"_s << co << false << QString();
    QTest::addRow("email-two-at") << u"email"_s << u"a@b@x.co"_s << co << false << QString();

    QTest::addRow("phone-national") << u"phone"_s << u"300 123 4567"_s << co << true << u"+573001234567"_s;
    QTest::addRow("phone-international") << u"phone"_s << u"+57 300 123 4567"_s << co << true << u"+573001234567"_s;
    QTest::addRow("phone-other-country") << u"phone"_s << u"+1 650 253 0000"_s << co << true << u"+16502530000"_s;
    QTest::addRow("phone-region-mx") << u"phone"_s << u"55 1234 5678"_s << u"MX"_s << true << u"+525512345678"_s;
    QTest::addRow("phone-short") << u"phone"_s << u"12345"_s << co << false << QString();
    QTest::addRow("phone-letters") << u"phone"_s << u"mi número"_s << co << false << QString();

    QTest::addRow("date-iso") << u"date"_s << u"2025-11-14"_s << co << true << u"2025-11-14"_s;
    QTest::addRow("date-iso-short") << u"date"_s << u"2025-1-4"_s << co << true << u"2025-01-04"_s;
    QTest::addRow("date-day-first") << u"date"_s << u"14/11/2025"_s << co << true << u"2025-11-14"_s;
    QTest::addRow("date-day-first-short") << u"date"_s << u"4/1/2025"_s << co << true << u"2025-01-04"_s;
    QTest::addRow("date-dashes") << u"date"_s << u"14-11-2025"_s << co << true << u"2025-11-14"_s;
    QTest::addRow("date-dots") << u"date"_s << u"14.11.2025"_s << co << true << u"2025-11-14"_s;
    QTest::addRow("date-spaces") << u"date"_s << u" 14/11/2025 "_s << co << true << u"2025-11-14"_s;
    QTest::addRow("date-leap-day") << u"date"_s << u"29/02/2024"_s << co << true << u"2024-02-29"_s;
    QTest::addRow("date-not-leap") << u"date"_s << u"29/02/2025"_s << co << false << QString();
    QTest::addRow("date-month-13") << u"date"_s << u"01/13/2025"_s << co << false << QString();
    QTest::addRow("date-month-first") << u"date"_s << u"11/14/2025"_s << co << false << QString();
    QTest::addRow("date-mixed-separators") << u"date"_s << u"14/11-2025"_s << co << false << QString();
    QTest::addRow("date-two-digit-year") << u"date"_s << u"14/11/25"_s << co << false << QString();
    QTest::addRow("date-words") << u"date"_s << u"mañana"_s << co << false << QString();

    QTest::addRow("regex-whole") << u"regex:[A-Z]{3}\\d{3}"_s << u" ABC123 "_s << co << true << u"ABC123"_s;
    QTest::addRow("regex-partial-refused") << u"regex:[A-Z]{3}\\d{3}"_s << u"xABC123"_s << co << false << QString();
    QTest::addRow("regex-alternation-anchored") << u"regex:si|no"_s << u"sino"_s << co << false << QString();
    QTest::addRow("regex-alternation") << u"regex:si|no"_s << u"no"_s << co << true << u"no"_s;
    QTest::addRow("regex-case-sensitive") << u"regex:abc"_s << u"ABC"_s << co << false << QString();
    QTest::addRow("regex-case-flag") << u"regex:(?i)abc"_s << u"ABC"_s << co << true << u"ABC"_s;
    QTest::addRow("regex-invalid") << u"regex:([a-z"_s << u"abc"_s << co << false << QString();
    QTest::addRow("regex-empty-pattern") << u"regex:"_s << u"abc"_s << co << false << QString();
    QTest::addRow("regex-answer-too-long") << u"regex:a*"_s << QString(1025, u'a') << co << false << QString();
}

void tst_InputValidation::validate()
{
    QFETCH(QString, validation);
    QFETCH(QString, answer);
    QFETCH(QString, region);
    QFETCH(bool, ok);
    QFETCH(QString, value);
    const auto v = InputValidation::validate(validation, answer, region);
    QCOMPARE(v.has_value(), ok);
    if (ok)
        QCOMPARE(*v, value);
}

void tst_InputValidation::isValid_data()
{
    QTest::addColumn<QString>("validation");
    QTest::addColumn<bool>("valid");

    for (const QString &v : {u"text"_s, u"number"_s, u"email"_s, u"phone"_s, u"date"_s, QString()})
        QTest::addRow("%s", qPrintable(v.isEmpty() ? u"empty"_s : v)) << v << true;
    QTest::addRow("regex") << u"regex:^\\d{4}$"_s << true;
    QTest::addRow("regex-invalid") << u"regex:(a"_s << false;
    QTest::addRow("regex-empty") << u"regex:"_s << false;
    QTest::addRow("unknown") << u"colour"_s << false;
    QTest::addRow("case") << u"Email"_s << false;
    QTest::addRow("regex-no-colon") << u"regex"_s << false;
}

void tst_InputValidation::isValid()
{
    QFETCH(QString, validation);
    QFETCH(bool, valid);
    QCOMPARE(InputValidation::isValid(validation), valid);
}

void tst_InputValidation::runawayPattern()
{
    // Catastrophic backtracking: PCRE2's match limit ends it; the answer is refused, in bounded time.
    QElapsedTimer timer;
    timer.start();
    const QString answer = QString(1000, u'a') + u'!';
    QVERIFY(!InputValidation::validate(u"regex:(a+)+$"_s, answer));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(u"took %1 ms"_s.arg(timer.elapsed())));
}

QTEST_APPLESS_MAIN(tst_InputValidation)
#include "tst_input_validation.moc"
