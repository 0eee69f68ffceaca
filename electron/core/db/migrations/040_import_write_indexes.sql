-- What an import writes per row, less what no query reads (issue 14 §6; the figures are in
-- electron/core/io/import/README.md, session 7).
--
-- 1. residents.id_number kept its UNIQUE from 002: since sealing (019) the column is NULL in every
-- row the app writes, yet its automatic index still took one entry per resident (a B-tree insert
-- per imported row, 250 pages at 100,000 residents) and no query reads it. SQLite cannot drop a
-- column constraint in place: the table is rebuilt by its 12-step procedure, run with foreign keys
-- off (migrations/index.ts: rebuildsTables; migrate.ts checks foreign_key_check before committing).
-- Same columns in the same order, same ids and values, so every row MAC (db/row-binding.ts) still
-- holds. The clear columns stay: a ledger not yet sealed keeps its numbers there until the first
-- clerk's or coordinator's unlock seals them (caseload/seal-upgrade.ts), and those numbers were
-- unique when written; what the app writes now is kept unique by residents_by_id_number_index.
CREATE TABLE residents_040 (
  id                   INTEGER PRIMARY KEY,
  household_id         INTEGER REFERENCES households (id),
  community_id         INTEGER NOT NULL REFERENCES communities (id),
  grid_id              INTEGER REFERENCES grids (id),
  name                 TEXT NOT NULL,
  -- The numbers in clear (id_number, id_rev, birth_date, phone, phone_rev): only in a ledger an
  -- older version wrote, until the sealing upgrade empties them (residents_numbers_in_clear).
  id_number            TEXT,
  id_rev               TEXT,
  sex                  TEXT CHECK (sex IN ('M', 'F')),
  birth_date           TEXT,
  phone                TEXT,
  phone_rev            TEXT,
  -- JSON array of tag codes: 'solitary_elderly' 独居老人, 'extreme_poverty' 特困,
  -- 'child_without_guardian' 监护缺失儿童, 'disabled' 残疾, 'pregnant' 孕产妇, 'chronic' 慢性病.
  tags                 TEXT NOT NULL DEFAULT '[]',
  created_at           TEXT NOT NULL,
  updated_at           TEXT NOT NULL,
  id_number_was15      INTEGER NOT NULL DEFAULT 0 CHECK (id_number_was15 IN (0, 1)),
  id_number_sealed     BLOB,
  id_number_masked     TEXT,
  id_number_index      BLOB,
  id_number_tail_index BLOB,
  phone_sealed         BLOB,
  phone_masked         TEXT,
  phone_tail_index     BLOB,
  birth_date_sealed    BLOB,
  birth_year           INTEGER,
  row_mac              BLOB
);
INSERT INTO residents_040 (id, household_id, community_id, grid_id, name, id_number, id_rev, sex, birth_date, phone, phone_rev, tags, created_at,
    updated_at, id_number_was15, id_number_sealed, id_number_masked, id_number_index, id_number_tail_index, phone_sealed, phone_masked,
    phone_tail_index, birth_date_sealed, birth_year, row_mac)
  SELECT id, household_id, community_id, grid_id, name, id_number, id_rev, sex, birth_date, phone, phone_rev, tags, created_at,
    updated_at, id_number_was15, id_number_sealed, id_number_masked, id_number_index, id_number_tail_index, phone_sealed, phone_masked,
    phone_tail_index, birth_date_sealed, birth_year, row_mac
  FROM residents ORDER BY id;
-- A trigger on cases reads residents: SQLite refuses the rename while it names a table not there.
DROP TRIGGER cases_follow_resident;
DROP TABLE residents;
ALTER TABLE residents_040 RENAME TO residents;

-- Every index and trigger residents had, and cases' trigger, as before (002, 019, 033, 038).
CREATE INDEX residents_by_household ON residents (household_id);
CREATE INDEX residents_by_community ON residents (community_id, grid_id, name);
CREATE INDEX residents_by_name ON residents (name);
CREATE UNIQUE INDEX residents_by_id_number_index ON residents (id_number_index);
CREATE INDEX residents_by_id_number_tail ON residents (id_number_tail_index) WHERE id_number_tail_index IS NOT NULL;
CREATE INDEX residents_by_phone_tail ON residents (phone_tail_index) WHERE phone_tail_index IS NOT NULL;
CREATE INDEX residents_by_birth_year ON residents (birth_year, id);
CREATE INDEX residents_numbers_in_clear ON residents (id)
  WHERE id_number IS NOT NULL OR phone IS NOT NULL OR birth_date IS NOT NULL OR id_rev IS NOT NULL OR phone_rev IS NOT NULL;
CREATE TRIGGER cases_follow_resident_name AFTER UPDATE OF name ON residents
  WHEN NEW.name IS NOT OLD.name
BEGIN
  UPDATE cases SET resident_name = NEW.name WHERE resident_id = NEW.id;
END;
CREATE TRIGGER cases_follow_resident AFTER UPDATE OF resident_id ON cases
  WHEN NEW.resident_id IS NOT OLD.resident_id
BEGIN
  UPDATE cases SET resident_name = (SELECT r.name FROM residents r WHERE r.id = NEW.resident_id) WHERE id = NEW.id;
END;

-- 2. households_by_revisit (revisit_on) is the first column of households_revisit_due (revisit_on,
-- screening_status) under the same WHERE: the revisit list's sort and range read that one.
DROP INDEX households_by_revisit;

-- households_by_community (community_id, screening_status) stays although households_coverage
-- starts with community_id too: the 今日 list of one community counts its revisits due from it
-- (community and the two revisit statuses), where households_coverage would read every household.
