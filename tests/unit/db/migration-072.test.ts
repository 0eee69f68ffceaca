/**
 * 072_staff_changes on a ledger in use: the changes table and its index are added, empty (changes of community or kind
 * made before left no day: those people are paid as they are now, as they were), every row stays, and the pay of a
 * period counts each person in their present community and kind, as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAllowances } from '../../../electron/core/rota/reports';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(72);
  m.seedFoundation(l.db);
  l.db
    .prepare(`INSERT INTO rota_allowance_adjustments (staff_id, day, amount_fen, reason, created_at) VALUES (1, '2020-02-05', 5000, '夜间加班', @now)`)
    .run({ now: '2020-02-06T02:00:00.000Z' });
});
afterEach(() => l.close());

describe('072_staff_changes on an existing ledger', () => {
  it('adds the empty changes table and its index, keeping every row; the pay counts people as they are now', () => {
    const added = m.upgradeKeepingRows(l, 72, [...m.FOUNDATION_TABLES, 'rota_allowance_adjustments']);
    expect(added.tables).toEqual({
      staff_changes: ['id', 'staff_id', 'changed_on', 'from_community_id', 'to_community_id', 'from_kind', 'to_kind', 'created_at'],
    });
    expect(added.indexes).toEqual(['staff_changes_by_day']);
    expect(l.db.prepare(`SELECT count(*) FROM staff_changes`).pluck().get()).toBe(0);
    expect(computeAllowances(l.db, '2020-02-01', '2020-02-29').map((r) => [r.name, r.communityName, r.totalFen])).toEqual([['刘洋', '幸福社区', 5000]]);
    expect(m.planOf(l.db, `SELECT staff_id FROM staff_changes WHERE changed_on > @day`, { day: '2020-02-01' })).toContain('staff_changes_by_day');
  });
});
