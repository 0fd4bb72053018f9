-- The satisfaction survey after close (issue 13, docs/ROUTING.md#satisfaction-survey): per campaign,
-- optional. csat_message NULL: the default text in the customer language; csat_timeout_minutes:
-- how long after the survey was sent an answer 1-5 still counts. On the chat: when the survey was
-- queued, the score the client gave (1-5) and when.
ALTER TABLE campaigns ADD COLUMN csat_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE campaigns ADD COLUMN csat_message TEXT;
ALTER TABLE campaigns ADD COLUMN csat_timeout_minutes INTEGER NOT NULL DEFAULT 60
    CHECK (csat_timeout_minutes BETWEEN 1 AND 10080);
ALTER TABLE chats ADD COLUMN csat_score INTEGER CHECK (csat_score BETWEEN 1 AND 5);
ALTER TABLE chats ADD COLUMN csat_sent_at BIGINT;
ALTER TABLE chats ADD COLUMN csat_answered_at BIGINT;
