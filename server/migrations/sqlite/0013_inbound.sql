-- Inbound WhatsApp (issue 4, Meta webhooks): the 24-hour window, inbound media ids, and the
-- webhook bodies the server did not fully understand.
-- chats.last_inbound_at: Meta's timestamp of the client's last inbound message on the chat (the
-- customer service window is last_inbound_at + 24 h). A trigger keeps it from every inbound
-- message, whoever writes it (the webhook pipeline, the demo seeder); existing rows are filled.
ALTER TABLE chats ADD COLUMN last_inbound_at BIGINT;
UPDATE chats SET last_inbound_at = (SELECT MAX(m.created_at) FROM messages m WHERE m.chat_id = chats.id AND m.direction = 'inbound');
CREATE TRIGGER chats_last_inbound AFTER INSERT ON messages WHEN new.direction = 'inbound' BEGIN UPDATE chats SET last_inbound_at = new.created_at WHERE id = new.chat_id AND (last_inbound_at IS NULL OR last_inbound_at < new.created_at); END;

-- Inbound media arrive as a provider media id; the download (a later step) turns it into a file.
ALTER TABLE messages ADD COLUMN provider_media_id TEXT;
ALTER TABLE messages ADD COLUMN media_mime_type TEXT;

-- Every webhook body that was not fully understood (unknown type, status of an unknown message,
-- no phone number, not JSON, …), kept as received for inspection; the webhook still answers 200.
CREATE TABLE webhook_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    provider TEXT NOT NULL,
    whatsapp_number_id BIGINT,
    received_at BIGINT NOT NULL,
    payload TEXT NOT NULL,
    note TEXT NOT NULL
);
CREATE INDEX webhook_events_received ON webhook_events (received_at);
