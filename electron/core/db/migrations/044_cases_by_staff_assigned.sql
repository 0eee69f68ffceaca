-- cases_by_staff held an entry for every case, most of them with no one assigned (NULL): every case an import opens
-- (a returnee sheet: 100,000 in one commit) paid an index entry that no query reads. Its one reader is the case grid's
-- 责任人 filter (caseload/case-queries.ts: c.assigned_staff_id = @staffId, sorted by 登记日期), which names a staff
-- member, so only assigned cases are kept: SQLite uses a partial index WHERE x IS NOT NULL for a query's x = ?, as the
-- query-plan test shows (tests/unit/caseload/query-plans.test.ts); the staff foreign key's checks look up x = ? too.
DROP INDEX cases_by_staff;
CREATE INDEX cases_by_staff ON cases (assigned_staff_id, opened_on) WHERE assigned_staff_id IS NOT NULL;
