/**
 * Read functions other areas use too: the shortage report (the dashboard
 * tile, the submission's 防控物资库存与缺口表) and the requisition
 * (物资需求申请). Raw aggregates come from SQL, verdicts from calc.ts.
 */
import { addDays, endOfDayIn } from '../dates.shared';
import type { ReadDb } from '../db/types';
import { assessShortage, coverShown, daysOfCover, effectiveBurnRate, urgencyDays } from './calc';
import { OFFICE_STORE_ID, type HistoryPoint, type Requisition, type RequisitionItem, type StockRow } from './contract';
import { readSettings } from '../settings/queries';
import { listItems, listStores, OF_THE_DELIVERY } from './queries';
import { liveCase } from '../caseload/case-void';

/** When a store is empty and the short window shows no use, its rate comes from this longer window. */
export const LONG_WINDOW_DAYS = 28;

interface Key {
  storeId: number;
  itemId: number;
}
const keyOf = (k: Key) => `${k.storeId}:${k.itemId}`;

/** Stock at the end of `today`: movements are never dated after the real today, so for the screen it is every one; for a past period's form it leaves out what came later. */
function stockByStoreItem(db: ReadDb, today: string): Map<string, number> {
  const rows = db
    .prepare(`SELECT store_id AS storeId, item_id AS itemId, sum(delta) AS stock FROM supply_movements WHERE day <= @today GROUP BY store_id, item_id`)
    .all({ today }) as Array<Key & { stock: number }>;
  return new Map(rows.map((r) => [keyOf(r), r.stock]));
}

/** Units issued (and not reversed) per store and item, in the short and the long window ending today. */
function usageByStoreItem(db: ReadDb, today: string, windowDays: number): Map<string, { short: number; long: number }> {
  const rows = db
    .prepare(
      `SELECT m.store_id AS storeId, m.item_id AS itemId,
              -sum(CASE WHEN m.day >= @shortFrom THEN m.delta ELSE 0 END) AS short, -sum(m.delta) AS long
       FROM supply_movements m
       WHERE m.day >= @longFrom AND m.day <= @today AND m.kind = 'issue'
         AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id)
       GROUP BY m.store_id, m.item_id`,
    )
    .all({ today, shortFrom: addDays(today, -(windowDays - 1)), longFrom: addDays(today, -(Math.max(windowDays, LONG_WINDOW_DAYS) - 1)) }) as Array<
    Key & { short: number; long: number }
  >;
  return new Map(rows.map((r) => [keyOf(r), { short: r.short, long: r.long }]));
}

/**
 * The first delivery still expected at the end of `today`, on or after it, per store and item (overdue ones are not
 * counted on). For a past day (a past period's form) that is what was expected then, not now: a delivery recorded
 * later is left out, and one received or cancelled since is put back. Deliveries are never edited, only received (in
 * one receipt or in parts, each naming it) or cancelled once, so the record keeps that history: recorded at
 * `created_at`, received on its receipts' days (the day the stock counts each, whenever it was booked), cancelled at
 * `updated_at`. What is counted on is what had not arrived by then: a part in stock is not also on its way.
 */
function nextDeliveries(db: ReadDb, today: string): Map<string, { day: string; quantity: number }> {
  const endOfDay = endOfDayIn(today, readSettings(db).timeZone);
  const rows = db
    .prepare(
      `SELECT storeId, itemId, day, quantity FROM (
         SELECT d.id, d.store_id AS storeId, d.item_id AS itemId, d.expected_day AS day,
                d.quantity - coalesce((SELECT sum(m.delta) FROM supply_movements m
                  WHERE m.delivery_id = d.id AND ${OF_THE_DELIVERY} AND m.day <= @today
                    AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id AND r.day <= @today)), 0) AS quantity
         FROM supply_deliveries d
         WHERE d.expected_day >= @today AND d.created_at <= @endOfDay
           AND (d.status IN ('expected', 'received') OR (d.status = 'cancelled' AND d.updated_at > @endOfDay)))
       WHERE quantity > 0
       ORDER BY day, id`,
    )
    .all({ today, endOfDay }) as Array<Key & { day: string; quantity: number }>;
  const out = new Map<string, { day: string; quantity: number }>();
  for (const r of rows) {
    const k = keyOf(r);
    const seen = out.get(k);
    if (!seen) out.set(k, { day: r.day, quantity: r.quantity });
    else if (seen.day === r.day) seen.quantity += r.quantity;
  }
  return out;
}

function urgencyOrder(today: string) {
  return (a: StockRow, b: StockRow): number =>
    Number(b.short) - Number(a.short) ||
    urgencyDays(today, a.stockOut) - urgencyDays(today, b.stockOut) ||
    (a.cover ?? Infinity) / Math.max(1, a.safetyDays) - (b.cover ?? Infinity) / Math.max(1, b.safetyDays) ||
    b.shortfall - a.shortfall ||
    a.storeId - b.storeId ||
    a.itemId - b.itemId;
}

/**
 * Every store × active item with stock, burn rate, days of cover and the
 * shortage verdict as they stood at the end of `today`, most urgent first (the
 * shortage list is the rows with `short`). Other areas: call this for the
 * dashboard tile and the submission's 防控物资库存与缺口表 (with the period's
 * last day: the same figures the screen showed that day).
 */
export function shortageReport(db: ReadDb, today: string, windowDays = 7): StockRow[] {
  const items = listItems(db, false);
  const stores = listStores(db);
  const stock = stockByStoreItem(db, today);
  const usage = usageByStoreItem(db, today, windowDays);
  const deliveries = nextDeliveries(db, today);
  const rows: StockRow[] = [];
  for (const store of stores) {
    for (const item of items) {
      const k = keyOf({ storeId: store.id, itemId: item.id });
      const s = stock.get(k) ?? 0;
      const used = usage.get(k) ?? { short: 0, long: 0 };
      const burn = effectiveBurnRate({ stock: s, usedInWindow: used.short, windowDays, usedInLongWindow: used.long, longWindowDays: LONG_WINDOW_DAYS });
      const next = deliveries.get(k) ?? null;
      const v = assessShortage({ today, stock: s, burn, safetyDays: item.safetyDays, nextDelivery: next?.day ?? null });
      rows.push({
        storeId: store.id,
        storeName: store.name,
        itemId: item.id,
        itemName: item.name,
        unit: item.unit,
        stock: s,
        burn: Math.round(burn * 10) / 10,
        burnPerDay: burn,
        cover: coverShown(v.cover),
        safetyDays: item.safetyDays,
        stockOut: v.stockOut,
        nextDelivery: next?.day ?? null,
        nextDeliveryQuantity: next?.quantity ?? null,
        reasons: v.reasons,
        shortfall: v.shortfall,
        short: v.reasons.length > 0,
      });
    }
  }
  return rows.sort(urgencyOrder(today));
}

/**
 * The shortage figures as a request upstream: per item, each short community, less what the office holds or expects.
 * An item the office can cover itself is not asked for (a 0 line asks for nothing and invites a call): it goes to
 * `covered`, for the one line saying the office reallocates it from its own stock.
 */
export function requisition(db: ReadDb, today: string, windowDays = 7): Requisition {
  const report = shortageReport(db, today, windowDays);
  const items: RequisitionItem[] = [];
  const covered: RequisitionItem[] = [];
  for (const item of listItems(db, false)) {
    const rows = report.filter((r) => r.itemId === item.id);
    const communities = rows
      .filter((r) => r.storeId !== OFFICE_STORE_ID && r.short && r.shortfall > 0)
      .map((r) => ({ storeId: r.storeId, storeName: r.storeName, stock: r.stock, burn: r.burn, cover: r.cover, shortfall: r.shortfall, reasons: r.reasons }));
    if (communities.length === 0) continue;
    const totalShortfall = communities.reduce((s, c) => s + c.shortfall, 0);
    const office = rows.find((r) => r.storeId === OFFICE_STORE_ID);
    const officeStock = Math.max(0, office?.stock ?? 0);
    const expected = office?.nextDeliveryQuantity ?? 0;
    const gap = Math.max(0, totalShortfall - officeStock - expected);
    const line: RequisitionItem = {
      itemId: item.id,
      itemName: item.name,
      unit: item.unit,
      packSize: item.packSize,
      communities,
      totalShortfall,
      officeStock,
      expected,
      gap,
      requested: Math.ceil(gap / item.packSize) * item.packSize,
    };
    (line.requested > 0 ? items : covered).push(line);
  }
  return { today, windowDays, items, covered };
}

/** Stock and days of cover at the end of each of the last `days` days, for one store or the whole office. */
export function stockHistory(db: ReadDb, o: { today: string; itemId: number; storeId?: number | undefined; days: number; windowDays: number }): HistoryPoint[] {
  const from = addDays(o.today, -(o.days - 1));
  const storeCond = o.storeId === undefined ? '' : 'AND store_id = @storeId';
  const params = { itemId: o.itemId, today: o.today, ...(o.storeId === undefined ? {} : { storeId: o.storeId }) };
  const current = (db.prepare(`SELECT coalesce(sum(delta), 0) AS s FROM supply_movements WHERE item_id = @itemId ${storeCond}`).get(params) as { s: number }).s;
  const daily = db
    .prepare(
      `SELECT m.day, sum(m.delta) AS net,
              -sum(CASE WHEN m.kind = 'issue' AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id) THEN m.delta ELSE 0 END) AS used
       FROM supply_movements m WHERE m.item_id = @itemId AND m.day >= @windowFrom ${storeCond.replace('store_id', 'm.store_id')}
       GROUP BY m.day`,
    )
    .all({ ...params, windowFrom: addDays(from, -(o.windowDays - 1)) }) as Array<{ day: string; net: number; used: number }>;
  const byDay = new Map(daily.map((d) => [d.day, d]));
  // Stock at the end of day d = today's stock less everything booked after d.
  const points: HistoryPoint[] = [];
  let stock = current;
  for (let d = o.today; d >= from; d = addDays(d, -1)) {
    let used = 0;
    for (let w = 0; w < o.windowDays; w++) used += byDay.get(addDays(d, -w))?.used ?? 0;
    const burn = used / o.windowDays;
    points.push({ day: d, stock, cover: coverShown(daysOfCover(stock, burn)) });
    stock -= byDay.get(d)?.net ?? 0;
  }
  return points.reverse();
}

/** Active staff per community ("staff on duty"). */
export function staffByCommunity(db: ReadDb): Map<number, number> {
  const rows = db
    .prepare(`SELECT community_id AS id, count(*) AS n FROM staff WHERE status = 'active' AND community_id IS NOT NULL GROUP BY community_id`)
    .all() as Array<{
    id: number;
    n: number;
  }>;
  return new Map(rows.map((r) => [r.id, r.n]));
}

/** People under home or medical observation today, per community; empty when the caseload tables are absent. */
export function observedByCommunity(db: ReadDb, today: string): Map<number, number> {
  const hasCases = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'cases'`).get();
  if (!hasCases) return new Map();
  const rows = db
    .prepare(
      `SELECT community_id AS id, count(*) AS n FROM cases c
       WHERE category IN ('home_observation', 'medical_observation') AND closed_on IS NULL AND ${liveCase('c')}
         AND obs_start_on <= @today AND (obs_end_on IS NULL OR obs_end_on >= @today)
       GROUP BY community_id`,
    )
    .all({ today }) as Array<{ id: number; n: number }>;
  return new Map(rows.map((r) => [r.id, r.n]));
}
