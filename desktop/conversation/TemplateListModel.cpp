#include "TemplateListModel.h"

QVariant TemplateListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Conversa::MessageTemplateDto &t = m_templates.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case NameRole: return t.name;
    case LanguageRole: return t.language;
    case CategoryRole: return t.category;
    case BodyRole: return t.body;
    case VariablesRole: return t.variables;
    default: return {};
    }
}

QHash<int, QByteArray> TemplateListModel::roleNames() const
{
    return {{NameRole, "name"},
            {LanguageRole, "language"},
            {CategoryRole, "category"},
            {BodyRole, "body"},
            {VariablesRole, "variables"}};
}

void TemplateListModel::set(const QList<Conversa::MessageTemplateDto> &templates)
{
    const int before = count();
    beginResetModel();
    m_templates = templates;
    endResetModel();
    if (before != count())
        emit countChanged();
}

QString TemplateListModel::bodyAt(int row) const
{
    return row >= 0 && row < count() ? m_templates.at(row).body : QString();
}

QStringList TemplateListModel::variablesAt(int row) const
{
    return row >= 0 && row < count() ? m_templates.at(row).variables : QStringList();
}
