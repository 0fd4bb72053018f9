-- Realtime events between servers on one PostgreSQL (realtime/RealtimeRelay): NOTIFY carries at
-- most 8,000 bytes, so a larger event waits here for a minute and the notice names its id.
-- (SQLite servers do not relay: the table stays empty.)
CREATE TABLE realtime_events (
    id BIGSERIAL PRIMARY KEY,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX realtime_events_created ON realtime_events (created_at);
