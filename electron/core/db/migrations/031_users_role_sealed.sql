-- Roles vouched for with the sensitive key (issue 19, second attack run). The users
-- table is in the database every slot opens, so a viewer who can write the ledger
-- folder could set role = 'clerk' on their own row and wait for a clerk's unlock to
-- seal the sensitive key to their slot. The key now follows a role only when
-- role_sealed (sealed with the sensitive key, purpose 'users.role', over the row's
-- id, username and role) was written by a session holding that key (auth/vouched-roles.ts).
ALTER TABLE users ADD COLUMN role_sealed BLOB;
