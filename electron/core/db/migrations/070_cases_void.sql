-- 作废登记: a case registered by mistake (wrong person, wrong category, the same person from two communities' sheets)
-- is voided, not deleted: its row, checks and audit stay, and no figure counts it (caseload/case-void.ts). Restoring
-- it (撤销作废) clears these three. Until now such a case could only be closed, and stayed in every cumulative figure.
ALTER TABLE cases ADD COLUMN voided_at TEXT;    -- instant (UTC ISO) it was voided; NULL: a live case
ALTER TABLE cases ADD COLUMN voided_by TEXT;    -- who voided it (the account's display name)
ALTER TABLE cases ADD COLUMN void_reason TEXT;  -- 登记有误 / 重复登记 / 其他, and the words given
-- The voided cases' ids, which every figure leaves out (caseload/case-void.ts liveCase): small, and read whole,
-- so a grid's page and count stay on their covering indexes.
CREATE INDEX cases_voided ON cases (voided_at) WHERE voided_at IS NOT NULL;
-- A voided care case's own tasks, which no longer count as due (caseload/case-void.ts careTaskOwed).
CREATE INDEX care_tasks_by_care_case ON care_tasks (care_case_id) WHERE care_case_id IS NOT NULL;
