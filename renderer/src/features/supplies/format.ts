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
