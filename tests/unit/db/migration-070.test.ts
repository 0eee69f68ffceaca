/**
 * 070_cases_void on a ledger in use: three columns on cases (voided_at, voided_by, void_reason), NULL for every case
 * already there (each stays live, in every figure as before), the partial index of the voided ids the figures read
 * (caseload/case-void.ts liveCase), empty until a case is voided, and care_tasks_by_care_case.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CASELOAD_TABLES,
  columnsOf,
  FOUNDATION_TABLES,
  ledgerBefore,
  planOf,
  seedCaseload,
  seedFoundation,
  upgradeKeepingRows,
  type LedgerBefore,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(70);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('070_cases_void on an existing ledger', () => {
  it('adds the void columns, NULL for every case, and the indexes, keeping every row', () => {
    const cases = l.db.prepare(`SELECT * FROM cases ORDER BY id`).all() as Array<Record<string, unknown>>;
    const added = upgradeKeepingRows(l, 70, [...FOUNDATION_TABLES, ...CASELOAD_TABLES.filter((t) => t !== 'cases')]);
    // Every case as it was, with the three columns added, empty.
    expect(l.db.prepare(`SELECT * FROM cases ORDER BY id`).all()).toEqual(cases.map((c) => ({ ...c, voided_at: null, voided_by: null, void_reason: null })));
    expect(added.indexes.sort()).toEqual(['care_tasks_by_care_case', 'cases_voided']);
    expect(columnsOf(l.db, 'cases').slice(-3)).toEqual(['voided_at', 'voided_by', 'void_reason']);
    expect(cases.length).toBeGreaterThan(0);
    expect(planOf(l.db, `SELECT c.id FROM cases c WHERE c.voided_at IS NOT NULL`)).toContain('USING COVERING INDEX cases_voided');
  });
});
