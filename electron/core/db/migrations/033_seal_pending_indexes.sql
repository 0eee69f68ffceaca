-- The sealing upgrades (caseload/seal-upgrade.ts) ask at every clerk's or coordinator's unlock
-- whether any resident or household still holds a number in clear. Without an index that is a
-- scan of every row (0.2–0.7 s at 100,000 residents on a loaded office PC) to find none. These
-- partial indexes hold only rows still in clear, so they are empty once sealed and the question
-- is answered from an empty index. Their WHERE is the upgrades' own (residents.repo.ts
-- CLEAR_RESIDENT_NUMBERS), word for word, so SQLite can use them;
-- tests/unit/caseload/seal-pending-plan.test.ts checks it does.
CREATE INDEX residents_numbers_in_clear ON residents (id)
  WHERE id_number IS NOT NULL OR phone IS NOT NULL OR birth_date IS NOT NULL OR id_rev IS NOT NULL OR phone_rev IS NOT NULL;
CREATE INDEX households_phone_in_clear ON households (id) WHERE phone IS NOT NULL;
