-- Reports (issue 14, docs/REPORTS.md): the first moments of a conversation, kept by the writes that
-- make them. queued_at and assigned_at are the current ones and move with every transfer; wait is
-- first queued -> first assigned, handling first assigned -> closed, and the first response is
-- credited to the agent who sent it, whatever transfers came before.
ALTER TABLE chats ADD COLUMN first_queued_at BIGINT;
ALTER TABLE chats ADD COLUMN first_assigned_at BIGINT;
ALTER TABLE chats ADD COLUMN first_response_agent_id BIGINT;
UPDATE chats SET first_queued_at = queued_at, first_assigned_at = assigned_at;
UPDATE chats SET first_response_agent_id = (SELECT m.user_id FROM messages m WHERE m.chat_id = chats.id
    AND m.direction = 'outbound' AND m.user_id IS NOT NULL ORDER BY m.id LIMIT 1)
    WHERE first_response_at IS NOT NULL;
-- A report reads the chats opened in its period along one of these, never the whole table.
CREATE INDEX chats_opened ON chats (created_at);
CREATE INDEX chats_opened_by_campaign ON chats (campaign_id, created_at);
CREATE INDEX chats_opened_by_number ON chats (whatsapp_number_id, created_at);
-- An agent's report: what it answered first, what it closed, what it wrote.
CREATE INDEX chats_first_response_by_agent ON chats (first_response_agent_id, first_response_at)
    WHERE first_response_agent_id IS NOT NULL;
CREATE INDEX chats_closed_by_agent ON chats (assigned_agent_id, closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX messages_by_agent ON messages (user_id, created_at) WHERE user_id IS NOT NULL;
-- A number's report and the trends: its messages in the period. With the direction, it also serves
-- live analytics' inbound count (AnalyticsStore::messagesSince), which had an index of its own.
CREATE INDEX messages_by_number ON messages (whatsapp_number_id, created_at, direction);
DROP INDEX messages_received_by_number;
-- Trends: the agents available or busy in a period, whoever they are.
CREATE INDEX agent_status_history_time ON agent_status_history (started_at);
-- Bot or human: whether a bot ever talked to the chat.
CREATE INDEX bot_sessions_chat ON bot_sessions (chat_id);
