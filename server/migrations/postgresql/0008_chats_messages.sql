-- Chats and messages (seed §5, §6; CONTRACT §4, §5); PostgreSQL twin of sqlite/0008.
-- Chat status: new, bot, queued, assigned, active, pending, closed (domain/ChatStateMachine).
-- last_activity_at = last_message_at, or created_at before any message: the list's order.
CREATE TABLE chats (
    id BIGSERIAL PRIMARY KEY,
    client_id BIGINT NOT NULL REFERENCES clients(id),
    campaign_id BIGINT NOT NULL REFERENCES campaigns(id),
    whatsapp_number_id BIGINT NOT NULL REFERENCES whatsapp_numbers(id),
    assigned_agent_id BIGINT REFERENCES users(id),
    status TEXT NOT NULL DEFAULT 'new'
        CHECK (status IN ('new', 'bot', 'queued', 'assigned', 'active', 'pending', 'closed')),
    priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
    bot_context TEXT NOT NULL DEFAULT '{}',
    created_at BIGINT NOT NULL,
    queued_at BIGINT,
    assigned_at BIGINT,
    first_response_at BIGINT,
    last_message_at BIGINT,
    last_activity_at BIGINT NOT NULL,
    closed_at BIGINT,
    close_reason TEXT,
    outcome TEXT,
    outcome_value BIGINT,
    close_notes TEXT,
    message_count INTEGER NOT NULL DEFAULT 0,
    unread_count INTEGER NOT NULL DEFAULT 0,
    last_message_id BIGINT
);
-- One open chat per client and number: an inbound message on a closed chat opens a new one.
CREATE UNIQUE INDEX chats_one_open ON chats (client_id, whatsapp_number_id) WHERE status <> 'closed';
CREATE INDEX chats_activity ON chats (last_activity_at, id);
CREATE INDEX chats_status ON chats (status, last_activity_at);
CREATE INDEX chats_agent ON chats (assigned_agent_id, status);
CREATE INDEX chats_campaign ON chats (campaign_id, status);
CREATE INDEX chats_created ON chats (created_at);

CREATE TABLE chat_tags (
    chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (chat_id, tag)
);
CREATE INDEX chat_tags_tag ON chat_tags (tag, chat_id);

CREATE TABLE chat_notes (
    id BIGSERIAL PRIMARY KEY,
    chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users(id),
    content TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX chat_notes_chat ON chat_notes (chat_id, id);

-- What happened to a chat and when (assign, transfer, close, reopen, priority, …); reports read it.
CREATE TABLE chat_events (
    id BIGSERIAL PRIMARY KEY,
    chat_id BIGINT NOT NULL REFERENCES chats(id) ON DELETE CASCADE,
    event TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT,
    from_agent_id BIGINT,
    to_agent_id BIGINT,
    from_campaign_id BIGINT,
    to_campaign_id BIGINT,
    reason TEXT,
    user_id BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX chat_events_chat ON chat_events (chat_id, id);
CREATE INDEX chat_events_time ON chat_events (event, created_at);

-- whatsapp_number_id repeats the chat's number so a provider id is unique per number.
CREATE TABLE messages (
    id BIGSERIAL PRIMARY KEY,
    chat_id BIGINT NOT NULL REFERENCES chats(id),
    whatsapp_number_id BIGINT NOT NULL REFERENCES whatsapp_numbers(id),
    direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
    message_type TEXT NOT NULL
        CHECK (message_type IN ('text', 'image', 'document', 'audio', 'video', 'template', 'location', 'contact', 'sticker', 'interactive')),
    content TEXT,
    media_file_id BIGINT REFERENCES files(id),
    template_name TEXT,
    template_language TEXT,
    template_variables TEXT,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'delivered', 'read', 'failed')),
    error_code TEXT,
    error_message TEXT,
    provider_message_id TEXT,
    user_id BIGINT REFERENCES users(id),
    is_bot_message BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    sent_at BIGINT,
    delivered_at BIGINT,
    read_at BIGINT
);
CREATE INDEX messages_chat ON messages (chat_id, id);
CREATE UNIQUE INDEX messages_provider_id ON messages (whatsapp_number_id, provider_message_id)
    WHERE provider_message_id IS NOT NULL;
CREATE INDEX messages_status ON messages (status, id) WHERE status IN ('pending', 'failed');
