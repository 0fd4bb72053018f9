#include "ClientEditor.h"

#include "AppContext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace {
// The client's fields this editor changes, by their names on the wire (PATCH /clients/{id}).
const QString kFirstName = u"first_name"_s;
const QString kLastName = u"last_name"_s;
const QString kEmail = u"email"_s;
const QString kNotes = u"notes"_s;
const QString kTags = u"tags"_s;
const QString kCustomFields = u"custom_fields"_s;
}   // namespace

ClientEditor::ClientEditor(AppContext &app, QObject *parent) : QObject(parent), m_app(app) {}

QString ClientEditor::displayName() const
{
    const QString name =
        QString(m_client.firstName.value_or(QString()) + u' ' + m_client.lastName.value_or(QString())).trimmed();
    return name.isEmpty() ? m_client.phoneNumber : name;
}

QString ClientEditor::tagsText() const
{
    return m_tags.join(u", "_s);
}

void ClientEditor::setTagsText(const QString &text)
{
    QStringList tags;
    for (const QString &t : text.split(u',')) {
        if (!t.trimmed().isEmpty())
            tags.append(t.trimmed());
    }
    if (tags == m_tags)
        return;
    m_tags = tags;
    emit fieldsChanged();
}

QString ClientEditor::customFieldsText() const
{
    QStringList lines;
    for (auto it = m_customFields.cbegin(); it != m_customFields.cend(); ++it)
        lines.append(it.key() + u": "_s + it.value().toString());
    return lines.join(u'\n');
}

void ClientEditor::setCustomFieldsText(const QString &text)
{
    QVariantMap fields;
    for (const QString &line : text.split(u'\n')) {
        const qsizetype at = line.indexOf(u':');
        if (at > 0)
            fields.insert(line.left(at).trimmed(), line.mid(at + 1).trimmed());
    }
    if (fields == m_customFields)
        return;
    m_customFields = fields;
    emit fieldsChanged();
}

void ClientEditor::setClient(const Conversa::ClientDto &client, bool keepEdits)
{
    const bool other = client.id != m_client.id;
    m_client = client;
    if (other) {
        ++m_generation;
        clearErrors();
    }
    emit clientChanged();
    if (!keepEdits || other)
        revert();
}

void ClientEditor::revert()
{
    m_firstName = m_client.firstName.value_or(QString());
    m_lastName = m_client.lastName.value_or(QString());
    m_email = m_client.email.value_or(QString());
    m_notes = m_client.notes.value_or(QString());
    m_tags = m_client.tags;
    m_customFields = m_client.customFields.toVariantMap();
    emit fieldsChanged();
    clearErrors();
}

void ClientEditor::clearErrors()
{
    if (!hasErrors())
        return;
    m_errors.clear();
    m_otherErrors.clear();
    emit errorsChanged();
}

void ClientEditor::save()
{
    if (m_client.id <= 0 || m_saving)
        return;
    clearErrors();
    const QJsonObject changes{{kFirstName, m_firstName.trimmed()},
                              {kLastName, m_lastName.trimmed()},
                              {kEmail, m_email.trimmed()},
                              {kNotes, m_notes.trimmed()},
                              {kTags, QJsonArray::fromStringList(m_tags)},
                              {kCustomFields, QJsonObject::fromVariantMap(m_customFields)}};
    m_saving = true;
    emit savingChanged();
    m_app.api().updateClient(m_client.id, changes, this,
                             [this, generation = m_generation](const Conversa::ApiResult<Conversa::ClientDto> &r) {
                                 m_saving = false;
                                 emit savingChanged();
                                 if (generation != m_generation)
                                     return;
                                 if (!r) {
                                     // Each field's message next to its field; the rest together.
                                     static const QHash<QString, Field> fields{{kFirstName, FirstName},
                                                                               {kLastName, LastName},
                                                                               {kEmail, Email},
                                                                               {kNotes, Notes},
                                                                               {kTags, Tags},
                                                                               {kCustomFields, CustomFields}};
                                     for (const Conversa::ApiError::FieldError &d : r.error().details) {
                                         const QString field =
                                             d.field.section(u'.', 0, 0);   // custom_fields.x, tags[0]
                                         const auto it = fields.constFind(field.section(u'[', 0, 0));
                                         if (it != fields.cend())
                                             m_errors.insert(*it, d.message);
                                         else
                                             m_otherErrors.append(d.message);
                                     }
                                     emit errorsChanged();
                                     if (!hasErrors())
                                         emit failed(AppContext::errorText(r.error()));
                                     return;
                                 }
                                 setClient(*r);
                                 emit saved();
                             });
}
