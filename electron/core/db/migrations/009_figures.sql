-- Figures a coordinator can trust (issue 16): coverage, attendance, rates,
-- observation release, staff register, ID numbers, care for dependants.

-- Coverage (caseload/coverage.ts) counts households per community and grid,
-- screened by a day, in one pass over this covering index.
CREATE INDEX households_coverage ON households (community_id, grid_id, screening_status, screened_on);
