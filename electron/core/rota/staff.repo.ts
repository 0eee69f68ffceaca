/**
 * The one writer of the `staff` table: the staff register (rota.staff.save),
 * the import's 工作人员 rows, the demo, and a memorial record marking a
 * member deceased. Callers validate; this module only writes. Their ID
 * numbers and phones are written here and nowhere else; a changed community
 * or kind is kept with its day (staff-changes.repo.ts) in the same write.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';
import type { Staff } from './types.shared';
import type { SealUpgrade } from '../db/seal-upgrades';
import type { Sealer } from '../db/sealer';
import { bindRow, rowIntact, sealClearInPlace } from '../db/row-binding';
import { sealStaffNumbers, STAFF_BINDING, STAFF_SEALED, type StaffNumbers } from './sealed-staff';
import { idNumberIndex } from '../caseload/sealed-people';
import { recordStaffChange } from './staff-changes.repo';

/** What the register stores about a person: the Staff the screen sees, with full numbers, less what is derived or kept elsewhere. */
export type StaffFields = Omit<Staff, 'id' | 'communityName' | 'lastAssessment' | 'phone' | 'idNumber' | 'inactiveFrom'> & {
  phone: string | null;
  idNumber: string | null;
};

/** Who a person is, as an import file says it: the rest of the register is left as it was. */
export type StaffIdentity = Pick<StaffFields, 'name' | 'kind' | 'communityId' | 'phone' | 'idNumber' | 'idNumberWas15' | 'agency' | 'isMedical'>;

/** What a new member of staff has before anyone fills in the rest of the register. */
export const NEW_STAFF_DEFAULTS: Readonly<Omit<StaffFields, keyof StaffIdentity>> = {
  skills: [],
  isLeader: false,
  status: 'active',
  insurer: null,
  insurancePolicy: null,
  insuranceFrom: null,
  insuranceTo: null,
};

function params(sealer: Sealer | null, f: StaffIdentity & Partial<StaffFields>) {
  const { phone, idNumber, ...rest } = f;
  return {
    ...rest,
    ...sealStaffNumbers(sealer, { idNumber, phone }),
    skills: JSON.stringify(f.skills ?? []),
    idNumberWas15: f.idNumberWas15 ? 1 : 0,
    isMedical: f.isMedical ? 1 : 0,
    isLeader: f.isLeader ? 1 : 0,
  };
}

const SEALED_COLUMNS = `id_number_sealed, id_number_masked, id_number_index, id_number_resident_index, phone_sealed, phone_masked`;
const SEALED_VALUES = `@idNumberSealed, @idNumberMasked, @idNumberIndex, @idNumberResidentIndex, @phoneSealed, @phoneMasked`;
const SEALED_SET = `id_number_sealed = @idNumberSealed, id_number_masked = @idNumberMasked, id_number_index = @idNumberIndex,
    id_number_resident_index = @idNumberResidentIndex, phone_sealed = @phoneSealed, phone_masked = @phoneMasked`;

const INSERT = `INSERT INTO staff (name, kind, community_id, agency, ${SEALED_COLUMNS}, id_number_was15, skills, is_medical, is_leader, status, insurer, insurance_policy, insurance_from, insurance_to, inactive_from, created_at, updated_at)
  VALUES (@name, @kind, @communityId, @agency, ${SEALED_VALUES}, @idNumberWas15, @skills, @isMedical, @isLeader, @status, @insurer, @insurancePolicy, @insuranceFrom, @insuranceTo,
    CASE WHEN @status = 'inactive' THEN @inactiveFrom END, @now, @now)`;

const UPDATE = `UPDATE staff SET name = @name, kind = @kind, community_id = @communityId, agency = @agency, ${SEALED_SET}, id_number_was15 = @idNumberWas15, skills = @skills,
    is_medical = @isMedical, is_leader = @isLeader, status = @status, insurer = @insurer, insurance_policy = @insurancePolicy,
    insurance_from = @insuranceFrom, insurance_to = @insuranceTo, updated_at = @now,
    inactive_from = CASE WHEN @status <> 'inactive' THEN NULL ELSE @inactiveFrom END
  WHERE id = @id`;

// The same 18-digit number written again keeps the memory that it was first written with 15.
// (The index is compared before it is set: SET expressions read the row as it was.)
const UPDATE_IDENTITY = `UPDATE staff SET name = @name, kind = @kind, community_id = @communityId, ${SEALED_SET},
    id_number_was15 = CASE WHEN id_number_index IS @idNumberIndex THEN max(id_number_was15, @idNumberWas15) ELSE @idNumberWas15 END, agency = @agency, is_medical = @isMedical, updated_at = @now
  WHERE id = @id`;

/**
 * `sealer`: the session's, to seal the ID number and phone (needed only when there is one). `inactiveFrom`: for a
 * person registered 不在岗, the day they are off duty from (null: every day, as for one who never worked here).
 */
export function insertStaff(db: WriteDb, sealer: Sealer | null, f: StaffFields, now: string, inactiveFrom: string | null = null): number {
  const id = Number(cached(db, INSERT).run({ ...params(sealer, f), now, inactiveFrom }).lastInsertRowid);
  bindRow(db, sealer, STAFF_BINDING, id);
  return id;
}

/**
 * `inactiveFrom`: the day from which a person saved 不在岗 is off duty (the handler chose it); ignored otherwise.
 * `today`: the office's day, from which a changed community or kind counts (the days before stay as they were, 072).
 */
export function updateStaff(db: WriteDb, sealer: Sealer | null, id: number, f: StaffFields, now: string, inactiveFrom: string | null, today: string): void {
  recordStaffChange(db, id, f, today, now);
  cached(db, UPDATE).run({ ...params(sealer, f), id, now, inactiveFrom });
  bindRow(db, sealer, STAFF_BINDING, id);
}

/** Rewrites who a member of staff is (an import row), leaving skills, leave, insurance and status as they were. */
export function updateStaffIdentity(db: WriteDb, sealer: Sealer | null, id: number, f: StaffIdentity, now: string, today: string): void {
  recordStaffChange(db, id, f, today, now);
  cached(db, UPDATE_IDENTITY).run({ ...params(sealer, f), id, now });
  bindRow(db, sealer, STAFF_BINDING, id);
}

/** Marks the staff entry as deceased so the rota no longer schedules them. */
export function markStaffDeceased(db: WriteDb, id: number, nowIso: string): void {
  cached(db, `UPDATE staff SET status = 'deceased', updated_at = @now WHERE id = @id`).run({ id, now: nowIso });
}

/** Seals what an older version kept in clear (migration 027 filled the masks), then clears it: a sealing upgrade. */
export const staffNumbersUpgrade: SealUpgrade = {
  name: 'staff.id_number+phone',
  pending: (db) => (db.prepare(`SELECT count(*) AS n FROM staff WHERE id_number IS NOT NULL OR phone IS NOT NULL`).get() as { n: number }).n,
  run(db, sealer) {
    const rows = db.prepare(`SELECT id, id_number AS idNumber, phone FROM staff WHERE id_number IS NOT NULL OR phone IS NOT NULL`).all() as Array<
      StaffNumbers & { id: number }
    >;
    const set = db.prepare(`UPDATE staff SET id_number = NULL, phone = NULL, ${SEALED_SET} WHERE id = @id`);
    for (const r of rows)
      sealClearInPlace(db, sealer, STAFF_BINDING, r.id, () =>
        set.run({ id: r.id, ...sealStaffNumbers(sealer, { idNumber: r.idNumber || null, phone: r.phone || null }) }),
      );
    return rows.length;
  },
};

// Every member with a sealed number or a resident index, and that index (NULL: written before 073). A row holding an index
// but no number (emptied outside the program, so it needs no MAC and reads as intact) has it cleared (S48-A2).
const WITH_NUMBER = `SELECT id, id_number_sealed AS sealed, id_number_resident_index AS stored FROM staff
  WHERE id_number_sealed IS NOT NULL OR id_number_resident_index IS NOT NULL`;
const NO_RESIDENT_INDEX = `SELECT count(*) FROM staff WHERE id_number_sealed IS NOT NULL AND id_number_resident_index IS NULL`;

type IndexFix = { id: number; index: Buffer | null; corrected: boolean };

/**
 * The rows whose resident index is not what their sealed number gives: NULL for a member saved before 073, or one
 * written outside the program. The index is not in the row's MAC, so a viewer's key alone (the database key) could
 * copy another resident's index onto a member, taking them off the rota, or spoil a member's own, keeping them on it
 * while under observation (S47-A1). An intact row gets its index recomputed; a row altered outside the program (its
 * binding does not hold) has it cleared, so the rota matches it the old way, by name and mask (the safer error), and
 * is not pending again at every unlock.
 */
function indexFixes(db: ReadDb, sealer: Sealer): IndexFix[] {
  const fixes: IndexFix[] = [];
  for (const r of db.prepare(WITH_NUMBER).all() as Array<{ id: number; sealed: Buffer | null; stored: Buffer | null }>) {
    const index = r.sealed !== null && rowIntact(db, sealer, STAFF_BINDING, r.id) ? idNumberIndex(sealer, sealer.open(STAFF_SEALED.idNumber, r.sealed)) : null;
    const same = index === null ? r.stored === null : r.stored !== null && index.equals(r.stored);
    if (!same) fixes.push({ id: r.id, index, corrected: r.stored !== null });
  }
  return fixes;
}

/**
 * Fills `id_number_resident_index` (073) for members saved before it, and puts right one written outside the program
 * (S47-A1), at a clerk's or coordinator's unlock: each number opened and indexed under the residents' purpose, so the
 * rota matches them to the caseload by the whole number (staff-queries.ts). A viewer's unlock holds no key: it counts
 * the unfilled rows only. The index is not in the row's MAC: the binding stays as it was. The audit row says how many
 * were put right (`corrected`) besides those filled.
 */
export const staffResidentIndexUpgrade: SealUpgrade = {
  name: 'staff.id_number.resident_index',
  pending: (db, sealer) => (sealer ? indexFixes(db, sealer).length : (db.prepare(NO_RESIDENT_INDEX).pluck().get() as number)),
  run(db, sealer) {
    const fixes = indexFixes(db, sealer);
    const set = db.prepare(`UPDATE staff SET id_number_resident_index = @index WHERE id = @id`);
    for (const f of fixes) set.run({ id: f.id, index: f.index });
    const corrected = fixes.filter((f) => f.corrected).length;
    return corrected > 0 ? { rows: fixes.length, note: { corrected } } : fixes.length;
  },
};
