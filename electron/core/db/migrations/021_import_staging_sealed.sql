-- Import staging holds raw cells (rejected rows) and incoming records (rows
-- flagged as possible duplicates), with full ID numbers and phones in them.
-- Sealed whole with the sensitive key (io/import/staging-seal.ts): the clear
-- columns stay (NOT NULL) but hold nothing personal from now on:
-- cells_json '[]', incoming_json the record with its numbers masked. Rows
-- written before are sealed at the first clerk's or coordinator's unlock.
ALTER TABLE import_rejected_rows ADD COLUMN cells_sealed BLOB;
ALTER TABLE import_review_flags ADD COLUMN incoming_sealed BLOB;
