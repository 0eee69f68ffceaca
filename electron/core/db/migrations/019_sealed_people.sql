-- Separation at rest for residents and households (issue 19 item 2): full ID
-- numbers, phones and birth dates are stored sealed with the sensitive key,
-- which viewers' slots do not hold (db/sealer.ts, caseload/sealed-people.ts).
--
--   x_sealed      the value sealed (AES-GCM, the purpose 'table.column' as AAD)
--   x_masked      what a viewer sees, in clear: 4101**********1234, 138****5678
--   x_index       keyed HMAC of the whole value (exact match, one ID number one person)
--   x_tail_index  keyed HMAC of the last 4 characters (clerks' last-digit search)
--   birth_year    the year alone, in clear: viewers' 出生年份, sorting, age bands
--
-- This migration has no key: it fills the masks and birth years from the clear
-- values, so viewers see masks at once; the sealing upgrade (SEAL_UPGRADES)
-- seals and then NULLs the clear columns at the first clerk's or coordinator's
-- unlock. From then on residents.id_number, id_rev, birth_date, phone,
-- phone_rev and households.phone are always NULL: SQLite cannot drop a
-- UNIQUE column cheaply, so they stay in the table, unused.
ALTER TABLE residents ADD COLUMN id_number_sealed BLOB;
ALTER TABLE residents ADD COLUMN id_number_masked TEXT;
ALTER TABLE residents ADD COLUMN id_number_index BLOB;
ALTER TABLE residents ADD COLUMN id_number_tail_index BLOB;
ALTER TABLE residents ADD COLUMN phone_sealed BLOB;
ALTER TABLE residents ADD COLUMN phone_masked TEXT;
ALTER TABLE residents ADD COLUMN phone_tail_index BLOB;
ALTER TABLE residents ADD COLUMN birth_date_sealed BLOB;
ALTER TABLE residents ADD COLUMN birth_year INTEGER;
ALTER TABLE households ADD COLUMN phone_sealed BLOB;
ALTER TABLE households ADD COLUMN phone_masked TEXT;

-- The reversed numbers were there for "ends with" searches; a viewer could read them as they are.
DROP INDEX residents_by_id_rev;
DROP INDEX residents_by_phone_rev;
CREATE UNIQUE INDEX residents_by_id_number_index ON residents (id_number_index);
CREATE INDEX residents_by_id_number_tail ON residents (id_number_tail_index) WHERE id_number_tail_index IS NOT NULL;
CREATE INDEX residents_by_phone_tail ON residents (phone_tail_index) WHERE phone_tail_index IS NOT NULL;
CREATE INDEX residents_by_birth_year ON residents (birth_year, id);

-- The masks as people/id-number.ts maskIdNumber / maskPhone make them.
UPDATE residents SET
  id_rev = NULL,
  phone_rev = NULL,
  id_number_masked = CASE
    WHEN id_number IS NULL OR id_number = '' THEN NULL
    WHEN length(id_number) <= 8 THEN substr('******************', 1, length(id_number))
    ELSE substr(id_number, 1, 4) || substr('******************', 1, length(id_number) - 8) || substr(id_number, -4) END,
  phone_masked = CASE
    WHEN phone IS NULL OR phone = '' THEN NULL
    WHEN length(phone) < 7 THEN substr('************', 1, length(phone))
    ELSE substr(phone, 1, 3) || substr('************', 1, length(phone) - 7) || substr(phone, -4) END,
  birth_year = CASE WHEN birth_date GLOB '[0-9][0-9][0-9][0-9]-*' THEN CAST(substr(birth_date, 1, 4) AS INTEGER) END;

UPDATE households SET phone_masked = CASE
    WHEN phone IS NULL OR phone = '' THEN NULL
    WHEN length(phone) < 7 THEN substr('************', 1, length(phone))
    ELSE substr(phone, 1, 3) || substr('************', 1, length(phone) - 7) || substr(phone, -4) END;
