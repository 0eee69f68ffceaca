/**
 * 077_household_moves_by_household on a ledger in use: one index added, every row kept; the late-entered case's copy
 * of its household's moves (caseload/case-moves.repo.ts recordEarlierHouseholdMoves) seeks it, not a scan of the
 * moves by day.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(77);
  m.seedFoundation(l.db);
  m.seedCaseload(l.db);
});
afterEach(() => l.close());

describe('077_household_moves_by_household on an existing ledger', () => {
  it('adds the index, keeping every row; a household’s moves after a day are found through it', () => {
    const added = m.upgradeKeepingRows(l, 77, [...m.FOUNDATION_TABLES, ...m.CASELOAD_TABLES, 'household_moves', 'case_moves']);
    expect(added.tables).toEqual({});
    expect(added.indexes).toEqual(['household_moves_by_household']);
    expect(
      m.planOf(l.db, `SELECT moved_on FROM household_moves WHERE household_id = @h AND moved_on > @day ORDER BY id`, { h: 1, day: '2020-02-01' }),
    ).toContain('household_moves_by_household');
  });
});
