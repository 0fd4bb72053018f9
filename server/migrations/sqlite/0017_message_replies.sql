-- Quoted replies (issue 4): a message may quote an earlier one. Outbound, the worker sends the
-- quoted message's provider id (Meta context.message_id, WPPConnect quotedMsg); inbound, a
-- provider's quote is resolved to our row when we have it. Messages are never deleted.
ALTER TABLE messages ADD COLUMN reply_to_message_id BIGINT REFERENCES messages (id);
