#pragma once

#include <QJsonValue>
#include <QString>

#include <optional>

namespace Conversa::Server::Bot {

// docs/BOT_FLOWS.md#json-paths: the small JSON path language of an http_request node's
// `save{name: json_path}`. A path is an optional `$` followed by steps: `.name` (or a bare `name`
// first), `['name']` / `["name"]` for a member whose name has dots or brackets, and `[n]` for the
// n-th element of an array (from 0). `$` alone is the whole document. No wildcards, filters,
// slices or recursive descent.
namespace JsonPath {
// Whether `path` is written in that language (the flow's publish check).
bool isValid(const QString &path);
// The value at `path`, or nullopt when the path is invalid or leads nowhere (a missing member, an
// index past the end, a step into a string...). A JSON null that is there is found.
std::optional<QJsonValue> find(const QJsonValue &root, const QString &path);
// find()'s value as text (toText), or nullopt.
std::optional<QString> extract(const QJsonValue &root, const QString &path);
// A JSON value as a variable holds it: a string as is, a number as JSON writes it (42, 2.5,
// 1e+21), true/false, objects and arrays as compact JSON, null and undefined as "".
QString toText(const QJsonValue &value);
}   // namespace JsonPath

}   // namespace Conversa::Server::Bot
