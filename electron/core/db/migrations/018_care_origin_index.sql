-- 今日随访 and 解除观察 look up the open care cases opened because of an observation
-- (cases.origin_case_id, caseload/care-origin-release.ts) once per observation due for
-- release: without an index that is a scan of every case for each of them.
CREATE INDEX cases_by_origin_case ON cases (origin_case_id) WHERE origin_case_id IS NOT NULL;
