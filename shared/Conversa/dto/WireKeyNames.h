#pragma once

#include <QLatin1StringView>
#include <QString>

// The key names of the chat and message payloads, in one place for both sides of the wire: the
// DTOs here read and write them, and the server's writers (server/serialize) write them, so a
// renamed key cannot drift between server and client. A WireKey is the ASCII name; it converts
// to a QString (Json::Reader/Writer) and to a const char * (the server's JsonWriter).
namespace Conversa {

struct WireKey {
    const char *name;
    constexpr operator const char *() const { return name; }
    operator QString() const { return QString(QLatin1StringView(name)); }
};

// A user named inside another object (a chat's agent, a message's author).
namespace UserRefKeys {
inline constexpr WireKey id{"id"};
inline constexpr WireKey firstName{"first_name"};
inline constexpr WireKey lastName{"last_name"};
inline constexpr WireKey agentStatus{"agent_status"};
}   // namespace UserRefKeys

// A message, and the message it quotes (reply_to).
namespace MessageKeys {
inline constexpr WireKey id{"id"};
inline constexpr WireKey direction{"direction"};
inline constexpr WireKey messageType{"message_type"};
inline constexpr WireKey content{"content"};
inline constexpr WireKey chatId{"chat_id"};
inline constexpr WireKey status{"status"};
inline constexpr WireKey mediaFileId{"media_file_id"};
inline constexpr WireKey templateName{"template_name"};
inline constexpr WireKey templateLanguage{"template_language"};
inline constexpr WireKey templateVariables{"template_variables"};
inline constexpr WireKey errorCode{"error_code"};
inline constexpr WireKey errorMessage{"error_message"};
inline constexpr WireKey user{"user"};
inline constexpr WireKey isBotMessage{"is_bot_message"};
inline constexpr WireKey createdAt{"created_at"};
inline constexpr WireKey sentAt{"sent_at"};
inline constexpr WireKey deliveredAt{"delivered_at"};
inline constexpr WireKey readAt{"read_at"};
inline constexpr WireKey replyTo{"reply_to"};
inline constexpr WireKey interactive{"interactive"};
}   // namespace MessageKeys

// A chat (list item and detail) and the objects inside it, but for the client.
namespace ChatKeys {
inline constexpr WireKey id{"id"};
inline constexpr WireKey name{"name"};
inline constexpr WireKey phoneNumber{"phone_number"};
inline constexpr WireKey content{"content"};
inline constexpr WireKey direction{"direction"};
inline constexpr WireKey createdAt{"created_at"};
inline constexpr WireKey chatId{"chat_id"};
inline constexpr WireKey user{"user"};
inline constexpr WireKey firstResponseDueAt{"first_response_due_at"};
inline constexpr WireKey firstResponseBreached{"first_response_breached"};
inline constexpr WireKey resolutionDueAt{"resolution_due_at"};
inline constexpr WireKey resolutionBreached{"resolution_breached"};
inline constexpr WireKey waitTimeSeconds{"wait_time_seconds"};
inline constexpr WireKey firstResponseTimeSeconds{"first_response_time_seconds"};
inline constexpr WireKey handlingTimeSeconds{"handling_time_seconds"};
inline constexpr WireKey open{"open"};
inline constexpr WireKey expiresAt{"expires_at"};
inline constexpr WireKey client{"client"};
inline constexpr WireKey campaign{"campaign"};
inline constexpr WireKey whatsappNumber{"whatsapp_number"};
inline constexpr WireKey assignedAgent{"assigned_agent"};
inline constexpr WireKey status{"status"};
inline constexpr WireKey priority{"priority"};
inline constexpr WireKey sla{"sla"};
inline constexpr WireKey queuePosition{"queue_position"};
inline constexpr WireKey tags{"tags"};
inline constexpr WireKey notes{"notes"};
inline constexpr WireKey botContext{"bot_context"};
inline constexpr WireKey metrics{"metrics"};
inline constexpr WireKey messageCount{"message_count"};
inline constexpr WireKey unreadCount{"unread_count"};
inline constexpr WireKey lastMessage{"last_message"};
inline constexpr WireKey queuedAt{"queued_at"};
inline constexpr WireKey assignedAt{"assigned_at"};
inline constexpr WireKey firstResponseAt{"first_response_at"};
inline constexpr WireKey lastMessageAt{"last_message_at"};
inline constexpr WireKey closedAt{"closed_at"};
inline constexpr WireKey closeReason{"close_reason"};
inline constexpr WireKey outcome{"outcome"};
inline constexpr WireKey outcomeValue{"outcome_value"};
inline constexpr WireKey closeNotes{"close_notes"};
inline constexpr WireKey csatScore{"csat_score"};
inline constexpr WireKey whatsappWindow{"whatsapp_window"};
}   // namespace ChatKeys

// A bot flow (list item, detail, version) and its nodes (docs/BOT_FLOWS.md).
namespace BotFlowKeys {
inline constexpr WireKey id{"id"};
inline constexpr WireKey name{"name"};
inline constexpr WireKey description{"description"};
inline constexpr WireKey startNodeId{"start_node_id"};
inline constexpr WireKey variables{"variables"};
inline constexpr WireKey timeoutSeconds{"timeout_seconds"};
inline constexpr WireKey maxInvalidAttempts{"max_invalid_attempts"};
inline constexpr WireKey fallbackNodeId{"fallback_node_id"};
inline constexpr WireKey nodes{"nodes"};
inline constexpr WireKey nodesCount{"nodes_count"};
inline constexpr WireKey version{"version"};
inline constexpr WireKey isPublished{"is_published"};
inline constexpr WireKey revision{"revision"};
inline constexpr WireKey hasUnpublishedChanges{"has_unpublished_changes"};
inline constexpr WireKey savedBy{"saved_by"};
inline constexpr WireKey savedAt{"saved_at"};
inline constexpr WireKey createdAt{"created_at"};
inline constexpr WireKey updatedAt{"updated_at"};
inline constexpr WireKey warnings{"warnings"};
inline constexpr WireKey field{"field"};
inline constexpr WireKey message{"message"};
// A version of a flow.
inline constexpr WireKey flowId{"flow_id"};
inline constexpr WireKey publishedBy{"published_by"};
inline constexpr WireKey publishedAt{"published_at"};
}   // namespace BotFlowKeys

// A node of a bot flow.
namespace BotNodeKeys {
inline constexpr WireKey id{"id"};
inline constexpr WireKey nodeKey{"node_key"};
inline constexpr WireKey nodeType{"node_type"};
inline constexpr WireKey config{"config"};
inline constexpr WireKey nextNodeKey{"next_node_key"};
inline constexpr WireKey positionX{"position_x"};
inline constexpr WireKey positionY{"position_y"};
}   // namespace BotNodeKeys

// GET /bot-flows/:id/stats.
namespace BotStatsKeys {
inline constexpr WireKey totalSessions{"total_sessions"};
inline constexpr WireKey totalCompletions{"total_completions"};
inline constexpr WireKey completionRate{"completion_rate"};
inline constexpr WireKey avgCompletionTimeSeconds{"avg_completion_time_seconds"};
inline constexpr WireKey nodeStats{"node_stats"};
inline constexpr WireKey edges{"edges"};
inline constexpr WireKey outcomes{"outcomes"};
// A node's figures.
inline constexpr WireKey nodeKey{"node_key"};
inline constexpr WireKey visits{"visits"};
inline constexpr WireKey exits{"exits"};
inline constexpr WireKey waiting{"waiting"};
// An edge's.
inline constexpr WireKey from{"from"};
inline constexpr WireKey to{"to"};
inline constexpr WireKey edge{"edge"};
inline constexpr WireKey count{"count"};
}   // namespace BotStatsKeys

// POST /bot-flows/:id/simulate: the answer (a transcript entry's own fields vary by its type).
namespace BotSimulationKeys {
inline constexpr WireKey transcript{"transcript"};
inline constexpr WireKey steps{"steps"};
inline constexpr WireKey variables{"variables"};
inline constexpr WireKey status{"status"};
inline constexpr WireKey waitingFor{"waiting_for"};
inline constexpr WireKey nodeKey{"node_key"};
inline constexpr WireKey detail{"detail"};
inline constexpr WireKey warnings{"warnings"};
inline constexpr WireKey type{"type"};
// A step.
inline constexpr WireKey nodeType{"node_type"};
inline constexpr WireKey from{"from"};
inline constexpr WireKey edge{"edge"};
}   // namespace BotSimulationKeys

}   // namespace Conversa
