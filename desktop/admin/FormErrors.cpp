#include "FormErrors.h"

#include "AppContext.h"

FormErrors::FormErrors(QObject *parent) : QObject(parent) {}

QString FormErrors::under(const QString &prefix) const
{
    for (auto it = m_fields.cbegin(); it != m_fields.cend(); ++it) {
        const QString &field = it.key();
        if (field == prefix ||
            (field.startsWith(prefix) && (field.at(prefix.size()) == u'.' || field.at(prefix.size()) == u'[')))
            return it.value().toString();
    }
    return {};
}

void FormErrors::set(const Conversa::ApiError &error)
{
    m_fields.clear();
    for (const Conversa::ApiError::FieldError &d : error.details) {
        if (!d.field.isEmpty() && !m_fields.contains(d.field))
            m_fields.insert(d.field, d.message);
    }
    // With field errors the inputs say what to fix; the banner only says that something is wrong.
    m_message = m_fields.isEmpty() || error.message.isEmpty() ? AppContext::errorText(error) : error.message;
    emit changed();
}

void FormErrors::clear()
{
    if (isEmpty())
        return;
    m_fields.clear();
    m_message.clear();
    emit changed();
}
