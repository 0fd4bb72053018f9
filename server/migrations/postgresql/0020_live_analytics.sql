-- Live analytics (issue 5, seed §11; domain/LiveAnalytics): what closed today, and the messages
-- of the last hour per number, read along indexes rather than over the tables.
CREATE INDEX chats_closed ON chats (closed_at) WHERE status = 'closed';
CREATE INDEX messages_received_by_number ON messages (whatsapp_number_id, created_at) WHERE direction = 'inbound';
