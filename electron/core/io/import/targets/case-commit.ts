/**
 * 个案 import (cases.ts), its commit: the row's resident found, registered earlier in this commit or registered now
 * from the row, then the case opened or updated through the caseload's openCase / updateCase, so the same rules hold
 * as on screen.
 */
import { isObservation } from '../../../caseload/codes.shared';
import { RETURNEE_FIELDS, type ReturneeDetails } from '../../../caseload/returnee.shared';
import { openCase, updateCase, type RegisteredResident } from '../../../caseload/write-queries';
import { badInput } from '../../../errors';
import { personKey, residentFinder } from './person';
import { insertNewResidentRow, type InsertedResident } from './resident-bulk';
import type { PreparedResident } from './resident-prepare';
import type { Existing, WriteCtx } from './types';
import { newResidentOf, openFieldsOf, type CaseRecord } from './case-record';
import { plannedCaseMac, type PreparedCase } from './case-prepare';
import { refuseVoidedTwin } from './case-match';

/**
 * Set in a commit's cache once it opens an observation (before openCase, so that case counts): from then on a
 * household this commit made may have an observed member, and every case looks for care links again.
 */
const OBSERVATION_OPENED = 'observation-opened';

/** The id the commit's next case gets: read once, then counted on (cases.repo.ts insertCase). */
const NEXT_CASE_ID = 'next-case-id';

/** Only the details the row gives: an empty cell never clears what the ledger has. */
const given = (r: CaseRecord): Partial<ReturneeDetails> => Object.fromEntries(RETURNEE_FIELDS.filter((k) => r[k] !== null).map((k) => [k, r[k]]));

/** The commit's resident lookup, its statements prepared once per commit rather than once per row. */
const finders = new WeakMap<WriteCtx, ReturnType<typeof residentFinder>>();
function commitFinder(w: WriteCtx): ReturnType<typeof residentFinder> {
  let find = finders.get(w);
  if (find === undefined) finders.set(w, (find = residentFinder(w.db, w.context.sealer)));
  return find;
}

/**
 * The resident of a row at commit time: known, registered earlier in this commit (its id), or registered now from
 * the row (its row as stored, which openCase then need not read back).
 */
function residentFor(w: WriteCtx, r: CaseRecord, find: ReturnType<typeof residentFinder>): number | InsertedResident {
  const found = find(r);
  if (found.ok && found.resident) return found.resident.id;
  const cacheKey = `resident:${personKey(r)}`;
  const cached = w.cache.get(cacheKey);
  if (cached !== undefined) return cached;
  return registerResident(w, r);
}

/** Registers the row's resident (`prepared`: what the preview computed for it: case-prepare.ts); answers the row as stored. */
function registerResident(w: WriteCtx, r: CaseRecord, prepared?: PreparedResident): InsertedResident {
  const cacheKey = `resident:${personKey(r)}`;
  const communityId = r.communityId;
  // The ledger check sends such rows back; this holds only if the ledger changed between preview and commit.
  if (communityId === null) throw badInput('「身份证号」台账中没有这位居民，且本行没有填写「社区」');
  const row = insertNewResidentRow(w, newResidentOf(r, communityId), prepared);
  // Prepared: nobody else in the file is this person (case-prepare.ts), and no row of the commit looks anyone up.
  if (prepared === undefined) w.cache.set(cacheKey, row.id);
  return row;
}

/**
 * The resident a row registered, as openCase takes it. Field by field: `{ ...resident, noObservedHousemate }` copied
 * the row by spread, the largest single item of the target's own time in the commit (session 15 profile).
 */
function registeredFrom(r: InsertedResident, noObservedHousemate: boolean, householdMadeHere: boolean): RegisteredResident {
  return {
    id: r.id,
    household_id: r.household_id,
    community_id: r.community_id,
    grid_id: r.grid_id,
    name: r.name,
    id_number_was15: r.id_number_was15,
    sex: r.sex,
    tags: r.tags,
    relation: r.relation,
    noObservedHousemate,
    householdMadeHere,
  } satisfies Record<keyof RegisteredResident, unknown>;
}

/** Opens the row's case (`prepared`: what the preview computed for it, when the ledger has not changed since); answers its id. */
export function insertCaseRow(w: WriteCtx, r: CaseRecord, prepared?: PreparedCase): number {
  // Prepared: the preview found this resident (or nobody) in the ledger as it still is, and nobody else in the file is them.
  const resident = prepared ? (prepared.residentId ?? registerResident(w, r, prepared.resident)) : residentFor(w, r, commitFinder(w));
  const observation = isObservation(r.category);
  if (observation) w.cache.set(OBSERVATION_OPENED, 1);
  // Registered by this row: openCase takes the row as written (no read back, no open case possible), and skips the
  // linked-care query while its household is one this commit made and the commit has opened no observation.
  const registered =
    typeof resident === 'number'
      ? undefined
      : registeredFrom(resident, !resident.householdExisted && !w.cache.has(OBSERVATION_OPENED), !resident.householdExisted);
  const residentId = typeof resident === 'number' ? resident : resident.id;
  // Not prepared: the ledger changed since the preview's check, which may have been a 作废登记 in another window.
  if (prepared === undefined && typeof resident === 'number') refuseVoidedTwin(w.db, residentId, r);
  const planned = prepared && plannedCaseMac(prepared, r);
  const opened = openCase(w.db, openFieldsOf(r, residentId), w.now, w.today, w.context.sealer, registered, w.cache.get(NEXT_CASE_ID), planned);
  w.cache.set(NEXT_CASE_ID, opened.id + 1);
  for (const a of opened.audit) w.audit(a);
  return opened.id;
}

/** Updates the matched case with what the row gives. */
export function updateCaseRow(w: WriteCtx, existing: Existing, r: CaseRecord): void {
  const updated = updateCase(
    w.db,
    {
      caseId: existing.id,
      ...(r.riskLevel !== null ? { riskLevel: r.riskLevel } : {}),
      ...(r.source !== null ? { source: r.source } : {}),
      ...(r.notes !== null ? { notes: r.notes } : {}),
      // A longer observation from the community's file is recorded with the file as its reason (the ledger check lets no shortening through).
      ...(r.obsDays !== null ? { obsDays: r.obsDays, changeReason: `社区报表导入「${w.fileName}」（按文件中的观察天数更新）` } : {}),
      ...given(r),
    },
    w.now,
    w.today,
  );
  for (const a of updated.audit) w.audit(a);
}
