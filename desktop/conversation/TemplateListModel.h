#pragma once

#include <Conversa/dto/TemplateDto.h>

#include <QAbstractListModel>
#include <QtQml/qqmlregistration.h>

// The templates the open chat's number may send outside the 24-hour window, for the composer's
// picker: each one's name, language, body and variable names.
class TemplateListModel : public QAbstractListModel {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by Composer")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        NameRole = Qt::UserRole + 1,   // QString
        LanguageRole,                  // QString, e.g. es
        CategoryRole,                  // QString: MARKETING, UTILITY or AUTHENTICATION
        BodyRole,                      // QString with {{1}}-style placeholders
        VariablesRole,                 // QStringList: the placeholders' names, in order
    };
    Q_ENUM(Role)

    explicit TemplateListModel(QObject *parent = nullptr) : QAbstractListModel(parent) {}

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_templates.size());
    }
    QVariant data(const QModelIndex &index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_templates.size()); }
    const Conversa::MessageTemplateDto &at(int row) const { return m_templates.at(row); }
    void set(const QList<Conversa::MessageTemplateDto> &templates);

    // For the picker's details: the body and the variable names of one row.
    Q_INVOKABLE QString bodyAt(int row) const;
    Q_INVOKABLE QStringList variablesAt(int row) const;

signals:
    void countChanged();

private:
    QList<Conversa::MessageTemplateDto> m_templates;
};
