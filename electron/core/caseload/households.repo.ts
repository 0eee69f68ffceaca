/**
 * The one writer of the `households` table: households.save (household-writes),
 * the import's new addresses (io/import/targets/resident-bulk.ts) and the demo.
 * Callers validate and build the row (address_key with addressKey(), see
 * address.ts); this module only writes. The 户主电话 arrives in clear and is
 * stored sealed with its mask (sealed-people.ts, migration 019). Statements
 * are prepared once per connection, so a loop of insertHousehold is the bulk path too.
 */
import { cached } from '../db/stmt-cache';
import { runDeferred } from '../db/deferred-runs';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { HouseholdRow } from './rows';
import { bindRow, sealClearInPlace } from '../db/row-binding';
import { HOUSEHOLD_BINDING, sealHouseholdPhone } from './sealed-people';

/** A household as stored, less its id and timestamps. */
export type HouseholdColumns = Omit<HouseholdRow, 'id'>;

/** Bound by position in this order (an import inserts tens of thousands in one commit; see residents.repo.ts). */
const INSERT_COLUMNS = [
  'community_id',
  'grid_id',
  'estate',
  'building',
  'unit',
  'room',
  'address_text',
  'address_key',
  'head_name',
  'screening_status',
  'screened_on',
  'screened_by',
  'screening_result',
  'revisit_on',
] as const satisfies readonly (keyof HouseholdColumns)[];
const INSERT = `INSERT INTO households (${INSERT_COLUMNS.join(', ')}, phone_sealed, phone_masked, created_at, updated_at)
  VALUES (${INSERT_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?)`;
/** The same with the id the caller counts on (an import's planned households). */
const INSERT_AS = `INSERT INTO households (id, ${INSERT_COLUMNS.join(', ')}, phone_sealed, phone_masked, created_at, updated_at)
  VALUES (?, ${INSERT_COLUMNS.map(() => '?').join(', ')}, ?, ?, ?, ?)`;

const UPDATE = `UPDATE households SET community_id = @community_id, grid_id = @grid_id, estate = @estate, building = @building, unit = @unit, room = @room,
    address_text = @address_text, address_key = @address_key, head_name = @head_name, phone_sealed = @phone_sealed, phone_masked = @phone_masked, screening_status = @screening_status,
    screened_on = @screened_on, screened_by = @screened_by, screening_result = @screening_result, revisit_on = @revisit_on, updated_at = @now
  WHERE id = @id`;

/** A household nobody has visited yet: what an imported address or a new registration starts from. */
export const UNSCREENED = {
  phone: null,
  screening_status: 'unscreened',
  screened_on: null,
  screened_by: null,
  screening_result: null,
  revisit_on: null,
} as const;

const stored = (row: HouseholdColumns, sealer: Sealer | null) => {
  const { phone, ...rest } = row;
  return { ...rest, ...sealHouseholdPhone(sealer, phone) };
};

/**
 * Adds a household; `sealer` is needed only when it has a phone (an imported address has none). A household
 * with a 户主电话 is bound to it (db/row-binding.ts); one without holds nothing sealed and stays unbound, so
 * the import's new addresses cost no MAC. `plannedId`: the id an import's preview planned for it (insertAs), taken when free.
 */
export function insertHousehold(db: WriteDb, row: HouseholdColumns, nowIso: string, sealer: Sealer | null, plannedId?: number): number {
  const phone = sealHouseholdPhone(sealer, row.phone);
  if (plannedId !== undefined && !phone.phone_sealed) {
    try {
      return insertAs(db, plannedId, row, phone, nowIso);
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
    }
  }
  const id = Number(cached(db, INSERT).run(insertedValues(row, phone, nowIso)).lastInsertRowid);
  if (phone.phone_sealed) bindRow(db, sealer, HOUSEHOLD_BINDING, id);
  return id;
}

/**
 * A household without a phone under the id the caller counts on (an import's commit: what its preview planned, as
 * SQLite would have chosen it, max(id) + 1). Queued when `db` is the commit's deferring stand-in (db/deferred-runs.ts),
 * where the ledger's stamp keeps the id free; elsewhere an id taken meanwhile fails only this statement, and the
 * caller's household goes in under the id SQLite picks, as without one.
 */
function insertAs(db: WriteDb, id: number, row: HouseholdColumns, phone: ReturnType<typeof sealHouseholdPhone>, nowIso: string): number {
  const values = insertedValues(row, phone, nowIso);
  values.unshift(id);
  runDeferred(cached(db, INSERT_AS), values);
  return id;
}

/** What INSERT binds, in INSERT_COLUMNS' order (by position: named parameters looked up on an object cost more per row). */
function insertedValues(row: HouseholdColumns, phone: ReturnType<typeof sealHouseholdPhone>, nowIso: string): unknown[] {
  return [
    row.community_id,
    row.grid_id,
    row.estate,
    row.building,
    row.unit,
    row.room,
    row.address_text,
    row.address_key,
    row.head_name,
    row.screening_status,
    row.screened_on,
    row.screened_by,
    row.screening_result,
    row.revisit_on,
    phone.phone_sealed,
    phone.phone_masked,
    nowIso,
    nowIso,
  ];
}

export function updateHousehold(db: WriteDb, id: number, row: HouseholdColumns, nowIso: string, sealer: Sealer): void {
  cached(db, UPDATE).run({ ...stored(row, sealer), id, now: nowIso });
  bindRow(db, sealer, HOUSEHOLD_BINDING, id);
}

/** Names the head of a household that has none yet (the demo's first adult member); the name is bound with the phone. */
export function nameHeadIfMissing(db: WriteDb, id: number, name: string, sealer: Sealer | null): void {
  if (cached(db, `UPDATE households SET head_name = @name WHERE id = @id AND head_name IS NULL`).run({ id, name }).changes > 0)
    bindRow(db, sealer, HOUSEHOLD_BINDING, id);
}

/** Seals the 户主电话 an older version stored in clear and clears it (seal-upgrade.ts); returns how many rows. */
export function sealClearHouseholdPhones(db: WriteDb, sealer: Sealer): number {
  const rows = db.prepare(`SELECT id, phone FROM households WHERE phone IS NOT NULL`).all() as Array<{ id: number; phone: string }>;
  const set = db.prepare(`UPDATE households SET phone = NULL, phone_sealed = @phone_sealed, phone_masked = @phone_masked WHERE id = @id`);
  for (const r of rows) sealClearInPlace(db, sealer, HOUSEHOLD_BINDING, r.id, () => set.run({ id: r.id, ...sealHouseholdPhone(sealer, r.phone) }));
  return rows.length;
}
