/**
 * 工作台's 防控物资 bars counted by hand: an item's daily use for the office is the communities' use summed, and its
 * days of cover the office's stock over that use; for one community, the bar says what 物资 says for its store. Each
 * store's daily use is shown to a tenth, but a sum of the shown tenths is not the use: three communities using one
 * mask a week each (1/7 = 0.142… a day, shown 0.1) use 3/7 = 0.43 a day between them, not 0.3, and 27 masks last
 * 63 days, not 90. The expected figures are worked out here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
const communities: number[] = [];
let masks: number;

beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-17T04:00:00.000Z' });
  masks = (await t.call('supplies.items.list', {})).find((i) => i.name === '口罩')!.id;
  for (const name of ['幸福社区', '和平社区', '光明社区']) {
    const id = (await t.call('org.communities.save', { name })).id;
    communities.push(id);
    await t.call('supplies.receive', { storeId: id, itemId: masks, day: '2020-02-10', quantity: 10, sourceKind: 'upstream', sourceName: '区卫健委' });
    // One mask in the 7 days to today (02-11 … 02-17): 1/7 a day.
    await t.call('supplies.issue', { storeId: id, itemId: masks, day: '2020-02-15', quantity: 1, recipient: '东门卡点' });
  }
});
afterAll(() => t?.close());

describe('防控物资 on 工作台, summed from the stores', () => {
  it('says the office uses 3/7 of a mask a day (0.4), and 27 masks last 63.0 days', async () => {
    const bar = (await t.call('dashboard.summary', {})).supplies!.items.find((i) => i.itemId === masks)!;
    expect(bar).toMatchObject({ stock: 27, burn: 0.4, cover: 63 });
  });

  it('for one community says what 物资 says for its store: 9 masks at 1/7 a day, 63.0 days', async () => {
    for (const id of communities) {
      const row = (await t.call('supplies.stock', { storeId: id, itemId: masks })).find((r) => r.storeId === id)!;
      expect([row.stock, row.burn, row.cover]).toEqual([9, 0.1, 63]);
      const bar = (await t.call('dashboard.summary', { communityId: id })).supplies!.items.find((i) => i.itemId === masks)!;
      expect([bar.stock, bar.burn, bar.cover], `社区 ${id}`).toEqual([row.stock, row.burn, row.cover]);
    }
  });
});
