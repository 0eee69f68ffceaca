/**
 * 043_cases_row_mac on a ledger in use: cases gain `row_mac` (caseload/case-binding.ts), empty until the cases
 * binding upgrade runs at the next clerk's or coordinator's unlock (tests/unit/security/case-binding.test.ts);
 * nothing else changes and every case is kept as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASE_BINDING } from '../../../electron/core/caseload/case-binding';
import { CASELOAD_TABLES, FOUNDATION_TABLES, ledgerBefore, rowsOf, seedCaseload, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(43);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('043_cases_row_mac on an existing ledger', () => {
  it('adds row_mac to cases and nothing else; every row is kept, with no MAC yet', () => {
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES];
    const shape = shapeOf(l.db);
    const before = rowsOf(l.db, tables);
    expect(l.upgrade()).toEqual([43]);
    const now = shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    expect(added).toEqual([`${CASE_BINDING.table}.row_mac`]);
    expect(now.indexes).toEqual(shape.indexes);
    expect(now.triggers).toEqual(shape.triggers);
    const after = rowsOf(l.db, tables);
    expect(after.cases!.map((r) => (r as { row_mac: unknown }).row_mac)).toEqual(before.cases!.map(() => null));
    expect(after.cases!.map((r) => ({ ...(r as object), row_mac: undefined }))).toEqual(before.cases!.map((r) => ({ ...(r as object), row_mac: undefined })));
    for (const t of tables.filter((x) => x !== 'cases')) expect(after[t], t).toEqual(before[t]);
    expect(before.cases!.length).toBeGreaterThan(0);
  });
});
