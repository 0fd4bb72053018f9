-- GET /v1/users without a search answers its total from user_counts, kept exact by triggers
-- (an O(1) read instead of counting every live user on each request).
CREATE TABLE user_counts (
    role_id INTEGER NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (role_id, status)
);
INSERT INTO user_counts (role_id, status, n) SELECT role_id, status, COUNT(*) FROM users WHERE deleted_at IS NULL GROUP BY role_id, status;
CREATE TRIGGER user_counts_insert AFTER INSERT ON users WHEN new.deleted_at IS NULL BEGIN INSERT INTO user_counts (role_id, status, n) VALUES (new.role_id, new.status, 1) ON CONFLICT (role_id, status) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER user_counts_update AFTER UPDATE OF role_id, status, deleted_at ON users BEGIN UPDATE user_counts SET n = n - 1 WHERE old.deleted_at IS NULL AND role_id = old.role_id AND status = old.status; INSERT INTO user_counts (role_id, status, n) SELECT new.role_id, new.status, 1 WHERE new.deleted_at IS NULL ON CONFLICT (role_id, status) DO UPDATE SET n = n + 1; END;
CREATE TRIGGER user_counts_delete AFTER DELETE ON users WHEN old.deleted_at IS NULL BEGIN UPDATE user_counts SET n = n - 1 WHERE role_id = old.role_id AND status = old.status; END;
-- Substring search: a trigram full-text index over search_text, kept in sync by triggers. A
-- selective term (five or more characters) is looked up in it; a short, common one scans the
-- narrow users_search index of 0003, which is cheaper when a large share of users match.
CREATE VIRTUAL TABLE users_fts USING fts5(search_text, content='users', content_rowid='id', tokenize='trigram');
INSERT INTO users_fts (users_fts) VALUES ('rebuild');
CREATE TRIGGER users_fts_insert AFTER INSERT ON users BEGIN INSERT INTO users_fts (rowid, search_text) VALUES (new.id, new.search_text); END;
CREATE TRIGGER users_fts_delete AFTER DELETE ON users BEGIN INSERT INTO users_fts (users_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); END;
CREATE TRIGGER users_fts_update AFTER UPDATE OF search_text ON users BEGIN INSERT INTO users_fts (users_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text); INSERT INTO users_fts (rowid, search_text) VALUES (new.id, new.search_text); END;
