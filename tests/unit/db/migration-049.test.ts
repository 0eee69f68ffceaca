/**
 * 049_residents_relation on a ledger in use: residents gain `relation` (与户主关系), null for every resident that
 * exists (nothing is guessed for them), and nothing else changes: no index, every row as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CASELOAD_TABLES, FOUNDATION_TABLES, ledgerBefore, rowsOf, seedCaseload, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(49);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('049_residents_relation on an existing ledger', () => {
  it('adds relation to residents, null for every existing resident, and nothing else', () => {
    const shape = shapeOf(l.db);
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES];
    const before = rowsOf(l.db, tables);
    expect(l.upgrade()).toEqual([49]);
    const now = shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    expect(added).toEqual(['residents.relation']);
    expect(now.indexes).toEqual(shape.indexes);
    const after = rowsOf(l.db, tables);
    expect(before.residents!.length).toBeGreaterThan(0);
    expect(after.residents).toEqual(before.residents!.map((r) => ({ ...(r as object), relation: null })));
    for (const t of tables.filter((x) => x !== 'residents')) expect(after[t], t).toEqual(before[t]);
  });
});
