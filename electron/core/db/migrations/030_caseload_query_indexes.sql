-- The case grid's and 今日随访's queries at 100,000 residents (npm run bench, caseload part).
-- Each index is read alone (covering) where it can be, so a page or a count does not read
-- the case rows it skips. Partial ones hold active observations only (a few thousand rows),
-- so they cost nothing on an import of residents and little on a health check.
-- tests/unit/caseload/query-plans.test.ts asserts each is the one used.

-- Case grid, community + category filter sorted by 登记日期: the page's ids and its total.
CREATE INDEX cases_by_community_category ON cases (community_id, category, opened_on);
-- Case grid, status filter sorted by 姓名: each matching case's resident without reading the case row.
CREATE INDEX cases_by_status_resident ON cases (status, resident_id);
-- Case grid, overdue observations (漏查) sorted by 登记日期: active observations in that order, overdue or not read from the index.
CREATE INDEX cases_active_observation_by_opened ON cases (opened_on, id, first_missing_check_on)
  WHERE closed_on IS NULL AND obs_start_on IS NOT NULL;
-- 今日随访: observations due for release (ended before today) in order, and those running today
-- (check due) counted, from this index alone.
CREATE INDEX cases_active_observation_by_end ON cases (obs_end_on, id, obs_start_on, last_check_on)
  WHERE closed_on IS NULL AND obs_start_on IS NOT NULL;
-- 今日随访: today's checks in grid order; whether one is due is read from the index.
CREATE INDEX cases_active_observation_by_grid ON cases (grid_id, id, obs_start_on, obs_end_on, last_check_on)
  WHERE closed_on IS NULL AND obs_start_on IS NOT NULL;
-- 今日随访's 待解除观察: the open care tasks an observation triggered (a scan of care_tasks per row before).
CREATE INDEX care_tasks_by_trigger ON care_tasks (trigger_case_id, status) WHERE trigger_case_id IS NOT NULL;
-- 今日随访's 复访: due revisits counted by status without reading households.
CREATE INDEX households_revisit_due ON households (revisit_on, screening_status) WHERE revisit_on IS NOT NULL;
