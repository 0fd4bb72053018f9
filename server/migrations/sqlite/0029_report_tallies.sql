-- Reports (issue 14, docs/REPORTS.md#tallies): counts kept by the writes, so a number's report and the
-- message trends read a few rows per quarter hour instead of every message of the period.
--
-- message_tallies: messages per number, quarter hour of creation, direction and current status. message_delay_tallies: the number's sent
-- messages by whole seconds from sent to delivered, per quarter hour of creation (the median is
-- exact). Every zone's offset is whole quarters, so quarters fold into any zone's days and hours.
CREATE TABLE message_tallies (
    whatsapp_number_id BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    direction TEXT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (whatsapp_number_id, quarter, direction, status)
);
CREATE TABLE message_delay_tallies (
    whatsapp_number_id BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    seconds BIGINT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (whatsapp_number_id, quarter, seconds)
);
-- PostgreSQL writes changes to this log and a background fold moves them into the tallies (no
-- lock on a hot tally row while a request's transaction runs); SQLite has one writer, so its
-- triggers update the tallies directly and the log stays empty. Readers add both.
CREATE TABLE message_tally_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    whatsapp_number_id BIGINT NOT NULL,
    quarter BIGINT NOT NULL,
    direction TEXT NOT NULL,
    status TEXT NOT NULL,
    delay_seconds BIGINT,
    delta INTEGER NOT NULL
);
CREATE INDEX message_tally_log_number ON message_tally_log (whatsapp_number_id, quarter);

INSERT INTO message_tallies (whatsapp_number_id, quarter, direction, status, n)
    SELECT whatsapp_number_id, created_at - created_at % 900, direction, status, COUNT(*) FROM messages
    GROUP BY whatsapp_number_id, created_at - created_at % 900, direction, status;
INSERT INTO message_delay_tallies (whatsapp_number_id, quarter, seconds, n)
    SELECT whatsapp_number_id, created_at - created_at % 900, delivered_at - sent_at, COUNT(*) FROM messages
    WHERE direction = 'outbound' AND sent_at IS NOT NULL AND delivered_at IS NOT NULL AND delivered_at >= sent_at
    GROUP BY whatsapp_number_id, created_at - created_at % 900, delivered_at - sent_at;

-- The triggers (each on one line, as the migration runner reads statements).
CREATE TRIGGER message_tallies_insert AFTER INSERT ON messages BEGIN INSERT INTO message_tallies (whatsapp_number_id, quarter, direction, status, n) VALUES (new.whatsapp_number_id, new.created_at - new.created_at % 900, new.direction, new.status, 1) ON CONFLICT (whatsapp_number_id, quarter, direction, status) DO UPDATE SET n = n + 1; INSERT INTO message_delay_tallies (whatsapp_number_id, quarter, seconds, n) SELECT new.whatsapp_number_id, new.created_at - new.created_at % 900, new.delivered_at - new.sent_at, 1 WHERE new.direction = 'outbound' AND new.sent_at IS NOT NULL AND new.delivered_at IS NOT NULL AND new.delivered_at >= new.sent_at ON CONFLICT (whatsapp_number_id, quarter, seconds) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER message_tallies_update AFTER UPDATE OF status, sent_at, delivered_at ON messages WHEN old.status IS NOT new.status OR old.sent_at IS NOT new.sent_at OR old.delivered_at IS NOT new.delivered_at BEGIN UPDATE message_tallies SET n = n - 1 WHERE whatsapp_number_id = old.whatsapp_number_id AND quarter = old.created_at - old.created_at % 900 AND direction = old.direction AND status = old.status; INSERT INTO message_tallies (whatsapp_number_id, quarter, direction, status, n) VALUES (new.whatsapp_number_id, new.created_at - new.created_at % 900, new.direction, new.status, 1) ON CONFLICT (whatsapp_number_id, quarter, direction, status) DO UPDATE SET n = n + 1; UPDATE message_delay_tallies SET n = n - 1 WHERE whatsapp_number_id = old.whatsapp_number_id AND quarter = old.created_at - old.created_at % 900 AND seconds = old.delivered_at - old.sent_at AND old.direction = 'outbound' AND old.delivered_at >= old.sent_at; INSERT INTO message_delay_tallies (whatsapp_number_id, quarter, seconds, n) SELECT new.whatsapp_number_id, new.created_at - new.created_at % 900, new.delivered_at - new.sent_at, 1 WHERE new.direction = 'outbound' AND new.sent_at IS NOT NULL AND new.delivered_at IS NOT NULL AND new.delivered_at >= new.sent_at ON CONFLICT (whatsapp_number_id, quarter, seconds) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER message_tallies_delete AFTER DELETE ON messages BEGIN UPDATE message_tallies SET n = n - 1 WHERE whatsapp_number_id = old.whatsapp_number_id AND quarter = old.created_at - old.created_at % 900 AND direction = old.direction AND status = old.status; UPDATE message_delay_tallies SET n = n - 1 WHERE whatsapp_number_id = old.whatsapp_number_id AND quarter = old.created_at - old.created_at % 900 AND seconds = old.delivered_at - old.sent_at AND old.direction = 'outbound' AND old.delivered_at >= old.sent_at; END;

-- Bot or human: when a bot flow first talked to the chat, kept by the bot session's insert, so a
-- report reads it with the chat instead of probing bot_sessions once per conversation.
ALTER TABLE chats ADD COLUMN bot_started_at BIGINT;
UPDATE chats SET bot_started_at = (SELECT MIN(s.started_at) FROM bot_sessions s WHERE s.chat_id = chats.id);
CREATE TRIGGER chats_bot_started AFTER INSERT ON bot_sessions BEGIN UPDATE chats SET bot_started_at = new.started_at WHERE id = new.chat_id AND bot_started_at IS NULL; END;
