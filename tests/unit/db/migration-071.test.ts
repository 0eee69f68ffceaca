/**
 * 071_household_moves on a ledger in use: the moves table and its index are added, empty (moves made before left no
 * day: those households count where they are now, as they did), every row and 059's trigger stay (a backup's copy is
 * checked for triggers the program does not make), and coverage counts every household where it is, as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(71);
  m.seedFoundation(l.db);
  m.seedCaseload(l.db);
  l.db
    .prepare(
      `INSERT INTO screening_visits (household_id, community_id, grid_id, visited_on, status, source, created_at, updated_at)
       SELECT id, community_id, grid_id, '2020-02-05', 'screened', 'edit', '2020-02-05T02:00:00.000Z', '2020-02-05T02:00:00.000Z' FROM households`,
    )
    .run();
});
afterEach(() => l.close());

describe('071_household_moves on an existing ledger', () => {
  it('adds the empty moves table and its index, keeping every row, the visits and their trigger', () => {
    const added = m.upgradeKeepingRows(l, 71, [...m.FOUNDATION_TABLES, ...m.CASELOAD_TABLES, 'screening_visits']);
    expect(added.tables).toEqual({
      household_moves: ['id', 'household_id', 'moved_on', 'from_community_id', 'from_grid_id', 'to_community_id', 'to_grid_id', 'created_at'],
    });
    expect(added.indexes).toEqual(['household_moves_by_day']);
    expect(added.triggers).toEqual([]);
    expect(l.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name = 'screening_visits_follow_household'`).pluck().get()).toBeTruthy();
    expect(l.db.prepare(`SELECT count(*) FROM household_moves`).pluck().get()).toBe(0);
    // Each household counts where it is: none screened before the 5th, every one from it.
    const households = l.db.prepare(`SELECT count(*) FROM households`).pluck().get() as number;
    expect(households).toBeGreaterThan(0);
    const screened = (asOf: string) => coverageAsOf(l.db, { asOf }).grids.reduce((n, g) => n + g.screened, 0);
    expect([screened('2020-02-04'), screened('2020-02-05'), screened('2020-02-17')]).toEqual([0, households, households]);
    expect(m.planOf(l.db, `SELECT household_id FROM household_moves WHERE moved_on > @day`, { day: '2020-02-01' })).toContain('household_moves_by_day');
  });
});
