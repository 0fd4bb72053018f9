-- A queued chat's place in its campaign's queue (queue_position in every chat answer and event)
-- counts the chats ahead of it in queue order: priority, then the longest waiting. chats_queue
-- does not hold the priority, so the count read every queued chat of the campaign from the table;
-- in this index the count is one walk of index entries, and routing's pick reads the queue in order.
CREATE INDEX chats_queue_order ON chats (campaign_id, (CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END), COALESCE(queued_at, created_at), id)
    WHERE status = 'queued';
