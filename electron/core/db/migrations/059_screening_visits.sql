-- 入户排查走访: every visit to a household is kept, not only its latest. A household screened
-- (已排查) on 02-03 and found not at home on 02-06 WAS screened on the 3rd: coverage as of any
-- day counts its visits up to that day (caseload/coverage.ts), so a later 无人在家 or 拒绝配合
-- no longer takes it out of 已排查. The household's screening_status / screened_on / screened_by /
-- screening_result stay: they are its latest visit by day (the grid and the revisit list read them),
-- kept in step by the one writer of this table (caseload/screening-visits.repo.ts).
-- One visit per household and day: a second entry for the same day corrects it.
-- source: 'edit' 人员台账 (households.save), 'import' 入户排查结果 (source_file names the file),
-- 'backfill' the latest visit a ledger held before this migration.
CREATE TABLE screening_visits (
  id           INTEGER PRIMARY KEY,
  household_id INTEGER NOT NULL REFERENCES households (id),
  -- The household's community and grid, followed when it moves (screening_visits_follow_household):
  -- coverage counts per grid without reading the households.
  community_id INTEGER NOT NULL REFERENCES communities (id),
  grid_id      INTEGER REFERENCES grids (id),
  visited_on   TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('screened', 'not_home', 'refused')),
  visited_by   TEXT,
  result       TEXT,
  source       TEXT NOT NULL CHECK (source IN ('edit', 'import', 'backfill')),
  source_file  TEXT,
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL,
  UNIQUE (household_id, visited_on)
);
-- Coverage as of a day and in a period, per community and grid: one pass in (grid, household) order
-- over (day, status), without reading the rows or the households.
CREATE INDEX screening_visits_coverage ON screening_visits (community_id, grid_id, household_id, visited_on, status);

-- A copy kept for a fast count follows its source by trigger, so no writer of households has to know it.
CREATE TRIGGER screening_visits_follow_household AFTER UPDATE OF community_id, grid_id ON households
  WHEN OLD.community_id IS NOT NEW.community_id OR OLD.grid_id IS NOT NEW.grid_id
BEGIN
  UPDATE screening_visits SET community_id = NEW.community_id, grid_id = NEW.grid_id WHERE household_id = NEW.id;
END;

-- A ledger in use knows each household's latest visit only: that visit is its history so far.
-- A household with a status but no day (never written by the app, which dates a visit) has no visit to keep.
INSERT INTO screening_visits (household_id, community_id, grid_id, visited_on, status, visited_by, result, source, created_at, updated_at)
  SELECT id, community_id, grid_id, screened_on, screening_status, screened_by, screening_result, 'backfill', updated_at, updated_at
  FROM households
  WHERE screening_status IN ('screened', 'not_home', 'refused') AND screened_on IS NOT NULL
  ORDER BY id;
