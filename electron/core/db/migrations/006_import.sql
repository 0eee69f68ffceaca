-- Import of community spreadsheets: the log of every import, the rows sent
-- back to the community, rows kept twice for review, and remembered header
-- mappings. Parsed files are staged in the core worker's memory between
-- preview and commit (see io/import/staging.ts), never half-written here.
CREATE TABLE import_log (
  id           INTEGER PRIMARY KEY,
  target       TEXT NOT NULL,
  file_name    TEXT NOT NULL,
  file_hash    TEXT NOT NULL,
  file_format  TEXT NOT NULL CHECK (file_format IN ('xlsx', 'csv')),
  sheet        TEXT,
  encoding     TEXT,
  on_duplicate TEXT NOT NULL CHECK (on_duplicate IN ('skip', 'update', 'flag')),
  headers_json TEXT NOT NULL DEFAULT '[]',
  total_rows   INTEGER NOT NULL DEFAULT 0,
  created      INTEGER NOT NULL DEFAULT 0,
  updated      INTEGER NOT NULL DEFAULT 0,
  unchanged    INTEGER NOT NULL DEFAULT 0,
  skipped      INTEGER NOT NULL DEFAULT 0,
  flagged      INTEGER NOT NULL DEFAULT 0,
  rejected     INTEGER NOT NULL DEFAULT 0,
  user_id      INTEGER,
  username     TEXT NOT NULL,
  at           TEXT NOT NULL
);
-- History lists newest first; idempotency looks up (target, file_hash).
CREATE INDEX import_log_by_at ON import_log (at DESC, id DESC);
CREATE INDEX import_log_by_hash ON import_log (target, file_hash);

-- The rows that go back to the community: original cells plus 错误原因.
CREATE TABLE import_rejected_rows (
  id         INTEGER PRIMARY KEY,
  import_id  INTEGER NOT NULL REFERENCES import_log (id),
  row_number INTEGER NOT NULL,
  cells_json TEXT NOT NULL,
  reason     TEXT NOT NULL
);
CREATE INDEX import_rejected_rows_by_import ON import_rejected_rows (import_id, row_number);

-- "Keep both, flag for review": the incoming record (written as entity_id when
-- the ledger allows two, e.g. staff; NULL when the same ID number cannot be
-- held twice) beside the existing one it may duplicate.
CREATE TABLE import_review_flags (
  id            INTEGER PRIMARY KEY,
  import_id     INTEGER NOT NULL REFERENCES import_log (id),
  row_number    INTEGER NOT NULL,
  entity        TEXT NOT NULL,
  entity_id     INTEGER,
  existing_id   INTEGER NOT NULL,
  incoming_json TEXT NOT NULL,
  reason        TEXT NOT NULL,
  resolved    INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
);
CREATE INDEX import_review_flags_by_entity ON import_review_flags (entity, resolved, entity_id);
CREATE INDEX import_review_flags_by_import ON import_review_flags (import_id);

-- Header mappings remembered per target and exact header list (its signature).
CREATE TABLE import_header_mappings (
  target       TEXT NOT NULL,
  signature    TEXT NOT NULL,
  headers_json TEXT NOT NULL,
  mapping_json TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  PRIMARY KEY (target, signature)
);

