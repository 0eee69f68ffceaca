-- Which fever a 发热筛查分诊 case was opened for. health_checks.referral_case_id names a fever's present referral only:
-- a referral voided (作废登记, 070) and the fever referred again overwrote it, so restoring the first referral found no
-- fever (S46-A1: the fever stayed 待处置 under a live referral made for it) and could come back beside the second
-- (S46-A2: two referrals for one fever). Each referral now keeps its fever here; case-void.ts reads it on a void and a
-- restore. Written by caseload/health-checks.repo.ts beside referral_case_id (checks.escalate).
-- Referrals made before this migration are linked to the fever that names them now; a referral whose fever was
-- referred again before it keeps no link (restored, it moves no fever, as before).
CREATE TABLE referral_checks (
  referral_case_id INTEGER PRIMARY KEY REFERENCES cases (id),
  check_id         INTEGER NOT NULL REFERENCES health_checks (id)
);
INSERT OR IGNORE INTO referral_checks (referral_case_id, check_id)
  SELECT referral_case_id, id FROM health_checks WHERE referral_case_id IS NOT NULL;
