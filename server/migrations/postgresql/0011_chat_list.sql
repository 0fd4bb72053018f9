-- The chat list at scale (bench/README.md, "CRM core").
-- chat_counts answers GET /v1/chats' total without a search or date range: the chats per
-- (campaign, status, agent, priority), kept exact by a trigger; agent 0 = unassigned. Its columns
-- are named as in chats, so ChatStore's filters serve both tables.
CREATE TABLE chat_counts (
    campaign_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    assigned_agent_id BIGINT NOT NULL,
    priority TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (status, campaign_id, assigned_agent_id, priority)
);
-- An agent's own chats; the primary key finds the queues of its campaigns.
CREATE INDEX chat_counts_agent ON chat_counts (assigned_agent_id, status);
INSERT INTO chat_counts (campaign_id, status, assigned_agent_id, priority, n)
    SELECT campaign_id, status, COALESCE(assigned_agent_id, 0), priority, COUNT(*) FROM chats
    GROUP BY campaign_id, status, COALESCE(assigned_agent_id, 0), priority;
CREATE FUNCTION chat_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') THEN UPDATE chat_counts SET n = n - 1 WHERE campaign_id = OLD.campaign_id AND status = OLD.status AND assigned_agent_id = COALESCE(OLD.assigned_agent_id, 0) AND priority = OLD.priority; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN INSERT INTO chat_counts (campaign_id, status, assigned_agent_id, priority, n) VALUES (NEW.campaign_id, NEW.status, COALESCE(NEW.assigned_agent_id, 0), NEW.priority, 1) ON CONFLICT (status, campaign_id, assigned_agent_id, priority) DO UPDATE SET n = chat_counts.n + 1; END IF; RETURN NULL; END $$;
CREATE TRIGGER chat_counts_track AFTER INSERT OR DELETE OR UPDATE OF campaign_id, status, assigned_agent_id, priority
    ON chats FOR EACH ROW EXECUTE FUNCTION chat_counts_track();

-- The chat list's client search reads the client's search_text from the chat itself (the
-- client's, or '' while the client is deleted), so an agent's chats are searched along its
-- indexes without a lookup of each client. Triggers keep the copy; a chat's client never changes.
ALTER TABLE chats ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE chats SET search_text = COALESCE((SELECT cl.search_text FROM clients cl WHERE cl.id = chats.client_id AND cl.deleted_at IS NULL), '');
CREATE FUNCTION chats_search_text_set() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.search_text := COALESCE((SELECT cl.search_text FROM clients cl WHERE cl.id = NEW.client_id AND cl.deleted_at IS NULL), ''); RETURN NEW; END $$;
CREATE TRIGGER chats_search_text_set BEFORE INSERT ON chats FOR EACH ROW EXECUTE FUNCTION chats_search_text_set();
CREATE FUNCTION chats_search_text_client() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN UPDATE chats SET search_text = CASE WHEN NEW.deleted_at IS NULL THEN NEW.search_text ELSE '' END WHERE client_id = NEW.id; RETURN NULL; END $$;
CREATE TRIGGER chats_search_text_client AFTER UPDATE OF search_text, deleted_at ON clients FOR EACH ROW EXECUTE FUNCTION chats_search_text_client();

-- Every filter of the list walks an index in the list's order (last_activity_at, id) and stops
-- after a page: an agent's own chats, a status (also the queues of an agent's campaigns), a
-- campaign. The agent's and the status index carry what the agent's view and its search test,
-- so neither its page nor its search count reads a chats row.
DROP INDEX chats_agent;
DROP INDEX chats_campaign;
DROP INDEX chats_status;
CREATE INDEX chats_agent_activity ON chats (assigned_agent_id, last_activity_at, id) INCLUDE (search_text);
CREATE INDEX chats_agent_status_activity ON chats (assigned_agent_id, status, last_activity_at, id);
CREATE INDEX chats_status_activity ON chats (status, last_activity_at, id) INCLUDE (campaign_id, assigned_agent_id, search_text);
CREATE INDEX chats_campaign_activity ON chats (campaign_id, last_activity_at, id);
