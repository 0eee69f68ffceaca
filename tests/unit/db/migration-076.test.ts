/**
 * 076_honours_limits_before on a ledger in use: the table is added empty, so the ledger's one 上报时限 (its setting,
 * 6 hours here) applies to every death as it did; every row of the foundation stays.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { limitAtOpener } from '../../../electron/core/honours/report-limits';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(76);
  m.seedFoundation(l.db);
  l.db.prepare(`INSERT INTO settings (key, value) VALUES ('honours.reportLimitHours', '6')`).run();
});
afterEach(() => l.close());

describe('076_honours_limits_before on an existing ledger', () => {
  it('adds the empty history: the setting applies to every death, as before', () => {
    const added = m.upgradeKeepingRows(l, 76, m.FOUNDATION_TABLES);
    expect(added.tables).toEqual({ honours_limits_before: ['until_at', 'report_limit_hours'] });
    expect(l.db.prepare(`SELECT count(*) FROM honours_limits_before`).pluck().get()).toBe(0);
    const limitAt = limitAtOpener(l.db);
    expect([limitAt('2020-01-01T00:00:00.000Z'), limitAt('2020-02-16T00:00:00.000Z')]).toEqual([6, 6]);
  });
});
