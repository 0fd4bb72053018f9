-- The optional reassignment of unanswered chats (issue 5, CONTRACT §4): with it on, a chat whose
-- agent has not answered within the campaign's first-response target of being given it goes back
-- to the queue, and the agent it left is skipped when it is routed again.
ALTER TABLE campaigns ADD COLUMN sla_reassign_enabled BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE chats ADD COLUMN routing_skip_agent_id BIGINT;
CREATE INDEX chats_awaiting_answer ON chats (assigned_at) WHERE status = 'assigned' AND first_response_at IS NULL;
