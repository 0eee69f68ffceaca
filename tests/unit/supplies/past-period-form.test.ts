/**
 * 防控物资库存与缺口表 for a past period (Monday 10 – Sunday 16 February 2020, made on the 23rd after more was
 * issued) says what the 物资 screen said on the 16th, counted by hand:
 * - 幸福社区 issued 20 masks in the week, 20 left: 20 ÷ 7 = 2.857… a day (shown 2.9), cover 20 ÷ (20 ÷ 7) = 7.0 days,
 *   exactly the safety level: not short. Redone from the shown 2.9 a day it read 6.8 days, short by 1 (20.3 − 20).
 * - 和平社区 issued 28 on 28 January and nothing in the week, 72 left on the 16th: no use in the week and stock on
 *   hand, so no rate and no cover. Emptied on the 20th, the form took today's empty store as the 16th's and fell
 *   back to the 28-day rate (1 a day, 72 days of cover).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StockRow } from '../../../electron/core/supplies/contract';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { shortageFormRows } from './past-period-helpers';

let t: TestLedger;
let xingfu: number;
let heping: number;
let masks: number;
let safety: number;
let onTheDay: StockRow[];

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-01-25T02:00:00.000Z' });
  xingfu = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  heping = (await t.call('org.communities.save', { name: '和平社区' })).id;
  const item = (await t.call('supplies.items.list', {})).find((i) => i.name === '口罩')!;
  masks = item.id;
  safety = item.safetyDays;
  const receive = (storeId: number, day: string, quantity: number) =>
    t.call('supplies.receive', { storeId, itemId: masks, day, quantity, sourceKind: 'upstream', sourceName: '区卫健委' });
  const issue = (storeId: number, day: string, quantity: number) => t.call('supplies.issue', { storeId, itemId: masks, day, quantity, recipient: '卡点' });
  await receive(heping, '2020-01-25', 100);
  await admitAt(t, '2020-02-09T02:00:00.000Z');
  await issue(heping, '2020-01-28', 28);
  await receive(xingfu, '2020-02-09', 40);
  await admitAt(t, '2020-02-16T02:00:00.000Z');
  await issue(xingfu, '2020-02-12', 20);
  onTheDay = (await t.call('supplies.stock', {})).filter((r) => r.itemId === masks && (r.storeId === xingfu || r.storeId === heping));
  await admitAt(t, '2020-02-23T02:00:00.000Z');
  await issue(xingfu, '2020-02-20', 5);
  await issue(heping, '2020-02-20', 72);
});
afterAll(() => t?.close());

describe('防控物资库存与缺口表 for a past period', () => {
  it('shows what the 物资 screen showed on the period’s last day', async () => {
    expect(safety).toBe(7);
    const screen = (storeId: number) => onTheDay.find((r) => r.storeId === storeId)!;
    expect(screen(xingfu)).toMatchObject({ stock: 20, burn: 2.9, cover: 7, short: false, shortfall: 0 });
    expect(screen(heping)).toMatchObject({ stock: 72, burn: 0, cover: null, short: false, shortfall: 0 });
    const rows = await shortageFormRows(t);
    const row = (store: string) => rows.find((r) => r.store === store && r.item === '口罩');
    expect(row('幸福社区')).toMatchObject({ stock: 20, burn: 2.9, cover: 7, safetyDays: 7, shortfall: 0, short: '否', reasons: '' });
    // No rate on the screen (null, shown 「未消耗」): the form says it in the same words.
    expect(row('和平社区')).toMatchObject({ stock: 72, burn: 0, cover: '未消耗', shortfall: 0, short: '否', reasons: '' });
  });
});
