-- Backups (docs/BACKUPS.md): one row per archive in <data dir>/backups. The catalog describes the
-- archives on this installation's disk, so a restore keeps the rows it had (BackupService).
-- created_by has no foreign key: the user it names may not exist in a restored database.
CREATE TABLE backups (
    id BIGSERIAL PRIMARY KEY,
    backup_type TEXT NOT NULL,
    storage_location TEXT NOT NULL,
    origin TEXT NOT NULL,
    status TEXT NOT NULL,
    file_name TEXT,
    size_bytes BIGINT,
    sha256 TEXT,
    engine TEXT,
    schema_version INTEGER,
    error TEXT,
    created_by BIGINT,
    started_at BIGINT NOT NULL,
    finished_at BIGINT
);
CREATE INDEX backups_status ON backups (status, id);
-- Scheduled backups across servers sharing one database: the server whose UPDATE moves last_slot
-- forward takes the run (BackupScheduler).
CREATE TABLE backup_schedule (
    name TEXT PRIMARY KEY,
    last_slot BIGINT NOT NULL
);
INSERT INTO backup_schedule (name, last_slot) VALUES ('scheduled', 0);
