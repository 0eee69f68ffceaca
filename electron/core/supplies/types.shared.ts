/** The supplies area's codes and row types (防控物资), loaded by the renderer too; contract.ts re-exports them with its channels. */

/** store id 0 is the street office's own store; any other id is a community's store. */
export const OFFICE_STORE_ID = 0;
export const OFFICE_STORE_NAME = '街道仓库';

export const SOURCE_KINDS = ['upstream', 'donation', 'purchase'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];
export const SOURCE_KIND_LABELS: Record<SourceKind, string> = { upstream: '上级调拨', donation: '社会捐赠', purchase: '自行采购' };

export const MOVEMENT_KINDS = ['receipt', 'issue', 'transfer_out', 'transfer_in', 'count', 'reversal'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = {
  receipt: '入库',
  issue: '出库',
  transfer_out: '调出',
  transfer_in: '调入',
  count: '盘点',
  reversal: '冲销',
};

/**
 * 可用天数 where nothing was issued lately: there is no rate to run out at. Said in words on every screen and form,
 * never a blank cell (which reads as forgotten) nor a made-up figure.
 */
export const NO_USE_COVER_LABEL = '未消耗';

export type ShortageReasonCode = 'stock_out' | 'below_safety' | 'runs_out_before_delivery';
export const SHORTAGE_REASON_LABELS: Record<ShortageReasonCode, string> = {
  stock_out: '已断货',
  below_safety: '低于安全天数',
  runs_out_before_delivery: '到货前断货',
};

export interface SupplyItem {
  id: number;
  name: string;
  unit: string;
  packSize: number;
  safetyDays: number;
  preset: boolean;
  active: boolean;
}

export interface SupplyStore {
  id: number;
  name: string;
}

export interface Movement {
  id: number;
  day: string;
  itemId: number;
  itemName: string;
  unit: string;
  storeId: number;
  storeName: string;
  kind: MovementKind;
  delta: number;
  sourceKind: SourceKind | null;
  party: string;
  otherStoreId: number | null;
  otherStoreName: string | null;
  counted: number | null;
  bookBefore: number | null;
  reversesId: number | null;
  reversedById: number | null;
  note: string;
  createdBy: string;
  /** Who did it, by the name colleagues know them by (users.display_name); the username if the account is gone. */
  createdByName: string;
  createdAt: string;
}

/** One store × item: stock, burn rate, days of cover and the shortage verdict. */
export interface StockRow {
  storeId: number;
  storeName: string;
  itemId: number;
  itemName: string;
  unit: string;
  stock: number;
  /** Average daily use (units/day) over the window, as shown: to a tenth. */
  burn: number;
  /** The same use unrounded, for figures summed over stores (工作台's office bar): a sum of shown tenths is not the use. */
  burnPerDay: number;
  /** Days of cover; null when nothing is being used. */
  cover: number | null;
  safetyDays: number;
  stockOut: string | null;
  nextDelivery: string | null;
  nextDeliveryQuantity: number | null;
  reasons: ShortageReasonCode[];
  /** Units short of the safety level. */
  shortfall: number;
  short: boolean;
}

export interface Delivery {
  id: number;
  itemId: number;
  itemName: string;
  unit: string;
  storeId: number;
  storeName: string;
  expectedDay: string;
  quantity: number;
  source: string;
  status: 'expected' | 'received' | 'cancelled';
  /** Booked in against it so far (receipts naming it, less any reversed): a part arrived leaves the rest expected. */
  received: number;
}

export interface AllocationLine {
  communityId: number;
  communityName: string;
  stock: number;
  burn: number;
  cover: number | null;
  need: number;
  staff: number;
  observed: number;
  weight: number;
  proposed: number;
}

export interface AllocationProposal {
  itemId: number;
  itemName: string;
  unit: string;
  packSize: number;
  officeStock: number;
  shipment: number;
  lines: AllocationLine[];
}

export interface HistoryPoint {
  day: string;
  stock: number;
  cover: number | null;
}

export interface RequisitionItem {
  itemId: number;
  itemName: string;
  unit: string;
  packSize: number;
  communities: Array<{
    storeId: number;
    storeName: string;
    stock: number;
    burn: number;
    cover: number | null;
    shortfall: number;
    reasons: ShortageReasonCode[];
  }>;
  totalShortfall: number;
  officeStock: number;
  expected: number;
  /** What is still short after the office's own stock and expected deliveries: totalShortfall − officeStock − expected, at least 0. */
  gap: number;
  /** What to ask upstream for: the gap in whole packs. */
  requested: number;
}

export interface Requisition {
  today: string;
  windowDays: number;
  /** Items to ask the district for (requested > 0). */
  items: RequisitionItem[];
  /** Items whose shortfall the office's own stock and expected deliveries cover: not asked for, the office reallocates them. */
  covered: RequisitionItem[];
}
