-- First-login password change (auth/handlers.ts): an account a coordinator creates starts with a password someone
-- else knows; until its user sets their own, every channel but auth.changePassword refuses with
-- PASSWORD_CHANGE_REQUIRED. Existing accounts chose or were told their password long ago and are not forced (0).
ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0;
