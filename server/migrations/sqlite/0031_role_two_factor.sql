-- Require 2FA per role (docs/API.md#two-factor-required-by-role): a user of such a role without
-- 2FA may only enable it until done. Read with the user on every request, so a change made on one
-- server holds on every server at once.
ALTER TABLE roles ADD COLUMN require_two_factor BOOLEAN NOT NULL DEFAULT FALSE;
