#pragma once

#include <Conversa/ApiError.h>

#include <QObject>
#include <QVariantMap>
#include <QtQml/qqmlregistration.h>

// A form's errors from the server: a 422's `details` (the contract's error shape) by field, so that
// each input shows its own message, and the answer's general message for the form's banner.
// Nested fields keep the server's names: "business_hours.monday.start", "agents[0].user_id".
// QML binds to `fields` (FieldError.qml does), which notifies on every change; of() and under()
// (the first message at or below a prefix, e.g. a day's row) are one-off reads.
class FormErrors : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by a controller")
    Q_PROPERTY(QVariantMap fields READ fields NOTIFY changed)
    Q_PROPERTY(QString message READ message NOTIFY changed)
    Q_PROPERTY(bool empty READ isEmpty NOTIFY changed)
public:
    explicit FormErrors(QObject *parent = nullptr);

    QVariantMap fields() const { return m_fields; }
    QString message() const { return m_message; }
    bool isEmpty() const { return m_fields.isEmpty() && m_message.isEmpty(); }

    Q_INVOKABLE QString of(const QString &field) const { return m_fields.value(field).toString(); }
    Q_INVOKABLE QString under(const QString &prefix) const;

    // The failure of a save: details by field (the first message of each field), the rest as the
    // general message (or why there was no answer).
    void set(const Conversa::ApiError &error);
    Q_INVOKABLE void clear();

signals:
    void changed();

private:
    QVariantMap m_fields;
    QString m_message;
};
