/** Shared set-up for the supplies tests: a ledger with communities and the preset items. */
import type { SupplyItem } from '../../../electron/core/supplies/contract';
import { addDays } from '../../../electron/core/dates.shared';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

export interface SuppliesLedger {
  t: TestLedger;
  today: string;
  item: (name: string) => SupplyItem;
  community: (name: string) => number;
  /** Rows of an SQL count, read straight from the ledger. */
  countRows: (table: string) => number;
}

export async function openSuppliesLedger(communities: string[] = ['幸福社区', '和平社区', '建设社区']): Promise<SuppliesLedger> {
  const t = await openTestLedger();
  const ids = new Map<string, number>();
  for (const name of communities) ids.set(name, (await t.call('org.communities.save', { name })).id);
  const items = await t.call('supplies.items.list', {});
  return {
    t,
    today: t.clock.today(),
    item: (name) => items.find((i) => i.name === name)!,
    community: (name) => ids.get(name)!,
    countRows: (table) => (t.core.services.ledger.handle().prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n,
  };
}

/** Receives `stock` ten days ago, then issues `perDay` on each of the last seven days (today included). */
export async function useDaily(s: SuppliesLedger, community: string, item: string, stock: number, perDay: number): Promise<void> {
  const storeId = s.community(community);
  const itemId = s.item(item).id;
  await s.t.call('supplies.receive', { storeId, itemId, day: addDays(s.today, -10), quantity: stock, sourceKind: 'upstream', sourceName: '区卫健委' });
  for (let d = 6; d >= 0; d--) await s.t.call('supplies.issue', { storeId, itemId, day: addDays(s.today, -d), quantity: perDay, recipient: '卡点' });
}

/** Books `quantity` into the office's store today, naming the expected delivery it belongs to. */
export function receiveNaming(s: SuppliesLedger, itemId: number, deliveryId: number, quantity: number, source: string) {
  return s.t.call('supplies.receive', { storeId: 0, itemId, day: s.today, quantity, sourceKind: 'upstream', sourceName: source, deliveryId });
}
