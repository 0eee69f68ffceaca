/**
 * The thirty-seventh attack run (issue 19, session 51), target 5: a delivery received in part and then cancelled, and
 * a second receipt into another store (OF_THE_DELIVERY, attack run 50). Online as the coordinator through Core.call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { openSuppliesLedger, receiveNaming, type SuppliesLedger } from '../supplies/helpers';

let s: SuppliesLedger;
afterEach(() => s?.t.close());

describe('S51: a delivery received in part', () => {
  it('cancelled after a part: the part stays in stock, nothing more is counted on as 预计到货, no receipt may name it again (held)', async () => {
    s = await openSuppliesLedger();
    const masks = s.item('口罩').id;
    const d = await s.t.call('supplies.deliveries.save', { storeId: 0, itemId: masks, expectedDay: addDays(s.today, 2), quantity: 1000, source: '区卫健委' });
    const part = await receiveNaming(s, masks, d.id, 400, '区卫健委');
    await s.t.call('supplies.deliveries.cancel', { id: d.id });
    const all = await s.t.call('supplies.deliveries.list', { includeClosed: true });
    expect(all.map((x) => [x.status, x.quantity, x.received])).toEqual([['cancelled', 1000, 400]]);
    expect(await s.t.call('supplies.deliveries.list', { includeClosed: false })).toEqual([]);
    const stock = (await s.t.call('supplies.stock', { storeId: 0 })).find((r) => r.itemName === '口罩')!;
    expect(stock.nextDeliveryQuantity).toBeNull();
    await expect(receiveNaming(s, masks, d.id, 600, '区卫健委')).rejects.toMatchObject({ error: { code: 'CONFLICT' } });
    // Its part reversed: a cancelled delivery is not opened again.
    await s.t.call('supplies.reverse', { movementId: part.id, reason: '数量登记错了' });
    expect((await s.t.call('supplies.deliveries.list', { includeClosed: true })).map((x) => [x.status, x.received])).toEqual([['cancelled', 0]]);
    expect((await s.t.call('supplies.stock', { storeId: 0 })).find((r) => r.itemName === '口罩')!.nextDeliveryQuantity).toBeNull();
  });

  it('the rest received into a community store, naming it: refused; the office’s 预计到货 still says 600 (held)', async () => {
    s = await openSuppliesLedger();
    const masks = s.item('口罩').id;
    const d = await s.t.call('supplies.deliveries.save', { storeId: 0, itemId: masks, expectedDay: addDays(s.today, 2), quantity: 1000, source: '区卫健委' });
    await receiveNaming(s, masks, d.id, 400, '区卫健委');
    const other = s.t.call('supplies.receive', {
      storeId: s.community('幸福社区'),
      itemId: masks,
      day: s.today,
      quantity: 600,
      sourceKind: 'upstream',
      sourceName: '区卫健委',
      deliveryId: d.id,
    });
    await expect(other).rejects.toMatchObject({ error: { code: 'BAD_INPUT' } });
    expect((await s.t.call('supplies.stock', { storeId: 0 })).find((r) => r.itemName === '口罩')!.nextDeliveryQuantity).toBe(600);
  });
});
