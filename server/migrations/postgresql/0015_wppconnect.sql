-- WPPConnect numbers (issue 4): the latest QR code a session showed (a PNG data URL, as the
-- qrcode webhook sends it) with when it stops being scannable, and every connection change of a
-- number (webhook status-find / closesession / logoutsession events, disconnect and reconnect).
ALTER TABLE whatsapp_numbers ADD COLUMN qr_code TEXT;
ALTER TABLE whatsapp_numbers ADD COLUMN qr_expires_at BIGINT;

CREATE TABLE whatsapp_number_connections (
    id BIGSERIAL PRIMARY KEY,
    whatsapp_number_id BIGINT NOT NULL REFERENCES whatsapp_numbers(id),
    status TEXT NOT NULL,
    detail TEXT,
    created_at BIGINT NOT NULL
);
CREATE INDEX whatsapp_number_connections_number ON whatsapp_number_connections (whatsapp_number_id, id);
