-- Figures a coordinator can trust (issue 16): coverage, attendance, rates,
-- observation release, staff register, ID numbers, care for dependants.

-- Coverage (caseload/coverage.ts) counts households per community and grid,
-- screened by a day, in one pass over this covering index.
CREATE INDEX households_coverage ON households (community_id, grid_id, screening_status, screened_on);

-- ID numbers (people/id-number.ts): an old 15-digit number and its 18-digit form are the
-- same person. Numbers are stored and matched as 18 characters; id_number_was15 remembers
-- that the number was written with 15 digits, so the screen can show it as written too.
ALTER TABLE residents ADD COLUMN id_number_was15 INTEGER NOT NULL DEFAULT 0 CHECK (id_number_was15 IN (0, 1));
ALTER TABLE staff ADD COLUMN id_number_was15 INTEGER NOT NULL DEFAULT 0 CHECK (id_number_was15 IN (0, 1));
-- Ledgers made before this stored 15-digit numbers as written: convert them (19 before the
-- two-digit year, then the GB 11643 check character), unless the 18-digit form is already
-- someone's (a person entered twice stays as it was, for a person to merge).
CREATE TEMP TABLE id_upgrade (old TEXT PRIMARY KEY, new TEXT NOT NULL);
INSERT OR IGNORE INTO id_upgrade (old, new)
  SELECT id_number, f17 || substr('10X98765432', ((substr(f17, 1, 1) * 7 + substr(f17, 2, 1) * 9 + substr(f17, 3, 1) * 10 + substr(f17, 4, 1) * 5 + substr(f17, 5, 1) * 8 + substr(f17, 6, 1) * 4 + substr(f17, 7, 1) * 2 + substr(f17, 8, 1) * 1 + substr(f17, 9, 1) * 6 + substr(f17, 10, 1) * 3 + substr(f17, 11, 1) * 7 + substr(f17, 12, 1) * 9 + substr(f17, 13, 1) * 10 + substr(f17, 14, 1) * 5 + substr(f17, 15, 1) * 8 + substr(f17, 16, 1) * 4 + substr(f17, 17, 1) * 2) % 11) + 1, 1)
  FROM (SELECT id_number, substr(id_number, 1, 6) || '19' || substr(id_number, 7, 9) AS f17
        FROM (SELECT id_number FROM residents WHERE length(id_number) = 15 AND id_number NOT GLOB '*[^0-9]*'
              UNION SELECT id_number FROM staff WHERE length(id_number) = 15 AND id_number NOT GLOB '*[^0-9]*'));
UPDATE residents SET id_number_was15 = 1,
    id_number = (SELECT new FROM id_upgrade WHERE old = residents.id_number),
    id_rev = (SELECT substr(new, 18, 1) || substr(new, 17, 1) || substr(new, 16, 1) || substr(new, 15, 1) || substr(new, 14, 1) || substr(new, 13, 1) || substr(new, 12, 1) || substr(new, 11, 1) || substr(new, 10, 1) || substr(new, 9, 1) || substr(new, 8, 1) || substr(new, 7, 1) || substr(new, 6, 1) || substr(new, 5, 1) || substr(new, 4, 1) || substr(new, 3, 1) || substr(new, 2, 1) || substr(new, 1, 1) FROM id_upgrade WHERE old = residents.id_number)
  WHERE id_number IN (SELECT old FROM id_upgrade)
    AND NOT EXISTS (SELECT 1 FROM residents r2 JOIN id_upgrade u ON u.new = r2.id_number WHERE u.old = residents.id_number);
UPDATE staff SET id_number_was15 = 1, id_number = (SELECT new FROM id_upgrade WHERE old = staff.id_number)
  WHERE id_number IN (SELECT old FROM id_upgrade);
DROP TABLE id_upgrade;

-- Staff register: an assessment of 需关注 or 需心理疏导 names the day the person is followed up;
-- they are on 今日随访 from that day until assessed again.
ALTER TABLE staff_assessments ADD COLUMN follow_up_on TEXT;
CREATE INDEX staff_assessments_follow_up ON staff_assessments (follow_up_on) WHERE follow_up_on IS NOT NULL;
