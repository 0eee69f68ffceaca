/**
 * 可用天数 against 安全天数, counted by hand: a store whose stock lasts 6.95 days at its daily use is short of a
 * 7-day safety level, and its cover must not read 「7.0 天」 beside 安全天数 7 (rounded half up it did): cover is
 * shown rounded down to a tenth, as the stock-out day is whole days rounded down. A store with exactly 7 days is
 * not short. The 物资 screen (supplies.stock) and 工作台 agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let short: number;
let exact: number;
let masks: number;
let safety: number;
const TODAY = '2020-02-16';
const WEEK = ['2020-02-10', '2020-02-11', '2020-02-12', '2020-02-13', '2020-02-14', '2020-02-15', '2020-02-16'];

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-16T02:00:00.000Z' });
  short = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  exact = (await t.call('org.communities.save', { name: '和平社区' })).id;
  const item = (await t.call('supplies.items.list', {})).find((i) => i.name === '口罩')!;
  masks = item.id;
  safety = item.safetyDays;
  // Both stores issue 20 a day for the 7 days ending today: 20 a day.
  for (const [storeId, left] of [
    [short, 20 * safety - 1],
    [exact, 20 * safety],
  ] as const) {
    await t.call('supplies.receive', { storeId, itemId: masks, day: '2020-02-09', quantity: left + 140, sourceKind: 'upstream', sourceName: '区卫健委' });
    for (const day of WEEK) await t.call('supplies.issue', { storeId, itemId: masks, day, quantity: 20, recipient: '卡点' });
  }
});
afterAll(() => t?.close());

describe('可用天数 and 安全天数', () => {
  it('is short below the safety level and says so in its figure; exactly the safety level is not short', async () => {
    // The preset 安全天数 (7): the stock-out day below stays in February.
    expect(safety).toBeGreaterThan(1);
    expect(safety).toBeLessThan(14);
    const rows = (await t.call('supplies.stock', {})).filter((r) => r.itemId === masks);
    const at = (storeId: number) => rows.find((r) => r.storeId === storeId)!;
    // (20 × S − 1) ÷ 20 = S − 0.05 days: shown S − 0.1, short by 1 mask, out on today + (S − 1) days.
    const stockOut = `2020-02-${String(16 + safety - 1).padStart(2, '0')}`;
    expect(at(short)).toMatchObject({ stock: 20 * safety - 1, burn: 20, short: true, reasons: ['below_safety'], shortfall: 1, stockOut });
    expect(at(short).cover).toBe(Math.round((safety - 0.1) * 10) / 10);
    expect(at(short).cover!).toBeLessThan(at(short).safetyDays);
    expect(at(exact)).toMatchObject({ stock: 20 * safety, burn: 20, cover: safety, short: false, shortfall: 0 });
    const dash = await t.call('dashboard.summary', { communityId: short });
    expect(dash.today).toBe(TODAY);
    expect(dash.supplies?.items.find((i) => i.itemId === masks)).toMatchObject({ stock: 20 * safety - 1, burn: 20, cover: at(short).cover, shortStores: 1 });
  });
});
