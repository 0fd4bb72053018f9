#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace Conversa::Server::Bot {

// One option of a menu node: what the customer sees, the value kept, the node that follows.
struct MenuOption {
    QString label;
    QString value;
    QString next;
};

// docs/BOT_FLOWS.md#reply-matching: which option of a menu a customer's reply chose.
namespace ReplyMatcher {

// The id sent with option `index` (from 0) of the menu node `nodeKey` as a Meta reply button or
// list row, and given back with the customer's tap: "<node_key>#<n>", n counting from 1
// ("node_menu#2"). Naming the node keeps a tap on an older menu's button from choosing an option
// of the current one. Ids fit Meta's limit for list rows: a node key too long for that is written
// as the first 16 hex digits of its SHA-1 ("h:3f2a…#2").
QString interactiveId(const QString &nodeKey, qsizetype index);

// The index (from 0) of the option the reply chose, or nullopt. In this order, the first that
// applies wins:
//  1. `replyId` (a button or list reply's id) when it is interactiveId(nodeKey, i) for an option i;
//  2. the text is an option's number ("2", "2.", " 2 ", "2️⃣");
//  3. the text equals an option's value, then an option's label, or its label without a leading
//     number ("1. Ventas" answers to "ventas"); earlier options first.
// Texts are compared with normalise().
std::optional<qsizetype> match(const QList<MenuOption> &options, const QString &text, const QString &nodeKey = {},
                               const QString &replyId = {});

// Case and accents folded away: NFKD, combining marks dropped, case folded ("Atención" -> "atencion",
// "２" -> "2"). Spaces and punctuation stay.
QString fold(const QString &text);

// fold(), then spaces and punctuation trimmed from both ends and runs of spaces made one
// (" ¡Atención al Cliente! " -> "atencion al cliente").
QString normalise(const QString &text);

}   // namespace ReplyMatcher

}   // namespace Conversa::Server::Bot
