-- Idempotency-Key on POST /v1/messages (issue 6: the desktop's outbox sends a message typed while
-- offline once, however often it retries). The key is the sender's: the same key from another
-- user is another message.
ALTER TABLE messages ADD COLUMN idempotency_key TEXT;
CREATE UNIQUE INDEX messages_idempotency ON messages (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
