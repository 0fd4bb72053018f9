-- The persistent outbound queue (CONTRACT §5; delivery/OutboundWorker): a pending outbound
-- message is due when next_attempt_at is null or past. A worker claims it in a short
-- transaction (sending_since = now, send_attempts + 1) that commits before the provider call,
-- so a message whose sending_since is still set after a crash is never sent again blindly.
ALTER TABLE messages ADD COLUMN send_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN next_attempt_at BIGINT;
ALTER TABLE messages ADD COLUMN sending_since BIGINT;
-- "Pending outbound, oldest first": few rows, walked in id order.
CREATE INDEX messages_outbox ON messages (id) WHERE status = 'pending' AND direction = 'outbound';
-- Per-number rate limits count the sends of the last minute and day.
CREATE INDEX messages_sent_by_number ON messages (whatsapp_number_id, sent_at)
    WHERE direction = 'outbound' AND sent_at IS NOT NULL;
