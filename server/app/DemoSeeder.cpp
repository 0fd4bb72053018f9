#include "DemoSeeder.h"

#include "crypto/PasswordHasher.h"
#include "crypto/RandomToken.h"
#include "http/RequestContext.h"
#include "providers/ProviderRegistry.h"
#include "store/CampaignStore.h"
#include "store/ChatStore.h"
#include "store/ClientStore.h"
#include "store/Database.h"
#include "store/NumberStore.h"
#include "store/RoleStore.h"
#include "store/TaskStore.h"
#include "store/UserStore.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Conversa::Server {

namespace {

struct Person {
    const char *first;
    const char *last;
};

const Person kStaff[] = {
    {"Laura", "Méndez"}, {"Andrés", "Gutiérrez"}, {"Camila", "Rodríguez"}, {"Santiago", "Peña"}, {"Valentina", "Ortiz"},
};

const Person kClients[] = {
    {"José", "Martínez"},     {"María", "Fernández"}, {"Juan Carlos", "López"}, {"Ana Sofía", "García"},
    {"Luis", "Hernández"},    {"Lucía", "Gómez"},     {"Carlos", "Díaz"},       {"Isabel", "Muñoz"},
    {"Miguel Ángel", "Ruiz"}, {"Paula", "Jiménez"},   {"Diego", "Álvarez"},     {"Daniela", "Romero"},
    {"Sebastián", "Torres"},  {"Mariana", "Vargas"},  {"Alejandro", "Castro"},  {"Natalia", "Suárez"},
    {"Felipe", "Ramírez"},    {"Gabriela", "Moreno"}, {"Ricardo", "Herrera"},   {"Carolina", "Medina"},
    {"Fernando", "Aguilar"},  {"Verónica", "Rojas"},  {"Héctor", "Navarro"},    {"Adriana", "Cárdenas"},
    {"Óscar", "Salazar"},     {"Beatriz", "Ibáñez"},  {"Raúl", "Cortés"},       {"Elena", "Núñez"},
    {"Tomás", "Escobar"},     {"Inés", "Zapata"},
};

const char *const kCities[] = {"Bogotá", "Medellín", "Cali", "Barranquilla", "Cartagena", "Bucaramanga"};
const char *const kCompanies[] = {"Distribuciones Andina", "Café del Valle",
                                  "Construcciones Pérez",  "",
                                  "Textiles Nariño",       ""};
const char *const kLeadStatuses[] = {"new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"};
const char *const kTags[] = {"vip", "renovación", "mayorista", "interesado", "soporte", "referido"};
const char *const kPlans[] = {"básico", "plus", "premium"};

QJsonValue officeHours()
{
    const QJsonObject weekday{{u"start"_s, u"08:00"_s}, {u"end"_s, u"18:00"_s}};
    return QJsonObject{{u"monday"_s, weekday},
                       {u"tuesday"_s, weekday},
                       {u"wednesday"_s, weekday},
                       {u"thursday"_s, weekday},
                       {u"friday"_s, weekday},
                       {u"saturday"_s, QJsonObject{{u"start"_s, u"09:00"_s}, {u"end"_s, u"13:00"_s}}},
                       {u"sunday"_s, QJsonValue()}};
}

QString demoEmail(const char *local)
{
    return QLatin1StringView(local) + u'@' + QLatin1StringView(DemoSeeder::kEmailDomain);
}

// Demo conversations, two per campaign (sales, then support): even lines are the client's,
// odd ones the agent's. A chat shows the first lines of one of them.
const char *const kConversations[][8] = {
    {"Hola, buenas tardes. Vi el anuncio del plan premium, ¿qué incluye?",
     "¡Hola! Con gusto te cuento: el plan premium incluye soporte prioritario, 50 usuarios y reportes avanzados.",
     "¿Y cuál es el precio mensual?", "Son $150.000 al mes, o $1.500.000 si lo pagas anual (dos meses gratis).",
     "Me interesa el anual. ¿Cómo hago el pago?",
     "Te envío el enlace de pago por este medio. ¿A qué correo te enviamos la factura?",
     "Al mismo correo registrado, gracias.", "Listo, pago confirmado. ¡Bienvenido al plan premium!"},
    {"Buenos días, quiero renovar mi contrato que vence este mes.",
     "Buenos días, con gusto. ¿Me confirmas el número de documento del titular?", "Claro, es el 1.020.345.678.",
     "Gracias. Tu plan actual es el básico; ¿quieres renovarlo igual o pasar al plus?", "¿Cuánto cuesta el plus?",
     "El plus está en $90.000 al mes, con 20 usuarios y soporte por chat.", "Déjame pensarlo y te confirmo mañana.",
     "Perfecto, quedo atento. Te escribo mañana para confirmar."},
    {"Hola, no me llegó la factura de este mes.",
     "Hola, lamento el inconveniente. ¿Me indicas el correo donde la esperabas?",
     "A facturacion@cafedelvalle.com, por favor.",
     "Veo que se envió a otro correo. Ya la reenvié a facturacion@cafedelvalle.com.", "Ya me llegó, muchas gracias.",
     "Con gusto. ¿Puedo ayudarte con algo más?", "No, eso era todo.", "Que tengas un excelente día."},
    {"Buenas, la aplicación no me deja iniciar sesión desde ayer.",
     "Buenas. ¿Qué mensaje te aparece al intentar ingresar?", "Dice que el usuario está bloqueado.",
     "Ya desbloqueé tu usuario. ¿Puedes intentar de nuevo, por favor?",
     "Sigue igual, ahora dice contraseña incorrecta.", "Te envié un enlace para restablecer la contraseña a tu correo.",
     "Listo, ya pude entrar.", "¡Excelente! Cualquier cosa nos escribes por aquí."},
};

// What a client adds while nobody has answered yet (after the campaign's welcome message).
const char *const kWaiting[] = {"¿Me pueden ayudar, por favor?", "Quedo atento, gracias.", "¿Hay alguien disponible?"};

constexpr qint64 kHour = 3600;
constexpr qint64 kDay = 86400;

struct ChatSeed {
    int campaign;       // 0 sales, 1 support
    int conversation;   // 0 or 1, of that campaign's
    const char *status;
    int agent;   // index among the campaign's agents; -1: unassigned
    const char *priority;
    qint64 startedAgo;   // seconds before the seeding
    int lines;           // answered chats: how many lines of the conversation (2-8)
    const char *closeReason = nullptr;
    const char *outcome = nullptr;
    qint64 outcomeValue = 0;   // 0: none
    const char *closeNotes = nullptr;
};

// Queued and assigned chats got the welcome message and wait for a person; the others were
// answered. Every open chat is on its own client (one open chat per client and number).
const ChatSeed kChatSeeds[] = {
    {0, 0, "queued", -1, "normal", 25 * 60, 0},
    {0, 1, "queued", -1, "high", 2 * kHour, 0},
    {1, 0, "queued", -1, "normal", 40 * 60, 0},
    {1, 1, "queued", -1, "urgent", 3 * kHour, 0},
    {0, 1, "assigned", 0, "normal", 3 * kHour, 0},
    {1, 1, "assigned", 1, "high", 4 * kHour, 0},
    {0, 0, "active", 0, "high", 6 * kHour, 5},
    {0, 1, "active", 1, "normal", 20 * kHour, 6},
    {1, 0, "active", 0, "normal", 26 * kHour, 3},
    {1, 1, "active", 1, "high", 30 * kHour, 7},
    {0, 1, "pending", 2, "normal", 2 * kDay, 6},
    {1, 0, "pending", 1, "low", 3 * kDay, 4},
    {0, 0, "closed", 0, "high", 4 * kDay, 8, "resolved", "sale", 1500000, "Cliente compró plan premium anual"},
    {0, 1, "closed", 1, "normal", 5 * kDay, 8, "resolved", "no_sale", 0, "Lo pensará; volver a contactar en un mes"},
    {1, 1, "closed", 0, "normal", 5 * kDay + 5 * kHour, 8, "resolved", "information"},
    {1, 0, "closed", 1, "normal", 6 * kDay, 6, "resolved", "complaint"},
    {0, 0, "closed", 2, "low", 6 * kDay + 8 * kHour, 2, "no_response", "no_sale"},
};

struct DemoMessage {
    bool inbound = true;
    bool bot = false;
    QString content;
    qint64 at = 0;
    QString status;
    qint64 sentAt = 0;
    qint64 deliveredAt = 0;
    qint64 readAt = 0;
};

// The messages of a demo chat, oldest first, with the statuses and times the API would have
// left: an inbound message counts as read once an outbound one follows it (the unread count is
// the inbound messages after the last outbound one).
QList<DemoMessage> demoMessages(const ChatSeed &s, int index, qint64 start, const QString &welcome)
{
    const auto &lines = kConversations[s.campaign * 2 + s.conversation];
    const bool closed = qstrcmp(s.status, "closed") == 0;
    QList<DemoMessage> out;
    if (s.lines == 0) {
        out.append({true, false, QString::fromUtf8(lines[0]), start});
        out.append({false, true, welcome, start + 2});
        out.append({true, false, QString::fromUtf8(kWaiting[index % std::size(kWaiting)]), start + 240});
    } else {
        for (int k = 0; k < s.lines; ++k)
            out.append({k % 2 == 0, false, QString::fromUtf8(lines[k]), start + (k == 0 ? 0 : 60 + k * 420)});
    }
    for (int k = 0; k < out.size(); ++k) {
        DemoMessage &m = out[k];
        qint64 next = 0;   // when the other side wrote next
        for (int j = k + 1; j < out.size() && !next; ++j) {
            if (out[j].inbound != m.inbound)
                next = out[j].at;
        }
        if (m.inbound) {
            m.status = u"delivered"_s;
            m.readAt = next;
            continue;
        }
        m.sentAt = m.at;
        if (next || closed) {
            m.status = u"read"_s;
            m.deliveredAt = m.at + 3;
            m.readAt = m.at + 30;
        } else if (qstrcmp(s.status, "pending") == 0 && s.conversation == 0) {
            m.status = u"sent"_s;
        } else {
            m.status = u"delivered"_s;
            m.deliveredAt = m.at + 3;
        }
    }
    return out;
}

// The people and places a demo chat is about.
struct ChatRefs {
    qint64 clientId = 0;
    qint64 campaignId = 0;
    qint64 numberId = 0;
    qint64 agentId = 0;        // 0: unassigned
    qint64 supervisorId = 0;   // who assigned it
    QString welcome;
};

// One chat as the API leaves it: the row, its messages, the counters ChatStore keeps as they
// arrive (message_count, unread_count, last message, first response), and the assign and close
// rows of chat_events. Returns how many messages it wrote.
Result<int> seedChat(Database &db, const ChatSeed &s, int index, const ChatRefs &refs, qint64 now)
{
    const qint64 start = now - s.startedAgo;
    const QList<DemoMessage> messages = demoMessages(s, index, start, refs.welcome);
    const qint64 lastAt = messages.last().at;
    const bool closed = qstrcmp(s.status, "closed") == 0;
    const qint64 assignedAt = !refs.agentId ? 0 : s.lines == 0 ? lastAt + 60 : start + 30;
    const qint64 closedAt = closed ? lastAt + 600 : 0;
    qint64 chatId = 0;
    {
        SqlQuery
            q(db,
              "INSERT INTO chats (client_id, campaign_id, whatsapp_number_id, assigned_agent_id, status, priority, "
              "created_at, queued_at, first_queued_at, assigned_at, first_assigned_at, last_activity_at, closed_at, "
              "close_reason, outcome, outcome_value, close_notes) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
              {refs.clientId, refs.campaignId, refs.numberId, nullIfZero(refs.agentId), QString::fromLatin1(s.status),
               QString::fromLatin1(s.priority), start, start + 5, start + 5, nullIfZero(assignedAt),
               nullIfZero(assignedAt), start, nullIfZero(closedAt),
               nullIfEmpty(QString::fromUtf8(s.closeReason)), nullIfEmpty(QString::fromUtf8(s.outcome)),
               nullIfZero(s.outcomeValue), nullIfEmpty(QString::fromUtf8(s.closeNotes))});
        if (!q.exec() || !q.next())
            return q.failure();
        chatId = q.integer(0);
    }

    qint64 lastId = 0;
    qint64 unread = 0;
    qint64 firstResponseAt = 0;
    for (const DemoMessage &m : messages) {
        const qint64 userId = m.inbound || m.bot ? 0 : refs.agentId;
        SqlQuery q(db,
                   "INSERT INTO messages (chat_id, whatsapp_number_id, direction, message_type, content, status, "
                   "user_id, is_bot_message, created_at, sent_at, delivered_at, read_at) "
                   "VALUES (?, ?, ?, 'text', ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                   {chatId, refs.numberId, m.inbound ? u"inbound"_s : u"outbound"_s, m.content, m.status,
                    nullIfZero(userId), m.bot, m.at, nullIfZero(m.sentAt), nullIfZero(m.deliveredAt),
                    nullIfZero(m.readAt)});
        if (!q.exec() || !q.next())
            return q.failure();
        lastId = q.integer(0);
        unread = m.inbound ? unread + 1 : 0;
        if (userId && !firstResponseAt)
            firstResponseAt = m.at;
    }
    {
        SqlQuery q(db,
                   "UPDATE chats SET message_count = ?, unread_count = ?, last_message_id = ?, last_message_at = ?, "
                   "last_activity_at = ?, first_response_at = ?, first_response_agent_id = ? WHERE id = ?",
                   {qint64(messages.size()), unread, lastId, lastAt, lastAt, nullIfZero(firstResponseAt),
                    nullIfZero(firstResponseAt ? refs.agentId : 0), chatId});
        if (!q.exec())
            return q.failure();
    }

    ChatStore chats(db);
    if (refs.agentId) {
        CONVERSA_TRY(chats.addEvent(chatId,
                                    {.event = u"assign"_s,
                                     .fromStatus = u"queued"_s,
                                     .toStatus = u"assigned"_s,
                                     .toAgentId = refs.agentId,
                                     .userId = refs.supervisorId},
                                    assignedAt));
    }
    if (closed) {
        const QString from = messages.last().inbound ? u"active"_s : u"pending"_s;
        CONVERSA_TRY(chats.addEvent(chatId,
                                    {.event = u"close"_s,
                                     .fromStatus = from,
                                     .toStatus = u"closed"_s,
                                     .fromAgentId = refs.agentId,
                                     .toAgentId = refs.agentId,
                                     .reason = QString::fromUtf8(s.closeReason),
                                     .userId = refs.agentId},
                                    closedAt));
    }
    return int(messages.size());
}

}   // namespace

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
        const WhatsAppProvider *provider = ProviderRegistry::builtIn().find(n.provider);
        CONVERSA_TRY(
            numbers.checkUnique(n, 0, provider ? provider->uniqueKeys(n) : QList<NumberStore::UniqueColumns>()));
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
    QList<qint64> campaignIds;
    QList<QList<qint64>> campaignAgentIds;
    QStringList welcomes;
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
        campaignIds.append(*id);
        QList<qint64> agentsOfCampaign;
        for (const CampaignAgent &agent : std::as_const(agents))
            agentsOfCampaign.append(agent.userId);
        campaignAgentIds.append(agentsOfCampaign);
        welcomes.append(c.welcomeMessage);
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

    // Chats: every status on both campaigns over the last days, one client each; assigned to
    // agents of the chat's campaign.
    for (int i = 0; i < int(std::size(kChatSeeds)) && i < clientIds.size(); ++i) {
        const ChatSeed &c = kChatSeeds[i];
        const QList<qint64> &agents = campaignAgentIds[c.campaign];
        const ChatRefs refs{.clientId = clientIds[i],
                            .campaignId = campaignIds[c.campaign],
                            .numberId = numberIds[seeds[c.campaign].number],
                            .agentId = c.agent >= 0 ? agents[c.agent % agents.size()] : 0,
                            .supervisorId = supervisorId,
                            .welcome = welcomes[c.campaign]};
        const Result<int> written = seedChat(m_db, c, i, refs, now);
        if (!written)
            return written.error();
        ++summary.chats;
        summary.messages += *written;
    }

    if (!tx.commit())
        return ApiError::internal();
    summary.created = true;
    return summary;
}

}   // namespace Conversa::Server
