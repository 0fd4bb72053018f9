-- GET /v1/users without a search answers its total from user_counts, kept exact by a trigger
-- (an O(1) read instead of counting every live user on each request).
CREATE TABLE user_counts (
    role_id BIGINT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (role_id, status)
);
INSERT INTO user_counts (role_id, status, n) SELECT role_id, status, COUNT(*) FROM users WHERE deleted_at IS NULL GROUP BY role_id, status;
CREATE FUNCTION user_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL THEN UPDATE user_counts SET n = n - 1 WHERE role_id = OLD.role_id AND status = OLD.status; END IF; IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.deleted_at IS NULL THEN INSERT INTO user_counts (role_id, status, n) VALUES (NEW.role_id, NEW.status, 1) ON CONFLICT (role_id, status) DO UPDATE SET n = user_counts.n + 1; END IF; RETURN NULL; END $$;
CREATE TRIGGER user_counts_track AFTER INSERT OR DELETE OR UPDATE OF role_id, status, deleted_at ON users FOR EACH ROW EXECUTE FUNCTION user_counts_track();
-- Substring search: a trigram GIN index serves search_text LIKE '%term%' for terms of three or
-- more characters. pg_trgm ships with PostgreSQL (contrib) and is a trusted extension: the
-- database owner may create it. Without the privilege the server still works, scanning instead.
DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; EXECUTE 'CREATE INDEX users_search_trgm ON users USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL'; EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'pg_trgm is not available: user search scans the table'; END $$;
DROP INDEX users_search;
