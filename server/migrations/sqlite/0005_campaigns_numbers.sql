-- CRM core, first increment: WhatsApp numbers, campaigns and their number/agent assignments.
-- Number status: pending (created, never connected), active, inactive (disabled by an admin).
-- Connection status: disconnected, connecting, qr_pending, connected, error.
-- Provider secrets are SecretBox-sealed ("v1:…") with associated data
-- "whatsapp_numbers.<column>:<id>"; the API never returns them.
CREATE TABLE whatsapp_numbers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    phone_number TEXT NOT NULL,
    display_name TEXT NOT NULL DEFAULT '',
    provider TEXT NOT NULL CHECK (provider IN ('meta', 'wppconnect')),
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'inactive')),
    connection_status TEXT NOT NULL DEFAULT 'disconnected'
        CHECK (connection_status IN ('disconnected', 'connecting', 'qr_pending', 'connected', 'error')),
    last_connected_at BIGINT,
    last_error TEXT,
    daily_message_limit INTEGER NOT NULL DEFAULT 1000,
    rate_limit_per_minute INTEGER NOT NULL DEFAULT 60,
    total_messages_sent BIGINT NOT NULL DEFAULT 0,
    total_messages_received BIGINT NOT NULL DEFAULT 0,
    meta_phone_number_id TEXT,
    meta_business_account_id TEXT,
    meta_access_token TEXT,
    meta_app_secret TEXT,
    webhook_verify_token TEXT,
    wppconnect_session_name TEXT,
    wppconnect_server_url TEXT,
    wppconnect_api_key TEXT,
    webhook_secret TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE UNIQUE INDEX whatsapp_numbers_phone_live ON whatsapp_numbers (phone_number) WHERE deleted_at IS NULL;
-- Inbound Meta webhooks are routed by phone_number_id, so it names one live number.
CREATE UNIQUE INDEX whatsapp_numbers_meta_id_live ON whatsapp_numbers (meta_phone_number_id)
    WHERE deleted_at IS NULL AND meta_phone_number_id IS NOT NULL;
CREATE INDEX whatsapp_numbers_status ON whatsapp_numbers (status, provider) WHERE deleted_at IS NULL;

CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    code TEXT NOT NULL,
    description TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'inactive', 'paused')),
    priority INTEGER NOT NULL DEFAULT 0,
    business_hours TEXT,
    timezone TEXT NOT NULL DEFAULT 'UTC',
    sla_first_response_seconds INTEGER NOT NULL DEFAULT 300,
    sla_resolution_seconds INTEGER NOT NULL DEFAULT 86400,
    bot_enabled BOOLEAN NOT NULL DEFAULT FALSE,
    bot_flow_id BIGINT,
    routing_strategy TEXT NOT NULL DEFAULT 'round_robin'
        CHECK (routing_strategy IN ('round_robin', 'least_busy', 'priority', 'skills')),
    welcome_message TEXT,
    offline_message TEXT,
    search_text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
-- Codes are ASCII ([A-Za-z0-9_-]), unique ignoring case among live campaigns.
CREATE UNIQUE INDEX campaigns_code_live ON campaigns (UPPER(code)) WHERE deleted_at IS NULL;
CREATE INDEX campaigns_status ON campaigns (status, id) WHERE deleted_at IS NULL;

CREATE TABLE campaign_numbers (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    number_id INTEGER NOT NULL REFERENCES whatsapp_numbers(id) ON DELETE CASCADE,
    is_primary BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, number_id)
);
CREATE UNIQUE INDEX campaign_numbers_one_primary ON campaign_numbers (campaign_id) WHERE is_primary;
CREATE INDEX campaign_numbers_number ON campaign_numbers (number_id);

CREATE TABLE campaign_agents (
    campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    max_concurrent_chats INTEGER NOT NULL DEFAULT 5,
    priority INTEGER NOT NULL DEFAULT 0,
    skills TEXT NOT NULL DEFAULT '[]',
    created_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, user_id)
);
CREATE INDEX campaign_agents_user ON campaign_agents (user_id);
