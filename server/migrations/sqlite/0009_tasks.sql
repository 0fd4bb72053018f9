-- Tasks (seed §8) and their comments. A task belongs to one assignee; the creator may be someone
-- else (a supervisor assigning work). Deleted tasks keep their row (soft delete).
-- chat_id has no foreign key yet: the chats table arrives with the chats module (migration 0008
-- is being written alongside); a later migration adds the reference.
-- priority: low, medium, high, urgent. status: pending, in_progress, completed, cancelled.
-- reminder_fired_at: when the reminder scheduler claimed the reminder (NULL = not fired yet);
-- changing reminder_date sets it back to NULL, which re-arms the reminder.
CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    client_id INTEGER REFERENCES clients(id),
    chat_id BIGINT,
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
CREATE INDEX tasks_assignee ON tasks (assigned_to_user_id, status) WHERE deleted_at IS NULL;
CREATE INDEX tasks_creator ON tasks (created_by_user_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_client ON tasks (client_id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_due ON tasks (due_date) WHERE deleted_at IS NULL;
-- What the reminder scheduler scans every few seconds: armed reminders of open tasks only (the
-- predicate is written exactly as TaskStore::dueReminders does, so both engines use the index).
CREATE INDEX tasks_reminders_armed ON tasks (reminder_date)
    WHERE reminder_fired_at IS NULL AND deleted_at IS NULL AND status IN ('pending', 'in_progress');
CREATE TABLE task_comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id),
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX task_comments_task ON task_comments (task_id, id);
