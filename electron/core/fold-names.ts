/**
 * Names stored before the look-alike folding (twelfth attack run, T1b; invisible.shared.ts): 「王⼤⼈」 typed from a
 * radical table was stored as typed, another name than 「王大人」 to every search and match, and the fold at the door
 * only reaches what is written since. This upgrade folds what is stored: the people's and places' names in clear, and
 * the names inside memorial records' sealed values (opened, folded and sealed again: never written out in clear).
 *
 * It runs with the sealing upgrades after a clerk's or coordinator's unlock (db/seal-upgrades.ts), because a resident's,
 * a household's and a staff member's row MAC covers the name (db/row-binding.ts): the row is bound again after the fold
 * only when it was intact before (sealInPlace). Only the name changes (and cases' copy of a resident's name, its sort
 * key, follows by migration 038's trigger). One audit row for the run names the ids it changed, never the names.
 * A name whose folded form another row of a unique column already has (two communities 「⼤王庄」 and 「大王庄」) is
 * left as stored and its id listed under `kept`: which of the two is meant is for a person to say.
 */
import type { SealUpgrade } from './db/seal-upgrades';
import type { Sealer } from './db/sealer';
import type { ReadDb, WriteDb } from './db/types';
import { rowIntact, sealInPlace, type RowBinding } from './db/row-binding';
import { HOUSEHOLD_BINDING, RESIDENT_BINDING } from './caseload/sealed-people';
import { STAFF_BINDING } from './rota/sealed-staff';
import { COMMENDATION_PERSONAL, FAMILY_PERSONAL, MEMORIAL_PERSONAL, sealPersonal, type PersonalSpec } from './honours/sealed-records';
import { foldLookAlikes, LOOK_ALIKE_GLOB } from './invisible.shared';

/**
 * A name column in clear, the binding whose MAC covers it, and for a unique one the SQL that finds another row already
 * holding a name (@id, @name).
 */
const CLEAR: ReadonlyArray<{ table: string; column: string; binding?: RowBinding; taken?: string }> = [
  { table: 'residents', column: 'name', binding: RESIDENT_BINDING },
  { table: 'households', column: 'head_name', binding: HOUSEHOLD_BINDING },
  { table: 'staff', column: 'name', binding: STAFF_BINDING },
  { table: 'users', column: 'display_name' },
  { table: 'communities', column: 'name', taken: `SELECT 1 FROM communities WHERE name = @name AND id <> @id` },
  {
    table: 'grids',
    column: 'name',
    taken: `SELECT 1 FROM grids g WHERE g.name = @name AND g.id <> @id AND g.community_id = (SELECT community_id FROM grids WHERE id = @id)`,
  },
];
/** Names inside a memorial record's sealed value (`personal_sealed`), by their key in it. */
const SEALED: ReadonlyArray<{ spec: PersonalSpec<string>; key: string }> = [
  { spec: MEMORIAL_PERSONAL, key: 'name' },
  { spec: FAMILY_PERSONAL, key: 'name' },
  { spec: COMMENDATION_PERSONAL, key: 'subjectName' },
];

type Found = { id: number; folded: string; taken: boolean };

/**
 * Rows of a clear column whose name folds to another: GLOB finds the few candidates, the fold says which change.
 * `taken`: the folded name is another row's already in a unique column (left as stored, see above).
 */
function clearFound(db: ReadDb, c: (typeof CLEAR)[number]): Found[] {
  const rows = db.prepare(`SELECT id, ${c.column} AS v FROM ${c.table} WHERE ${c.column} GLOB ? ORDER BY id`).all(LOOK_ALIKE_GLOB) as Array<{
    id: number;
    v: string;
  }>;
  return rows.flatMap((r) => {
    const folded = foldLookAlikes(r.v);
    return folded === r.v ? [] : [{ id: r.id, folded, taken: isTaken(db, c, r.id, folded) }];
  });
}

const isTaken = (db: ReadDb, c: (typeof CLEAR)[number], id: number, name: string): boolean =>
  c.taken !== undefined && db.prepare(c.taken).get({ id, name }) !== undefined;

/** Sealed records whose name folds to another, with the whole record opened (memorial tables hold tens of rows). */
function sealedFound(db: ReadDb, sealer: Sealer, spec: PersonalSpec<string>, key: string): Array<{ id: number; values: Record<string, string | null> }> {
  const rows = db.prepare(`SELECT id, personal_sealed AS sealed FROM ${spec.table} WHERE personal_sealed IS NOT NULL ORDER BY id`).all() as Array<{
    id: number;
    sealed: Buffer;
  }>;
  return rows.flatMap((r) => {
    // A record not as its writer left it (moved from another row, altered) is not opened, nor touched: its own reads report it.
    if (!rowIntact(db, sealer, spec.binding, r.id)) return [];
    let values: Record<string, string | null>;
    try {
      values = JSON.parse(sealer.open(spec.purpose, r.sealed)) as Record<string, string | null>;
    } catch {
      // A value that does not open is damage the record's own reads report (LEDGER_DAMAGED); the unlock goes on without it.
      return [];
    }
    const name = values[key];
    if (typeof name !== 'string' || foldLookAlikes(name) === name) return [];
    return [{ id: r.id, values: { ...values, [key]: foldLookAlikes(name) } }];
  });
}

export const namesFoldedUpgrade: SealUpgrade = {
  name: 'names.look_alikes_folded',
  // What would change (a name whose folded form is taken is not: a second unlock finds nothing to do).
  pending: (db, sealer) =>
    CLEAR.reduce((n, c) => n + clearFound(db, c).filter((f) => !f.taken).length, 0) +
    (sealer ? SEALED.reduce((n, s) => n + sealedFound(db, sealer, s.spec, s.key).length, 0) : 0),
  run(db: WriteDb, sealer: Sealer) {
    const changed: Record<string, number[]> = {};
    const kept: Record<string, number[]> = {};
    const note = (to: Record<string, number[]>, table: string, id: number) => (to[table] ??= []).push(id);
    for (const c of CLEAR) {
      const set = db.prepare(`UPDATE ${c.table} SET ${c.column} = ? WHERE id = ?`);
      for (const { id, folded } of clearFound(db, c)) {
        // Asked again here: two names of one run may fold to the same.
        if (isTaken(db, c, id, folded)) {
          note(kept, c.table, id);
          continue;
        }
        if (c.binding) sealInPlace(db, sealer, c.binding, id, () => set.run(folded, id));
        else set.run(folded, id);
        note(changed, c.table, id);
      }
    }
    for (const { spec, key } of SEALED) {
      const set = db.prepare(`UPDATE ${spec.table} SET personal_sealed = ? WHERE id = ?`);
      for (const { id, values } of sealedFound(db, sealer, spec, key)) {
        sealInPlace(db, sealer, spec.binding, id, () => set.run(sealPersonal(sealer, spec, values), id));
        note(changed, spec.table, id);
      }
    }
    const rows = Object.values(changed).reduce((n, ids) => n + ids.length, 0);
    return { rows, note: { changed, ...(Object.keys(kept).length > 0 ? { kept } : {}) } };
  },
};
