/**
 * 078_supply_movements_by_delivery on a ledger in use: one index added, every row kept; what has arrived of an
 * expected delivery (received in parts since session 48) is summed from its receipts through it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(78);
  m.seedFoundation(l.db);
});
afterEach(() => l.close());

describe('078_supply_movements_by_delivery on an existing ledger', () => {
  it('adds the index, keeping every row; a delivery’s receipts are found through it', () => {
    const added = m.upgradeKeepingRows(l, 78, [...m.FOUNDATION_TABLES, 'supply_movements', 'supply_deliveries']);
    expect(added.tables).toEqual({});
    expect(added.indexes).toEqual(['supply_movements_by_delivery']);
    expect(m.planOf(l.db, `SELECT sum(delta) FROM supply_movements WHERE delivery_id = @d`, { d: 1 })).toContain('supply_movements_by_delivery');
  });
});
