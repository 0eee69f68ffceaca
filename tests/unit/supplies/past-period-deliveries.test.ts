/**
 * 防控物资库存与缺口表 for a past period (Monday 10 – Sunday 16 February 2020, made on the 23rd): its 预计到货 is what
 * was expected at the end of the 16th, not what is expected on the day the form is made. By hand:
 * - 幸福社区: 100 masks recorded on the 12th for the 18th, received on the 18th. On the 16th it was on its way:
 *   「2020-02-18（100只）」 (today's list no longer has it: it arrived).
 * - 和平社区: 50 masks recorded on the 12th for the 20th, cancelled on the 19th. On the 16th still expected:
 *   「2020-02-20（50只）」.
 * - 建设社区: 30 masks recorded on the 20th for the 25th: unknown on the 16th, so no 预计到货 (and, with no stock or
 *   use, no row at all); 80 masks recorded on the 12th for the 16th, booked on the 17th as received on the 16th: in
 *   stock at the end of the 16th (80), so not also on its way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { shortageFormRows } from './past-period-helpers';

let t: TestLedger;
const stores: Record<string, number> = {};

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-09T02:00:00.000Z' });
  for (const name of ['幸福社区', '和平社区', '建设社区']) stores[name] = (await t.call('org.communities.save', { name })).id;
  const itemId = (await t.call('supplies.items.list', {})).find((i) => i.name === '口罩')!.id;
  const expect = (store: string, expectedDay: string, quantity: number) =>
    t.call('supplies.deliveries.save', { storeId: stores[store]!, itemId, expectedDay, quantity, source: '区卫健委' });
  const receive = (store: string, day: string, quantity: number, deliveryId?: number) =>
    t.call('supplies.receive', { storeId: stores[store]!, itemId, day, quantity, sourceKind: 'upstream', sourceName: '区卫健委', deliveryId });
  await receive('幸福社区', '2020-02-09', 40);
  await receive('和平社区', '2020-02-09', 60);
  await admitAt(t, '2020-02-12T02:00:00.000Z');
  const xingfu = await expect('幸福社区', '2020-02-18', 100);
  const heping = await expect('和平社区', '2020-02-20', 50);
  const jianshe = await expect('建设社区', '2020-02-16', 80);
  await admitAt(t, '2020-02-17T02:00:00.000Z');
  await receive('建设社区', '2020-02-16', 80, jianshe.id);
  await admitAt(t, '2020-02-18T02:00:00.000Z');
  await receive('幸福社区', '2020-02-18', 100, xingfu.id);
  await admitAt(t, '2020-02-19T02:00:00.000Z');
  await t.call('supplies.deliveries.cancel', { id: heping.id });
  await admitAt(t, '2020-02-20T02:00:00.000Z');
  await expect('建设社区', '2020-02-25', 30);
  await admitAt(t, '2020-02-23T02:00:00.000Z');
});
afterAll(() => t?.close());

describe('防控物资库存与缺口表 for a past period: deliveries expected then', () => {
  it('lists what was on its way at the end of the period’s last day', async () => {
    const rows = (await shortageFormRows(t)).filter((r) => r.item === '口罩');
    const row = (store: string) => rows.find((r) => r.store === store);
    expect(row('幸福社区')).toMatchObject({ stock: 40, nextDelivery: '2020-02-18（100只）' });
    expect(row('和平社区')).toMatchObject({ stock: 60, nextDelivery: '2020-02-20（50只）' });
    expect(row('建设社区')).toMatchObject({ stock: 80, nextDelivery: '' });
  });

  it('leaves today’s screen with today’s deliveries', async () => {
    const today = (await t.call('supplies.stock', {})).filter((r) => r.itemName === '口罩');
    const row = (store: string) => today.find((r) => r.storeId === stores[store]);
    expect(row('幸福社区')).toMatchObject({ stock: 140, nextDelivery: null });
    expect(row('和平社区')).toMatchObject({ nextDelivery: null });
    expect(row('建设社区')).toMatchObject({ nextDelivery: '2020-02-25', nextDeliveryQuantity: 30 });
  });
});
