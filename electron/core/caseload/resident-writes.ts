import type { WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { badInput, conflict, notFound } from '../errors';
import { checkIdNumber, maskIdNumber } from '../people/id-number';
import { ensureLinkedCareTasks, followSelfCareFlag } from './care-writes';
import { RESIDENT_TAGS, type ResidentTag } from './codes.shared';
import { householdRow, openedResidentRow, residentByIdNumber, type ResidentRow } from './rows';
import { needSealer } from './sealed-people';
import { normaliseRelation, RELATION_MAX } from './relation.shared';
import { insertResident, updateResident, type ResidentColumns } from './residents.repo';
import { moveCasesOfResident } from './cases.repo';
import { blankToNull, checkCommunityAndGrid, notAfterToday, optionalDay, phoneOrNull, type WriteResult } from './write-common';

export interface ResidentFields {
  /** Update this resident; without it, the resident with the same ID number is updated, or a new one made. */
  id?: number | undefined;
  householdId?: number | null | undefined;
  /** Needed only without a household (e.g. a homeless person); otherwise taken from the household. */
  communityId?: number | undefined;
  gridId?: number | null | undefined;
  name: string;
  idNumber?: string | null | undefined;
  phone?: string | null | undefined;
  tags?: readonly ResidentTag[] | undefined;
  /** 与户主关系 (relation.ts: common synonyms brought to one word, others kept as written); undefined keeps what is stored. */
  relation?: string | null | undefined;
  /** Only used when there is no ID number to derive them from. */
  sex?: 'M' | 'F' | null | undefined;
  birthDate?: string | null | undefined;
}

type Stored = ResidentColumns;

function normalise(db: WriteDb, f: ResidentFields, previous: ResidentRow | undefined, today: string, sealer: Sealer): Stored {
  const name = blankToNull(f.name);
  if (name === null) throw badInput('「姓名」不能为空');
  let place: { community_id: number; grid_id: number | null };
  const householdId = f.householdId !== undefined ? f.householdId : (previous?.household_id ?? null);
  if (householdId !== null) {
    const h = householdRow(db, householdId, sealer);
    if (!h) throw badInput(`「住户」编号 ${householdId} 不存在`);
    place = { community_id: h.community_id, grid_id: h.grid_id };
  } else {
    const communityId = f.communityId ?? previous?.community_id;
    if (communityId === undefined) throw badInput('「社区」不能为空：没有住户的居民（如流浪人员）需要指定所在社区');
    const gridId = f.gridId !== undefined ? f.gridId : (previous?.grid_id ?? null);
    checkCommunityAndGrid(db, communityId, gridId);
    place = { community_id: communityId, grid_id: gridId };
  }
  let idNumber: string | null = previous?.id_number ?? null;
  let was15 = previous?.id_number_was15 ?? 0;
  let sex = f.sex !== undefined ? f.sex : (previous?.sex ?? null);
  let birth = f.birthDate !== undefined ? optionalDay(f.birthDate, '出生日期') : (previous?.birth_date ?? null);
  if (f.birthDate !== undefined && birth !== null) notAfterToday(birth, '出生日期', today);
  if (f.idNumber !== undefined) {
    if (blankToNull(f.idNumber) === null) [idNumber, was15] = [null, 0];
    else {
      const check = checkIdNumber(f.idNumber, today);
      if (!check.ok) throw badInput(`「身份证号」${check.message}`, { field: 'idNumber' });
      // The same 18-digit number re-entered keeps what was remembered about how it was first written.
      [idNumber, was15] = [check.value, check.original15 !== null ? 1 : check.value === previous?.id_number ? was15 : 0];
    }
  }
  if (idNumber !== null) {
    const derived = checkIdNumber(idNumber);
    if (derived.ok) {
      sex = derived.sex;
      birth = derived.birthDate;
    }
  }
  const tags = f.tags !== undefined ? [...new Set(f.tags)].filter((t) => RESIDENT_TAGS.includes(t)).sort() : null;
  return {
    household_id: householdId,
    ...place,
    name,
    id_number: idNumber,
    id_number_was15: was15,
    sex,
    birth_date: birth,
    phone: f.phone !== undefined ? phoneOrNull(f.phone, '联系电话') : (previous?.phone ?? null),
    tags: tags !== null ? JSON.stringify(tags) : (previous?.tags ?? '[]'),
    relation: f.relation !== undefined ? relationOrNull(f.relation) : (previous?.relation ?? null),
  };
}

function relationOrNull(written: string | null): string | null {
  const relation = normaliseRelation(written);
  if (relation !== null && [...relation].length > RELATION_MAX) throw badInput(`「与户主关系」最多 ${RELATION_MAX} 个字`, { field: 'relation' });
  return relation;
}

const sameAs = (a: Stored, b: ResidentRow): boolean => (Object.keys(a) as Array<keyof Stored>).every((k) => a[k] === b[k]);
/** The audit log keeps who changed what, but never a full ID number or phone in clear text. */
const forAudit = (r: Stored & { id: number }) => ({
  ...r,
  id_number: maskIdNumber(r.id_number),
  phone: r.phone ? `${r.phone.slice(0, 3)}****${r.phone.slice(-4)}` : null,
});

/** Creates or updates a resident (same validation as `residents.save`), keyed by ID number when there is no id. */
export function upsertResident(db: WriteDb, f: ResidentFields, nowIso: string, today: string, sealerOrNull: Sealer | null): WriteResult {
  // ID numbers, phones and birth dates are kept sealed: only a session with the sensitive key writes them.
  const sealer = needSealer(sealerOrNull);
  let previous: ResidentRow | undefined;
  if (f.id !== undefined) {
    previous = openedResidentRow(db, f.id, sealer);
    if (!previous) throw notFound(`居民（编号 ${f.id}）`);
  }
  let draft = normalise(db, f, previous, today, sealer);
  if (!previous && draft.id_number !== null) {
    previous = residentByIdNumber(db, draft.id_number, sealer);
    if (previous) draft = normalise(db, f, previous, today, sealer);
  } else if (previous && draft.id_number !== null) {
    const other = residentByIdNumber(db, draft.id_number, sealer);
    if (other && other.id !== previous.id) throw conflict(`「身份证号」${maskIdNumber(draft.id_number)} 已登记在居民${other.name}名下`);
  }
  let id: number;
  let created = false;
  const audit: WriteResult['audit'] = [];
  if (previous) {
    id = previous.id;
    if (sameAs(draft, previous)) return { id, created: false, audit: [] };
    updateResident(db, id, draft, nowIso, sealer);
    moveCasesOfResident(db, id, draft, today, nowIso);
    audit.push({ entity: 'resident', entityId: id, before: forAudit(previous), after: forAudit({ id, ...draft }) });
    if (draft.tags !== previous.tags) audit.push(...followSelfCareFlag(db, id, nowIso, today));
  } else {
    created = true;
    id = insertResident(db, draft, nowIso, sealer);
    audit.push({ entity: 'resident', entityId: id, before: null, after: forAudit({ id, ...draft }) });
  }
  audit.push(...ensureLinkedCareTasks(db, draft.household_id, nowIso, today));
  return { id, created, audit };
}
