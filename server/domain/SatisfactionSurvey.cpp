#include "SatisfactionSurvey.h"

#include "InboundPipeline.h"
#include "bot/ReplyMatcher.h"
#include "store/InboundStore.h"

#include <QJsonArray>
#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

constexpr int kSurveyMinScore = 1;
constexpr int kSurveyMaxScore = 5;
constexpr qsizetype kSurveyMaxAnswerChars = 64;   // an answer is a digit or a row's title
const QString kSurveyIdPrefix = u"csat#"_s;

// The rows of the list, best first; each title is at most 24 characters (Meta's limit for a row).
constexpr const char *kSurveyRowTitles[kSurveyMaxScore] = {
    QT_TRANSLATE_NOOP("Survey", "5 ⭐ Very satisfied"),    QT_TRANSLATE_NOOP("Survey", "4 ⭐ Satisfied"),
    QT_TRANSLATE_NOOP("Survey", "3 ⭐ Neutral"),           QT_TRANSLATE_NOOP("Survey", "2 ⭐ Dissatisfied"),
    QT_TRANSLATE_NOOP("Survey", "1 ⭐ Very dissatisfied"),
};

// A score spelled as its digit, after ReplyMatcher::normalise (which folds "４" and "4️⃣" to "4"
// and trims "4." to "4"), with stars after it allowed ("4⭐", "4 ⭐⭐⭐⭐").
std::optional<int> surveyDigit(QString normalised)
{
    while (!normalised.isEmpty() && (normalised.back() == QChar(0x2B50) || normalised.back().isSpace()))
        normalised.chop(1);
    if (normalised.size() != 1)
        return std::nullopt;
    const int n = normalised.front().unicode() - u'0';
    if (n < kSurveyMinScore || n > kSurveyMaxScore)
        return std::nullopt;
    return n;
}

}   // namespace

SatisfactionSurvey::SatisfactionSurvey(Database &db, Language language, const ProviderRegistry &providers)
    : m_db(db), m_language(language), m_providers(providers), m_store(db)
{}

QString SatisfactionSurvey::replyId(int score)
{
    return kSurveyIdPrefix + QString::number(score);
}

QString SatisfactionSurvey::question(const QString &campaignText, bool asList) const
{
    const QString asked = campaignText.trimmed().isEmpty()
        ? translated(m_language, "Survey",
                     QT_TRANSLATE_NOOP("Survey", "How satisfied are you with the help you received?"))
        : campaignText.trimmed();
    if (asList)
        return asked;
    return asked + u"\n\n"_s +
        translated(m_language, "Survey",
                   QT_TRANSLATE_NOOP("Survey",
                                     "Reply with a number from 1 (very dissatisfied) to 5 (very satisfied)."));
}

QJsonObject SatisfactionSurvey::list() const
{
    QJsonArray options;
    for (int i = 0; i < kSurveyMaxScore; ++i) {
        options.append(QJsonObject{{u"id"_s, replyId(kSurveyMaxScore - i)},
                                   {u"title"_s, translated(m_language, "Survey", kSurveyRowTitles[i])}});
    }
    return {{u"type"_s, u"list"_s},
            {u"button"_s, translated(m_language, "Survey", QT_TRANSLATE_NOOP("Survey", "Rate"))},
            {u"options"_s, options}};
}

QString SatisfactionSurvey::acknowledgement() const
{
    return translated(m_language, "Survey", QT_TRANSLATE_NOOP("Survey", "Thank you for your rating!"));
}

std::optional<int> SatisfactionSurvey::score(const InboundDelivery &d) const
{
    if (d.replyId.startsWith(kSurveyIdPrefix)) {
        bool ok = false;
        const int n = d.replyId.mid(kSurveyIdPrefix.size()).toInt(&ok);
        if (ok && n >= kSurveyMinScore && n <= kSurveyMaxScore)
            return n;
        return std::nullopt;
    }
    if (d.type != "text"_L1 && d.type != "interactive"_L1)
        return std::nullopt;
    if (d.content.size() > kSurveyMaxAnswerChars)
        return std::nullopt;
    const QString answer = Bot::ReplyMatcher::normalise(d.content);
    if (const auto n = surveyDigit(answer))
        return n;
    // A list reply whose id did not come, by its title (in the language the list was sent in).
    for (int i = 0; i < kSurveyMaxScore; ++i) {
        if (answer == Bot::ReplyMatcher::normalise(translated(m_language, "Survey", kSurveyRowTitles[i])))
            return kSurveyMaxScore - i;
    }
    return std::nullopt;
}

Result<qint64> SatisfactionSurvey::send(qint64 chatId, qint64 now)
{
    const Result<SurveyTarget> t = m_store.target(chatId);
    if (!t)
        return t.error();
    if (!t->enabled || t->answered)
        return qint64(0);
    const Result<WhatsAppWindow> window =
        InboundStore(m_db).window(chatId, now, m_providers.namesWith(&ProviderCapabilities::customerServiceWindow));
    if (!window)
        return window.error();
    if (!window->open)
        return qint64(0);
    const WhatsAppProvider *provider = m_providers.find(t->provider);
    const bool asList = provider && provider->capabilities().interactiveLists;
    const QString content = question(t->message, asList);
    const Result<qint64> id = InboundStore(m_db).insertBotMessage({.chatId = chatId,
                                                                   .numberId = t->numberId,
                                                                   .type = asList ? u"interactive"_s : u"text"_s,
                                                                   .content = content,
                                                                   .interactive = asList ? list() : QJsonObject(),
                                                                   .at = now});
    if (!id)
        return id.error();
    CONVERSA_TRY(m_store.markSent(chatId, now));
    return *id;
}

Result<bool> SatisfactionSurvey::takeAnswer(qint64 clientId, const InboundNumber &number, const InboundDelivery &d,
                                            qint64 mediaFileId, qint64 now, InboundSummary &summary)
{
    const std::optional<int> given = score(d);
    if (!given)
        return false;
    const Result<std::optional<SurveyedChat>> latest = m_store.latestClosed(clientId, number.id);
    if (!latest)
        return latest.error();
    if (!*latest)
        return false;
    const SurveyedChat &s = **latest;
    if (s.sentAt == 0 || s.answeredAt != 0 || now >= s.sentAt + qint64(s.timeoutMinutes) * 60)
        return false;
    const Result<bool> recorded = m_store.recordScore(s.chatId, *given, now);
    if (!recorded)
        return recorded.error();
    if (!*recorded)
        return false;

    InboundStore inbound(m_db);
    const InboundMessage m = InboundPipeline::messageOf(d, s.chatId, number.id, mediaFileId, now);
    const Result<InboundStore::Stored> stored = inbound.storeInbound(m, clientId);
    if (!stored)
        return stored.error();
    if (stored->messageId == 0) {   // the same provider id again
        ++summary.duplicates;
        return true;
    }
    ++summary.messagesStored;
    summary.storedMessages.append(InboundPipeline::storedInbound(m, stored->messageId, stored->agentId));
    const Result<qint64> thanks =
        inbound.insertBotMessage({.chatId = s.chatId, .numberId = number.id, .content = acknowledgement(), .at = now});
    if (!thanks)
        return thanks.error();
    summary.storedMessages.append(StoredMessage{*thanks});
    if (!summary.updatedChats.contains(s.chatId))
        summary.updatedChats.append(s.chatId);
    return true;
}

}   // namespace Conversa::Server
