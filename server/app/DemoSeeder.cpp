#include "DemoSeeder.h"

#include "domain/PasswordHasher.h"
#include "domain/RandomToken.h"
#include "http/RequestContext.h"
#include "store/CampaignStore.h"
#include "store/ClientStore.h"
#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/RoleStore.h"
#include "store/TaskStore.h"
#include "store/UserStore.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

struct Person {
    const char *first;
    const char *last;
};

const Person kStaff[] = {
    {"Laura", "Méndez"}, {"Andrés", "Gutiérrez"}, {"Camila", "Rodríguez"}, {"Santiago", "Peña"}, {"Valentina", "Ortiz"},
};

const Person kClients[] = {
    {"José", "Martínez"},   {"María", "Fernández"},  {"Juan Carlos", "López"}, {"Ana Sofía", "García"},
    {"Luis", "Hernández"},  {"Lucía", "Gómez"},      {"Carlos", "Díaz"},        {"Isabel", "Muñoz"},
    {"Miguel Ángel", "Ruiz"}, {"Paula", "Jiménez"},  {"Diego", "Álvarez"},      {"Daniela", "Romero"},
    {"Sebastián", "Torres"}, {"Mariana", "Vargas"},  {"Alejandro", "Castro"},   {"Natalia", "Suárez"},
    {"Felipe", "Ramírez"},  {"Gabriela", "Moreno"},  {"Ricardo", "Herrera"},    {"Carolina", "Medina"},
    {"Fernando", "Aguilar"}, {"Verónica", "Rojas"},  {"Héctor", "Navarro"},     {"Adriana", "Cárdenas"},
    {"Óscar", "Salazar"},   {"Beatriz", "Ibáñez"},   {"Raúl", "Cortés"},        {"Elena", "Núñez"},
    {"Tomás", "Escobar"},   {"Inés", "Zapata"},
};

const char *const kCities[] = {"Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Bucaramanga"};
const char *const kCompanies[] = {"Distribuciones Andina", "Café del Valle", "Construcciones Pérez", "", "Textiles Nariño", ""};
const char *const kLeadStatuses[] = {"new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"};
const char *const kTags[] = {"vip", "renovación", "mayorista", "interesado", "soporte", "referido"};
const char *const kPlans[] = {"básico", "plus", "premium"};

QJsonValue officeHours()
{
    const QJsonObject weekday{{u"start"_s, u"08:00"_s}, {u"end"_s, u"18:00"_s}};
    return QJsonObject{{u"monday"_s, weekday},   {u"tuesday"_s, weekday}, {u"wednesday"_s, weekday},
                       {u"thursday"_s, weekday}, {u"friday"_s, weekday},
                       {u"saturday"_s, QJsonObject{{u"start"_s, u"09:00"_s}, {u"end"_s, u"13:00"_s}}},
                       {u"sunday"_s, QJsonValue()}};
}

QString demoEmail(const char *local)
{
    return QLatin1StringView(local) + u'@' + QLatin1StringView(DemoSeeder::kEmailDomain);
}

} // namespace

Result<DemoSeeder::Summary> DemoSeeder::run(bool onlyIfNoCampaigns)
{
    Summary summary;
    Transaction tx(m_db);
    if (!tx.isActive())
        return ApiError::unavailable("database unreachable");

    CampaignStore campaigns(m_db);
    const Result<bool> present = campaigns.codeTaken(QLatin1StringView(kMarkerCampaignCode), 0);
    if (!present)
        return present.error();
    if (*present) {
        summary.alreadyPresent = true;
        return summary;
    }
    if (onlyIfNoCampaigns) {
        SqlQuery q(m_db, "SELECT COUNT(*) FROM campaigns WHERE deleted_at IS NULL");
        if (!q.exec() || !q.next())
            return q.failure();
        if (q.integer(0) > 0)
            return summary;
    }
    const qint64 now = nowSeconds();

    // Staff: one supervisor, four agents, all with one generated password.
    summary.password = QString::fromLatin1(RandomToken::urlSafe(12));
    UserStore users(m_db);
    QList<qint64> agentIds;
    qint64 supervisorId = 0;
    for (int i = 0; i < 5; ++i) {
        const QString role = i == 0 ? u"supervisor"_s : u"agent"_s;
        AuthUser u;
        u.email = i == 0 ? demoEmail("supervisor") : demoEmail(qPrintable(u"agente%1"_s.arg(i)));
        u.firstName = QString::fromUtf8(kStaff[i].first);
        u.lastName = QString::fromUtf8(kStaff[i].last);
        u.roleId = m_roles.byName(role)->id;
        u.status = u"active"_s;
        u.maxConcurrentChats = 5;
        u.autoAssignEnabled = true;
        const Result<qint64> id = users.insert(u, PasswordHasher::hash(summary.password), now);
        if (!id)
            return id.error();
        if (i == 0)
            supervisorId = *id;
        else
            agentIds.append(*id);
        summary.emails.append(u.email);
    }

    // Numbers: secrets are placeholders; connecting them needs real ones (PUT /v1/whatsapp-numbers/:id).
    NumberStore numbers(m_db, m_secretKey);
    WhatsAppNumber meta;
    meta.phoneNumber = u"+573001110001"_s;
    meta.displayName = u"Conversa Demo Ventas"_s;
    meta.provider = u"meta"_s;
    meta.status = u"pending"_s;
    meta.connectionStatus = u"disconnected"_s;
    meta.metaPhoneNumberId = u"100000000000001"_s;
    meta.metaBusinessAccountId = u"200000000000001"_s;
    NumberSecrets metaSecrets;
    metaSecrets.metaAccessToken = u"demo-meta-access-token-not-real"_s;
    metaSecrets.metaAppSecret = u"demo-meta-app-secret-not-real"_s;
    metaSecrets.webhookVerifyToken = QString::fromLatin1(RandomToken::urlSafe(16));
    WhatsAppNumber wpp;
    wpp.phoneNumber = u"+573001110002"_s;
    wpp.displayName = u"Conversa Demo Soporte"_s;
    wpp.provider = u"wppconnect"_s;
    wpp.status = u"pending"_s;
    wpp.connectionStatus = u"disconnected"_s;
    wpp.wppconnectSessionName = u"demo-soporte"_s;
    wpp.wppconnectServerUrl = u"http://127.0.0.1:21465"_s;
    NumberSecrets wppSecrets;
    wppSecrets.wppconnectApiKey = u"demo-wppconnect-key-not-real"_s;
    wppSecrets.webhookSecret = QString::fromLatin1(RandomToken::urlSafe(32));
    QList<qint64> numberIds;
    for (const auto &[n, secrets] : {std::pair{meta, metaSecrets}, std::pair{wpp, wppSecrets}}) {
        CONVERSA_TRY(numbers.checkUnique(n, 0));
        const Result<qint64> id = numbers.insert(n, secrets, now);
        if (!id)
            return id.error();
        numberIds.append(*id);
        ++summary.numbers;
    }

    // Campaigns: sales on the Meta number with agents 1-3, support on WPPConnect with 3-4.
    struct CampaignSeed {
        const char *name;
        const char *code;
        const char *description;
        QString strategy;
        int number;
        QList<int> agents;
    };
    const CampaignSeed seeds[] = {
        {"Ventas Demo", kMarkerCampaignCode, "Prospectos y renovaciones de planes", u"least_busy"_s, 0, {0, 1, 2}},
        {"Soporte Demo", "DEMO-SOPORTE", "Atención postventa y reclamos", u"round_robin"_s, 1, {2, 3}},
    };
    for (const CampaignSeed &s : seeds) {
        Campaign c;
        c.name = QString::fromUtf8(s.name);
        c.code = QLatin1StringView(s.code);
        c.description = QString::fromUtf8(s.description);
        c.businessHours = officeHours();
        c.timezone = u"America/Bogota"_s;
        c.routingStrategy = s.strategy;
        c.welcomeMessage = u"¡Hola! Gracias por escribir a Conversa. Un asesor te atenderá en breve."_s;
        c.offlineMessage = u"Nuestro horario es de lunes a viernes de 8:00 a 18:00 y sábados de 9:00 a 13:00."_s;
        const Result<qint64> id = campaigns.insert(c, now);
        if (!id)
            return id.error();
        CONVERSA_TRY(campaigns.replaceNumbers(*id, {numberIds[s.number]}, numberIds[s.number], now));
        QList<CampaignAgent> agents;
        for (int a : s.agents) {
            CampaignAgent agent;
            agent.userId = agentIds[a];
            agent.priority = int(agents.size());
            agent.skills = {s.number == 0 ? u"ventas"_s : u"soporte"_s};
            agents.append(agent);
        }
        CONVERSA_TRY(campaigns.replaceAgents(*id, agents, now));
        ++summary.campaigns;
    }

    // Clients: a number already taken by a real client is skipped, not overwritten.
    ClientStore clients(m_db);
    QList<qint64> clientIds;
    for (int i = 0; i < int(std::size(kClients)); ++i) {
        Client c;
        c.phoneNumber = u"+57310555%1"_s.arg(i + 1, 4, 10, QChar(u'0'));
        const Result<bool> taken = clients.phoneTaken(c.phoneNumber);
        if (!taken)
            return taken.error();
        if (*taken)
            continue;
        c.firstName = QString::fromUtf8(kClients[i].first);
        c.lastName = QString::fromUtf8(kClients[i].last);
        c.email = QString(c.firstName.section(u' ', 0, 0) + u'.' + c.lastName + u"@example.com"_s).toLower();
        c.company = QString::fromUtf8(kCompanies[i % std::size(kCompanies)]);
        c.city = QString::fromUtf8(kCities[i % std::size(kCities)]);
        c.country = u"Colombia"_s;
        c.leadStatus = QLatin1StringView(kLeadStatuses[i % std::size(kLeadStatuses)]);
        c.leadScore = (i * 37) % 101;
        c.segment = i % 3 == 0 ? u"empresas"_s : u"personas"_s;
        c.optIn = i % 4 != 0;
        c.customFields = {{u"plan"_s, QString::fromUtf8(kPlans[i % std::size(kPlans)])},
                          {u"cliente_desde"_s, 2018 + i % 7}};
        const Result<qint64> id = clients.insert(c, now);
        if (!id)
            return id.error();
        QStringList tags{QString::fromUtf8(kTags[i % std::size(kTags)])};
        if (i % 5 == 0)
            tags.append(QString::fromUtf8(kTags[(i + 2) % std::size(kTags)]));
        tags.sort();
        CONVERSA_TRY(clients.setTags(*id, tags, now));
        clientIds.append(*id);
        ++summary.clients;
    }

    // Tasks: follow-ups spread over the agents; one overdue, one with a reminder.
    TaskStore tasks(m_db);
    struct TaskSeed {
        const char *title;
        const char *priority;
        qint64 dueIn;   // seconds from now
        qint64 remindBefore;
    };
    const TaskSeed taskSeeds[] = {
        {"Llamar para renovación de contrato", "high", 2 * 86400, 3600},
        {"Enviar cotización del plan premium", "medium", 86400, 0},
        {"Confirmar pago pendiente", "urgent", -86400, 0},
        {"Agendar visita técnica", "low", 5 * 86400, 0},
        {"Seguimiento a reclamo de facturación", "high", 3 * 86400, 7200},
    };
    int t = 0;
    for (const TaskSeed &s : taskSeeds) {
        Task task;
        task.title = QString::fromUtf8(s.title);
        task.priority = QLatin1StringView(s.priority);
        task.assignedToUserId = agentIds[t % agentIds.size()];
        task.createdByUserId = supervisorId;
        task.clientId = clientIds.isEmpty() ? 0 : clientIds[(t * 7) % clientIds.size()];
        task.dueDate = now + s.dueIn;
        task.reminderDate = s.remindBefore ? task.dueDate - s.remindBefore : 0;
        const Result<qint64> id = tasks.insert(task, now);
        if (!id)
            return id.error();
        ++summary.tasks;
        ++t;
    }

    if (!tx.commit())
        return ApiError::internal();
    summary.created = true;
    return summary;
}
