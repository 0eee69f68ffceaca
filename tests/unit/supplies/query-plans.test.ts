import { afterEach, describe, expect, it } from 'vitest';
import { movementListSql } from '../../../electron/core/supplies/queries';
import { openSuppliesLedger, type SuppliesLedger } from './helpers';

function plan(s: SuppliesLedger, sql: string, params: Record<string, unknown>): string {
  const db = s.t.core.services.ledger.handle();
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
}

describe('supplies query plans use their indexes', () => {
  let s: SuppliesLedger;
  afterEach(() => s?.t.close());

  it('the movement list, whole office by date and one store and item', async () => {
    s = await openSuppliesLedger();
    const all = movementListSql({}, []);
    expect(all.order).toBe('m.day DESC, m.id DESC');
    const p1 = plan(s, `SELECT m.id FROM supply_movements m ${all.where} ORDER BY ${all.order} LIMIT 100`, all.params);
    expect(p1).toContain('supply_movements_by_day');
    expect(p1).not.toContain('TEMP B-TREE');
    const one = movementListSql({ storeId: 1, itemId: 1 }, []);
    const p2 = plan(s, `SELECT m.id FROM supply_movements m ${one.where} ORDER BY ${one.order} LIMIT 100`, one.params);
    expect(p2).toContain('supply_movements_by_store_item');
    expect(p2).not.toContain('TEMP B-TREE');
  });

  it('stock per store and the burn-rate window', async () => {
    s = await openSuppliesLedger();
    expect(plan(s, `SELECT store_id, item_id, sum(delta) FROM supply_movements GROUP BY store_id, item_id`, {})).toContain(
      'COVERING INDEX supply_movements_stock',
    );
    expect(plan(s, `SELECT coalesce(sum(delta), 0) FROM supply_movements WHERE store_id = @s AND item_id = @i`, { s: 1, i: 1 })).toContain(
      'COVERING INDEX supply_movements_stock',
    );
    const usage = plan(
      s,
      `SELECT m.store_id, -sum(m.delta) FROM supply_movements m WHERE m.day >= @from AND m.day <= @to AND m.kind = 'issue' AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id) GROUP BY m.store_id, m.item_id`,
      { from: '2020-01-01', to: '2020-02-01' },
    );
    expect(usage).toMatch(/supply_movements_by_day|supply_movements_by_item_day/);
    expect(usage).toContain('supply_movements_reversal');
  });

  it('what has arrived of each expected delivery seeks its receipts (078), not every movement', async () => {
    s = await openSuppliesLedger();
    const received = plan(
      s,
      `SELECT sum(m.delta) FROM supply_movements m WHERE m.delivery_id = @d AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id)`,
      { d: 1 },
    );
    expect(received).toContain('supply_movements_by_delivery');
    expect(received).not.toMatch(/SCAN m\b/);
  });
});
