/**
 * 防控物资 for 工作台, from the supplies' own shortage report (so the tile
 * and the 缺口预警 list agree): shortages, and days of cover per item for
 * the office as a whole or for one community's store.
 */
import type { ReadDb } from '../db/types';
import { coverShown, daysOfCover } from '../supplies/calc';
import { shortageReport } from '../supplies/report';
import type { SupplyBar, SuppliesFigures } from './types.shared';

export function suppliesFigures(db: ReadDb, today: string, communityId?: number): SuppliesFigures {
  // A community's own store has the community's id (supplies/README.md); the office view covers every store.
  const rows = shortageReport(db, today).filter((r) => communityId === undefined || r.storeId === communityId);
  const short = rows.filter((r) => r.short);
  const byItem = new Map<number, SupplyBar>();
  for (const r of rows) {
    const bar = byItem.get(r.itemId) ?? {
      itemId: r.itemId,
      itemName: r.itemName,
      unit: r.unit,
      stock: 0,
      burn: 0,
      cover: null,
      safetyDays: r.safetyDays,
      shortStores: 0,
    };
    bar.stock += Math.max(0, r.stock);
    // The stores' use unrounded: three using 1/7 a day (each shown 0.1) use 0.43 between them, not 0.3.
    bar.burn += r.burnPerDay;
    if (r.short) bar.shortStores += 1;
    byItem.set(r.itemId, bar);
  }
  const items = [...byItem.values()].map((b) => ({
    ...b,
    burn: Math.round(b.burn * 10) / 10,
    cover: coverShown(daysOfCover(b.stock, b.burn)),
  }));
  const first = short[0];
  return { shortRows: short.length, first: first ? { storeName: first.storeName, itemName: first.itemName, stockOut: first.stockOut } : null, items };
}
