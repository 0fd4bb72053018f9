#pragma once

#include <QByteArrayView>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

// Per-request translation. Source strings are English; Spanish (the default) comes from
// translations/conversa_es.ts. QCoreApplication::translate() cannot serve two languages at once,
// so each language has its own QTranslator, looked up directly.
enum class Language { Spanish, English };

Language languageFromHeader(QByteArrayView acceptLanguage);
QString translated(Language language, const char *context, const char *source, const QStringList &args = {});

}   // namespace Conversa::Server
