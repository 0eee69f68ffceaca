-- A household's move no longer rewrites its earlier 入户排查. 059's trigger moves every visit with the household, so the
-- 入户排查覆盖情况表 of a period already sent to the district counted the household (and its visits) in its new
-- community after the fact. Each move is now kept with its day: coverage as of a day counts a household, with every
-- visit it had by then, where it was on that day (caseload/coverage.ts, caseload/README.md). The visits' community
-- and grid stay a copy of the household's present place for the fast count (the trigger stays: a backup's copy is
-- checked for triggers the program does not make, db/program-schema.ts, so a dropped one would refuse older backups);
-- a household that moved after the form's day is taken off its present line and counted where it was.
-- Moves made before this migration left no day: those households count where they are now, as they did.

-- Written by caseload/household-moves.repo.ts in the household's save (households.save and the imports).
-- moved_on: the office's day (Asia/Shanghai) the move was saved; from/to: the household's community and grid.
CREATE TABLE household_moves (
  id                INTEGER PRIMARY KEY,
  household_id      INTEGER NOT NULL REFERENCES households (id),
  moved_on          TEXT NOT NULL,
  from_community_id INTEGER NOT NULL REFERENCES communities (id),
  from_grid_id      INTEGER REFERENCES grids (id),
  to_community_id   INTEGER NOT NULL REFERENCES communities (id),
  to_grid_id        INTEGER REFERENCES grids (id),
  created_at        TEXT NOT NULL
);
-- The moves after a form's day (coverage as of it): few, found by day without reading the households.
CREATE INDEX household_moves_by_day ON household_moves (moved_on, household_id);
