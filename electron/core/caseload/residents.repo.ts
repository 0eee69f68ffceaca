/**
 * The one writer of the `residents` table. Every row that goes in and every
 * change to one passes here: the caseload's writes (residents.save, households
 * moving), the import's bulk insert and the demo. The ID number, phone and
 * birth date arrive in clear and are stored sealed with their masks, birth
 * year and keyed indexes (sealed-people.ts, migration 019); the clear columns
 * are never written. Callers validate first (resident-writes.ts, the import
 * pipeline); this module only writes.
 *
 * Statements are prepared once per connection, so a loop of insertResident
 * is the bulk path too (import: 100,000 rows in one transaction).
 */
import { cached } from '../db/stmt-cache';
import { runDeferred } from '../db/deferred-runs';
import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { ResidentRow } from './rows';
import { sealClearInPlace } from '../db/row-binding';
import { RESIDENT_BINDING, residentMac, sealResidentNumbers, type ResidentNumbers, type SealedResidentNumbers } from './sealed-people';

/** A resident as written, less its id: the numbers in clear, sealed here; no relation is stored as null (migration 049). */
export type ResidentColumns = Omit<ResidentRow, 'id' | 'relation'> & { relation?: string | null };

/** The sealed columns in the order written (the bench's bare sealed INSERT binds them in this order too). */
export const SEALED_KEYS: readonly (keyof SealedResidentNumbers)[] = [
  'id_number_sealed',
  'id_number_masked',
  'id_number_index',
  'id_number_tail_index',
  'phone_sealed',
  'phone_masked',
  'phone_tail_index',
  'birth_date_sealed',
  'birth_year',
];
/** The sealed columns of a resident, in the order written (the bench's bare sealed INSERT writes the same). */
export const SEALED_COLUMNS = SEALED_KEYS.join(', ');
const derived = (id: number, r: ResidentColumns, nowIso: string, sealer: Sealer) => {
  const { id_number, phone, birth_date, ...rest } = r;
  const s = sealResidentNumbers(sealer, { id_number, phone, birth_date });
  return { ...rest, relation: r.relation ?? null, ...s, row_mac: residentMac(sealer, id, r, s), now: nowIso };
};

/**
 * The insert binds by position, in the order of INSERT_COLUMNS: the bulk path (100,000 rows in one
 * import) spent more in looking up named parameters on a spread object than SQLite spent on the row.
 */
const INSERT_COLUMNS = `id, household_id, community_id, grid_id, name, id_number_was15, sex, tags, relation, ${SEALED_COLUMNS}, row_mac, created_at, updated_at`;
const INSERT = `INSERT INTO residents (${INSERT_COLUMNS}) VALUES (${INSERT_COLUMNS.split(',')
  .map(() => '?')
  .join(', ')})`;
/**
 * The row MAC binds the id (db/row-binding.ts), so the id is chosen before the INSERT: the one SQLite would
 * choose (no AUTOINCREMENT), inside the caller's transaction. One indexed max() per row, no second UPDATE.
 */
const NEXT_ID = `SELECT coalesce(max(id), 0) + 1 AS id FROM residents`;

/** A resident's columns other than the numbers, which arrive sealed (insertSealedResident). */
export type ResidentPlace = Omit<ResidentColumns, keyof ResidentNumbers>;

/** A row MAC computed ahead (the import's preview) over the id, household and name it expected the row to get. */
export interface PlannedRowMac {
  id: number;
  householdId: number | null;
  name: string;
  mac: Buffer;
}

/** Adds one resident and returns its id. */
export function insertResident(db: WriteDb, row: ResidentColumns, nowIso: string, sealer: Sealer): number {
  return insertSealedResident(db, row, sealResidentNumbers(sealer, row), null, nowIso, sealer);
}

/** The id the next resident will get (see NEXT_ID): a bulk writer reads it once and counts on from it (insertSealedResident's `id`). */
export function nextResidentId(db: WriteDb): number {
  return (cached(db, NEXT_ID).get() as { id: number }).id;
}

/**
 * Adds one resident whose numbers were sealed beforehand (sealResidentNumbers; the import's preview,
 * io/import/targets/resident-prepare.ts). `planned`'s MAC is stored only when the id chosen now, the
 * household and the name are the ones it was computed over; otherwise the MAC is computed here.
 * `id`: the caller's count from nextResidentId (the import's commit, where one max() per row was a tenth
 * of its statements). Should another writer have taken that id meanwhile, the INSERT fails on the primary
 * key (only that statement is undone) and the row goes in under the next free id, its MAC computed for it.
 */
export function insertSealedResident(
  db: WriteDb,
  row: ResidentPlace,
  s: SealedResidentNumbers,
  planned: PlannedRowMac | null,
  nowIso: string,
  sealer: Sealer,
  id?: number,
): number {
  if (id === undefined) return insertUnder(db, row, s, planned, nowIso, sealer, nextResidentId(db));
  try {
    return insertUnder(db, row, s, planned, nowIso, sealer, id);
  } catch (e) {
    if ((e as { code?: unknown }).code !== 'SQLITE_CONSTRAINT_PRIMARYKEY') throw e;
    return insertUnder(db, row, s, planned, nowIso, sealer, nextResidentId(db));
  }
}

function insertUnder(
  db: WriteDb,
  row: ResidentPlace,
  s: SealedResidentNumbers,
  planned: PlannedRowMac | null,
  nowIso: string,
  sealer: Sealer,
  id: number,
): number {
  const mac =
    planned !== null && planned.id === id && planned.householdId === row.household_id && planned.name === row.name
      ? planned.mac
      : residentMac(sealer, id, row, s);
  // Bound by position in SEALED_KEYS' order. Queued when `db` is an import commit's deferring stand-in (db/deferred-runs.ts):
  // its ids are counted under the ledger's stamp, so the fallback above cannot be needed there.
  runDeferred(
    cached(db, INSERT),
    id,
    row.household_id,
    row.community_id,
    row.grid_id,
    row.name,
    row.id_number_was15,
    row.sex,
    row.tags,
    row.relation ?? null,
    s.id_number_sealed,
    s.id_number_masked,
    s.id_number_index,
    s.id_number_tail_index,
    s.phone_sealed,
    s.phone_masked,
    s.phone_tail_index,
    s.birth_date_sealed,
    s.birth_year,
    mac,
    nowIso,
    nowIso,
  );
  return id;
}

const UPDATE = `UPDATE residents SET household_id = @household_id, community_id = @community_id, grid_id = @grid_id, name = @name,
  id_number_was15 = @id_number_was15, sex = @sex, tags = @tags, relation = @relation, ${SEALED_COLUMNS.replace(/(\w+)/g, '$1 = @$1')}, row_mac = @row_mac, updated_at = @now
  WHERE id = @id`;

/** Adds residents in order (inside the caller's transaction) and returns their ids. */
export function insertResidents(db: WriteDb, rows: readonly ResidentColumns[], nowIso: string, sealer: Sealer): number[] {
  return rows.map((row) => insertResident(db, row, nowIso, sealer));
}

/** Rewrites one resident's stored values. */
export function updateResident(db: WriteDb, id: number, row: ResidentColumns, nowIso: string, sealer: Sealer): void {
  cached(db, UPDATE).run({ ...derived(id, row, nowIso, sealer), id });
}

/** A household moved to another community or grid: its members, who carry both for fast lists, move with it. */
export function moveHouseholdMembers(db: WriteDb, householdId: number, place: { community_id: number; grid_id: number | null }): void {
  cached(db, `UPDATE residents SET community_id = @community_id, grid_id = @grid_id WHERE household_id = @householdId`).run({ ...place, householdId });
}

/** Rows an older version wrote with the numbers in clear (migration 019 keeps them until a clerk+ unlock). */
export const CLEAR_RESIDENT_NUMBERS = `id_number IS NOT NULL OR phone IS NOT NULL OR birth_date IS NOT NULL OR id_rev IS NOT NULL OR phone_rev IS NOT NULL`;

/** Seals what an older version stored in clear and clears it (seal-upgrade.ts); returns how many rows. */
export function sealClearResidentNumbers(db: WriteDb, sealer: Sealer): number {
  const rows = db.prepare(`SELECT id, id_number, phone, birth_date FROM residents WHERE ${CLEAR_RESIDENT_NUMBERS}`).all() as Array<
    { id: number } & Pick<ResidentColumns, 'id_number' | 'phone' | 'birth_date'>
  >;
  const set = db.prepare(`UPDATE residents SET id_number = NULL, id_rev = NULL, phone = NULL, phone_rev = NULL, birth_date = NULL,
    ${SEALED_COLUMNS.replace(/(\w+)/g, '$1 = @$1')} WHERE id = @id`);
  for (const r of rows) sealClearInPlace(db, sealer, RESIDENT_BINDING, r.id, () => set.run({ id: r.id, ...sealResidentNumbers(sealer, r) }));
  return rows.length;
}
