-- tasks.chat_id becomes a reference to chats: 0009 left it without one because the chats table
-- was being written alongside (0008). A chat_id that names no chat (written before the API
-- checked it) is cleared on the way.
-- No index on tasks (chat_id) yet: nothing reads tasks by chat, and chats are never deleted.
--
-- SQLite cannot add a foreign key to a table, so tasks is rebuilt: new table, copy, drop, rename.
-- Database::migrate runs this file in one transaction on a connection with foreign_keys=ON, and
-- that pragma cannot be changed inside a transaction. DROP TABLE tasks then deletes every task
-- first, and with them every task_comments row (ON DELETE CASCADE), and defer_foreign_keys does
-- not hold a cascade back. So the comments are set aside in a temporary table, emptied from
-- task_comments (which also covers a connection without foreign keys), and put back, ids and
-- all, once the new tasks table holds the same ids. The rename makes task_comments' reference
-- (by name, to tasks) point at the new table. The AUTOINCREMENT counter of tasks (sqlite_sequence)
-- is carried over so ids of tasks removed for good are not handed out again.
CREATE TEMP TABLE task_comments_0012 AS
    SELECT id, task_id, user_id, content, created_at FROM task_comments;
DELETE FROM task_comments;
-- The columns and CHECKs of 0009, with the reference on chat_id.
CREATE TABLE tasks_0012 (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER REFERENCES clients(id),
    chat_id BIGINT REFERENCES chats(id),
    assigned_to_user_id INTEGER NOT NULL REFERENCES users(id),
    created_by_user_id INTEGER NOT NULL REFERENCES users(id),
    title TEXT NOT NULL,
    description TEXT,
    due_date BIGINT,
    reminder_date BIGINT,
    reminder_fired_at BIGINT,
    priority TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high', 'urgent')),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'in_progress', 'completed', 'cancelled')),
    completed_at BIGINT,
    completion_notes TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
INSERT INTO tasks_0012 (id, client_id, chat_id, assigned_to_user_id, created_by_user_id, title, description,
                        due_date, reminder_date, reminder_fired_at, priority, status, completed_at,
                        completion_notes, created_at, updated_at, deleted_at)
    SELECT t.id, t.client_id,
           CASE WHEN EXISTS (SELECT 1 FROM chats c WHERE c.id = t.chat_id) THEN t.chat_id END,
           t.assigned_to_user_id, t.created_by_user_id, t.title, t.description, t.due_date, t.reminder_date,
           t.reminder_fired_at, t.priority, t.status, t.completed_at, t.completion_notes, t.created_at,
           t.updated_at, t.deleted_at
    FROM tasks t ORDER BY t.id;
DELETE FROM sqlite_sequence WHERE name = 'tasks_0012';
INSERT INTO sqlite_sequence (name, seq) SELECT 'tasks_0012', seq FROM sqlite_sequence WHERE name = 'tasks';
DROP TABLE tasks;
ALTER TABLE tasks_0012 RENAME TO tasks;
-- The indexes of 0009, as they were.
CREATE INDEX tasks_assignee ON tasks (assigned_to_user_id, status) WHERE deleted_at IS NULL;
CREATE INDEX tasks_creator ON tasks (created_by_user_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_client ON tasks (client_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_due ON tasks (due_date) WHERE deleted_at IS NULL;
CREATE INDEX tasks_reminders_armed ON tasks (reminder_date)
    WHERE reminder_fired_at IS NULL AND deleted_at IS NULL AND status IN ('pending', 'in_progress');
INSERT INTO task_comments (id, task_id, user_id, content, created_at)
    SELECT id, task_id, user_id, content, created_at FROM task_comments_0012 ORDER BY id;
DROP TABLE task_comments_0012;
