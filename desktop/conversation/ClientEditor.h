#pragma once

#include <Conversa/dto/ClientDto.h>

#include <QObject>
#include <QStringList>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

class AppContext;

// The client panel's editor: the open chat's client as typed, editable fields (the dialog binds
// them), saved as one partial update, and the server's complaint about each field next to it.
// The wire names and the parsing of the free-text fields live here, not in QML.
class ClientEditor : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by ConversationController")
    Q_PROPERTY(qint64 clientId READ clientId NOTIFY clientChanged)
    Q_PROPERTY(QString displayName READ displayName NOTIFY clientChanged)
    Q_PROPERTY(QString phoneNumber READ phoneNumber NOTIFY clientChanged)
    Q_PROPERTY(QString savedEmail READ savedEmail NOTIFY clientChanged)   // as the server has it
    Q_PROPERTY(QString firstName MEMBER m_firstName NOTIFY fieldsChanged)
    Q_PROPERTY(QString lastName MEMBER m_lastName NOTIFY fieldsChanged)
    Q_PROPERTY(QString email MEMBER m_email NOTIFY fieldsChanged)
    Q_PROPERTY(QString notes MEMBER m_notes NOTIFY fieldsChanged)
    Q_PROPERTY(QStringList tags MEMBER m_tags NOTIFY fieldsChanged)
    Q_PROPERTY(QVariantMap customFields MEMBER m_customFields NOTIFY fieldsChanged)
    // The same two as text: tags separated by commas, custom fields one "name: value" a line.
    Q_PROPERTY(QString tagsText READ tagsText WRITE setTagsText NOTIFY fieldsChanged)
    Q_PROPERTY(QString customFieldsText READ customFieldsText WRITE setCustomFieldsText NOTIFY fieldsChanged)
    Q_PROPERTY(QString firstNameError READ firstNameError NOTIFY errorsChanged)
    Q_PROPERTY(QString lastNameError READ lastNameError NOTIFY errorsChanged)
    Q_PROPERTY(QString emailError READ emailError NOTIFY errorsChanged)
    Q_PROPERTY(QString notesError READ notesError NOTIFY errorsChanged)
    Q_PROPERTY(QString tagsError READ tagsError NOTIFY errorsChanged)
    Q_PROPERTY(QString customFieldsError READ customFieldsError NOTIFY errorsChanged)
    Q_PROPERTY(QString otherErrors READ otherErrors NOTIFY errorsChanged)   // the rest, one a line
    Q_PROPERTY(bool hasErrors READ hasErrors NOTIFY errorsChanged)
    Q_PROPERTY(bool saving READ saving NOTIFY savingChanged)
public:
    explicit ClientEditor(AppContext &app, QObject *parent = nullptr);

    qint64 clientId() const { return m_client.id; }
    QString displayName() const;
    QString phoneNumber() const { return m_client.phoneNumber; }
    QString savedEmail() const { return m_client.email.value_or(QString()); }
    QString tagsText() const;
    void setTagsText(const QString &text);
    QString customFieldsText() const;
    void setCustomFieldsText(const QString &text);
    QString firstNameError() const { return error(FirstName); }
    QString lastNameError() const { return error(LastName); }
    QString emailError() const { return error(Email); }
    QString notesError() const { return error(Notes); }
    QString tagsError() const { return error(Tags); }
    QString customFieldsError() const { return error(CustomFields); }
    QString otherErrors() const { return m_otherErrors.join(u'\n'); }
    bool hasErrors() const { return !m_errors.isEmpty() || !m_otherErrors.isEmpty(); }
    bool saving() const { return m_saving; }
    const Conversa::ClientDto &client() const { return m_client; }

    // The chat's client, as the server sent it; the fields are filled again unless `keepEdits`.
    void setClient(const Conversa::ClientDto &client, bool keepEdits = false);
    Q_INVOKABLE void revert();   // the fields as the client is saved, no errors
    Q_INVOKABLE void save();     // the fields as one partial update

signals:
    void clientChanged();
    void fieldsChanged();
    void errorsChanged();
    void savingChanged();
    void saved();
    void failed(const QString &error);   // a refusal that names no field

private:
    enum Field { FirstName, LastName, Email, Notes, Tags, CustomFields };
    QString error(Field field) const { return m_errors.value(field); }
    void clearErrors();

    AppContext &m_app;
    Conversa::ClientDto m_client;
    QString m_firstName, m_lastName, m_email, m_notes;
    QStringList m_tags;
    QVariantMap m_customFields;
    QHash<int, QString> m_errors;   // by Field
    QStringList m_otherErrors;
    bool m_saving = false;
    int m_generation = 0;   // a save's answer for a client no longer shown is dropped
};
