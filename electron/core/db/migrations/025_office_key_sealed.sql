-- The office's Ed25519 private key, sealed with the sensitive key (keys/sealer.ts,
-- purpose 'office_keys.private_key'): a viewer's password opens the file but
-- cannot sign a package. The public key and fingerprint stay clear (verification
-- needs them). private_key_pem is declared NOT NULL by migration 007 and SQLite
-- cannot drop or relax it without rebuilding the table, so it stays and holds ''
-- once sealed: the sealing upgrade 'office_keys.private_key' empties it at the
-- first clerk or coordinator unlock, and new keys are written sealed only.
ALTER TABLE office_keys ADD COLUMN private_key_sealed BLOB;
