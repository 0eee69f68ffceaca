import { afterEach, describe, expect, it } from 'vitest';
import { addDays } from '../../../electron/core/dates.shared';
import { requisition, shortageReport } from '../../../electron/core/supplies/report';
import { openSuppliesLedger, receiveNaming, useDaily, type SuppliesLedger } from './helpers';

describe('shortages: burn rate, days of cover, the list by urgency', () => {
  let s: SuppliesLedger;
  afterEach(() => s?.t.close());

  it('flags cover below the safety level, most urgent first, with the shortfall', async () => {
    s = await openSuppliesLedger();
    await useDaily(s, '幸福社区', '口罩', 1000, 100); // 300 left, 100/天 -> 3 天
    await useDaily(s, '和平社区', '口罩', 2000, 50); // 1650 left, 50/天 -> 33 天
    await useDaily(s, '建设社区', '口罩', 500, 40); // 220 left, 40/天 -> 5.5 天
    const short = await s.t.call('supplies.stock', { onlyShort: true });
    expect(short.map((r) => [r.storeName, r.itemName, r.stock, r.burn, r.cover, r.shortfall, r.stockOut, r.reasons])).toEqual([
      ['幸福社区', '口罩', 300, 100, 3, 400, addDays(s.today, 3), ['below_safety']],
      ['建设社区', '口罩', 220, 40, 5.5, 60, addDays(s.today, 5), ['below_safety']],
    ]);
    const all = await s.t.call('supplies.stock', { itemId: s.item('口罩').id });
    expect(all.find((r) => r.storeName === '和平社区')).toMatchObject({ cover: 33, short: false, shortfall: 0 });
    // A longer window sees the same issues spread thinner: 700 over 14 days = 50/天 -> 6 天, still short.
    const wide = await s.t.call('supplies.stock', { onlyShort: true, windowDays: 14 });
    expect(wide.find((r) => r.storeName === '幸福社区')).toMatchObject({ burn: 50, cover: 6 });
  });

  it('flags a stock-out before the next delivery, and forgets the delivery once cancelled', async () => {
    s = await openSuppliesLedger();
    await useDaily(s, '和平社区', '口罩', 2000, 50); // runs out on day +33
    const d = await s.t.call('supplies.deliveries.save', {
      storeId: s.community('和平社区'),
      itemId: s.item('口罩').id,
      expectedDay: addDays(s.today, 40),
      quantity: 1000,
      source: '区卫健委',
    });
    const [row] = await s.t.call('supplies.stock', { onlyShort: true });
    expect(row).toMatchObject({ storeName: '和平社区', reasons: ['runs_out_before_delivery'], nextDelivery: addDays(s.today, 40), nextDeliveryQuantity: 1000 });
    await s.t.call('supplies.deliveries.cancel', { id: d.id });
    expect(await s.t.call('supplies.stock', { onlyShort: true })).toEqual([]);
    expect(
      (await s.t.fail('supplies.deliveries.save', { storeId: 0, itemId: s.item('口罩').id, expectedDay: addDays(s.today, -1), quantity: 5 })).message,
    ).toContain('「预计到货日期」');
  });

  it('marks an expected delivery received when the receipt names it', async () => {
    s = await openSuppliesLedger();
    const itemId = s.item('防护服').id;
    const d = await s.t.call('supplies.deliveries.save', { storeId: 0, itemId, expectedDay: s.today, quantity: 100, source: '区应急管理局' });
    await receiveNaming(s, itemId, d.id, 100, '区应急管理局');
    expect(await s.t.call('supplies.deliveries.list', {})).toEqual([]);
    expect((await s.t.call('supplies.deliveries.list', { includeClosed: true }))[0]!.status).toBe('received');
    expect(
      (await s.t.fail('supplies.receive', { storeId: 0, itemId, day: s.today, quantity: 1, sourceKind: 'upstream', sourceName: 'x', deliveryId: d.id })).code,
    ).toBe('CONFLICT');
  });

  it('a reversed issue no longer counts as use', async () => {
    s = await openSuppliesLedger();
    const storeId = s.community('幸福社区');
    const itemId = s.item('非接触式体温计').id;
    await s.t.call('supplies.receive', { storeId, itemId, day: s.today, quantity: 10, sourceKind: 'purchase', sourceName: '医疗器械店' });
    const i = await s.t.call('supplies.issue', { storeId, itemId, day: s.today, quantity: 7, recipient: '入户排查组' });
    expect((await s.t.call('supplies.stock', { storeId, itemId }))[0]).toMatchObject({ burn: 1, cover: 3, short: true });
    await s.t.call('supplies.reverse', { movementId: i.id, reason: '登记错误' });
    expect((await s.t.call('supplies.stock', { storeId, itemId }))[0]).toMatchObject({ stock: 10, burn: 0, cover: null, short: false });
  });

  it('turns the shortages into a requisition, less what the office holds, in whole packs', async () => {
    s = await openSuppliesLedger();
    await useDaily(s, '幸福社区', '口罩', 1000, 100);
    await useDaily(s, '建设社区', '口罩', 500, 40);
    const db = s.t.core.services.ledger.handle();
    let req = requisition(db, s.today);
    expect(req.items.map((i) => [i.itemName, i.totalShortfall, i.officeStock, i.requested, i.communities.map((c) => c.storeName)])).toEqual([
      ['口罩', 460, 0, 500, ['幸福社区', '建设社区']],
    ]);
    await s.t.call('supplies.receive', { storeId: 0, itemId: s.item('口罩').id, day: s.today, quantity: 100, sourceKind: 'donation', sourceName: '爱心企业' });
    req = await s.t.call('supplies.requisition', {});
    // 460 − 100 = 360 still short, asked for in whole boxes of 50: 400.
    expect(req.items[0]).toMatchObject({ totalShortfall: 460, officeStock: 100, expected: 0, gap: 360, requested: 400 });
    expect(req.covered).toEqual([]);
    expect(shortageReport(db, s.today).filter((r) => r.short)).toHaveLength(2);
  });

  it('leaves out of the requisition what the office’s stock and expected deliveries cover', async () => {
    s = await openSuppliesLedger();
    await useDaily(s, '幸福社区', '口罩', 1000, 100); // short by 400
    await useDaily(s, '建设社区', '防护服', 100, 10); // 30 left, 10/天: short by 40
    const masks = s.item('口罩').id;
    const suits = s.item('防护服').id;
    // Masks: 300 in the office's store and 100 expected tomorrow cover the 400. Suits: 25 held, 15 still short.
    await s.t.call('supplies.receive', { storeId: 0, itemId: masks, day: s.today, quantity: 300, sourceKind: 'donation', sourceName: '爱心企业' });
    await s.t.call('supplies.deliveries.save', { storeId: 0, itemId: masks, expectedDay: addDays(s.today, 1), quantity: 100, source: '区卫健委' });
    await s.t.call('supplies.receive', { storeId: 0, itemId: suits, day: s.today, quantity: 25, sourceKind: 'donation', sourceName: '爱心企业' });
    const req = await s.t.call('supplies.requisition', {});
    expect(req.items.map((i) => [i.itemName, i.totalShortfall, i.officeStock, i.expected, i.gap, i.requested])).toEqual([
      ['防护服', 40, 25, 0, 15, Math.ceil(15 / s.item('防护服').packSize) * s.item('防护服').packSize],
    ]);
    expect(req.covered.map((i) => [i.itemName, i.totalShortfall, i.officeStock, i.expected, i.gap, i.requested])).toEqual([['口罩', 400, 300, 100, 0, 0]]);
    // Every line asked for adds up: shortfall − office stock − expected = still short, rounded up to whole packs.
    for (const i of req.items) {
      expect(i.totalShortfall - i.officeStock - i.expected).toBe(i.gap);
      expect(i.requested).toBeGreaterThan(0);
    }
  });

  it('draws stock and days of cover over time', async () => {
    s = await openSuppliesLedger();
    await useDaily(s, '幸福社区', '口罩', 1000, 100);
    const h = await s.t.call('supplies.history', { itemId: s.item('口罩').id, storeId: s.community('幸福社区'), days: 10 });
    expect(h).toHaveLength(10);
    expect(h.at(-1)).toEqual({ day: s.today, stock: 300, cover: 3 });
    expect(h.at(-2)).toMatchObject({ day: addDays(s.today, -1), stock: 400 });
    expect(h[0]).toMatchObject({ day: addDays(s.today, -9), stock: 1000, cover: null });
    const office = await s.t.call('supplies.history', { itemId: s.item('口罩').id, days: 10 });
    expect(office.at(-1)!.stock).toBe(300);
  });
});
