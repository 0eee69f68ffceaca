/**
 * 056_staff_inactive_from on a ledger in use: staff gain `inactive_from` (the day a person became 不在岗), null for
 * every row that exists (an older ledger does not know the day; such a person stays off duty on every day), and
 * nothing else changes: no index, every row as it was.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FOUNDATION_TABLES, ledgerBefore, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(56);
  seedFoundation(l.db);
  l.db.prepare(`UPDATE staff SET status = 'inactive' WHERE id = 2`).run();
});
afterEach(() => l.close());

describe('056_staff_inactive_from on an existing ledger', () => {
  it('adds inactive_from to staff, null for every existing row (an inactive one too), and nothing else', () => {
    const shape = shapeOf(l.db);
    const before = rowsOf(l.db, [...FOUNDATION_TABLES]);
    expect(l.upgrade()).toEqual([56]);
    const now = shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    expect(added).toEqual(['staff.inactive_from']);
    expect(now.indexes).toEqual(shape.indexes);
    const after = rowsOf(l.db, [...FOUNDATION_TABLES]);
    expect(before.staff!.length).toBe(2);
    expect(after.staff).toEqual(before.staff!.map((r) => ({ ...(r as object), inactive_from: null })));
    for (const t of FOUNDATION_TABLES.filter((x) => x !== 'staff')) expect(after[t], t).toEqual(before[t]);
  });
});
