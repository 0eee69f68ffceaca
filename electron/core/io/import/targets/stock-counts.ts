/**
 * 物资盘点: each row the counted quantity of one item in one store (a
 * community's, or the street office's own 街道仓库) on one day, booked
 * through supplies' count(): a count movement holding the counted quantity
 * and the variance against the book. Movements are append-only, so:
 * - the same store, item and day already counted to the same quantity →
 *   nothing is booked again (a second import is a no-op);
 * - counted differently → skip, or ("update") book a new count that day;
 * - a count dated before a later movement of that item in that store is sent
 *   back: its variance is taken against today's book and would wipe out the
 *   movements after it.
 */
import type { ReadDb } from '../../../db/types';
import { OFFICE_STORE_ID, OFFICE_STORE_NAME, type SupplyItem } from '../../../supplies/contract';
import { count } from '../../../supplies/movements';
import { findItemByName, getStore, listItems, stockOf } from '../../../supplies/queries';
import { TARGETS } from '../fields.shared';
import { communityId, type Reason } from '../values';
import type { Built, ImportTarget } from './types';
import { str } from './record-fields';

export interface CountRecord extends Record<string, unknown> {
  storeId: number;
  storeName: string;
  itemName: string;
  /** Found by the ledger check. */
  itemId: number | null;
  counted: number;
  /** The unit written after the number ("120只"), checked against the item's own. */
  unit: string | null;
  day: string;
  note: string | null;
  /** The book quantity when the file was checked, for the preview's variance. */
  bookAtCheck: number | null;
}

/** How a sheet names the street office's own store. */
const OFFICE_NAMES = new Set([OFFICE_STORE_NAME, '街道', '街道办', '街道办事处', '街道物资库', '街道库房', '街道仓']);
const IMPORTED_NOTE = '导入盘点表';

function parseCounted(raw: string): { ok: true; counted: number; unit: string | null } | { ok: false; reason: Reason } {
  const m = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.0+)?([\u4e00-\u9fa5]{1,3})?$/.exec(raw.replace(/\s/g, ''));
  const counted = m ? Number(m[1]!.replace(/,/g, '')) : NaN;
  if (!m || !Number.isSafeInteger(counted) || counted > 10_000_000) {
    return { ok: false, reason: { field: '盘点数量', message: `「${raw}」应为不小于 0 的整数（按物资的单位计，例如 120）` } };
  }
  return { ok: true, counted, unit: m[2] ?? null };
}

interface LedgerCount {
  id: number;
  counted: number;
}

/** The last count of that store, item and day that has not been reversed (supply_movements_by_store_item). */
function countFinder(db: ReadDb): (storeId: number, itemId: number, day: string) => LedgerCount | undefined {
  const stmt = db.prepare(
    `SELECT m.id, m.counted FROM supply_movements m WHERE m.store_id = @storeId AND m.item_id = @itemId AND m.day = @day AND m.kind = 'count'
       AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id) ORDER BY m.id DESC LIMIT 1`,
  );
  return (storeId, itemId, day) => stmt.get({ storeId, itemId, day }) as LedgerCount | undefined;
}

const fail = (field: string, message: string): Built<CountRecord> => ({ ok: false, reasons: [{ field, message }] });

function checkAgainstLedger(db: ReadDb, today: string): (r: CountRecord) => Built<CountRecord> {
  const findCount = countFinder(db);
  const lastDay = db.prepare(`SELECT max(day) AS day FROM supply_movements WHERE store_id = @storeId AND item_id = @itemId`);
  const known = listItems(db, false).map((i) => i.name);
  // Counts of one store and item must come in date order: each is booked against the book as it stands.
  const latestInFile = new Map<string, string>();
  return (r) => {
    if (r.day > today) return fail('盘点日期', `${r.day} 晚于今天（${today}），不能登记未来的盘点`);
    const item: SupplyItem | undefined = findItemByName(db, r.itemName) ?? findItemByName(db, r.itemName.replace(/\s/g, ''));
    if (!item)
      return fail('物资名称', `台账中没有名为「${r.itemName}」的物资（现有：${known.join('、')}），请先在“防控物资 → 物资品种”中添加，或改成台账中的名称`);
    if (!item.active) return fail('物资名称', `「${item.name}」已停用，不能再登记盘点`);
    if (r.unit !== null && r.unit !== item.unit)
      return fail('盘点数量', `单位「${r.unit}」与台账中${item.name}的单位「${item.unit}」不同，请换算成「${item.unit}」后填写`);
    const storeName = getStore(db, r.storeId)?.name ?? r.storeName;
    const record: CountRecord = { ...r, storeName, itemId: item.id, itemName: item.name, bookAtCheck: stockOf(db, r.storeId, item.id) };
    const same = findCount(r.storeId, item.id, r.day);
    if (same && same.counted === r.counted) return { ok: true, record };
    const last = (lastDay.get({ storeId: r.storeId, itemId: item.id }) as { day: string | null }).day;
    if (last !== null && last > r.day) {
      return fail('盘点日期', `${r.day} 早于${storeName}的${item.name}最近一次出入库（${last}）：按这次盘点改账会抹掉之后的出入库，请以最近的实际数量重新盘点`);
    }
    const fileKey = `${r.storeId}|${item.id}`;
    const laterInFile = latestInFile.get(fileKey);
    if (laterInFile !== undefined && laterInFile > r.day)
      return fail('盘点日期', `本表前面已有${storeName}的${item.name}更晚（${laterInFile}）的盘点，请只保留最近一次，或按日期先后排列`);
    latestInFile.set(fileKey, r.day);
    return { ok: true, record };
  };
}

export const stockCountsTarget: ImportTarget<CountRecord> = {
  def: TARGETS.stock_counts,
  build(v, lookups) {
    const reasons: Reason[] = [];
    const storeText = (v.store as string).replace(/\s/g, '');
    const storeId = OFFICE_NAMES.has(storeText) ? OFFICE_STORE_ID : communityId(storeText, lookups);
    if (storeId === undefined) reasons.push({ field: '社区', message: `台账中没有名为「${storeText}」的社区；街道自己的仓库请填“${OFFICE_STORE_NAME}”` });
    const counted = parseCounted(v.counted as string);
    if (!counted.ok) reasons.push(counted.reason);
    if (reasons.length > 0 || storeId === undefined || !counted.ok) return { ok: false, reasons };
    return {
      ok: true,
      record: {
        storeId,
        storeName: storeId === OFFICE_STORE_ID ? OFFICE_STORE_NAME : storeText,
        itemName: (v.item as string).trim(),
        itemId: null,
        counted: counted.counted,
        unit: counted.unit,
        day: v.day as string,
        note: str(v.note),
        bookAtCheck: null,
      },
    };
  },
  ledgerCheck: checkAgainstLedger,
  keyOf: (r) => `${r.storeId}|${r.itemName}|${r.day}`,
  sameKeyMessage: (first) => `与第 ${first} 行是同一仓库、同一物资、同一天的盘点，但数量不同，请核对后只保留一行`,
  matcher(db) {
    const findCount = countFinder(db);
    return (r) => {
      if (r.itemId === null) return null;
      const c = findCount(r.storeId, r.itemId, r.day);
      return c ? { id: c.id, current: { ...r, counted: c.counted } } : null;
    };
  },
  same: (existing, r) => (existing.current as CountRecord).counted === r.counted,
  // A second count the same day is an "update" (the later count stands); "keep both" has nothing more to keep.
  canKeepBoth: () => false,
  insert(w, r) {
    // Unknown by now only if the item went away after the preview: count() then refuses with its own message.
    const itemId = r.itemId ?? findItemByName(w.db, r.itemName)?.id ?? 0;
    const m = count(w.db, { storeId: r.storeId, itemId, day: r.day, counted: r.counted, note: r.note ?? IMPORTED_NOTE }, { ...w.context, audit: w.audit });
    return m.id;
  },
  update(w, _existing, r) {
    stockCountsTarget.insert(w, r);
  },
  show(r) {
    const rec = r as Partial<CountRecord>;
    const book = rec.bookAtCheck ?? null;
    const variance = book === null || rec.counted === undefined ? '' : rec.counted - book;
    return {
      仓库: rec.storeName ?? '',
      物资名称: rec.itemName ?? '',
      盘点日期: rec.day ?? '',
      盘点数量: rec.counted !== undefined ? String(rec.counted) : '',
      账面数量: book === null ? '' : String(book),
      差额: variance === '' ? '' : variance > 0 ? `+${variance}` : String(variance),
    };
  },
};
