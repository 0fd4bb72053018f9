-- The chat list at scale (bench/README.md, "CRM core").
-- chat_counts answers GET /v1/chats' total without a search or date range: the chats per
-- (campaign, status, agent, priority), kept exact by triggers; agent 0 = unassigned. Its columns
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
CREATE TRIGGER chat_counts_insert AFTER INSERT ON chats BEGIN INSERT INTO chat_counts (campaign_id, status, assigned_agent_id, priority, n) VALUES (new.campaign_id, new.status, COALESCE(new.assigned_agent_id, 0), new.priority, 1) ON CONFLICT (status, campaign_id, assigned_agent_id, priority) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER chat_counts_update AFTER UPDATE OF campaign_id, status, assigned_agent_id, priority ON chats BEGIN UPDATE chat_counts SET n = n - 1 WHERE campaign_id = old.campaign_id AND status = old.status AND assigned_agent_id = COALESCE(old.assigned_agent_id, 0) AND priority = old.priority; INSERT INTO chat_counts (campaign_id, status, assigned_agent_id, priority, n) VALUES (new.campaign_id, new.status, COALESCE(new.assigned_agent_id, 0), new.priority, 1) ON CONFLICT (status, campaign_id, assigned_agent_id, priority) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER chat_counts_delete AFTER DELETE ON chats BEGIN UPDATE chat_counts SET n = n - 1 WHERE campaign_id = old.campaign_id AND status = old.status AND assigned_agent_id = COALESCE(old.assigned_agent_id, 0) AND priority = old.priority; END;

-- The chat list's client search reads the client's search_text from the chat itself (the
-- client's, or '' while the client is deleted), so an agent's chats are searched along its
-- indexes without a lookup of each client. Triggers keep the copy; a chat's client never changes.
ALTER TABLE chats ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE chats SET search_text = COALESCE((SELECT cl.search_text FROM clients cl WHERE cl.id = chats.client_id AND cl.deleted_at IS NULL), '');
CREATE TRIGGER chats_search_text_insert AFTER INSERT ON chats BEGIN UPDATE chats SET search_text = COALESCE((SELECT cl.search_text FROM clients cl WHERE cl.id = new.client_id AND cl.deleted_at IS NULL), '') WHERE id = new.id; END;
CREATE TRIGGER chats_search_text_client AFTER UPDATE OF search_text, deleted_at ON clients BEGIN UPDATE chats SET search_text = CASE WHEN new.deleted_at IS NULL THEN new.search_text ELSE '' END WHERE client_id = new.id; END;

-- Every filter of the list walks an index in the list's order (last_activity_at, id) and stops
-- after a page: an agent's own chats, a status (also the queues of an agent's campaigns), a
-- campaign. The agent's and the status index carry what the agent's view and its search test,
-- so neither its page nor its search count reads a chats row.
DROP INDEX chats_agent;
DROP INDEX chats_campaign;
DROP INDEX chats_status;
CREATE INDEX chats_agent_activity ON chats (assigned_agent_id, last_activity_at, id, search_text);
CREATE INDEX chats_agent_status_activity ON chats (assigned_agent_id, status, last_activity_at, id);
CREATE INDEX chats_status_activity ON chats (status, last_activity_at, id, campaign_id, assigned_agent_id, search_text);
CREATE INDEX chats_campaign_activity ON chats (campaign_id, last_activity_at, id);

-- Substring search over live clients (GET /v1/clients, the chat list's client search): a trigram
-- full-text index of search_text, queried as a phrase (MATCH '"term"'), which is a substring
-- match for terms of three or more characters. Only live clients are indexed, as PostgreSQL's
-- partial trigram index does, so a count needs no lookup of the clients rows.
CREATE VIRTUAL TABLE clients_fts USING fts5(search_text, content='clients', content_rowid='id', tokenize='trigram');
INSERT INTO clients_fts (rowid, search_text) SELECT id, search_text FROM clients WHERE deleted_at IS NULL;
CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients WHEN new.deleted_at IS NULL BEGIN INSERT INTO clients_fts (rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients WHEN old.deleted_at IS NULL BEGIN INSERT INTO clients_fts (clients_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END;
CREATE TRIGGER clients_fts_update AFTER UPDATE OF search_text, deleted_at ON clients BEGIN INSERT INTO clients_fts (clients_fts, rowid, search_text) SELECT 'delete', old.id, old.search_text WHERE old.deleted_at IS NULL; INSERT INTO clients_fts (rowid, search_text) SELECT new.id, new.search_text WHERE new.deleted_at IS NULL; END;
