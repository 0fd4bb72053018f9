-- Reports (issue 14, docs/REPORTS.md#tallies): counts kept by the writes, so a number's report and the
-- message trends read a few rows per quarter hour instead of every message of the period.
--
-- message_tallies: messages per number, quarter hour of creation, direction and current status.
-- message_delay_tallies: the number's sent messages by whole seconds from sent to delivered, per
-- quarter hour of creation (the median is exact). Every zone's offset is whole quarters, so
-- quarters fold into any zone's days and hours.
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
-- The triggers append each change to this log, and a background fold (ReportTallyStore::fold) moves
-- it into the tallies: a request's transaction never waits on a hot tally row another one holds.
-- Readers add the tallies and what the log still has.
CREATE TABLE message_tally_log (
    id BIGSERIAL PRIMARY KEY,
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
CREATE FUNCTION message_tallies_track() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN INSERT INTO message_tally_log (whatsapp_number_id, quarter, direction, status, delay_seconds, delta) VALUES (OLD.whatsapp_number_id, OLD.created_at - OLD.created_at % 900, OLD.direction, OLD.status, CASE WHEN OLD.direction = 'outbound' AND OLD.delivered_at >= OLD.sent_at THEN OLD.delivered_at - OLD.sent_at END, -1); END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO message_tally_log (whatsapp_number_id, quarter, direction, status, delay_seconds, delta) VALUES (NEW.whatsapp_number_id, NEW.created_at - NEW.created_at % 900, NEW.direction, NEW.status, CASE WHEN NEW.direction = 'outbound' AND NEW.delivered_at >= NEW.sent_at THEN NEW.delivered_at - NEW.sent_at END, 1); END IF; RETURN NULL; END $$;
CREATE TRIGGER message_tallies_insert_delete AFTER INSERT OR DELETE ON messages FOR EACH ROW EXECUTE FUNCTION message_tallies_track();
CREATE TRIGGER message_tallies_update AFTER UPDATE OF status, sent_at, delivered_at ON messages FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.sent_at IS DISTINCT FROM NEW.sent_at OR OLD.delivered_at IS DISTINCT FROM NEW.delivered_at) EXECUTE FUNCTION message_tallies_track();

-- Bot or human: when a bot flow first talked to the chat, kept by the bot session's insert, so a
-- report reads it with the chat instead of probing bot_sessions once per conversation.
ALTER TABLE chats ADD COLUMN bot_started_at BIGINT;
UPDATE chats SET bot_started_at = s.started_at
    FROM (SELECT chat_id, MIN(started_at) AS started_at FROM bot_sessions GROUP BY chat_id) s
    WHERE s.chat_id = chats.id;
CREATE FUNCTION chats_bot_started() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE chats SET bot_started_at = NEW.started_at WHERE id = NEW.chat_id AND bot_started_at IS NULL; RETURN NULL; END $$;
CREATE TRIGGER chats_bot_started AFTER INSERT ON bot_sessions FOR EACH ROW EXECUTE FUNCTION chats_bot_started();
