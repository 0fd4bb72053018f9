-- Uploaded files (seed §14); PostgreSQL twin of sqlite/0007. The bytes live in the data dir under storage_path (generated, relative
-- to the data dir); the client's name is kept for display only. related_entity_id has no foreign
-- key: it points into messages, clients, tasks or chats by related_entity_type.
CREATE TABLE files (
    id BIGSERIAL PRIMARY KEY,
    filename TEXT NOT NULL,
    original_filename TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_path TEXT NOT NULL,
    thumbnail_path TEXT,
    width INTEGER,
    height INTEGER,
    related_entity_type TEXT CHECK (related_entity_type IN ('message', 'client', 'task', 'chat')),
    related_entity_id BIGINT,
    uploaded_by BIGINT REFERENCES users(id),
    created_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE UNIQUE INDEX files_storage_path ON files (storage_path);
CREATE INDEX files_related ON files (related_entity_type, related_entity_id) WHERE deleted_at IS NULL;
CREATE INDEX files_uploaded_by ON files (uploaded_by) WHERE deleted_at IS NULL;
