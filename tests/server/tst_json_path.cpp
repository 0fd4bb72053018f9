// JsonPath (docs/BOT_FLOWS.md#json-paths): the paths an http_request node saves values with, what
// they find in a JSON answer and how a value becomes a variable's text. No server.
#include "domain/bot/JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Conversa::Server;
using namespace Conversa::Server::Bot;

using namespace Qt::StringLiterals;

namespace {

QJsonValue sampleAnswer()
{
    return QJsonDocument::fromJson(R"({
        "a": {"b": "deep", "n": 3, "pi": 3.25, "big": 1e21, "neg": -12, "t": true, "f": false, "z": null},
        "items": [{"name": "first", "price": 10}, {"name": "second"}, [1, 2]],
        "odd.key": "dotted",
        "with space": "spaced",
        "empty": {},
        "list": [],
        "obj": {"x": 1, "y": [true, null]},
        "ñandú": "unicode"
    })")
        .object();
}

}   // namespace

class tst_JsonPath : public QObject {
    Q_OBJECT

private slots:
    void extract_data();
    void extract();
    void topLevelArray();
    void isValid_data();
    void isValid();
};

void tst_JsonPath::extract_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("found");
    QTest::addColumn<QString>("text");

    QTest::addRow("dollar-member") << u"$.a.b"_s << true << u"deep"_s;
    QTest::addRow("bare-member") << u"a.b"_s << true << u"deep"_s;
    QTest::addRow("spaces-around") << u"  $.a.b "_s << true << u"deep"_s;
    QTest::addRow("index-member") << u"$.items[0].name"_s << true << u"first"_s;
    QTest::addRow("bare-index-member") << u"items[1].name"_s << true << u"second"_s;
    QTest::addRow("nested-index") << u"$.items[2][1]"_s << true << u"2"_s;
    QTest::addRow("integer") << u"$.a.n"_s << true << u"3"_s;
    QTest::addRow("integer-in-array") << u"$.items[0].price"_s << true << u"10"_s;
    QTest::addRow("negative") << u"$.a.neg"_s << true << u"-12"_s;
    QTest::addRow("decimal") << u"$.a.pi"_s << true << u"3.25"_s;
    QTest::addRow("big") << u"$.a.big"_s << true << u"1e+21"_s;
    QTest::addRow("true") << u"$.a.t"_s << true << u"true"_s;
    QTest::addRow("false") << u"$.a.f"_s << true << u"false"_s;
    QTest::addRow("null") << u"$.a.z"_s << true << QString();
    QTest::addRow("object") << u"$.obj"_s << true << uR"({"x":1,"y":[true,null]})"_s;
    QTest::addRow("array") << u"$.items[2]"_s << true << u"[1,2]"_s;
    QTest::addRow("empty-object") << u"$.empty"_s << true << u"{}"_s;
    QTest::addRow("empty-array") << u"$.list"_s << true << u"[]"_s;
    QTest::addRow("root") << u"$"_s << true
                          << QString::fromUtf8(QJsonDocument(sampleAnswer().toObject()).toJson(QJsonDocument::Compact));
    QTest::addRow("quoted-dotted") << u"$['odd.key']"_s << true << u"dotted"_s;
    QTest::addRow("double-quoted-space") << u"$[\"with space\"]"_s << true << u"spaced"_s;
    QTest::addRow("unicode-member") << u"$.ñandú"_s << true << u"unicode"_s;
    QTest::addRow("missing-member") << u"$.a.c"_s << false << QString();
    QTest::addRow("missing-top") << u"$.nope"_s << false << QString();
    QTest::addRow("index-past-end") << u"$.items[3]"_s << false << QString();
    QTest::addRow("index-on-object") << u"$.a[0]"_s << false << QString();
    QTest::addRow("member-on-array") << u"$.items.name"_s << false << QString();
    QTest::addRow("member-on-string") << u"$.a.b.c"_s << false << QString();
    QTest::addRow("member-on-null") << u"$.a.z.x"_s << false << QString();
    QTest::addRow("dotted-is-two-steps") << u"$.odd.key"_s << false << QString();
    QTest::addRow("invalid") << u"$..a"_s << false << QString();
}

void tst_JsonPath::extract()
{
    QFETCH(QString, path);
    QFETCH(bool, found);
    QFETCH(QString, text);
    const auto v = JsonPath::extract(sampleAnswer(), path);
    QCOMPARE(v.has_value(), found);
    if (found)
        QCOMPARE(*v, text);
    QCOMPARE(JsonPath::find(sampleAnswer(), path).has_value(), found);
}

void tst_JsonPath::topLevelArray()
{
    const QJsonValue answer = QJsonArray{QJsonObject{{u"id"_s, 7}}, u"two"_s};
    QCOMPARE(JsonPath::extract(answer, u"$[0].id"_s), std::optional<QString>(u"7"_s));
    QCOMPARE(JsonPath::extract(answer, u"$[1]"_s), std::optional<QString>(u"two"_s));
    QVERIFY(!JsonPath::extract(answer, u"$.id"_s));
    QVERIFY(!JsonPath::extract(QJsonValue(u"text"_s), u"$.a"_s));
    QCOMPARE(JsonPath::extract(QJsonValue(u"text"_s), u"$"_s), std::optional<QString>(u"text"_s));
}

void tst_JsonPath::isValid_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");

    for (const QString &p : {u"$"_s, u"$.a"_s, u"a"_s, u"a.b.c"_s, u"$.items[0].name"_s, u"$[0]"_s, u"$['x.y']"_s,
                             u"$[\"x\"][2]"_s, u"items[10]"_s, u"$.a-b"_s, u"$.a_b"_s})
        QTest::addRow("valid %s", qPrintable(p)) << p << true;
    for (const QString &p : {QString(), u"  "_s, u"$."_s, u"$.."_s, u"$..a"_s, u".a"_s, u"a."_s, u"$a"_s,
                             u"$.items[]"_s, u"$.items[-1]"_s, u"$.items[1"_s, u"$.items[x]"_s, u"$.items[*]"_s,
                             u"$['']"_s, u"$['x]"_s, u"$.a b"_s, u"$[99999999]"_s, u"[0]"_s, QString(600, u'a')})
        QTest::addRow("invalid %s", qPrintable(p.left(20))) << p << false;
}

void tst_JsonPath::isValid()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QCOMPARE(JsonPath::isValid(path), valid);
}

QTEST_APPLESS_MAIN(tst_JsonPath)
#include "tst_json_path.moc"
