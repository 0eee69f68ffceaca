/**
 * 075_referral_checks on a ledger in use: each 发热筛查分诊 case is linked to the fever that names it now; a referral
 * voided before whose fever was referred again keeps no link (restored, it moves no fever, as before 075); every row
 * of the caseload stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(75);
  m.seedFoundation(l.db);
  m.seedCaseload(l.db);
  const now = { now: m.MIGRATION_NOW };
  const referral = l.db.prepare(
    `INSERT INTO cases (id, resident_id, community_id, grid_id, category, status, opened_on, origin_case_id, voided_at, voided_by, void_reason, created_at, updated_at)
     VALUES (@id, 1, 1, 1, 'fever_referral', 'open', '2020-02-11', 1, @voidedAt, @voidedBy, @voidReason, @now, @now)`,
  );
  referral.run({ id: 2, voidedAt: null, voidedBy: null, voidReason: null, ...now });
  // 3 voided, its fever referred again as 4: the fever names 4 only.
  referral.run({ id: 3, voidedAt: '2020-02-12T01:00:00.000Z', voidedBy: 'admin', voidReason: '登记有误', ...now });
  referral.run({ id: 4, voidedAt: null, voidedBy: null, voidReason: null, ...now });
  const check = l.db.prepare(
    `INSERT INTO health_checks (id, case_id, check_date, temperature, method, checked_by, flagged, escalation, referral_case_id, created_at)
     VALUES (@id, 1, @day, 38.4, 'phone', '刘洋', 1, 'referred', @referral, @now)`,
  );
  check.run({ id: 11, day: '2020-02-11', referral: 2, ...now });
  check.run({ id: 12, day: '2020-02-12', referral: 4, ...now });
});
afterEach(() => l.close());

describe('075_referral_checks on an existing ledger', () => {
  it('links each referral to the fever that names it, keeping every row', () => {
    const added = m.upgradeKeepingRows(l, 75, [...m.FOUNDATION_TABLES, ...m.CASELOAD_TABLES]);
    expect(added.tables).toEqual({ referral_checks: ['referral_case_id', 'check_id'] });
    expect(added.indexes).toEqual([]);
    expect(l.db.prepare(`SELECT referral_case_id AS referral, check_id AS "check" FROM referral_checks ORDER BY 1`).all()).toEqual([
      { referral: 2, check: 11 },
      { referral: 4, check: 12 },
    ]);
  });
});
