#include "JsonPath.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

namespace {

// One step of a parsed path: a member name, or an array index when `isIndex`.
struct JsonPathStep {
    QString name;
    qsizetype index = -1;
    bool isIndex = false;
};

constexpr qsizetype kJsonPathMaxChars = 512;
constexpr qsizetype kJsonPathMaxIndex = 1'000'000;

bool isJsonPathNameChar(QChar c)
{
    return c != u'.' && c != u'[' && c != u']' && c != u'\'' && c != u'"' && !c.isSpace();
}

// The steps of `path`, or nullopt when it is not in the language.
std::optional<QList<JsonPathStep>> parseJsonPath(const QString &path)
{
    const QString p = path.trimmed();
    if (p.isEmpty() || p.size() > kJsonPathMaxChars)
        return std::nullopt;
    QList<JsonPathStep> steps;
    qsizetype i = 0;
    const qsizetype n = p.size();
    const auto readName = [&]() -> std::optional<QString> {
        const qsizetype start = i;
        while (i < n && isJsonPathNameChar(p.at(i)))
            ++i;
        if (i == start)
            return std::nullopt;
        return p.mid(start, i - start);
    };
    if (p.at(0) == u'$') {
        i = 1;
    } else {
        const auto first = readName();   // "a.b": a bare first member
        if (!first)
            return std::nullopt;
        steps.append(JsonPathStep{.name = *first});
    }
    while (i < n) {
        const QChar c = p.at(i);
        if (c == u'.') {
            ++i;
            const auto name = readName();
            if (!name)
                return std::nullopt;
            steps.append(JsonPathStep{.name = *name});
        } else if (c == u'[') {
            ++i;
            if (i < n && (p.at(i) == u'\'' || p.at(i) == u'"')) {
                const QChar quote = p.at(i);
                const qsizetype close = p.indexOf(quote, i + 1);
                if (close < 0 || close + 1 >= n || p.at(close + 1) != u']' || close == i + 1)
                    return std::nullopt;
                steps.append(JsonPathStep{.name = p.mid(i + 1, close - i - 1)});
                i = close + 2;
            } else {
                const qsizetype start = i;
                while (i < n && p.at(i).isDigit() && p.at(i).unicode() < 128)
                    ++i;
                if (i == start || i >= n || p.at(i) != u']' || i - start > 7)
                    return std::nullopt;
                const qsizetype index = p.mid(start, i - start).toLongLong();
                if (index > kJsonPathMaxIndex)
                    return std::nullopt;
                steps.append(JsonPathStep{.index = index, .isIndex = true});
                ++i;
            }
        } else {
            return std::nullopt;
        }
    }
    return steps;
}

}   // namespace

namespace JsonPath {

bool isValid(const QString &path)
{
    return parseJsonPath(path).has_value();
}

std::optional<QJsonValue> find(const QJsonValue &root, const QString &path)
{
    const auto steps = parseJsonPath(path);
    if (!steps)
        return std::nullopt;
    QJsonValue current = root;
    for (const JsonPathStep &step : *steps) {
        if (step.isIndex) {
            if (!current.isArray())
                return std::nullopt;
            const QJsonArray array = current.toArray();
            if (step.index >= array.size())
                return std::nullopt;
            current = array.at(step.index);
        } else {
            if (!current.isObject())
                return std::nullopt;
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(step.name);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        }
    }
    if (current.isUndefined())
        return std::nullopt;
    return current;
}

std::optional<QString> extract(const QJsonValue &root, const QString &path)
{
    const auto value = find(root, path);
    if (!value)
        return std::nullopt;
    return toText(*value);
}

QString toText(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::String: return value.toString();
    case QJsonValue::Bool: return value.toBool() ? u"true"_s : u"false"_s;
    case QJsonValue::Double: {
        const double d = value.toDouble();
        // Integers up to 2^53 as integers (42, not 42.0 or 4.2e+01); the rest in the shortest form
        // that reads back the same (0.1, 2.5, 1e+21).
        if (std::isfinite(d) && std::trunc(d) == d && std::fabs(d) <= 9007199254740992.0)
            return QString::number(static_cast<qint64>(d));
        return QString::number(d, 'g', QLocale::FloatingPointShortest);
    }
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Null:
    case QJsonValue::Undefined: return QString();
    }
    return QString();
}

}   // namespace JsonPath

}   // namespace Conversa::Server::Bot
