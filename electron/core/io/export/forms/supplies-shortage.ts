/**
 * 防控物资库存与缺口表: per store (街道仓库 and each community) and item, the
 * stock at the period's end, daily use over the week ending then, days of
 * cover against the safety level, the shortfall and whether it is short. The
 * figures are the supplies area's own shortage report and rule, so the form
 * says what the 物资 screen said on the period's last day.
 */
import type { ReadDb } from '../../../db/types';
import { assessShortage, coverShown } from '../../../supplies/calc';
import { SHORTAGE_REASON_LABELS, type StockRow } from '../../../supplies/contract';
import { listItems } from '../../../supplies/queries';
import { shortageReport } from '../../../supplies/report';
import { col, type FormDef, type FormRow } from './types';

/** A store and item with no stock, no use and nothing on the way was never stocked there: not a row worth reporting. */
const tracked = (r: StockRow): boolean => r.stock !== 0 || r.burn > 0 || r.nextDelivery !== null;

/** Net units booked after the period's last day, per store and item. */
function bookedAfter(db: ReadDb, day: string): Map<string, number> {
  const rows = db
    .prepare(`SELECT store_id AS storeId, item_id AS itemId, sum(delta) AS delta FROM supply_movements WHERE day > @day GROUP BY store_id, item_id`)
    .all({ day }) as Array<{ storeId: number; itemId: number; delta: number }>;
  return new Map(rows.map((r) => [`${r.storeId}:${r.itemId}`, r.delta]));
}

/**
 * The shortage report counts every movement up to now; a form for a period
 * states the stock at the period's end. Later movements are taken back off
 * and the verdict is redone by the supplies area's own rule (calc.ts), at the
 * report's (rounded) daily use.
 */
function atPeriodEnd(r: StockRow, later: number, day: string): StockRow {
  if (later === 0) return r;
  const stock = r.stock - later;
  const v = assessShortage({ today: day, stock, burn: r.burn, safetyDays: r.safetyDays, nextDelivery: r.nextDelivery });
  return {
    ...r,
    stock,
    cover: coverShown(v.cover),
    stockOut: v.stockOut,
    reasons: v.reasons,
    shortfall: v.shortfall,
    short: v.reasons.length > 0,
  };
}

export const suppliesShortageForm: FormDef = {
  id: 'supplies-shortage',
  title: '防控物资库存与缺口表',
  sheetName: '防控物资库存与缺口',
  // Items are preset by the migration, so only movements show the office keeps a supplies ledger.
  sourceTables: ['supply_movements', 'supply_items', 'supply_deliveries'],
  defaultFullNumbers: false,
  mergeable: true,
  landscape: true,
  columns: [
    col('store', '社区（仓库）', 'text', 14),
    col('item', '物资名称', 'text', 14),
    col('unit', '单位', 'text', 6),
    col('stock', '期末库存', 'number', 10),
    col('burn', '日均消耗', 'number', 10),
    col('cover', '可用天数', 'number', 9),
    col('safetyDays', '安全天数', 'number', 9),
    col('shortfall', '缺口数量', 'number', 10),
    col('short', '是否短缺', 'text', 8),
    col('reasons', '短缺情况', 'text', 22),
    col('nextDelivery', '预计到货', 'text', 18),
  ],
  read(db, period) {
    // "Today" of the report is the period's last day: daily use is the week ending then.
    const later = bookedAfter(db, period.to);
    const rows = shortageReport(db, period.to)
      .map((r) => atPeriodEnd(r, later.get(`${r.storeId}:${r.itemId}`) ?? 0, period.to))
      .filter(tracked);
    const itemOrder = new Map(listItems(db, false).map((item, i) => [item.id, i]));
    // A form reads store by store (the office's own store is id 0, so first), items in the catalogue's order.
    rows.sort((a, b) => a.storeId - b.storeId || (itemOrder.get(a.itemId) ?? 0) - (itemOrder.get(b.itemId) ?? 0));
    return rows.map((r): FormRow => ({
      store: r.storeName,
      item: r.itemName,
      unit: r.unit,
      stock: r.stock,
      burn: r.burn,
      // No use means no rate to run out at: the cell stays empty rather than showing a made-up figure.
      cover: r.cover,
      safetyDays: r.safetyDays,
      shortfall: r.shortfall,
      short: r.short ? '是' : '否',
      reasons: r.reasons.map((code) => SHORTAGE_REASON_LABELS[code]).join('、'),
      nextDelivery: r.nextDelivery === null ? '' : `${r.nextDelivery}（${r.nextDeliveryQuantity ?? 0}${r.unit}）`,
    }));
  },
};
