-- The statistics of a bot flow (docs/BOT_FLOWS.md#statistics) read its session steps grouped by
-- node (distinct sessions per node) and by edge (from, to, the config field). These indexes hold
-- every column those queries read, in their grouping order, so they read no table rows and need
-- no sort, whether or not they filter by version.
CREATE INDEX bot_session_steps_visits ON bot_session_steps (flow_id, node_key, session_id, flow_version);
CREATE INDEX bot_session_steps_edges ON bot_session_steps (flow_id, from_node_key, node_key, edge, flow_version);
-- They contain 0025's bot_session_steps_flow (flow_id, node_key), which goes.
DROP INDEX bot_session_steps_flow;
