#pragma once

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace Conversa::Server {

class Database;
class RoleStore;

// `conversa-server seed-demo` (docs/CONFIGURATION.md): a realistic demo data set written through the
// stores: a supervisor and four agents, a Meta and a WPPConnect number (fake secrets), two
// campaigns with business hours, numbers and agents, 30 clients with tags and custom fields,
// a few tasks, and chats in every status with their messages, counters and assign/close events.
// Idempotent: the demo campaign code is the marker. Bot flows join when their module exists.
class DemoSeeder {
public:
    static constexpr const char *kMarkerCampaignCode = "DEMO-VENTAS";
    static constexpr const char *kEmailDomain = "demo.conversa.local";

    struct Summary {
        bool created = false;          // false: nothing written (already present, or skipped)
        bool alreadyPresent = false;   // the marker campaign exists
        QString password;              // the demo users' password, generated; shown once
        QStringList emails;            // supervisor first, then the agents
        int numbers = 0;
        int campaigns = 0;
        int clients = 0;
        int tasks = 0;
        int chats = 0;
        int messages = 0;
    };

    DemoSeeder(Database &db, RoleStore &roles, QByteArray secretKey)
        : m_db(db), m_roles(roles), m_secretKey(std::move(secretKey))
    {}

    // One transaction. With onlyIfNoCampaigns, a database holding any campaign is left alone
    // (scripts/run seeds only a brand-new installation).
    Result<Summary> run(bool onlyIfNoCampaigns = false);

private:
    Database &m_db;
    RoleStore &m_roles;
    QByteArray m_secretKey;
};

}   // namespace Conversa::Server
