/**
 * 036_row_binding on a ledger in use: every table holding sealed values gains
 * `row_mac` (db/row-binding.ts), empty until the binding upgrade runs at the
 * next clerk's or coordinator's unlock (tests/unit/security/row-binding-upgrade.test.ts);
 * nothing else changes and every row is kept as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROW_BINDINGS } from '../../../electron/core/sealed-columns';
import { ROWS_STAGE } from '../../../electron/core/db/row-binding';
import { CASELOAD_TABLES, FOUNDATION_TABLES, ledgerBefore, rowsOf, seedCaseload, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(36);
  seedFoundation(l.db);
  seedCaseload(l.db);
});
afterEach(() => l.close());

describe('036_row_binding on an existing ledger', () => {
  it('adds row_mac to every bound table and nothing else; every row is kept, with no MAC yet', () => {
    const tables = [...FOUNDATION_TABLES, ...CASELOAD_TABLES];
    const shape = shapeOf(l.db);
    const before = rowsOf(l.db, tables);
    expect(l.upgrade()).toEqual([36]);
    const now = shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    // The bindings of 036's stage: cases were bound later (043, a stage of their own).
    expect(added.sort()).toEqual(
      ROW_BINDINGS.filter((b) => (b.stage ?? ROWS_STAGE) === ROWS_STAGE)
        .map((b) => `${b.table}.row_mac`)
        .sort(),
    );
    expect(now.indexes).toEqual(shape.indexes);
    expect(now.triggers).toEqual(shape.triggers);
    const after = rowsOf(l.db, tables);
    for (const t of tables)
      expect(
        after[t]!.map((r) => {
          const { row_mac: mac, ...rest } = r as Record<string, unknown>;
          expect(mac ?? null).toBeNull();
          return rest;
        }),
        t,
      ).toEqual(before[t]);
    expect((before.residents ?? []).length).toBeGreaterThan(0);
  });
});
