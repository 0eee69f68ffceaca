-- Issue 19 item 4: the audit head that packages carry, kept on both sides.
-- The office: each export records the head its package carries (manifest.auditHead), so
-- audit.verify can hold the log against the last packages that left (io/export/export-witness.ts).
-- NULL for exports made before this version (their packages may carry a head; it was not kept).
ALTER TABLE export_log ADD COLUMN audit_last_id INTEGER;
ALTER TABLE export_log ADD COLUMN audit_last_hash TEXT;
ALTER TABLE export_log ADD COLUMN audit_row_count INTEGER;

-- The district: the head of every verified package (format version 2 and later), by office key,
-- so a later package whose log went back is flagged in the next 核验 too (io/export/district-heads.repo.ts).
CREATE TABLE district_audit_heads (
  id              INTEGER PRIMARY KEY,
  fingerprint     TEXT NOT NULL,
  office_name     TEXT NOT NULL,
  period_from     TEXT NOT NULL,
  period_to       TEXT NOT NULL,
  generated_at    TEXT NOT NULL,
  last_id         INTEGER NOT NULL,
  last_hash       TEXT NOT NULL,
  row_count       INTEGER NOT NULL,
  intact          INTEGER NOT NULL CHECK (intact IN (0, 1)),
  package_sha256  TEXT NOT NULL UNIQUE,
  seen_at         TEXT NOT NULL
);
CREATE INDEX district_audit_heads_by_key ON district_audit_heads (fingerprint, generated_at);
