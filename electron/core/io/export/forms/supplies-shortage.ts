/**
 * 防控物资库存与缺口表: per store (街道仓库 and each community) and item, the
 * stock at the period's end, daily use over the week ending then, days of
 * cover against the safety level, the shortfall and whether it is short. The
 * figures are the supplies area's own shortage report and rule, so the form
 * says what the 物资 screen said on the period's last day.
 */
import { NO_USE_COVER_LABEL, SHORTAGE_REASON_LABELS, type StockRow } from '../../../supplies/contract';
import { listItems } from '../../../supplies/queries';
import { LONG_WINDOW_DAYS, shortageReport } from '../../../supplies/report';
import { col, type FormDef, type FormRow } from './types';

/** A store and item with no stock, no use and nothing on the way was never stocked there: not a row worth reporting. */
// Any use, not the shown tenth: an empty store using 1/28 a day reads 0.0 and is short (无库存) on the screen.
const tracked = (r: StockRow): boolean => r.stock !== 0 || r.burnPerDay > 0 || r.nextDelivery !== null;

/** The days of use the form's daily use is averaged over: the 物资 screen's default 统计天数. */
const USE_WINDOW_DAYS = 7;

export const suppliesShortageForm: FormDef = {
  id: 'supplies-shortage',
  title: '防控物资库存与缺口表',
  sheetName: '防控物资库存与缺口',
  // Items are preset by the migration, so only movements show the office keeps a supplies ledger.
  sourceTables: ['supply_movements', 'supply_items', 'supply_deliveries'],
  defaultFullNumbers: false,
  mergeable: true,
  landscape: true,
  // How 可用天数 is worked out is this ledger's rule (the notice sets no formula): said under the table, and so labelled.
  footnote:
    `注：可用天数＝期末库存÷日均消耗，日均消耗为截至统计期末近 ${USE_WINDOW_DAYS} 天的出库量÷${USE_WINDOW_DAYS}` +
    `（期末已无库存、这 ${USE_WINDOW_DAYS} 天又没有出库的，按近 ${LONG_WINDOW_DAYS} 天计），向下取到 0.1 天；没有出库可算的写「${NO_USE_COVER_LABEL}」。` +
    `算法和安全天数是本街道的设定。`,
  columns: [
    col('store', '社区（仓库）', 'text', 14),
    col('item', '物资名称', 'text', 15),
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
    // "Today" of the report is the period's last day: the stock then, daily use over the week ending then and the
    // verdict at the unrounded use, as the screen worked it out that day (redone from the shown, rounded use, 7.0
    // days of cover read 6.8 and short).
    const rows = shortageReport(db, period.to, USE_WINDOW_DAYS).filter(tracked);
    const itemOrder = new Map(listItems(db, false).map((item, i) => [item.id, i]));
    // A form reads store by store (the office's own store is id 0, so first), items in the catalogue's order.
    rows.sort((a, b) => a.storeId - b.storeId || (itemOrder.get(a.itemId) ?? 0) - (itemOrder.get(b.itemId) ?? 0));
    return rows.map((r): FormRow => ({
      store: r.storeName,
      item: r.itemName,
      unit: r.unit,
      stock: r.stock,
      burn: r.burn,
      // No use means no rate to run out at: said in words, as the 物资 screen says it (a blank reads as forgotten).
      cover: r.cover ?? NO_USE_COVER_LABEL,
      safetyDays: r.safetyDays,
      shortfall: r.shortfall,
      short: r.short ? '是' : '否',
      reasons: r.reasons.map((code) => SHORTAGE_REASON_LABELS[code]).join('、'),
      nextDelivery: r.nextDelivery === null ? '' : `${r.nextDelivery}（${r.nextDeliveryQuantity ?? 0}${r.unit}）`,
    }));
  },
};
