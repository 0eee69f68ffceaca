-- Separation at rest for the staff register (issue 19 item 2): ID numbers and phones
-- of front-line staff are sealed with the sensitive key, which viewers' slots do not
-- hold (keys/sealer.ts, rota/sealed-staff.ts), as residents' are (019).
--
--   x_sealed         the value sealed (AES-GCM, the purpose 'staff.x' as AAD)
--   x_masked         what a viewer sees, in clear: 4101**********1234, 138****5678
--   id_number_index  keyed HMAC of the whole ID number (the register's duplicate check, the import's match)
--
-- This migration has no key: it fills the masks from the clear values, so viewers see
-- masks at once; the sealing upgrade seals and NULLs staff.id_number and staff.phone at
-- the first clerk's or coordinator's unlock. From then on those two columns are always
-- NULL (left in the table, unused).
ALTER TABLE staff ADD COLUMN id_number_sealed BLOB;
ALTER TABLE staff ADD COLUMN id_number_masked TEXT;
ALTER TABLE staff ADD COLUMN id_number_index BLOB;
ALTER TABLE staff ADD COLUMN phone_sealed BLOB;
ALTER TABLE staff ADD COLUMN phone_masked TEXT;

-- The index on the clear number goes with it; the keyed one takes its place.
DROP INDEX staff_by_id_number;
CREATE INDEX staff_by_id_number_index ON staff (id_number_index) WHERE id_number_index IS NOT NULL;

-- The masks as people/id-number.ts maskIdNumber / maskPhone make them.
UPDATE staff SET
  id_number_masked = CASE
    WHEN id_number IS NULL OR id_number = '' THEN NULL
    WHEN length(id_number) <= 8 THEN substr('******************', 1, length(id_number))
    ELSE substr(id_number, 1, 4) || substr('******************', 1, length(id_number) - 8) || substr(id_number, -4) END,
  phone_masked = CASE
    WHEN phone IS NULL OR phone = '' THEN NULL
    WHEN length(phone) < 7 THEN substr('************', 1, length(phone))
    ELSE substr(phone, 1, 3) || substr('************', 1, length(phone) - 7) || substr(phone, -4) END;
