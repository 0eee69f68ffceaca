-- The office day from which a member of staff is 不在岗 (set when a save turns them inactive, cleared when they
-- return). Shifts before it were worked while on duty and can still be confirmed and paid (a person who left on
-- the 16th is paid 1st–15th when the month is confirmed later). Null for rows that exist: an older ledger does not
-- know when they left, and they stay off duty on every day, as before. No index: read with the staff row.
ALTER TABLE staff ADD COLUMN inactive_from TEXT;
