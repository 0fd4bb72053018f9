-- Clients (seed §7). A phone number (E.164) belongs to one live client; a deleted client keeps
-- its row (its chats and audit history still name it) and frees the number.
-- lead_status: new, contacted, qualified, proposal, negotiation, won, lost.
CREATE TABLE clients (
    id BIGSERIAL PRIMARY KEY,
    phone_number TEXT NOT NULL,
    first_name TEXT,
    last_name TEXT,
    email TEXT,
    company TEXT,
    city TEXT,
    country TEXT,
    address TEXT,
    lead_status TEXT NOT NULL DEFAULT 'new' CHECK (lead_status IN ('new', 'contacted', 'qualified', 'proposal', 'negotiation', 'won', 'lost')),
    lead_score INTEGER NOT NULL DEFAULT 0 CHECK (lead_score BETWEEN 0 AND 100),
    ltv BIGINT NOT NULL DEFAULT 0,
    total_purchases INTEGER NOT NULL DEFAULT 0,
    last_purchase_at BIGINT,
    segment TEXT,
    notes TEXT,
    is_blocked BOOLEAN NOT NULL DEFAULT FALSE,
    opt_in BOOLEAN NOT NULL DEFAULT FALSE,
    custom_fields TEXT NOT NULL DEFAULT '{}',
    last_contact_at BIGINT,
    search_text TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    deleted_at BIGINT
);
CREATE UNIQUE INDEX clients_phone_live ON clients (phone_number) WHERE deleted_at IS NULL;
CREATE INDEX clients_lead_status ON clients (lead_status) WHERE deleted_at IS NULL;
CREATE INDEX clients_segment ON clients (segment) WHERE deleted_at IS NULL;
-- Tags are normalised (trimmed, lower case, at most 50 characters) before they get here.
CREATE TABLE client_tags (
    client_id BIGINT NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
    tag TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (client_id, tag)
);
CREATE INDEX client_tags_tag ON client_tags (tag, client_id);
-- Substring search as for users (0004): a trigram index when pg_trgm may be created.
DO $$ BEGIN CREATE EXTENSION IF NOT EXISTS pg_trgm; EXECUTE 'CREATE INDEX clients_search_trgm ON clients USING gin (search_text gin_trgm_ops) WHERE deleted_at IS NULL'; EXCEPTION WHEN insufficient_privilege THEN RAISE NOTICE 'pg_trgm is not available: client search scans the table'; END $$;
