-- Inbound media download (CONTRACT §5; delivery/MediaFetcher): an inbound message with a
-- provider_media_id and no media_file_id is due when media_next_attempt_at is null or past and
-- nobody holds a fresh claim on it. A fetcher claims it (media_fetching_since = now,
-- media_fetch_attempts + 1) in one UPDATE; a download is idempotent, so a claim left behind by a
-- fetcher that died is simply taken again once it is stale. Giving up (media gone at Meta, too
-- large, not an accepted type, too many transient failures) sets media_failed_at and the
-- message's error_code / error_message.
ALTER TABLE messages ADD COLUMN media_fetch_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE messages ADD COLUMN media_next_attempt_at BIGINT;
ALTER TABLE messages ADD COLUMN media_fetching_since BIGINT;
ALTER TABLE messages ADD COLUMN media_failed_at BIGINT;
-- "Media still to fetch": few rows, walked in id order.
CREATE INDEX messages_media_due ON messages (id)
    WHERE provider_media_id IS NOT NULL AND media_file_id IS NULL AND media_failed_at IS NULL;
