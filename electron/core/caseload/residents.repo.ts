/**
 * The one writer of the `residents` table. Every row that goes in and every
 * change to one passes here: the caseload's writes (residents.save, households
 * moving), the import's bulk insert and the demo. The columns derived from
 * others (id_rev and phone_rev, for searching by the last digits; timestamps)
 * are set here and nowhere else, as will be any sealing of ID numbers and
 * phones. Callers validate first (resident-writes.ts, the import pipeline);
 * this module only writes.
 *
 * Statements are prepared once per connection, so a loop of insertResident
 * is the bulk path too (import: 100,000 rows in one transaction).
 */
import { cached } from '../db/stmt-cache';
import type { WriteDb } from '../db/types';
import type { ResidentRow } from './rows';

/** A resident as stored, less its id and what this module derives. */
export type ResidentColumns = Omit<ResidentRow, 'id'>;

/** Reversed text, so "ends with 1234" is an indexed prefix search (`id_rev LIKE '4321%'`). */
export function reversed(s: string | null): string | null {
  return s === null ? null : [...s].reverse().join('');
}

const derived = (r: ResidentColumns, nowIso: string) => ({ ...r, id_rev: reversed(r.id_number), phone_rev: reversed(r.phone), now: nowIso });

const INSERT = `INSERT INTO residents (household_id, community_id, grid_id, name, id_number, id_number_was15, id_rev, sex, birth_date, phone, phone_rev, tags, created_at, updated_at)
  VALUES (@household_id, @community_id, @grid_id, @name, @id_number, @id_number_was15, @id_rev, @sex, @birth_date, @phone, @phone_rev, @tags, @now, @now)`;

const UPDATE = `UPDATE residents SET household_id = @household_id, community_id = @community_id, grid_id = @grid_id, name = @name, id_number = @id_number,
  id_number_was15 = @id_number_was15, id_rev = @id_rev, sex = @sex, birth_date = @birth_date, phone = @phone, phone_rev = @phone_rev, tags = @tags, updated_at = @now
  WHERE id = @id`;

/** Adds one resident and returns its id. */
export function insertResident(db: WriteDb, row: ResidentColumns, nowIso: string): number {
  return Number(cached(db, INSERT).run(derived(row, nowIso)).lastInsertRowid);
}

/** Adds residents in order (inside the caller's transaction) and returns their ids. */
export function insertResidents(db: WriteDb, rows: readonly ResidentColumns[], nowIso: string): number[] {
  return rows.map((row) => insertResident(db, row, nowIso));
}

/** Rewrites one resident's stored values. */
export function updateResident(db: WriteDb, id: number, row: ResidentColumns, nowIso: string): void {
  cached(db, UPDATE).run({ ...derived(row, nowIso), id });
}

/** A household moved to another community or grid: its members, who carry both for fast lists, move with it. */
export function moveHouseholdMembers(db: WriteDb, householdId: number, place: { community_id: number; grid_id: number | null }): void {
  cached(db, `UPDATE residents SET community_id = @community_id, grid_id = @grid_id WHERE household_id = @householdId`).run({ ...place, householdId });
}
