/**
 * An expected delivery that arrives in part (w66 walk): 1,000 masks expected at the office's store, 400 booked in
 * naming it. Before, that receipt closed the delivery: the 600 still to come were counted on nowhere. And booked
 * without naming it (the 入库 form could not name one), the 400 were counted twice: in stock and still on their way.
 * By hand: 幸福社区 short by 400, 建设社区 by 1,200 (7 safety days at their use); the office holds what arrived.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { openSuppliesLedger, receiveNaming, useDaily, type SuppliesLedger } from './helpers';

describe('an expected delivery received in part', () => {
  let s: SuppliesLedger;
  afterEach(() => s?.t.close());

  it('keeps the rest expected, counts the part once (in stock), and closes when the rest arrives', async () => {
    s = await openSuppliesLedger();
    await useDaily(s, '幸福社区', '口罩', 1000, 100); // 300 left, 100 a day: 7 days want 700, short by 400
    await useDaily(s, '建设社区', '口罩', 3000, 300); // 900 left, 300 a day: 7 days want 2,100, short by 1,200
    const masks = s.item('口罩').id;
    const d = await s.t.call('supplies.deliveries.save', { storeId: 0, itemId: masks, expectedDay: addDays(s.today, 2), quantity: 1000, source: '区卫健委' });
    const receive = (quantity: number) => receiveNaming(s, masks, d.id, quantity, '区卫健委');
    const line = async () => {
      const r = await s.t.call('supplies.requisition', {});
      const i = [...r.items, ...r.covered].find((x) => x.itemName === '口罩')!;
      return [i.totalShortfall, i.officeStock, i.expected, i.gap];
    };
    expect(await line()).toEqual([1600, 0, 1000, 600]);

    await receive(400);
    // Still on its way: 600 of the 1,000, shown with what has arrived.
    expect((await s.t.call('supplies.deliveries.list', {})).map((x) => [x.id, x.status, x.quantity, x.received])).toEqual([[d.id, 'expected', 1000, 400]]);
    // 400 in the office's store and 600 expected: still short by 600, as before the part arrived (not 200).
    expect(await line()).toEqual([1600, 400, 600, 600]);
    expect((await s.t.call('supplies.stock', { storeId: 0 })).find((r) => r.itemName === '口罩')!.nextDeliveryQuantity).toBe(600);

    await receive(600);
    expect(await s.t.call('supplies.deliveries.list', {})).toEqual([]);
    expect((await s.t.call('supplies.deliveries.list', { includeClosed: true }))[0]!.received).toBe(1000);
    expect(await line()).toEqual([1600, 1000, 0, 600]);
  });

  it('reopens a delivery when the receipt that closed it is reversed', async () => {
    s = await openSuppliesLedger();
    const suits = s.item('防护服').id;
    const d = await s.t.call('supplies.deliveries.save', {
      storeId: 0,
      itemId: suits,
      expectedDay: addDays(s.today, 1),
      quantity: 100,
      source: '区应急管理局',
    });
    const m = await receiveNaming(s, suits, d.id, 100, '区应急管理局');
    expect(await s.t.call('supplies.deliveries.list', {})).toEqual([]);
    await s.t.call('supplies.reverse', { movementId: m.id, reason: '登记错了物资' });
    expect((await s.t.call('supplies.deliveries.list', {})).map((x) => [x.id, x.status, x.received])).toEqual([[d.id, 'expected', 0]]);
  });
});
