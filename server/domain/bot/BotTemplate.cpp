#include "BotTemplate.h"

#include "JsonPath.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

namespace {

constexpr qsizetype kTemplateMaxNameChars = 128;

bool isTemplateNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'.' || c == u'-';
}

QString escapeTemplateValue(const QString &value, BotTemplate::Escape escape)
{
    switch (escape) {
    case BotTemplate::Escape::None: return value;
    case BotTemplate::Escape::UrlComponent: return QString::fromLatin1(QUrl::toPercentEncoding(value));
    case BotTemplate::Escape::JsonString: {
        QString out;
        out.reserve(value.size());
        for (const QChar c : value) {
            switch (c.unicode()) {
            case u'"': out += u"\\\""_s; break;
            case u'\\': out += u"\\\\"_s; break;
            case u'\n': out += u"\\n"_s; break;
            case u'\r': out += u"\\r"_s; break;
            case u'\t': out += u"\\t"_s; break;
            case u'\b': out += u"\\b"_s; break;
            case u'\f': out += u"\\f"_s; break;
            default:
                if (c.unicode() < 0x20)
                    out += u"\\u%1"_s.arg(int(c.unicode()), 4, 16, QChar(u'0'));
                else
                    out += c;
            }
        }
        return out;
    }
    }
    return value;
}

// Appends `piece` to `out` without passing `maxChars`; false once the cap is reached.
bool appendTemplateCapped(QString &out, QStringView piece, qsizetype maxChars)
{
    const qsizetype room = maxChars - out.size();
    if (piece.size() <= room) {
        out += piece;
        return true;
    }
    qsizetype take = std::max<qsizetype>(room, 0);
    if (take > 0 && piece.at(take - 1).isHighSurrogate())
        --take;   // never leave half of a surrogate pair
    out += piece.first(take);
    return false;
}

}   // namespace

namespace BotTemplate {

std::optional<QString> lookup(const QString &name, const TemplateContext &context)
{
    const QString key = name.trimmed();
    if (key.isEmpty())
        return std::nullopt;
    static const QString clientPrefix = u"client."_s;
    if (key.startsWith(clientPrefix)) {
        const QString field = key.mid(clientPrefix.size());
        if (field.isEmpty())
            return std::nullopt;
        // client.custom_fields.plan: a member path into the client object, one name per dot.
        QJsonValue current = context.client;
        for (const QString &part : field.split(u'.')) {
            if (part.isEmpty() || !current.isObject())
                return std::nullopt;
            const QJsonObject object = current.toObject();
            const auto it = object.constFind(part);
            if (it == object.constEnd())
                return std::nullopt;
            current = it.value();
        }
        return JsonPath::toText(current);
    }
    if (const auto it = context.collected.constFind(key); it != context.collected.constEnd())
        return JsonPath::toText(it.value());
    if (const auto it = context.flowVariables.constFind(key); it != context.flowVariables.constEnd())
        return JsonPath::toText(it.value());
    return std::nullopt;
}

QString render(const QString &text, const TemplateContext &context, Escape escape, qsizetype maxChars)
{
    QString out;
    out.reserve(std::min(text.size(), maxChars));
    const QStringView in(text);
    qsizetype i = 0;
    while (i < in.size()) {
        const qsizetype open = in.indexOf(QStringView(u"{{"), i);
        if (open < 0) {
            appendTemplateCapped(out, in.sliced(i), maxChars);
            break;
        }
        // "{{{x}}}": the placeholder is the innermost "{{" before the name.
        qsizetype start = open;
        while (start + 2 < in.size() && in.at(start + 2) == u'{')
            ++start;
        if (!appendTemplateCapped(out, in.sliced(i, start - i), maxChars))
            break;
        const qsizetype close = in.indexOf(QStringView(u"}}"), start + 2);
        if (close < 0) {
            appendTemplateCapped(out, in.sliced(start), maxChars);   // no "}}" left: the rest is text
            break;
        }
        const QStringView inner = in.sliced(start + 2, close - start - 2).trimmed();
        const bool isName = !inner.isEmpty() && inner.size() <= kTemplateMaxNameChars &&
            std::all_of(inner.begin(), inner.end(), isTemplateNameChar);
        if (!isName) {
            // Not a placeholder: the braces stay as written and the scan goes on after them.
            if (!appendTemplateCapped(out, in.sliced(start, 2), maxChars))
                break;
            i = start + 2;
            continue;
        }
        const QString value = lookup(inner.toString(), context).value_or(QString());
        if (!appendTemplateCapped(out, escapeTemplateValue(value, escape), maxChars))
            break;
        i = close + 2;
    }
    return out;
}

}   // namespace BotTemplate

}   // namespace Conversa::Server::Bot
