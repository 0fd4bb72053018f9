#pragma once

#include <QJsonObject>
#include <QString>

#include <optional>

namespace Conversa::Server::Bot {

// What a template's names refer to (docs/BOT_FLOWS.md#templates).
struct TemplateContext {
    QJsonObject collected;       // the session's variables: answers, set_variable, http_request saves
    QJsonObject flowVariables;   // the flow's `variables`
    QJsonObject client;          // the chat's client as the API writes it (first_name, custom_fields...)
};

// docs/BOT_FLOWS.md#templates: `{{name}}` in a node's texts. A name is looked up among the
// collected variables, then the flow's variables; `client.<field>` (and deeper, as in
// `client.custom_fields.plan`) reads the client. Unknown names render empty; values are inserted
// as they are, never expanded again; the output is cut at a size cap.
namespace BotTemplate {

// How a value is written into the text: as is, percent-encoded (a URL's query or path segment), or
// escaped for the inside of a JSON string (an http_request body). The template's own text is
// never changed, only the values put into it.
enum class Escape { None, UrlComponent, JsonString };

// Longest rendered text, in UTF-16 code units: WhatsApp's limit for a text message body.
constexpr qsizetype kMaxOutputChars = 4096;

// A name's value as text (JsonPath::toText), or nullopt when nothing has that name. Whitespace
// around the name is ignored.
std::optional<QString> lookup(const QString &name, const TemplateContext &context);

// `text` with every `{{ name }}` replaced. A name is made of letters, digits and `_ . -`; anything
// else between the braces (or braces without a closing pair) stays as written. The result is at
// most maxChars long (never cutting a surrogate pair).
QString render(const QString &text, const TemplateContext &context, Escape escape = Escape::None,
               qsizetype maxChars = kMaxOutputChars);

}   // namespace BotTemplate

}   // namespace Conversa::Server::Bot
