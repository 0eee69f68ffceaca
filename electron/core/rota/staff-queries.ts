import type { ReadDb, WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { openStaffNumbers, STAFF_SEALED_SELECT, staffIdIndex, type StoredStaffNumbers } from './sealed-staff';
import type { AssessmentOutcome, Leave, Staff, StaffKind, StaffStatus } from './types.shared';
import { liveCase } from '../caseload/case-void';
import { dropInvisible } from '../invisible.shared';

interface StaffRow {
  id: number;
  staffId: number;
  name: string;
  kind: StaffKind;
  communityId: number | null;
  communityName: string | null;
  agency: string | null;
  phoneMasked: string | null;
  idNumberMasked: string | null;
  idNumberSealed: Buffer | null;
  phoneSealed: Buffer | null;
  idNumberWas15: number;
  skills: string;
  isMedical: number;
  isLeader: number;
  status: StaffStatus;
  insurer: string | null;
  insurancePolicy: string | null;
  insuranceFrom: string | null;
  insuranceTo: string | null;
  inactiveFrom: string | null;
  assessedOn: string | null;
  outcome: AssessmentOutcome | null;
  followUpOn: string | null;
}

const SELECT = `
  SELECT s.id, s.name, s.kind, s.community_id AS communityId, c.name AS communityName, s.agency,
         s.phone_masked AS phoneMasked, s.id_number_masked AS idNumberMasked, ${STAFF_SEALED_SELECT('s')}, s.id_number_was15 AS idNumberWas15, s.skills, s.is_medical AS isMedical, s.is_leader AS isLeader, s.status,
         s.insurer, s.insurance_policy AS insurancePolicy, s.insurance_from AS insuranceFrom, s.insurance_to AS insuranceTo, s.inactive_from AS inactiveFrom,
         a.assessed_on AS assessedOn, a.outcome, a.follow_up_on AS followUpOn
  FROM staff s
  LEFT JOIN communities c ON c.id = s.community_id
  LEFT JOIN staff_assessments a ON a.id = (SELECT id FROM staff_assessments x WHERE x.staff_id = s.id ORDER BY x.assessed_on DESC, x.id DESC LIMIT 1)`;

/** A member of the register: numbers masked, or opened with `revealWith` (a clerk's or coordinator's sealer). */
function toStaff(db: ReadDb, r: StaffRow, revealWith: Sealer | null): Staff {
  const full = revealWith ? openStaffNumbers(db, revealWith, r) : null;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    communityId: r.communityId,
    communityName: r.communityName,
    agency: r.agency,
    phone: full ? (full.phone ?? '') : (r.phoneMasked ?? ''),
    idNumber: full ? (full.idNumber ?? '') : (r.idNumberMasked ?? ''),
    idNumberWas15: r.idNumberWas15 === 1,
    skills: JSON.parse(r.skills) as string[],
    isMedical: r.isMedical === 1,
    isLeader: r.isLeader === 1,
    status: r.status,
    insurer: r.insurer,
    insurancePolicy: r.insurancePolicy,
    insuranceFrom: r.insuranceFrom,
    inactiveFrom: r.inactiveFrom,
    insuranceTo: r.insuranceTo,
    lastAssessment: r.assessedOn && r.outcome ? { on: r.assessedOn, outcome: r.outcome, followUpOn: r.followUpOn } : null,
  };
}

/** The staff list, phones and ID numbers masked. Uses staff_by_community / staff_by_kind. */
export function listStaff(db: ReadDb, f: { communityId?: number | undefined; kind?: StaffKind | undefined; search?: string | undefined }): Staff[] {
  const where: string[] = [];
  if (f.communityId !== undefined) where.push('s.community_id = @communityId');
  if (f.kind !== undefined) where.push('s.kind = @kind');
  if (f.search) where.push(`s.name LIKE @search ESCAPE '\\'`);
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ${f.communityId !== undefined ? 's.community_id, s.name' : f.kind !== undefined ? 's.kind, s.name' : 's.id'}`;
  const rows = db
    .prepare(sql)
    .all({ communityId: f.communityId, kind: f.kind, search: f.search ? `%${f.search.replace(/[%_\\]/g, (c) => `\\${c}`)}%` : undefined }) as StaffRow[];
  return rows.map((r) => toStaff(db, r, null));
}

/** One member; `revealWith` (a sealer) opens the full numbers, else they are masked. */
export function getStaff(db: ReadDb, id: number, revealWith: Sealer | null = null): Staff | undefined {
  const r = db.prepare(`${SELECT} WHERE s.id = @id`).get({ id }) as StaffRow | undefined;
  return r ? toStaff(db, r, revealWith) : undefined;
}

export function rawContact(
  db: ReadDb,
  sealer: Sealer | null,
  id: number,
): { phone: string | null; idNumber: string | null; idNumberWas15: number } | undefined {
  const r = db.prepare(`SELECT ${STAFF_SEALED_SELECT('s')}, s.id_number_was15 AS idNumberWas15 FROM staff s WHERE s.id = @id`).get({ id }) as
    (StoredStaffNumbers & { idNumberWas15: number }) | undefined;
  return r && { ...openStaffNumbers(db, sealer, r), idNumberWas15: r.idNumberWas15 };
}

/** Another member already registered with this ID number (by its keyed index). */
export function staffWithIdNumber(db: ReadDb, sealer: Sealer, idNumber: string, exceptId: number): { id: number; name: string } | undefined {
  return db
    .prepare(`SELECT id, name FROM staff WHERE id_number_index = @index AND id != @exceptId`)
    .get({ index: staffIdIndex(sealer, idNumber), exceptId }) as { id: number; name: string } | undefined;
}

/** Members' phones for the printed roster: the stored masks, or opened in full when the print asks for them (audited by its channel). */
export function staffPhones(
  db: ReadDb,
  sealer: Sealer | null,
  full: boolean,
): Map<number, { name: string; phone: string; isLeader: number; isMedical: boolean }> {
  const rows = db
    .prepare(
      `SELECT id, name, is_leader AS isLeader, (is_medical = 1 OR kind = 'medical') AS isMedical, phone_masked AS phoneMasked, ${STAFF_SEALED_SELECT('s')} FROM staff s`,
    )
    .all() as Array<StoredStaffNumbers & { id: number; name: string; isLeader: number; isMedical: number; phoneMasked: string | null }>;
  const phone = (r: (typeof rows)[number]): string => (!full ? (r.phoneMasked ?? '') : r.phoneSealed ? (openStaffNumbers(db, sealer, r).phone ?? '') : '');
  return new Map(rows.map((r) => [r.id, { name: r.name, isLeader: r.isLeader, isMedical: r.isMedical === 1, phone: phone(r) }]));
}

export function listLeave(db: ReadDb, from: string, to: string, staffId?: number): Leave[] {
  const sql = `SELECT id, staff_id AS staffId, from_day AS "from", to_day AS "to", reason FROM staff_leave
               WHERE ${staffId !== undefined ? 'staff_id = @staffId AND ' : ''}to_day >= @from AND from_day <= @to ORDER BY from_day, id`;
  return db.prepare(sql).all({ staffId, from, to }) as Leave[];
}

export function getLeave(db: ReadDb, id: number): Leave | undefined {
  return db.prepare(`SELECT id, staff_id AS staffId, from_day AS "from", to_day AS "to", reason FROM staff_leave WHERE id = @id`).get({ id }) as
    Leave | undefined;
}

export function insertLeave(db: WriteDb, l: Omit<Leave, 'id'>, now: string): number {
  return Number(
    db.prepare(`INSERT INTO staff_leave (staff_id, from_day, to_day, reason, created_at) VALUES (@staffId, @from, @to, @reason, @now)`).run({ ...l, now })
      .lastInsertRowid,
  );
}

export function deleteLeave(db: WriteDb, id: number): void {
  db.prepare(`DELETE FROM staff_leave WHERE id = @id`).run({ id });
}

export function insertAssessment(db: WriteDb, a: { staffId: number; on: string; outcome: AssessmentOutcome; followUpOn: string | null }, now: string): number {
  return Number(
    db
      .prepare(`INSERT INTO staff_assessments (staff_id, assessed_on, outcome, follow_up_on, created_at) VALUES (@staffId, @on, @outcome, @followUpOn, @now)`)
      .run({ ...a, now }).lastInsertRowid,
  );
}

/**
 * Staff under active home/medical observation in the caseload, with the observation days overlapping [from, to].
 * A member is the resident with their whole ID number: staff keep it under the residents' index purpose as well
 * (id_number_resident_index, 073), so the join needs no key and a viewer's rota shows the same. A name with the
 * masked number (the first four and last four digits) does not pick out one person: a namesake in the same city
 * whose number ends in the same four is someone else (S45-A4). A resident saved without the index is matched by name
 * and mask. A member who has a number but no index (saved before 073, until the first clerk's or coordinator's unlock
 * fills it; or altered outside the program, whose index that unlock clears) is matched by name alone: the clear mask
 * is in no MAC, and a viewer's key rewrote it so that an observed member matched no one (S48-A5); keeping a namesake
 * off the rota is the safer error. Empty when the caseload tables are absent (the caseload area not installed yet).
 */
export function observationSpans(db: ReadDb, from: string, to: string): Array<{ staffId: number; start: string; end: string }> {
  const present = db.prepare(`SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('residents', 'cases')`).get() as { n: number };
  if (present.n < 2) return [];
  const observed = `c.category IN ('home_observation', 'medical_observation') AND c.closed_on IS NULL
         AND c.obs_start_on IS NOT NULL AND c.obs_start_on <= @to AND c.obs_end_on >= @from AND ${liveCase('c')}`;
  const spans = db
    .prepare(
      `SELECT s.id AS staffId, c.obs_start_on AS start, c.obs_end_on AS "end"
       FROM cases c
       JOIN residents r ON r.id = c.resident_id
       JOIN staff s ON s.id_number_resident_index = r.id_number_index
       WHERE ${observed}
       UNION ALL
       SELECT s.id AS staffId, c.obs_start_on AS start, c.obs_end_on AS "end"
       FROM staff s
       JOIN residents r ON r.name = s.name
         AND r.id_number_masked = s.id_number_masked
       JOIN cases c ON c.resident_id = r.id
       WHERE s.id_number_resident_index IS NOT NULL AND r.id_number_index IS NULL AND length(s.id_number_masked) > 8 AND ${observed}`,
    )
    .all({ from, to }) as Array<{ staffId: number; start: string; end: string }>;
  // By name alone, as a person reads it: a name altered offline with a character nobody sees (「陈静\u200b」) or a space
  // reads 陈静 on every screen, and must still find her (S49-A6). Few members are ever without an index: none, mostly.
  const unindexed = db
    .prepare(`SELECT id, name FROM staff WHERE id_number_resident_index IS NULL AND (id_number_sealed IS NOT NULL OR id_number_masked IS NOT NULL)`)
    .all() as Array<{ id: number; name: string }>;
  if (unindexed.length === 0) return spans;
  const byName = new Map<string, number[]>();
  for (const m of unindexed) byName.set(nameAsRead(m.name), [...(byName.get(nameAsRead(m.name)) ?? []), m.id]);
  const cases = db
    .prepare(`SELECT r.name AS name, c.obs_start_on AS start, c.obs_end_on AS "end" FROM cases c JOIN residents r ON r.id = c.resident_id WHERE ${observed}`)
    .all({ from, to }) as Array<{ name: string; start: string; end: string }>;
  for (const c of cases) for (const staffId of byName.get(nameAsRead(c.name)) ?? []) spans.push({ staffId, start: c.start, end: c.end });
  return spans;
}

/** A name as a person reads it: without characters nobody sees, look-alikes folded, without spaces of any width. */
const nameAsRead = (name: string): string => dropInvisible(name).replace(/\s+/gu, '');
