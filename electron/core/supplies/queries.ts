/** SQL for items, stores, movements and deliveries. Stock is always the sum of a store's movements. */
import type { ReadDb, WriteDb } from '../db/types';
import {
  OFFICE_STORE_ID,
  OFFICE_STORE_NAME,
  type Delivery,
  type Movement,
  type MovementKind,
  type SourceKind,
  type SupplyItem,
  type SupplyStore,
} from './contract';

const ITEM_SELECT = `SELECT id, name, unit, pack_size AS packSize, safety_days AS safetyDays, preset, active FROM supply_items`;
type ItemRow = Omit<SupplyItem, 'preset' | 'active'> & { preset: number; active: number };
const toItem = (r: ItemRow): SupplyItem => ({ ...r, preset: r.preset === 1, active: r.active === 1 });

export function listItems(db: ReadDb, includeInactive: boolean): SupplyItem[] {
  return (db.prepare(`${ITEM_SELECT} WHERE active = 1 OR @all = 1 ORDER BY sort_order, id`).all({ all: includeInactive ? 1 : 0 }) as ItemRow[]).map(toItem);
}

export function getItem(db: ReadDb, id: number): SupplyItem | undefined {
  const r = db.prepare(`${ITEM_SELECT} WHERE id = @id`).get({ id }) as ItemRow | undefined;
  return r && toItem(r);
}

export function findItemByName(db: ReadDb, name: string): SupplyItem | undefined {
  const r = db.prepare(`${ITEM_SELECT} WHERE name = @name`).get({ name }) as ItemRow | undefined;
  return r && toItem(r);
}

type ItemFields = Pick<SupplyItem, 'name' | 'unit' | 'packSize' | 'safetyDays' | 'active'>;

export function insertItem(db: WriteDb, f: ItemFields, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO supply_items (name, unit, pack_size, safety_days, active, sort_order, created_at, updated_at)
         VALUES (@name, @unit, @packSize, @safetyDays, @active, (SELECT coalesce(max(sort_order), 0) + 10 FROM supply_items), @now, @now)`,
      )
      .run({ ...f, active: f.active ? 1 : 0, now: nowIso }).lastInsertRowid,
  );
}

export function updateItem(db: WriteDb, id: number, f: ItemFields, nowIso: string): void {
  db.prepare(
    `UPDATE supply_items SET name = @name, unit = @unit, pack_size = @packSize, safety_days = @safetyDays, active = @active, updated_at = @now WHERE id = @id`,
  ).run({
    ...f,
    active: f.active ? 1 : 0,
    id,
    now: nowIso,
  });
}

export function listStores(db: ReadDb): SupplyStore[] {
  const communities = db.prepare(`SELECT id, name FROM communities ORDER BY id`).all() as SupplyStore[];
  return [{ id: OFFICE_STORE_ID, name: OFFICE_STORE_NAME }, ...communities];
}

export function getStore(db: ReadDb, id: number): SupplyStore | undefined {
  if (id === OFFICE_STORE_ID) return { id, name: OFFICE_STORE_NAME };
  return db.prepare(`SELECT id, name FROM communities WHERE id = @id`).get({ id }) as SupplyStore | undefined;
}

export function stockOf(db: ReadDb, storeId: number, itemId: number): number {
  const r = db
    .prepare(`SELECT coalesce(sum(delta), 0) AS stock FROM supply_movements WHERE store_id = @storeId AND item_id = @itemId`)
    .get({ storeId, itemId }) as { stock: number };
  return r.stock;
}

export interface NewMovement {
  day: string;
  itemId: number;
  storeId: number;
  kind: MovementKind;
  delta: number;
  sourceKind?: SourceKind | null;
  party?: string;
  otherStoreId?: number | null;
  transferGroup?: number | null;
  counted?: number | null;
  bookBefore?: number | null;
  reversesId?: number | null;
  deliveryId?: number | null;
  note?: string;
}

export function insertMovement(db: WriteDb, m: NewMovement, nowIso: string, username: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO supply_movements (day, item_id, store_id, kind, delta, source_kind, party, other_store_id, transfer_group, counted, book_before, reverses_id, delivery_id, note, created_at, created_by)
         VALUES (@day, @itemId, @storeId, @kind, @delta, @sourceKind, @party, @otherStoreId, @transferGroup, @counted, @bookBefore, @reversesId, @deliveryId, @note, @now, @username)`,
      )
      .run({
        sourceKind: null,
        party: '',
        otherStoreId: null,
        transferGroup: null,
        counted: null,
        bookBefore: null,
        reversesId: null,
        deliveryId: null,
        note: '',
        ...m,
        now: nowIso,
        username,
      }).lastInsertRowid,
  );
}

/** A fresh group number for the two rows of a transfer (the id of its first row). */
export function nextTransferGroup(db: ReadDb): number {
  return (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS n FROM supply_movements`).get() as { n: number }).n;
}

const MOVEMENT_SELECT = `
  SELECT m.id, m.day, m.item_id AS itemId, i.name AS itemName, i.unit, m.store_id AS storeId,
         CASE WHEN m.store_id = 0 THEN '${OFFICE_STORE_NAME}' ELSE c.name END AS storeName,
         m.kind, m.delta, m.source_kind AS sourceKind, m.party, m.other_store_id AS otherStoreId,
         CASE WHEN m.other_store_id IS NULL THEN NULL WHEN m.other_store_id = 0 THEN '${OFFICE_STORE_NAME}' ELSE oc.name END AS otherStoreName,
         m.counted, m.book_before AS bookBefore, m.reverses_id AS reversesId, r.id AS reversedById,
         m.note, m.created_by AS createdBy, coalesce(u.display_name, m.created_by) AS createdByName, m.created_at AS createdAt
  FROM supply_movements m
  JOIN supply_items i ON i.id = m.item_id
  LEFT JOIN communities c ON c.id = m.store_id
  LEFT JOIN communities oc ON oc.id = m.other_store_id
  LEFT JOIN supply_movements r ON r.reverses_id = m.id
  LEFT JOIN users u ON u.username = m.created_by`;

export function getMovement(db: ReadDb, id: number): Movement | undefined {
  return db.prepare(`${MOVEMENT_SELECT} WHERE m.id = @id`).get({ id }) as Movement | undefined;
}

export function movementsInGroup(db: ReadDb, group: number): Movement[] {
  return db.prepare(`${MOVEMENT_SELECT} WHERE m.transfer_group = @group ORDER BY m.id`).all({ group }) as Movement[];
}

export interface MovementFilter {
  storeId?: number | undefined;
  itemId?: number | undefined;
  kind?: MovementKind | undefined;
  from?: string | undefined;
  to?: string | undefined;
}
export type MovementSort = Array<{ field: 'day' | 'id' | 'delta'; dir: 'asc' | 'desc' }>;

const SORT_COLUMNS = { day: 'm.day', id: 'm.id', delta: 'm.delta' } as const;

/**
 * The movement list. Only the filters given become conditions, so SQLite can
 * pick the index that fits: (store_id, item_id, day) for one store's ledger,
 * (day, id) for the whole office sorted by date.
 */
export function movementListSql(f: MovementFilter, sort: MovementSort): { where: string; order: string; params: Record<string, string | number> } {
  const conds: string[] = [];
  const params: Record<string, string | number> = {};
  const add = (cond: string, name: string, value: string | number | undefined) => {
    if (value === undefined) return;
    conds.push(cond);
    params[name] = value;
  };
  add('m.store_id = @storeId', 'storeId', f.storeId);
  add('m.item_id = @itemId', 'itemId', f.itemId);
  add('m.kind = @kind', 'kind', f.kind);
  add('m.day >= @from', 'from', f.from);
  add('m.day <= @to', 'to', f.to);
  const keys = sort.length ? sort : [{ field: 'day' as const, dir: 'desc' as const }];
  const last = keys[keys.length - 1]!.dir === 'asc' ? 'ASC' : 'DESC';
  const order = [...keys.map((s) => `${SORT_COLUMNS[s.field]} ${s.dir === 'asc' ? 'ASC' : 'DESC'}`), `m.id ${last}`].join(', ');
  return { where: conds.length ? `WHERE ${conds.join(' AND ')}` : '', order, params };
}

export function listMovements(db: ReadDb, f: MovementFilter, sort: MovementSort, offset: number, limit: number): { rows: Movement[]; total: number } {
  const { where, order, params } = movementListSql(f, sort);
  const rows = db.prepare(`${MOVEMENT_SELECT} ${where} ORDER BY ${order} LIMIT @limit OFFSET @offset`).all({ ...params, limit, offset }) as Movement[];
  const total = (db.prepare(`SELECT count(*) AS n FROM supply_movements m ${where}`).get(params) as { n: number }).n;
  return { rows, total };
}

/**
 * Only a receipt of the delivery's own item into its own store counts as received: the receive checks both
 * (movements.ts), and a delivery_id written offline onto an issue (the supply tables are unbound, S49's note) no longer
 * takes the issue off what was received (attack run 50, part-fix). m: the movement, d: the delivery.
 */
export const OF_THE_DELIVERY = `m.kind = 'receipt' AND m.item_id = d.item_id AND m.store_id = d.store_id`;

const DELIVERY_SELECT = `
  SELECT d.id, d.item_id AS itemId, i.name AS itemName, i.unit, d.store_id AS storeId,
         CASE WHEN d.store_id = 0 THEN '${OFFICE_STORE_NAME}' ELSE c.name END AS storeName,
         d.expected_day AS expectedDay, d.quantity, d.source, d.status,
         coalesce((SELECT sum(m.delta) FROM supply_movements m
                   WHERE m.delivery_id = d.id AND ${OF_THE_DELIVERY}
                     AND NOT EXISTS (SELECT 1 FROM supply_movements r WHERE r.reverses_id = m.id)), 0) AS received
  FROM supply_deliveries d JOIN supply_items i ON i.id = d.item_id LEFT JOIN communities c ON c.id = d.store_id`;

export function listDeliveries(db: ReadDb, includeClosed: boolean): Delivery[] {
  return db
    .prepare(`${DELIVERY_SELECT} WHERE d.status = 'expected' OR @all = 1 ORDER BY d.expected_day, d.id`)
    .all({ all: includeClosed ? 1 : 0 }) as Delivery[];
}

export function getDelivery(db: ReadDb, id: number): Delivery | undefined {
  return db.prepare(`${DELIVERY_SELECT} WHERE d.id = @id`).get({ id }) as Delivery | undefined;
}

export function insertDelivery(db: WriteDb, d: Pick<Delivery, 'itemId' | 'storeId' | 'expectedDay' | 'quantity' | 'source'>, nowIso: string): number {
  return Number(
    db
      .prepare(
        `INSERT INTO supply_deliveries (item_id, store_id, expected_day, quantity, source, created_at, updated_at) VALUES (@itemId, @storeId, @expectedDay, @quantity, @source, @now, @now)`,
      )
      .run({ ...d, now: nowIso }).lastInsertRowid,
  );
}

export function setDeliveryStatus(db: WriteDb, id: number, status: Delivery['status'], nowIso: string): void {
  db.prepare(`UPDATE supply_deliveries SET status = @status, updated_at = @now WHERE id = @id`).run({ id, status, now: nowIso });
}
