-- Routing (issue 5, CONTRACT §4; domain/ChatRouter): round robin hands the next chat to the
-- campaign agent whose turn is oldest. routed_turn counts the campaign's routed chats (1, 2, …)
-- at the agent's last one; timestamps would tie within a second. The queue is walked per
-- campaign in priority then age order.
ALTER TABLE campaign_agents ADD COLUMN routed_turn BIGINT NOT NULL DEFAULT 0;
CREATE INDEX chats_queue ON chats (campaign_id, queued_at, id) WHERE status = 'queued';
