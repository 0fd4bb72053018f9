-- Lookups that link chats to the CRM: a client's chats (client detail, total_chats) and the
-- messages that carry a file (file visibility through the chat).
CREATE INDEX chats_client ON chats (client_id, created_at);
CREATE INDEX messages_media_file ON messages (media_file_id) WHERE media_file_id IS NOT NULL;
