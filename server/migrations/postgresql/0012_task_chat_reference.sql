-- tasks.chat_id becomes a reference to chats: 0009 left it without one because the chats table
-- was being written alongside (0008). A chat_id that names no chat (written before the API
-- checked it) is cleared first, or the constraint could not be added.
-- No index on tasks (chat_id) yet: nothing reads tasks by chat, and chats are never deleted.
UPDATE tasks SET chat_id = NULL
    WHERE chat_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM chats c WHERE c.id = tasks.chat_id);
ALTER TABLE tasks ADD CONSTRAINT tasks_chat_id_fkey FOREIGN KEY (chat_id) REFERENCES chats(id);
