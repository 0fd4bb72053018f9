#include "SearchText.h"

namespace Conversa::Server {

namespace SearchText {

QString normalize(const QString &text)
{
    const QString decomposed = text.normalized(QString::NormalizationForm_KD);
    QString out;
    out.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() == QChar::Mark_NonSpacing)
            continue;   // the accents split off by decomposition
        out.append(c.toLower());
    }
    return out.simplified();
}

QString of(const QStringList &parts)
{
    return normalize(parts.join(u' '));
}

bool trigramSearchable(const QString &term)
{
    const QString n = normalize(term);
    return n.size() >= 3 && !n.contains(u'%') && !n.contains(u'_') && !n.contains(u'\\');
}

QString ftsPhrase(const QString &term)
{
    QString quoted = normalize(term);
    quoted.replace(u'"', QLatin1StringView("\"\""));
    return u'"' + quoted + u'"';
}

QString containsPattern(const QString &term)
{
    QString escaped = normalize(term);
    escaped.replace(u'\\', QLatin1StringView("\\\\"));
    escaped.replace(u'%', QLatin1StringView("\\%"));
    escaped.replace(u'_', QLatin1StringView("\\_"));
    return u'%' + escaped + u'%';
}

}   // namespace SearchText

}   // namespace Conversa::Server
