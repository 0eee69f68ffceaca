/** Display helpers for supplies: cover, reasons, kinds, in the users' words. */
import {
  MOVEMENT_KIND_LABELS,
  NO_USE_COVER_LABEL,
  SHORTAGE_REASON_LABELS,
  SOURCE_KIND_LABELS,
  type MovementKind,
  type ShortageReasonCode,
  type SourceKind,
  type StockRow,
} from '../../../../electron/core/supplies/contract';

export const fmtCover = (cover: number | null): string => (cover === null ? NO_USE_COVER_LABEL : `${cover.toFixed(1)} 天`);
export const fmtReasons = (reasons: readonly ShortageReasonCode[]): string => reasons.map((r) => SHORTAGE_REASON_LABELS[r]).join('、');
/** 库存's 状态: why it is short, or 充足; nothing in stock and nothing used is 无库存, never 充足. */
export const fmtStockStatus = (r: Pick<StockRow, 'short' | 'reasons' | 'stock'>): string =>
  r.short ? fmtReasons(r.reasons) : r.stock === 0 ? '无库存' : '充足';
export const fmtKind = (k: MovementKind): string => MOVEMENT_KIND_LABELS[k];
export const fmtSource = (k: SourceKind | null): string => (k ? SOURCE_KIND_LABELS[k] : '');
/** "2020-02-20" -> "2月20日" for chart axes. */
export const shortDay = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
export const rowLabel = (r: Pick<StockRow, 'storeName' | 'itemName'>): string => `${r.storeName}·${r.itemName}`;

/**
 * A ledger with no stock booked, as 缺口预警 and 库存 say it: to a clerk or coordinator the first step and the way there;
 * to a viewer, who books nothing, who does it.
 */
export function noStockYet(canBook: boolean, lead = '还没有库存记录。'): { text: string; action?: { label: string; href: string } } {
  return canBook
    ? { text: `${lead}先在「出入库」登记入库或盘点，才算得出可用天数和缺口。`, action: { label: '去登记入库', href: '#/supplies?tab=movements' } }
    : { text: `${lead}录入员或统筹负责人在「出入库」登记入库或盘点后，才算得出可用天数和缺口。` };
}
