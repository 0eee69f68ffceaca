-- Slots' public keys vouched for with the sensitive key (issue 19, session 15 attack run K1). The keyring is a
-- file every viewer who can reach the ledger folder can rewrite: with the recovery slot's (or a clerk's) public key
-- replaced by their own, the next clerk's or coordinator's unlock sealed the sensitive key to them. A key is given
-- or re-sealed now only to a slot whose public key matches the statement here: the slot's name and public key,
-- sealed under the sensitive key (purpose 'slots.public_key') by a session holding it (auth/slot-keys.ts).
CREATE TABLE slot_keys (
  name TEXT PRIMARY KEY,
  key_sealed BLOB NOT NULL
);
