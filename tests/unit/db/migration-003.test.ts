/**
 * 003_supplies on a ledger made by 002 and in use: earlier rows untouched;
 * the item list starts with the six preset items, and the movement ledger is
 * append-only and accepts only the office store (0) or a community as a store.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectAdditive, FOUNDATION_TABLES, ledgerBefore, MIGRATION_NOW, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(3);
  seedFoundation(l.db);
});
afterEach(() => l.close());

const movement = (storeId: number, delta: number) =>
  l.db
    .prepare(
      `INSERT INTO supply_movements (day, item_id, store_id, kind, delta, created_at, created_by) VALUES ('2020-02-10', 1, @storeId, 'receipt', @delta, @now, 'admin')`,
    )
    .run({ storeId, delta, now: MIGRATION_NOW });

describe('003_supplies on an existing ledger', () => {
  it('adds items (six presets), movements and deliveries, keeping earlier rows', () => {
    const before = shapeOf(l.db);
    const rows = rowsOf(l.db, FOUNDATION_TABLES);
    expect(l.upgrade()).toEqual([3]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(Object.keys(added.tables).sort()).toEqual(['supply_deliveries', 'supply_items', 'supply_movements']);
    expect(added.triggers.sort()).toEqual(['supply_movements_no_delete', 'supply_movements_no_update', 'supply_movements_store_exists']);
    expect(rowsOf(l.db, FOUNDATION_TABLES)).toEqual(rows);
    const presets = l.db.prepare(`SELECT name, unit, preset FROM supply_items ORDER BY sort_order`).all() as { name: string; unit: string; preset: number }[];
    expect(presets.map((p) => p.name)).toEqual(['口罩', '防护服', '消毒液', '非接触式体温计', '医用手套', '护目镜']);
    expect(presets.every((p) => p.preset === 1)).toBe(true);
  });

  it('keeps movements append-only and their stores real', () => {
    l.upgrade();
    movement(0, 500);
    movement(1, 200);
    expect(() => movement(9, 10)).toThrow(/unknown supply store/);
    expect(() => l.db.prepare(`UPDATE supply_movements SET delta = 1`).run()).toThrow(/never edited/);
    expect(() => l.db.prepare(`DELETE FROM supply_movements`).run()).toThrow(/never deleted/);
    expect(l.db.prepare(`SELECT store_id AS store, sum(delta) AS stock FROM supply_movements GROUP BY store_id ORDER BY store_id`).all()).toEqual([
      { store: 0, stock: 500 },
      { store: 1, stock: 200 },
    ]);
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
  });
});
