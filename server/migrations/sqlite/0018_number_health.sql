-- The periodic health check of numbers (issue 4, delivery/HealthMonitor; seed §4.4 "health"):
-- the last check's outcome, the provider's round trip and what it said. A server claims a due
-- check by moving health_claimed_at forward, so two servers never check one number at once.
ALTER TABLE whatsapp_numbers ADD COLUMN health_claimed_at BIGINT;
ALTER TABLE whatsapp_numbers ADD COLUMN health_checked_at BIGINT;
ALTER TABLE whatsapp_numbers ADD COLUMN health_is_healthy BOOLEAN;
ALTER TABLE whatsapp_numbers ADD COLUMN health_response_time_ms INTEGER;
ALTER TABLE whatsapp_numbers ADD COLUMN health_provider_status TEXT;
ALTER TABLE whatsapp_numbers ADD COLUMN health_error TEXT;
