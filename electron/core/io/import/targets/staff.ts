/**
 * 工作人员 rows into the staff table, through its one writer
 * (rota/staff.repo.ts). Identity: ID number, else name plus phone.
 */
import { maskIdNumber, maskPhone } from '../../../people/id-number';
import type { ReadDb } from '../../../db/types';
import type { Sealer } from '../../../db/sealer';
import { openStaffNumbers, STAFF_SEALED_SELECT, type StoredStaffNumbers } from '../../../rota/sealed-staff';
import { insertStaff, NEW_STAFF_DEFAULTS, updateStaffIdentity, type StaffIdentity } from '../../../rota/staff.repo';
import type { StaffKind } from '../../../rota/types.shared';
import { TARGETS } from '../fields.shared';
import type { ImportTarget } from './types';

export interface StaffRecord extends Record<string, unknown> {
  name: string;
  kind: string;
  communityId: number | null;
  phone: string | null;
  idNumber: string | null;
  /** Written with 15 digits in the file (idNumber is the 18-digit form). */
  idNumberWas15?: boolean;
  agency: string | null;
  isMedical: boolean;
}

const KIND_LABELS: Record<string, string> = {
  community_worker: '社区工作者',
  agency_cadre: '下沉干部',
  medical: '医务人员',
  police: '民警',
  property: '物业人员',
  social_worker: '社工',
  volunteer: '志愿者',
};

interface StaffRow {
  id: number;
  name: string;
  kind: string;
  community_id: number | null;
  phone: string | null;
  id_number: string | null;
  agency: string | null;
  is_medical: number;
}

type StoredStaffRow = Omit<StaffRow, 'phone' | 'id_number'> & StoredStaffNumbers;

const toRecord = (r: StaffRow): StaffRecord => ({
  name: r.name,
  kind: r.kind,
  communityId: r.community_id,
  phone: r.phone,
  idNumber: r.id_number,
  agency: r.agency,
  isMedical: r.is_medical === 1,
});

const keyOf = (r: StaffRecord): string => (r.idNumber ? `id:${r.idNumber}` : `np:${r.name}|${r.phone ?? ''}`);

/** Who the row says the person is, as the staff register stores it. */
const identity = (r: StaffRecord): StaffIdentity => ({
  name: r.name,
  kind: r.kind as StaffKind,
  communityId: r.communityId,
  phone: r.phone,
  idNumber: r.idNumber,
  idNumberWas15: r.idNumberWas15 === true,
  agency: r.agency,
  isMedical: r.isMedical,
});

export const staffTarget: ImportTarget<StaffRecord> = {
  def: TARGETS.staff,
  build(v) {
    const kind = v.kind as string;
    return {
      ok: true,
      record: {
        name: v.name as string,
        kind,
        communityId: (v.community as number | null) ?? null,
        phone: (v.phone as string | null) ?? null,
        idNumber: (v.idNumber as string | null) ?? null,
        ...(v.idNumberWas15 === true ? { idNumberWas15: true } : {}),
        agency: (v.agency as string | null) ?? null,
        isMedical: (v.isMedical as boolean | null) ?? kind === 'medical',
      },
    };
  },
  keyOf,
  matcher(db: ReadDb, sealer: Sealer | null) {
    // Staff lists are hundreds of people: one read, their numbers opened (a clerk's import), then lookups in memory.
    const byKey = new Map<string, StaffRow>();
    const stored = db
      .prepare(
        `SELECT s.id, s.name, s.kind, s.community_id, ${STAFF_SEALED_SELECT('s')}, s.agency, s.is_medical FROM staff s WHERE s.status <> 'deceased' ORDER BY s.id`,
      )
      .all() as StoredStaffRow[];
    for (const { staffId, idNumberSealed, phoneSealed, ...rest } of stored) {
      const n = openStaffNumbers(db, sealer, { staffId, idNumberSealed, phoneSealed });
      const r: StaffRow = { ...rest, phone: n.phone, id_number: n.idNumber };
      const k = keyOf(toRecord(r));
      if (!byKey.has(k)) byKey.set(k, r);
    }
    return (record) => {
      const hit = byKey.get(keyOf(record));
      return hit ? { id: hit.id, current: toRecord(hit) } : null;
    };
  },
  same(existing, r) {
    const c = existing.current as StaffRecord;
    return (
      c.name === r.name &&
      c.kind === r.kind &&
      c.communityId === r.communityId &&
      c.phone === r.phone &&
      c.idNumber === r.idNumber &&
      c.agency === r.agency &&
      c.isMedical === r.isMedical
    );
  },
  canKeepBoth: () => true,
  insert({ db, now, audit, context }, r) {
    const id = insertStaff(db, context.sealer, { ...NEW_STAFF_DEFAULTS, ...identity(r) }, now);
    audit({ entity: 'staff', entityId: id, after: r });
    return id;
  },
  update({ db, now, today, audit, context }, existing, r) {
    updateStaffIdentity(db, context.sealer, existing.id, identity(r), now, today);
    audit({ entity: 'staff', entityId: existing.id, before: existing.current, after: r });
  },
  show(r) {
    return {
      姓名: String(r.name ?? ''),
      人员类别: KIND_LABELS[String(r.kind)] ?? String(r.kind ?? ''),
      联系电话: maskPhone(r.phone as string | null),
      身份证号: maskIdNumber(r.idNumber as string | null),
      派出单位: String(r.agency ?? ''),
    };
  },
};
