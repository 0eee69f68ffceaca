/**
 * The one writer of the `staff` table: the staff register (rota.staff.save),
 * the import's 工作人员 rows, the demo, and a memorial record marking a
 * member deceased. Callers validate; this module only writes. Their ID
 * numbers and phones are written here and nowhere else.
 */
import { cached } from '../db/stmt-cache';
import type { WriteDb } from '../db/types';
import type { Staff } from './types.shared';

/** What the register stores about a person: the Staff the screen sees, with full numbers, less what is derived or kept elsewhere. */
export type StaffFields = Omit<Staff, 'id' | 'communityName' | 'lastAssessment' | 'phone' | 'idNumber'> & { phone: string | null; idNumber: string | null };

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

function params(f: StaffIdentity & Partial<StaffFields>) {
  return {
    ...f,
    skills: JSON.stringify(f.skills ?? []),
    idNumberWas15: f.idNumberWas15 ? 1 : 0,
    isMedical: f.isMedical ? 1 : 0,
    isLeader: f.isLeader ? 1 : 0,
  };
}

const INSERT = `INSERT INTO staff (name, kind, community_id, agency, phone, id_number, id_number_was15, skills, is_medical, is_leader, status, insurer, insurance_policy, insurance_from, insurance_to, created_at, updated_at)
  VALUES (@name, @kind, @communityId, @agency, @phone, @idNumber, @idNumberWas15, @skills, @isMedical, @isLeader, @status, @insurer, @insurancePolicy, @insuranceFrom, @insuranceTo, @now, @now)`;

const UPDATE = `UPDATE staff SET name = @name, kind = @kind, community_id = @communityId, agency = @agency, phone = @phone, id_number = @idNumber, id_number_was15 = @idNumberWas15, skills = @skills,
    is_medical = @isMedical, is_leader = @isLeader, status = @status, insurer = @insurer, insurance_policy = @insurancePolicy,
    insurance_from = @insuranceFrom, insurance_to = @insuranceTo, updated_at = @now
  WHERE id = @id`;

// The same 18-digit number written again keeps the memory that it was first written with 15.
const UPDATE_IDENTITY = `UPDATE staff SET name = @name, kind = @kind, community_id = @communityId, phone = @phone, id_number = @idNumber,
    id_number_was15 = CASE WHEN id_number IS @idNumber THEN max(id_number_was15, @idNumberWas15) ELSE @idNumberWas15 END, agency = @agency, is_medical = @isMedical, updated_at = @now
  WHERE id = @id`;

export function insertStaff(db: WriteDb, f: StaffFields, now: string): number {
  return Number(cached(db, INSERT).run({ ...params(f), now }).lastInsertRowid);
}

export function updateStaff(db: WriteDb, id: number, f: StaffFields, now: string): void {
  cached(db, UPDATE).run({ ...params(f), id, now });
}

/** Rewrites who a member of staff is (an import row), leaving skills, leave, insurance and status as they were. */
export function updateStaffIdentity(db: WriteDb, id: number, f: StaffIdentity, now: string): void {
  cached(db, UPDATE_IDENTITY).run({ ...params(f), id, now });
}

/** Marks the staff entry as deceased so the rota no longer schedules them. */
export function markStaffDeceased(db: WriteDb, id: number, nowIso: string): void {
  cached(db, `UPDATE staff SET status = 'deceased', updated_at = @now WHERE id = @id`).run({ id, now: nowIso });
}
