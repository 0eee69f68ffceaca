import { badInput, conflict, notFound } from '../errors';
import type { HandlersOf } from '../handler-types';
import { saveAudited } from '../save-audited';
import { proposeAllocation } from './allocation';
import { suppliesContract } from './contract';
import * as mv from './movements';
import * as q from './queries';
import { requisition, shortageReport, stockHistory } from './report';

export const suppliesHandlers: HandlersOf<typeof suppliesContract> = {
  'supplies.items.list': (db, input) => q.listItems(db, input.includeInactive),
  'supplies.items.save': (db, input, ctx) => {
    const now = ctx.clock.nowIso();
    const clash = q.findItemByName(db, input.name);
    if (clash && clash.id !== input.id) throw conflict(`已有名为「${input.name}」的物资，不能重名。`);
    const fields = { name: input.name, unit: input.unit, packSize: input.packSize, safetyDays: input.safetyDays, active: input.active };
    return saveAudited(ctx, 'supply_item', input.id, '这个物资品种', {
      insert: () => q.insertItem(db, fields, now),
      update: (id) => q.updateItem(db, id, fields, now),
      get: (id) => q.getItem(db, id),
    });
  },
  'supplies.stores.list': (db) => q.listStores(db),
  'supplies.stock': (db, input, ctx) =>
    shortageReport(db, ctx.clock.today(), input.windowDays).filter(
      (r) =>
        (!input.onlyShort || r.short) &&
        (input.storeId === undefined || r.storeId === input.storeId) &&
        (input.itemId === undefined || r.itemId === input.itemId),
    ),
  'supplies.movements.list': (db, input) => q.listMovements(db, input.filter ?? {}, input.sort ?? [], input.offset, input.limit),
  'supplies.receive': (db, input, ctx) => mv.receive(db, input, ctx),
  'supplies.issue': (db, input, ctx) => mv.issue(db, input, ctx),
  'supplies.transfer': (db, input, ctx) => mv.transfer(db, input, ctx),
  'supplies.count': (db, input, ctx) => mv.count(db, input, ctx),
  'supplies.reverse': (db, input, ctx) => mv.reverse(db, input, ctx),
  'supplies.deliveries.list': (db, input) => q.listDeliveries(db, input.includeClosed),
  'supplies.deliveries.save': (db, input, ctx) => {
    const item = mv.requireItem(db, input.itemId);
    mv.requireStore(db, input.storeId);
    if (input.expectedDay < ctx.clock.today()) throw badInput(`「预计到货日期」不能早于今天（${ctx.clock.today()}）。`, { field: 'expectedDay' });
    const id = q.insertDelivery(
      db,
      { itemId: item.id, storeId: input.storeId, expectedDay: input.expectedDay, quantity: input.quantity, source: input.source },
      ctx.clock.nowIso(),
    );
    const after = q.getDelivery(db, id)!;
    ctx.audit({ entity: 'supply_delivery', entityId: id, after });
    return after;
  },
  'supplies.deliveries.cancel': (db, input, ctx) => {
    const before = q.getDelivery(db, input.id);
    if (!before) throw notFound('这条预计到货记录');
    if (before.status !== 'expected') throw conflict(`这条预计到货记录已${before.status === 'received' ? '到货入库' : '取消'}，不能再取消。`);
    q.setDeliveryStatus(db, input.id, 'cancelled', ctx.clock.nowIso());
    const after = q.getDelivery(db, input.id)!;
    ctx.audit({ entity: 'supply_delivery', entityId: input.id, before, after });
    return after;
  },
  'supplies.allocation.propose': (db, input, ctx) =>
    proposeAllocation(db, { itemId: input.itemId, shipment: input.shipment, today: ctx.clock.today(), windowDays: input.windowDays }),
  'supplies.allocation.book': (db, input, ctx) => mv.bookAllocation(db, input, ctx),
  'supplies.history': (db, input, ctx) => {
    mv.requireItem(db, input.itemId);
    if (input.storeId !== undefined) mv.requireStore(db, input.storeId);
    return stockHistory(db, { today: ctx.clock.today(), itemId: input.itemId, storeId: input.storeId, days: input.days, windowDays: input.windowDays });
  },
  'supplies.requisition': (db, input, ctx) => requisition(db, ctx.clock.today(), input.windowDays),
};
