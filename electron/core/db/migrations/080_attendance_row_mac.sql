-- 出勤确认 bound to the shift it pays (rota/attendance-binding.ts, db/row-binding.ts): a keyed MAC over the row id,
-- the assignment, day, post, shift, person, status and who confirmed it, written by attendance.ts with its audit row.
-- NULL until the attendance binding upgrade runs at the next clerk's or coordinator's unlock; after it, a row without
-- a MAC (inserted offline with the database key alone) or with a wrong one pays nothing.
ALTER TABLE rota_attendance ADD COLUMN row_mac BLOB;
