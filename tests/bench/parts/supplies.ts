import type { Channel } from '../../../electron/core/api';
import { medianMs, type BenchPart } from '../types';

/** The supplies screen's reads on the demo month: shortage list, movement pages, allocation, trend, requisition. */
export const suppliesBench: BenchPart = {
  area: 'supplies',
  async run(env) {
    const call = async (channel: Channel, input: unknown) => {
      const r = await env.core.call('bench', channel, input);
      if (r.ok !== true) throw new Error(`${channel} failed: ${JSON.stringify(r)}`);
      return r.value;
    };
    const movements = (await call('supplies.movements.list', { limit: 1 })) as { total: number };
    const stock = await medianMs(9, () => call('supplies.stock', {}));
    const page = await medianMs(9, () => call('supplies.movements.list', { limit: 500 }));
    const storePage = await medianMs(9, () => call('supplies.movements.list', { filter: { storeId: 1, itemId: 1 }, limit: 500 }));
    const propose = await medianMs(9, () => call('supplies.allocation.propose', { itemId: 1 }));
    const history = await medianMs(9, () => call('supplies.history', { itemId: 1 }));
    const requisition = await medianMs(9, () => call('supplies.requisition', {}));
    return [
      { name: `shortage report, all stores × items (${movements.total} movements)`, value: stock, unit: 'ms', target: 200 },
      { name: 'movement list, first 500 rows, whole office', value: page, unit: 'ms', target: 200 },
      { name: 'movement list, one store and item', value: storePage, unit: 'ms', target: 100 },
      { name: 'allocation proposal for one item', value: propose, unit: 'ms', target: 300 },
      { name: 'stock and cover history, 30 days, whole office', value: history, unit: 'ms', target: 200 },
      { name: 'requisition (物资需求申请)', value: requisition, unit: 'ms', target: 300 },
    ];
  },
};
