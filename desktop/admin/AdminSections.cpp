#include "AdminSections.h"

#include "AppContext.h"
#include "SessionController.h"

using namespace Qt::StringLiterals;

namespace {

struct Section {
    const char *key;
    const char *permission;
};

// In the sidebar's order.
constexpr Section kSections[] = {{"users", "users.read"},
                                 {"campaigns", "campaigns.read"},
                                 {"numbers", "whatsapp.numbers.read"},
                                 {"clients", "clients.read"},
                                 {"tasks", "tasks.read"},
                                 {"audit", "audit.read"},
                                 {"backups", "backups.read"}};

}   // namespace

AdminSections::AdminSections(QObject *parent) : QObject(parent) {}

void AdminSections::setApp(AppContext *app)
{
    if (m_app == app)
        return;
    if (m_app) {
        disconnect(m_app->session(), nullptr, this, nullptr);
        disconnect(m_app, nullptr, this, nullptr);
    }
    m_app = app;
    if (app) {
        connect(app->session(), &SessionController::userChanged, this, &AdminSections::sectionsChanged);
        connect(app, &AppContext::languageChanged, this, &AdminSections::sectionsChanged);   // the titles
    }
    emit appChanged();
    emit sectionsChanged();
}

QStringList AdminSections::keysFor(const QStringList &permissions)
{
    QStringList keys;
    for (const Section &s : kSections) {
        if (permissions.contains(QLatin1StringView(s.permission)))
            keys.append(QString::fromLatin1(s.key));
    }
    return keys;
}

QVariantList AdminSections::sections() const
{
    QVariantList out;
    if (!m_app)
        return out;
    for (const QString &key : keysFor(m_app->session()->permissions())) {
        const QString title = key == "users"_L1 ? tr("Users")
            : key == "campaigns"_L1             ? tr("Campaigns")
            : key == "numbers"_L1               ? tr("WhatsApp numbers")
            : key == "clients"_L1               ? tr("Clients")
            : key == "tasks"_L1                 ? tr("Tasks")
            : key == "audit"_L1                 ? tr("Audit log")
                                                : tr("Backups");
        out.append(QVariantMap{{u"key"_s, key}, {u"title"_s, title}});
    }
    return out;
}
