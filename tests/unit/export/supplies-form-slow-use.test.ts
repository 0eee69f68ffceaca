/**
 * 防控物资库存与缺口表 lists every store the 物资 screen lists as short. A store emptied a while ago whose use is slow
 * (one mask in the last 28 days: 1/28 = 0.04 a day, shown 0.0) is short, 无库存, on the screen's 缺口预警; the form
 * chose its rows by the shown use (0.0: "nothing used") and left it out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { suppliesShortageForm } from '../../../electron/core/io/export/forms/supplies-shortage';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let store: number;
beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-01T04:00:00.000Z' });
  store = (await t.call('org.communities.save', { name: '光明社区' })).id;
  const masks = (await t.call('supplies.items.list', {})).find((i) => i.name === '口罩')!.id;
  await t.call('supplies.receive', { storeId: store, itemId: masks, day: '2020-02-01', quantity: 1, sourceKind: 'upstream', sourceName: '区卫健委' });
  await admitAt(t, '2020-02-05T04:00:00.000Z');
  await t.call('supplies.issue', { storeId: store, itemId: masks, day: '2020-02-05', quantity: 1, recipient: '东门卡点' });
  await admitAt(t, '2020-02-17T04:00:00.000Z');
});
afterAll(() => t?.close());

describe('防控物资库存与缺口表 and a store with slow use', () => {
  it('lists the empty store the screen lists as short', async () => {
    const short = (await t.call('supplies.stock', { onlyShort: true })).filter((r) => r.storeId === store);
    expect(short.map((r) => [r.itemName, r.stock, r.burn, r.short])).toEqual([['口罩', 0, 0, true]]);
    const rows = suppliesShortageForm.read(t.core.services.ledger.handle(), { from: '2020-02-11', to: '2020-02-17', today: '2020-02-17' }, null);
    expect(rows.filter((r) => r['store'] === '光明社区').map((r) => [r['item'], r['stock'], r['short']])).toEqual([['口罩', 0, '是']]);
  });
});
