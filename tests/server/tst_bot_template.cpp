// BotTemplate (docs/BOT_FLOWS.md#templates): placeholders from collected variables, the flow's
// variables and the client; unknown names, spacing, values that look like placeholders, escaping
// and the size cap. No server.
#include "domain/bot/BotTemplate.h"

#include <QJsonArray>
#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;

using namespace Qt::StringLiterals;

namespace {

TemplateContext sampleContext()
{
    TemplateContext c;
    c.collected = QJsonObject{{u"nombre"_s, u"Carlos"_s},
                              {u"company_name"_s, u"Collected wins"_s},
                              {u"edad"_s, 42},
                              {u"precio"_s, 2.5},
                              {u"vip"_s, true},
                              {u"nada"_s, QJsonValue::Null},
                              {u"lista"_s, QJsonArray{1, u"a"_s}},
                              {u"trampa"_s, u"{{nombre}} y {{client.email}}"_s},
                              {u"cita"_s, u"dijo \"hola\"\n& adiós"_s}};
    c.flowVariables = QJsonObject{{u"company_name"_s, u"MiEmpresa"_s}, {u"support_email"_s, u"soporte@x.co"_s}};
    c.client = QJsonObject{{u"first_name"_s, u"Ana"_s},
                           {u"last_name"_s, u"Pérez"_s},
                           {u"phone_number"_s, u"+573001234567"_s},
                           {u"email"_s, QJsonValue::Null},
                           {u"company"_s, u"ACME"_s},
                           {u"custom_fields"_s, QJsonObject{{u"plan"_s, u"gold"_s}, {u"seats"_s, 10}}}};
    return c;
}

}   // namespace

class tst_BotTemplate : public QObject {
    Q_OBJECT

private slots:
    void render_data();
    void render();
    void escape_data();
    void escape();
    void lookup_data();
    void lookup();
    void sizeCap_data();
    void sizeCap();
};

void tst_BotTemplate::render_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::addRow("no-placeholder") << u"Hola, ¿en qué te ayudo?"_s << u"Hola, ¿en qué te ayudo?"_s;
    QTest::addRow("empty") << QString() << QString();
    QTest::addRow("collected") << u"Hola {{nombre}}"_s << u"Hola Carlos"_s;
    QTest::addRow("flow-variable") << u"Escribe a {{support_email}}"_s << u"Escribe a soporte@x.co"_s;
    QTest::addRow("collected-before-flow") << u"{{company_name}}"_s << u"Collected wins"_s;
    QTest::addRow("client-first-name") << u"Hola {{client.first_name}}!"_s << u"Hola Ana!"_s;
    QTest::addRow("client-fields") << u"{{client.last_name}}|{{client.phone_number}}|{{client.company}}"_s
                                   << u"Pérez|+573001234567|ACME"_s;
    QTest::addRow("client-null-email") << u"[{{client.email}}]"_s << u"[]"_s;
    QTest::addRow("client-custom-field") << u"Plan {{client.custom_fields.plan}}, {{client.custom_fields.seats}}"_s
                                         << u"Plan gold, 10"_s;
    QTest::addRow("client-unknown-field") << u"[{{client.city}}]"_s << u"[]"_s;
    QTest::addRow("client-too-deep") << u"[{{client.first_name.x}}]"_s << u"[]"_s;
    QTest::addRow("client-whole-object") << u"[{{client.custom_fields}}]"_s << uR"([{"plan":"gold","seats":10}])"_s;
    QTest::addRow("unknown-empty") << u"Hola {{desconocido}}."_s << u"Hola ."_s;
    QTest::addRow("spaces-inside") << u"Hola {{  nombre }} y {{\tclient.first_name\t}}"_s << u"Hola Carlos y Ana"_s;
    QTest::addRow("integer") << u"{{edad}} años"_s << u"42 años"_s;
    QTest::addRow("decimal") << u"${{precio}}"_s << u"$2.5"_s;
    QTest::addRow("bool") << u"{{vip}}"_s << u"true"_s;
    QTest::addRow("null") << u"[{{nada}}]"_s << u"[]"_s;
    QTest::addRow("array") << u"{{lista}}"_s << uR"([1,"a"])"_s;
    QTest::addRow("no-recursion") << u"{{trampa}}"_s << u"{{nombre}} y {{client.email}}"_s;
    QTest::addRow("adjacent") << u"{{nombre}}{{edad}}"_s << u"Carlos42"_s;
    QTest::addRow("triple-braces") << u"{{{nombre}}}"_s << u"{Carlos}"_s;
    QTest::addRow("unclosed") << u"Hola {{nombre"_s << u"Hola {{nombre"_s;
    QTest::addRow("unclosed-then-closed") << u"{{ {{nombre}}"_s << u"{{ Carlos"_s;
    QTest::addRow("closed-then-unclosed") << u"{{nombre}} {{a {{b"_s << u"Carlos {{a {{b"_s;
    QTest::addRow("empty-braces") << u"{{}} {{ }}"_s << u"{{}} {{ }}"_s;
    QTest::addRow("not-a-name") << u"{{a b}} {{a+b}}"_s << u"{{a b}} {{a+b}}"_s;
    QTest::addRow("single-braces") << u"{nombre} }}"_s << u"{nombre} }}"_s;
    QTest::addRow("accented-name") << u"{{teléfono}}"_s << QString();
    QTest::addRow("multiline") << u"Hola {{nombre}}\n{{client.company}}"_s << u"Hola Carlos\nACME"_s;
}

void tst_BotTemplate::render()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(BotTemplate::render(text, sampleContext()), expected);
}

void tst_BotTemplate::escape_data()
{
    QTest::addColumn<BotTemplate::Escape>("escape");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");

    QTest::addRow("none") << BotTemplate::Escape::None << u"{{cita}}"_s << u"dijo \"hola\"\n& adiós"_s;
    QTest::addRow("url") << BotTemplate::Escape::UrlComponent << u"https://x.co/?q={{cita}}&n={{nombre}}"_s
                         << u"https://x.co/?q=dijo%20%22hola%22%0A%26%20adi%C3%B3s&n=Carlos"_s;
    QTest::addRow("json") << BotTemplate::Escape::JsonString << uR"({"q": "{{cita}}"})"_s
                          << uR"({"q": "dijo \"hola\"\n& adiós"})"_s;
    QTest::addRow("json-control") << BotTemplate::Escape::JsonString << u"{{ctl}}"_s << uR"(a\u0001b\\c)"_s;
}

void tst_BotTemplate::escape()
{
    QFETCH(BotTemplate::Escape, escape);
    QFETCH(QString, text);
    QFETCH(QString, expected);
    TemplateContext c = sampleContext();
    c.collected.insert(u"ctl"_s, QString(u"a"_s + QChar(0x01) + u"b\\c"_s));
    QCOMPARE(BotTemplate::render(text, c, escape), expected);
}

void tst_BotTemplate::lookup_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("value");

    QTest::addRow("collected") << u"nombre"_s << true << u"Carlos"_s;
    QTest::addRow("padded") << u" nombre "_s << true << u"Carlos"_s;
    QTest::addRow("flow") << u"support_email"_s << true << u"soporte@x.co"_s;
    QTest::addRow("client") << u"client.first_name"_s << true << u"Ana"_s;
    QTest::addRow("client-null") << u"client.email"_s << true << QString();
    QTest::addRow("collected-null") << u"nada"_s << true << QString();
    QTest::addRow("unknown") << u"x"_s << false << QString();
    QTest::addRow("client-unknown") << u"client.city"_s << false << QString();
    QTest::addRow("client-empty-field") << u"client."_s << false << QString();
    QTest::addRow("client-double-dot") << u"client..first_name"_s << false << QString();
    QTest::addRow("empty") << QString() << false << QString();
}

void tst_BotTemplate::lookup()
{
    QFETCH(QString, name);
    QFETCH(bool, found);
    QFETCH(QString, value);
    const auto v = BotTemplate::lookup(name, sampleContext());
    QCOMPARE(v.has_value(), found);
    if (found)
        QCOMPARE(*v, value);
}

void tst_BotTemplate::sizeCap_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("big");
    QTest::addColumn<qsizetype>("cap");
    QTest::addColumn<QString>("expected");

    QTest::addRow("under") << u"ab{{big}}"_s << u"cd"_s << qsizetype(10) << u"abcd"_s;
    QTest::addRow("exact") << u"ab{{big}}"_s << u"cd"_s << qsizetype(4) << u"abcd"_s;
    QTest::addRow("value-cut") << u"ab{{big}}ef"_s << u"cdcdcd"_s << qsizetype(5) << u"abcdc"_s;
    QTest::addRow("text-cut") << u"abcdef{{big}}"_s << u"x"_s << qsizetype(3) << u"abc"_s;
    QTest::addRow("surrogate-kept-whole") << u"ab{{big}}"_s << u"😀😀"_s << qsizetype(5) << u"ab😀"_s;
    QTest::addRow("many-placeholders") << u"{{big}}{{big}}{{big}}"_s << u"0123456789"_s << qsizetype(25)
                                       << u"0123456789012345678901234"_s;
}

void tst_BotTemplate::sizeCap()
{
    QFETCH(QString, text);
    QFETCH(QString, big);
    QFETCH(qsizetype, cap);
    QFETCH(QString, expected);
    TemplateContext c;
    c.collected.insert(u"big"_s, big);
    QCOMPARE(BotTemplate::render(text, c, BotTemplate::Escape::None, cap), expected);
}

QTEST_APPLESS_MAIN(tst_BotTemplate)
#include "tst_bot_template.moc"
