-- Rows bound to what they hold (issue 19, second attack run; db/row-binding.ts): a keyed MAC over the row id, its
-- identifying clear columns and its sealed values, written by each table's one writer and checked before a sealed
-- value is opened. NULL until the binding upgrade runs at the next clerk's or coordinator's unlock.
ALTER TABLE residents ADD COLUMN row_mac BLOB;
ALTER TABLE households ADD COLUMN row_mac BLOB;
ALTER TABLE staff ADD COLUMN row_mac BLOB;
ALTER TABLE honours_memorials ADD COLUMN row_mac BLOB;
ALTER TABLE honours_reports ADD COLUMN row_mac BLOB;
ALTER TABLE honours_family_members ADD COLUMN row_mac BLOB;
ALTER TABLE honours_visits ADD COLUMN row_mac BLOB;
ALTER TABLE honours_difficulties ADD COLUMN row_mac BLOB;
ALTER TABLE honours_publicity ADD COLUMN row_mac BLOB;
ALTER TABLE honours_steps ADD COLUMN row_mac BLOB;
ALTER TABLE honours_commendations ADD COLUMN row_mac BLOB;
ALTER TABLE honours_attachments ADD COLUMN row_mac BLOB;
ALTER TABLE office_keys ADD COLUMN row_mac BLOB;
