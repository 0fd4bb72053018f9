-- Bot flows (issue 13, docs/BOT_FLOWS.md): the draft an admin edits (bot_flows and its nodes) and
-- the immutable versions publishing freezes. The engine's sessions come in a later migration.
-- start_node_key and fallback_node_key name nodes by node_key (NULL: none yet; publishing
-- checks them). variables and config are JSON text. revision counts the draft's saves (1 at
-- creation); saved_by/saved_at say who saved it last, for the 409 of a save based on an older
-- revision. published_version is the latest version (0 = never published) and
-- published_revision the draft revision it froze: the draft has unpublished changes while
-- revision differs from it.
CREATE TABLE bot_flows (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    start_node_key TEXT,
    variables TEXT NOT NULL DEFAULT '{}',
    timeout_seconds INTEGER NOT NULL DEFAULT 300,
    max_invalid_attempts INTEGER NOT NULL DEFAULT 3,
    fallback_node_key TEXT,
    revision BIGINT NOT NULL DEFAULT 1,
    saved_by BIGINT REFERENCES users(id),
    saved_at BIGINT NOT NULL,
    published_version INTEGER NOT NULL DEFAULT 0,
    published_revision BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE INDEX bot_flows_live ON bot_flows (name, id) WHERE deleted_at IS NULL;
-- The draft's nodes. next_node_key mirrors config.next for the editor.
CREATE TABLE bot_flow_nodes (
    id BIGSERIAL PRIMARY KEY,
    flow_id BIGINT NOT NULL REFERENCES bot_flows(id) ON DELETE CASCADE,
    node_key TEXT NOT NULL,
    node_type TEXT NOT NULL,
    config TEXT NOT NULL DEFAULT '{}',
    next_node_key TEXT,
    position_x INTEGER NOT NULL DEFAULT 0,
    position_y INTEGER NOT NULL DEFAULT 0,
    UNIQUE (flow_id, node_key)
);
-- One row per publish, never changed: the flow's settings and nodes as JSON text (the shape of
-- GET /v1/bot-flows/{id}/versions/{version}).
CREATE TABLE bot_flow_versions (
    id BIGSERIAL PRIMARY KEY,
    flow_id BIGINT NOT NULL REFERENCES bot_flows(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    published_by BIGINT REFERENCES users(id),
    published_at BIGINT NOT NULL,
    UNIQUE (flow_id, version)
);
-- What DELETE /v1/bot-flows/{id} asks: does a live campaign use the flow?
CREATE INDEX campaigns_bot_flow ON campaigns (bot_flow_id) WHERE deleted_at IS NULL AND bot_flow_id IS NOT NULL;
