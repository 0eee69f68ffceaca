-- The rota finds its staff under 居家/医学观察 by the whole ID number (issue 19, S45-A4). Before, it matched a staff
-- member to a resident by name and masked number (the first four and last four digits): a namesake in the same city
-- whose number ends in the same four is someone else, and their observation took the staff member off the rota.
-- Staff and residents index their numbers under different purposes (staff.id_number.index,
-- residents.id_number.index), so the staff's number is kept a second time under the residents' purpose:
--
--   id_number_resident_index  keyed HMAC of the whole ID number under 'residents.id_number.index'
--                             (rota/sealed-staff.ts; written with the number by rota/staff.repo.ts)
--
-- No key here: the column starts NULL, and the keyed upgrade fills it at the first clerk's or coordinator's unlock
-- (staff.repo.ts staffResidentIndexUpgrade). Until then the rota matches such a row the old way (staff-queries.ts).
ALTER TABLE staff ADD COLUMN id_number_resident_index BLOB;

-- From a resident under observation to the staff member with their number (staff-queries.ts observationSpans).
CREATE INDEX staff_by_resident_id_index ON staff (id_number_resident_index) WHERE id_number_resident_index IS NOT NULL;
