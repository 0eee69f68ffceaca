// The supplies area's channels (防控物资): items, movements per store, shortages, allocation, requisition.
// Its codes and row types are types.shared.ts, re-exported here.
import { z } from 'zod';
import { areaContract, channel, day, empty, fromNotAfterTo, id, listParams, type Page, PERIOD_ORDER, requiredText, text } from '../contract';
import {
  MOVEMENT_KINDS,
  SOURCE_KINDS,
  type AllocationProposal,
  type Delivery,
  type HistoryPoint,
  type Movement,
  type Requisition,
  type StockRow,
  type SupplyItem,
  type SupplyStore,
} from './types.shared';

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

export * from './types.shared';

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
