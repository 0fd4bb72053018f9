-- Bot sessions (issue 13, docs/BOT_FLOWS.md#sessions): one row per run of a published flow on a
-- chat, and one row per node it entered (the statistics read them).
-- status: active while the flow runs; then how it ended: completed (an end node) or transferred
-- (a transfer node), the two completions; timed_out (no reply in time), invalid_answers (too many
-- wrong answers), step_limit (too many steps without waiting for the customer), failed (the flow
-- could not go on: end_reason says why), interrupted (an agent took the chat out of the bot).
-- The ones that are not completions hand the chat to the campaign's queue.
-- waiting_for: what an active session waits for at node_key (reply: the customer's answer to a
-- menu or input; delay: the clock; http: an http_request node's call) and due_at when that wait
-- ends (the reply's timeout, the delay's end, the call being due). claimed_until: a worker holds
-- the due step until then (several servers: each due step runs once).
-- variables: what the session collected (JSON text): the chat's bot_context.
-- messages.interactive: an outbound menu sent as an interactive message (JSON text, the shape of
-- OutboundRequest::interactive in server/providers/WhatsAppProvider.h); NULL: none.
ALTER TABLE messages ADD COLUMN interactive TEXT;
CREATE TABLE bot_sessions (
    id BIGSERIAL PRIMARY KEY,
    chat_id BIGINT NOT NULL REFERENCES chats(id),
    flow_id BIGINT NOT NULL REFERENCES bot_flows(id),
    flow_version INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'active'
        CHECK (status IN ('active', 'completed', 'transferred', 'timed_out', 'invalid_answers', 'step_limit',
                          'failed', 'interrupted')),
    end_reason TEXT,
    node_key TEXT NOT NULL,
    waiting_for TEXT CHECK (waiting_for IN ('reply', 'delay', 'http')),
    variables TEXT NOT NULL DEFAULT '{}',
    invalid_attempts INTEGER NOT NULL DEFAULT 0,
    used_fallback BOOLEAN NOT NULL DEFAULT FALSE,
    due_at BIGINT,
    claimed_until BIGINT,
    started_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    ended_at BIGINT
);
CREATE UNIQUE INDEX bot_sessions_one_active ON bot_sessions (chat_id) WHERE status = 'active';
CREATE INDEX bot_sessions_due ON bot_sessions (due_at) WHERE status = 'active';
CREATE INDEX bot_sessions_flow ON bot_sessions (flow_id, started_at);
-- from_node_key/edge: the node the session came from and the config field that led here
-- ("config.options[1].next", "timeout", "invalid", "fallback"); NULL for the first node.
CREATE TABLE bot_session_steps (
    id BIGSERIAL PRIMARY KEY,
    session_id BIGINT NOT NULL REFERENCES bot_sessions(id) ON DELETE CASCADE,
    flow_id BIGINT NOT NULL,
    flow_version INTEGER NOT NULL,
    node_key TEXT NOT NULL,
    from_node_key TEXT,
    edge TEXT,
    entered_at BIGINT NOT NULL
);
CREATE INDEX bot_session_steps_session ON bot_session_steps (session_id, id);
CREATE INDEX bot_session_steps_flow ON bot_session_steps (flow_id, node_key);
