-- An agent sees its campaigns' queued chats and those a bot is talking to (docs/API.md). Walked in
-- the list's order as one status, each page read a few index entries; as two statuses, SQLite
-- walked every chat in order of activity. This index holds just those chats, in that order, with
-- what the agent's filters test, so a page of them reads only index entries.
CREATE INDEX chats_queue_activity ON chats (last_activity_at, id, status, campaign_id, assigned_agent_id, search_text)
    WHERE status IN ('queued', 'bot');
