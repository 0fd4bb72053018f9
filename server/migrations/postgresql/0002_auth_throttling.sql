-- Auth: why a login attempt failed, so refused (throttled) attempts are recorded without
-- extending the lock-out; and wrong codes per 2FA challenge, so a challenge dies after five.
ALTER TABLE login_attempts ADD COLUMN reason TEXT;
ALTER TABLE two_factor_challenges ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
