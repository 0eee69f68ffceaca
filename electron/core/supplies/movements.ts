/**
 * Booking movements: receipts, issues, transfers, counts, reversals and the
 * transfers of an allocation. Each runs inside the router's one transaction;
 * every check comes before the first write, so a refusal writes nothing.
 */
import type { WriteDb, ReadDb } from '../db/types';
import { badInput, conflict, notFound } from '../errors';
import type { WriteContext } from '../handler-types';
import { OFFICE_STORE_ID, type Movement, type SourceKind, type SupplyItem, type SupplyStore } from './contract';
import * as q from './queries';

export function requireItem(db: ReadDb, itemId: number): SupplyItem {
  const item = q.getItem(db, itemId);
  if (!item) throw badInput(`「物资」不存在（编号 ${itemId}），请先在「物资品种」中添加。`, { field: 'itemId' });
  if (!item.active) throw badInput(`「物资」「${item.name}」已停用，不能再登记出入库。`, { field: 'itemId' });
  return item;
}

export function requireStore(db: ReadDb, storeId: number, field = 'storeId', label = '仓库'): SupplyStore {
  const store = q.getStore(db, storeId);
  if (!store) throw badInput(`「${label}」不存在（编号 ${storeId}），请选择街道仓库或一个社区。`, { field });
  return store;
}

function requirePastOrToday(day: string, today: string): void {
  if (day > today) throw badInput(`「日期」不能晚于今天（${today}）：出入库按实际发生的日子登记。`, { field: 'day' });
}

function requireStock(db: ReadDb, store: SupplyStore, item: SupplyItem, quantity: number, verb: string): number {
  const stock = q.stockOf(db, store.id, item.id);
  if (quantity > stock) {
    throw badInput(`「数量」超过库存：${store.name}的${item.name}现有 ${stock} ${item.unit}，不能${verb} ${quantity} ${item.unit}。`, {
      field: 'quantity',
      stock,
    });
  }
  return stock;
}

function book(db: WriteDb, ctx: WriteContext, m: q.NewMovement): Movement {
  const id = q.insertMovement(db, m, ctx.clock.nowIso(), ctx.session.username);
  const after = q.getMovement(db, id)!;
  ctx.audit({ entity: 'supply_movement', entityId: id, after });
  return after;
}

export function receive(
  db: WriteDb,
  input: {
    storeId: number;
    itemId: number;
    day: string;
    quantity: number;
    sourceKind: SourceKind;
    sourceName: string;
    deliveryId?: number | undefined;
    note: string;
  },
  ctx: WriteContext,
): Movement {
  const item = requireItem(db, input.itemId);
  requireStore(db, input.storeId);
  requirePastOrToday(input.day, ctx.clock.today());
  const delivery = input.deliveryId === undefined ? undefined : q.getDelivery(db, input.deliveryId);
  if (input.deliveryId !== undefined) {
    if (!delivery) throw notFound('这条预计到货记录');
    if (delivery.status !== 'expected') throw conflict(`这条预计到货记录已${delivery.status === 'received' ? '到货' : '取消'}，不能再入库。`);
    if (delivery.itemId !== item.id || delivery.storeId !== input.storeId)
      throw badInput('「预计到货记录」与所选的物资或仓库不一致。', { field: 'deliveryId' });
  }
  const movement = book(db, ctx, {
    day: input.day,
    itemId: item.id,
    storeId: input.storeId,
    kind: 'receipt',
    delta: input.quantity,
    sourceKind: input.sourceKind,
    party: input.sourceName,
    deliveryId: input.deliveryId ?? null,
    note: input.note,
  });
  if (delivery) {
    // A part of it arrived: the rest stays expected (and counted on) until receipts naming it reach what was expected.
    if (q.getDelivery(db, delivery.id)!.received >= delivery.quantity) q.setDeliveryStatus(db, delivery.id, 'received', ctx.clock.nowIso());
    ctx.audit({ entity: 'supply_delivery', entityId: delivery.id, before: delivery, after: q.getDelivery(db, delivery.id) });
  }
  return movement;
}

export function issue(
  db: WriteDb,
  input: { storeId: number; itemId: number; day: string; quantity: number; recipient: string; note: string },
  ctx: WriteContext,
): Movement {
  const item = requireItem(db, input.itemId);
  const store = requireStore(db, input.storeId);
  requirePastOrToday(input.day, ctx.clock.today());
  requireStock(db, store, item, input.quantity, '出库');
  return book(db, ctx, { day: input.day, itemId: item.id, storeId: store.id, kind: 'issue', delta: -input.quantity, party: input.recipient, note: input.note });
}

export function transfer(
  db: WriteDb,
  input: { fromStoreId: number; toStoreId: number; itemId: number; day: string; quantity: number; note: string },
  ctx: WriteContext,
): Movement[] {
  const item = requireItem(db, input.itemId);
  const from = requireStore(db, input.fromStoreId, 'fromStoreId', '调出仓库');
  const to = requireStore(db, input.toStoreId, 'toStoreId', '调入仓库');
  if (from.id === to.id) throw badInput(`「调入仓库」不能与「调出仓库」相同（都是${from.name}）。`, { field: 'toStoreId' });
  requirePastOrToday(input.day, ctx.clock.today());
  requireStock(db, from, item, input.quantity, `调出`);
  return bookTransfer(db, ctx, item, from, to, input.quantity, input.day, input.note);
}

function bookTransfer(
  db: WriteDb,
  ctx: WriteContext,
  item: SupplyItem,
  from: SupplyStore,
  to: SupplyStore,
  quantity: number,
  day: string,
  note: string,
): Movement[] {
  const group = q.nextTransferGroup(db);
  const common = { day, itemId: item.id, transferGroup: group, note };
  return [
    book(db, ctx, { ...common, storeId: from.id, kind: 'transfer_out', delta: -quantity, otherStoreId: to.id, party: to.name }),
    book(db, ctx, { ...common, storeId: to.id, kind: 'transfer_in', delta: quantity, otherStoreId: from.id, party: from.name }),
  ];
}

/** 盘点: records the counted quantity and the variance against the book; the only way stock is set directly. */
export function count(db: WriteDb, input: { storeId: number; itemId: number; day: string; counted: number; note: string }, ctx: WriteContext): Movement {
  const item = requireItem(db, input.itemId);
  const store = requireStore(db, input.storeId);
  requirePastOrToday(input.day, ctx.clock.today());
  const onBook = q.stockOf(db, store.id, item.id);
  return book(db, ctx, {
    day: input.day,
    itemId: item.id,
    storeId: store.id,
    kind: 'count',
    delta: input.counted - onBook,
    counted: input.counted,
    bookBefore: onBook,
    note: input.note,
  });
}

/** 冲销: a new movement undoing an old one (both rows of a transfer). The old one is never touched. */
export function reverse(db: WriteDb, input: { movementId: number; reason: string }, ctx: WriteContext): Movement[] {
  const original = q.getMovement(db, input.movementId);
  if (!original) throw notFound(`流水号 ${input.movementId} 的出入库记录`);
  if (original.kind === 'reversal') throw badInput(`流水号 ${original.id} 本身是冲销记录，不能再冲销；如需更正，请重新登记。`, { field: 'movementId' });
  const group = original.kind === 'transfer_in' || original.kind === 'transfer_out' ? groupOf(db, original.id) : null;
  const targets = group ? q.movementsInGroup(db, group) : [original];
  for (const t of targets) if (t.reversedById !== null) throw conflict(`流水号 ${t.id} 已被流水号 ${t.reversedById} 冲销过，不能重复冲销。`);
  for (const t of targets) {
    const stock = q.stockOf(db, t.storeId, t.itemId);
    if (stock - t.delta < 0) {
      throw conflict(`冲销后${t.storeName}的${t.itemName}库存将为负数（现有 ${stock} ${t.unit}，需扣回 ${t.delta} ${t.unit}）。请先盘点或调入后再冲销。`);
    }
  }
  const today = ctx.clock.today();
  const booked = targets.map((t) =>
    book(db, ctx, {
      day: today,
      itemId: t.itemId,
      storeId: t.storeId,
      kind: 'reversal',
      delta: -t.delta,
      party: t.party,
      otherStoreId: t.otherStoreId,
      reversesId: t.id,
      note: input.reason,
    }),
  );
  // A receipt that closed its expected delivery, reversed: what it brought is on its way again (received in part).
  for (const t of targets) {
    const deliveryId = (db.prepare(`SELECT delivery_id AS d FROM supply_movements WHERE id = @id`).get({ id: t.id }) as { d: number | null }).d;
    const delivery = deliveryId === null ? undefined : q.getDelivery(db, deliveryId);
    if (delivery?.status === 'received' && delivery.received < delivery.quantity) {
      q.setDeliveryStatus(db, delivery.id, 'expected', ctx.clock.nowIso());
      ctx.audit({ entity: 'supply_delivery', entityId: delivery.id, before: delivery, after: q.getDelivery(db, delivery.id) });
    }
  }
  return booked;
}

function groupOf(db: ReadDb, movementId: number): number | null {
  const r = db.prepare(`SELECT transfer_group AS g FROM supply_movements WHERE id = @movementId`).get({ movementId }) as { g: number | null } | undefined;
  return r?.g ?? null;
}

/** Books an edited allocation: one transfer from the office store to each community, all or nothing. */
export function bookAllocation(
  db: WriteDb,
  input: { itemId: number; day: string; lines: Array<{ communityId: number; quantity: number }>; note: string },
  ctx: WriteContext,
): Movement[] {
  const item = requireItem(db, input.itemId);
  requirePastOrToday(input.day, ctx.clock.today());
  const office = requireStore(db, OFFICE_STORE_ID);
  const seen = new Set<number>();
  const lines = input.lines.map((l, i) => {
    const store = q.getStore(db, l.communityId);
    if (!store) throw badInput(`第 ${i + 1} 项的「社区」不存在（编号 ${l.communityId}）。`, { field: `lines.${i}.communityId` });
    if (seen.has(l.communityId)) throw badInput(`第 ${i + 1} 项的「社区」${store.name}重复出现，请合并为一行。`, { field: `lines.${i}.communityId` });
    seen.add(l.communityId);
    return { store, quantity: l.quantity };
  });
  const total = lines.reduce((s, l) => s + l.quantity, 0);
  if (total === 0) throw badInput('「分配明细」合计为 0，没有可登记的调拨。', { field: 'lines' });
  const stock = q.stockOf(db, OFFICE_STORE_ID, item.id);
  if (total > stock) throw badInput(`「分配明细」合计 ${total} ${item.unit}，超过街道仓库${item.name}现有 ${stock} ${item.unit}。`, { field: 'lines', stock });
  const note = input.note || '按缺口分配';
  return lines.filter((l) => l.quantity > 0).flatMap((l) => bookTransfer(db, ctx, item, office, l.store, l.quantity, input.day, note));
}
