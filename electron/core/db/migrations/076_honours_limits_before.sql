-- 上报时限 (表彰与纪念's report limit) changed: the limit in force before, and the instant it ended. A report to 党委,
-- 政府 or the upper departments is judged on time or late by the limit in force when it was made, so a period already
-- sent keeps 已按时全部报告 after the office shortens the limit (S46-A4); what is still untold is judged by today's
-- limit. Until now every report was re-judged by today's. A ledger from before has no rows: its one limit applies to
-- every report, as it did. Written by honours/report-limits.ts in honours.settings.update's transaction.
CREATE TABLE honours_limits_before (
  until_at           TEXT PRIMARY KEY,
  report_limit_hours INTEGER NOT NULL CHECK (report_limit_hours BETWEEN 1 AND 168)
);
