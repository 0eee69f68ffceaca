-- The case grid sorted by 姓名 under a filter (status: ~2,600 cases at 100,000 residents) sorted
-- every matching case's resident name: the name lived on residents, the filter on cases. Each case
-- now carries its resident's name as a sort key, so a page is read in order from one index.
-- Kept equal to residents.name: the cases writer (caseload/cases.repo.ts) copies it when it opens
-- a case; the triggers below follow a rename (whatever writes residents) and a case moved to
-- another resident. The copy is never shown: lists and details still read residents.name.
ALTER TABLE cases ADD COLUMN resident_name TEXT;
UPDATE cases SET resident_name = (SELECT r.name FROM residents r WHERE r.id = cases.resident_id);

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

-- Case grid, status filter sorted by 姓名 (either way, ties by id: the rowid ends every index entry).
-- It replaces 030's (status, resident_id), which only served that sort through a join.
CREATE INDEX cases_by_status_name ON cases (status, resident_name);
DROP INDEX cases_by_status_resident;
