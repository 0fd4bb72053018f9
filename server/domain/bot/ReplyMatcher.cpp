#include "ReplyMatcher.h"

#include <QCryptographicHash>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Conversa::Server::Bot {

namespace {

// Longest id Meta takes for a list row (reply buttons take 256).
constexpr qsizetype kReplyMaxInteractiveIdChars = 200;

// Longest reply compared: a menu answer is a word or two, not a message's 4,096 characters.
constexpr qsizetype kReplyMaxChars = 256;

bool isReplyTrimChar(QChar c)
{
    return c.isSpace() || c.isPunct();
}

// "1. Ventas", "2) Soporte", "3 - Agente", "4: Otro" -> the label after the number.
QString replyLabelWithoutNumber(const QString &normalisedLabel)
{
    static const QRegularExpression numbered(uR"(^\d+\s*[.):\-]?\s+|^\d+\s*[.):\-]\s*)"_s);
    const QRegularExpressionMatch m = numbered.match(normalisedLabel);
    if (!m.hasMatch())
        return QString();
    return normalisedLabel.mid(m.capturedLength());
}

// The option number a reply states ("2" -> 1), or nullopt. Digits only, ASCII after folding.
std::optional<qsizetype> replyNumber(const QString &normalised, qsizetype optionCount)
{
    if (normalised.isEmpty() || normalised.size() > 4)
        return std::nullopt;
    for (const QChar c : normalised) {
        if (c.unicode() < u'0' || c.unicode() > u'9')
            return std::nullopt;
    }
    const qsizetype n = normalised.toLongLong();
    if (n < 1 || n > optionCount)
        return std::nullopt;
    return n - 1;
}

}   // namespace

namespace ReplyMatcher {

QString interactiveId(const QString &nodeKey, qsizetype index)
{
    const QString suffix = u'#' + QString::number(index + 1);
    if (nodeKey.size() + suffix.size() <= kReplyMaxInteractiveIdChars)
        return nodeKey + suffix;
    const QByteArray digest = QCryptographicHash::hash(nodeKey.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return u"h:"_s + QString::fromLatin1(digest) + suffix;
}

QString fold(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        switch (c.category()) {
        case QChar::Mark_NonSpacing:
        case QChar::Mark_SpacingCombining:
        case QChar::Mark_Enclosing: break;   // accents, the keycap of "2️⃣", variation selectors
        default: out += c;
        }
    }
    return out.toCaseFolded();
}

QString normalise(const QString &text)
{
    const QString folded = fold(text);
    qsizetype begin = 0;
    qsizetype end = folded.size();
    while (begin < end && isReplyTrimChar(folded.at(begin)))
        ++begin;
    while (end > begin && isReplyTrimChar(folded.at(end - 1)))
        --end;
    return folded.sliced(begin, end - begin).simplified();
}

std::optional<qsizetype> match(const QList<MenuOption> &options, const QString &text, const QString &nodeKey,
                               const QString &replyId)
{
    if (options.isEmpty())
        return std::nullopt;
    if (!replyId.isEmpty()) {
        for (qsizetype i = 0; i < options.size(); ++i) {
            if (replyId == interactiveId(nodeKey, i))
                return i;
        }
    }
    if (text.size() > kReplyMaxChars)
        return std::nullopt;
    const QString reply = normalise(text);
    if (reply.isEmpty())
        return std::nullopt;
    if (const auto n = replyNumber(reply, options.size()))
        return n;
    for (qsizetype i = 0; i < options.size(); ++i) {
        if (!options.at(i).value.isEmpty() && normalise(options.at(i).value) == reply)
            return i;
    }
    for (qsizetype i = 0; i < options.size(); ++i) {
        const QString label = normalise(options.at(i).label);
        if (label.isEmpty())
            continue;
        if (label == reply)
            return i;
        const QString bare = replyLabelWithoutNumber(label);
        if (!bare.isEmpty() && bare == reply)
            return i;
    }
    return std::nullopt;
}

}   // namespace ReplyMatcher

}   // namespace Conversa::Server::Bot
