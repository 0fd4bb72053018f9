#include "Translator.h"

#include <QTranslator>

namespace Conversa::Server {

namespace {

const QTranslator &spanish()
{
    static const QTranslator *translator = [] {
        auto *t = new QTranslator;
        if (!t->load(QStringLiteral(":/i18n/conversa_es.qm")))
            qWarning("conversa: Spanish translations missing from resources");
        return t;
    }();
    return *translator;
}

}   // namespace

Language languageFromHeader(QByteArrayView acceptLanguage)
{
    // The first listed language decides; anything other than English gets Spanish.
    const QByteArrayView trimmed = acceptLanguage.trimmed();
    const QByteArrayView first = trimmed.first(qMin<qsizetype>(2, trimmed.size()));
    return first.compare("en", Qt::CaseInsensitive) == 0 ? Language::English : Language::Spanish;
}

QString translated(Language language, const char *context, const char *source, const QStringList &args)
{
    if (!source)
        return {};
    QString text;
    if (language == Language::Spanish)
        text = spanish().translate(context, source);
    if (text.isEmpty())
        text = QString::fromUtf8(source);
    for (const QString &arg : args)
        text = text.arg(arg);
    return text;
}

}   // namespace Conversa::Server
