// The supplies area's channels (防控物资): items, movements per store, shortages, allocation, requisition.
import { z } from 'zod';
import { areaContract, channel, day, empty, fromNotAfterTo, id, listParams, type Page, PERIOD_ORDER, requiredText, text } from '../contract';

const suppliesLabels = {
  itemId: '物资',
  storeId: '仓库',
  fromStoreId: '调出仓库',
  toStoreId: '调入仓库',
  quantity: '数量',
  day: '日期',
  sourceKind: '来源类别',
  sourceName: '来源单位',
  recipient: '领用岗位/队伍',
  counted: '实盘数量',
  note: '备注',
  movementId: '流水号',
  reason: '冲销原因',
  unit: '单位',
  packSize: '每箱数量',
  safetyDays: '安全天数',
  windowDays: '统计天数',
  expectedDay: '预计到货日期',
  deliveryId: '预计到货记录',
  lines: '分配明细',
  shipment: '分配数量',
  active: '启用',
  includeInactive: '含停用物资',
  onlyShort: '只看缺口',
  days: '天数',
  includeClosed: '含已到货和已取消',
  name: '物资名称',
  kind: '类型',
  source: '供货单位',
};

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
  /** Average daily use (units/day) over the window. */
  burn: number;
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

const quantity = z.number({ error: '应为数字' }).int('应为整数（按物资的单位计）').positive('应大于 0').max(10_000_000, '数字过大');
const windowDays = z.number().int().min(1).max(90).default(7);
const note = text(200).default('');

const movementFilter = z
  .strictObject({
    storeId: z.number().int().min(0).optional(),
    itemId: id.optional(),
    kind: z.enum(MOVEMENT_KINDS).optional(),
    from: day.optional(),
    to: day.optional(),
  })
  .refine(fromNotAfterTo, PERIOD_ORDER);

export const suppliesContract = areaContract(suppliesLabels, {
  'supplies.items.list': channel<SupplyItem[]>()({ input: z.strictObject({ includeInactive: z.boolean().default(false) }), access: 'viewer', kind: 'read' }),
  'supplies.items.save': channel<SupplyItem>()({
    input: z.strictObject({
      id: id.optional(),
      name: requiredText(30),
      unit: requiredText(6),
      packSize: z.number().int('应为整数').min(1, '至少为 1').max(100_000),
      safetyDays: z.number().int('应为整数').min(0, '不能为负数').max(365, '最多 365 天'),
      active: z.boolean().default(true),
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'supplies.stores.list': channel<SupplyStore[]>()({ input: empty, access: 'viewer', kind: 'read' }),
  'supplies.stock': channel<StockRow[]>()({
    input: z.strictObject({ windowDays, onlyShort: z.boolean().default(false), storeId: z.number().int().min(0).optional(), itemId: id.optional() }),
    access: 'viewer',
    kind: 'read',
  }),
  'supplies.movements.list': channel<Page<Movement>>()({ input: listParams(movementFilter, ['day', 'id', 'delta']), access: 'viewer', kind: 'read' }),
  'supplies.receive': channel<Movement>()({
    input: z.strictObject({
      storeId: z.number().int().min(0),
      itemId: id,
      day,
      quantity,
      sourceKind: z.enum(SOURCE_KINDS),
      sourceName: requiredText(60),
      deliveryId: id.optional(),
      note,
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'supplies.issue': channel<Movement>()({
    input: z.strictObject({ storeId: z.number().int().min(0), itemId: id, day, quantity, recipient: requiredText(60), note }),
    access: 'clerk',
    kind: 'write',
  }),
  'supplies.transfer': channel<Movement[]>()({
    input: z.strictObject({ fromStoreId: z.number().int().min(0), toStoreId: z.number().int().min(0), itemId: id, day, quantity, note }),
    access: 'clerk',
    kind: 'write',
  }),
  'supplies.count': channel<Movement>()({
    input: z.strictObject({
      storeId: z.number().int().min(0),
      itemId: id,
      day,
      counted: z.number({ error: '应为数字' }).int('应为整数').min(0, '不能为负数').max(10_000_000),
      note,
    }),
    access: 'clerk',
    kind: 'write',
  }),
  'supplies.reverse': channel<Movement[]>()({ input: z.strictObject({ movementId: id, reason: requiredText(200) }), access: 'coordinator', kind: 'write' }),
  'supplies.deliveries.list': channel<Delivery[]>()({ input: z.strictObject({ includeClosed: z.boolean().default(false) }), access: 'viewer', kind: 'read' }),
  'supplies.deliveries.save': channel<Delivery>()({
    input: z.strictObject({ storeId: z.number().int().min(0), itemId: id, expectedDay: day, quantity, source: text(60).default('') }),
    access: 'clerk',
    kind: 'write',
  }),
  'supplies.deliveries.cancel': channel<Delivery>()({ input: z.strictObject({ id }), access: 'clerk', kind: 'write' }),
  'supplies.allocation.propose': channel<AllocationProposal>()({
    input: z.strictObject({ itemId: id, shipment: z.number().int().min(0).max(10_000_000).optional(), windowDays }),
    access: 'coordinator',
    kind: 'read',
  }),
  'supplies.allocation.book': channel<Movement[]>()({
    input: z.strictObject({
      itemId: id,
      day,
      lines: z
        .array(z.strictObject({ communityId: id, quantity: z.number().int('应为整数').min(0, '不能为负数').max(10_000_000) }))
        .min(1, '至少分配给一个社区')
        .max(500),
      note,
    }),
    access: 'coordinator',
    kind: 'write',
  }),
  'supplies.history': channel<HistoryPoint[]>()({
    input: z.strictObject({ itemId: id, storeId: z.number().int().min(0).optional(), days: z.number().int().min(7).max(180).default(30), windowDays }),
    access: 'viewer',
    kind: 'read',
  }),
  'supplies.requisition': channel<Requisition>()({ input: z.strictObject({ windowDays }), access: 'viewer', kind: 'read' }),
});
