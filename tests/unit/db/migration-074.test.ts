/**
 * 074_case_moves on a ledger in use: the moves table and its index are added, empty (open cases moved before left no
 * day: they count where they are now, as they did), every row stays, and the 人员排查管控情况汇总表 counts every case where
 * it is, as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(74);
  m.seedFoundation(l.db);
  m.seedCaseload(l.db);
});
afterEach(() => l.close());

describe('074_case_moves on an existing ledger', () => {
  it('adds the empty moves table and its index, keeping every row; the summary counts each case where it is', () => {
    const added = m.upgradeKeepingRows(l, 74, [...m.FOUNDATION_TABLES, ...m.CASELOAD_TABLES]);
    expect(added.tables).toEqual({
      case_moves: ['id', 'case_id', 'moved_on', 'from_community_id', 'from_grid_id', 'to_community_id', 'to_grid_id', 'created_at'],
    });
    expect(added.indexes).toEqual(['case_moves_by_case']);
    expect(l.db.prepare(`SELECT count(*) FROM case_moves`).pluck().get()).toBe(0);
    const rows = caseloadSummaryForm.read(l.db, { from: '2020-02-10', to: '2020-02-16' }, null);
    expect(rows.map((r) => [r.community, r.category, r.active])).toEqual([
      ['幸福社区', '居家观察', 1],
      ['合计', '', 1],
    ]);
    expect(m.planOf(l.db, `SELECT from_community_id FROM case_moves WHERE case_id = @id AND moved_on > @day`, { id: 1, day: '2020-02-01' })).toContain(
      'case_moves_by_case',
    );
  });
});
