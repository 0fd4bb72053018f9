-- An agent sees its campaigns' queued chats and those a bot is talking to (docs/API.md). This
-- index holds just those chats in the list's order, with what the agent's filters test, so a page
-- of them is one short index-only walk instead of a sort of two statuses' chats.
CREATE INDEX chats_queue_activity ON chats (last_activity_at, id) INCLUDE (status, campaign_id, assigned_agent_id, search_text)
    WHERE status IN ('queued', 'bot');
