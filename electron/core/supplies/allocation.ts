/** The proposed split of the office store's stock of one item across the communities. */
import type { ReadDb } from '../db/types';
import { allocate, needWeight } from './calc';
import { OFFICE_STORE_ID, type AllocationProposal } from './contract';
import { requireItem } from './movements';
import { observedByCommunity, shortageReport, staffByCommunity } from './report';

export function proposeAllocation(db: ReadDb, o: { itemId: number; shipment?: number | undefined; today: string; windowDays: number }): AllocationProposal {
  const item = requireItem(db, o.itemId);
  const rows = shortageReport(db, o.today, o.windowDays).filter((r) => r.itemId === item.id);
  const officeStock = Math.max(0, rows.find((r) => r.storeId === OFFICE_STORE_ID)?.stock ?? 0);
  // The coordinator may plan a split for a shipment not yet booked; by default it is what the office holds.
  const shipment = o.shipment ?? officeStock;
  const communities = rows.filter((r) => r.storeId !== OFFICE_STORE_ID).sort((a, b) => a.storeId - b.storeId);
  const staff = staffByCommunity(db);
  const observed = observedByCommunity(db, o.today);
  const mean = (m: Map<number, number>) => (communities.length ? communities.reduce((s, c) => s + (m.get(c.storeId) ?? 0), 0) / communities.length : 0);
  const meanStaff = mean(staff);
  const meanObserved = mean(observed);
  const lines = communities.map((c) => {
    const s = staff.get(c.storeId) ?? 0;
    const ob = observed.get(c.storeId) ?? 0;
    return {
      communityId: c.storeId,
      communityName: c.storeName,
      stock: c.stock,
      burn: c.burn,
      cover: c.cover,
      need: c.shortfall,
      staff: s,
      observed: ob,
      weight: Math.round(needWeight(s, ob, meanStaff, meanObserved) * 100) / 100,
      proposed: 0,
    };
  });
  const split = allocate(
    shipment,
    item.packSize,
    lines.map((l) => ({ key: l.communityId, need: l.need, weight: l.weight })),
  );
  for (const l of lines) l.proposed = split.get(l.communityId) ?? 0;
  lines.sort((a, b) => b.proposed - a.proposed || b.need - a.need || a.communityId - b.communityId);
  return { itemId: item.id, itemName: item.name, unit: item.unit, packSize: item.packSize, officeStock, shipment, lines };
}
