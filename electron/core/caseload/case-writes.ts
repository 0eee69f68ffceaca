/** Opening, updating and moving cases through their workflow. */
import { addDays } from '../dates.shared';
import type { WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import type { Sealer } from '../db/sealer';
import { badInput, conflict, notFound } from '../errors';
import type { AuditInput } from '../handler-types';
import { careOrigin, type CareOriginFields } from './care-origin';
import { settleCareCasesOf, type CareCaseDecision } from './care-origin-release';
import { ensureLinkedCareTasks, openCareTaskForCase, settleCareTasksOf, type CareTaskDecision } from './care-writes';
import {
  canMove,
  CATEGORY_LABELS,
  isCare,
  isObservation,
  isTerminal,
  STATUS_LABELS,
  WORKFLOWS,
  type CaseCategory,
  type CaseStatus,
  type RiskLevel,
} from './codes.shared';
import { readHealthSettings } from './health-settings';
import { RETURNEE_FIELDS, type ReturneeDetails } from './returnee.shared';
import { insertCase, setCaseStatus, setCheckState, updateCaseDetails, type CaseColumns, type PlannedCaseMac } from './cases.repo';
import { caseSealer } from './case-binding';
import { caseRow, checkDates, residentRow, type CaseRow, type ResidentPlaceRow } from './rows';
import { blankToNull, notAfterToday, optionalDay, type WriteResult } from './write-common';

/** Returnee details as a write function takes them: any may be left out. */
export type ReturneeFields = { [K in keyof ReturneeDetails]?: string | null | undefined };

/**
 * Cleans the returnee details given (blank to null; 返程日期 a real day, not in the future). Left-out fields stay undefined.
 * Field by field, not a loop over RETURNEE_FIELDS reading and adding keys by a variable name: one shape for every
 * case (an import opens 100,000; the loop was half of openCase's checks: session 15 profile).
 */
function returneeDetails(f: ReturneeFields, today: string): Partial<ReturneeDetails> {
  const clean = (v: string | null | undefined): string | null | undefined => (v === undefined ? undefined : blankToNull(v));
  const out = {
    origin: clean(f.origin),
    arrivedOn: f.arrivedOn === undefined ? undefined : optionalDay(f.arrivedOn, '返程日期'),
    transport: clean(f.transport),
    transportNo: clean(f.transportNo),
    teamGridWorker: clean(f.teamGridWorker),
    teamDoctor: clean(f.teamDoctor),
    teamPolice: clean(f.teamPolice),
    teamUnsplit: clean(f.teamUnsplit),
  } satisfies Record<(typeof RETURNEE_FIELDS)[number], string | null | undefined>;
  notAfterToday(out.arrivedOn ?? null, '返程日期', today);
  return out;
}

export interface OpenCaseFields extends ReturneeFields, CareOriginFields {
  residentId: number;
  category: CaseCategory;
  riskLevel?: RiskLevel | undefined;
  assignedStaffId?: number | null | undefined;
  openedOn?: string | undefined;
  dueOn?: string | null | undefined;
  source?: string | null | undefined;
  notes?: string | null | undefined;
  /** Observation only: first day of observation (default: openedOn) and its length (default: the office's setting, 14). */
  obsStartOn?: string | undefined;
  obsDays?: number | undefined;
}

function checkStaff(db: WriteDb, staffId: number | null): void {
  if (staffId === null) return;
  if (!cached(db, `SELECT id FROM staff WHERE id = @staffId`).get({ staffId })) throw badInput(`「责任人」编号 ${staffId} 不存在`);
}

function checkObsDays(days: number): void {
  if (!Number.isInteger(days) || days < 1 || days > 60) throw badInput('「观察天数」应在 1–60 天之间');
}

/** Recomputes last_check_on and first_missing_check_on after checks or observation dates change. */
export function refreshCheckState(db: WriteDb, caseId: number): void {
  const c = caseRow(db, caseId);
  if (!c || c.obs_start_on === null || c.obs_end_on === null) return;
  const done = new Set(checkDates(db, caseId));
  let firstMissing: string | null = null;
  for (let d = c.obs_start_on; d <= c.obs_end_on; d = addDays(d, 1)) {
    if (!done.has(d)) {
      firstMissing = d;
      break;
    }
  }
  const last = [...done].sort().pop() ?? null;
  setCheckState(db, caseId, last, firstMissing);
}

/**
 * A new case as the audit keeps it: these keys in this order (the log's text is compared byte for byte:
 * tests/unit/import/cases-audit-bytes.test.ts). One literal, not `{ id, ...fields }` over a second object of the
 * same values: an import opens 100,000 cases, and the copy by spread was a tenth of openCase (session 15 profile).
 */
function caseAudited(id: number, c: CaseColumns) {
  const audited = {
    id,
    residentId: c.resident_id,
    communityId: c.community_id,
    gridId: c.grid_id,
    category: c.category,
    status: c.status,
    riskLevel: c.risk_level,
    staffId: c.assigned_staff_id,
    openedOn: c.opened_on,
    dueOn: c.due_on,
    source: c.source,
    notes: c.notes,
    obsStart: c.obs_start_on,
    obsDays: c.obs_days,
    obsEnd: c.obs_end_on,
    originCaseId: c.origin_case_id,
    originStaffId: c.origin_staff_id,
    // The returnee details in RETURNEE_FIELDS' order.
    origin: c.origin,
    arrivedOn: c.arrived_on,
    transport: c.transport,
    transportNo: c.transport_no,
    teamGridWorker: c.team_grid_worker,
    teamDoctor: c.team_doctor,
    teamPolice: c.team_police,
  } satisfies Record<Exclude<(typeof RETURNEE_FIELDS)[number], 'teamUnsplit'>, string | null> & Record<string, unknown>;
  // Last and only when there is one (a team the import could not split, migration 068): every other case is audited
  // byte for byte as before, and an import's cases still share one batch's columns (audit/batched-entries.ts).
  return c.team_unsplit === null ? audited : { ...audited, teamUnsplit: c.team_unsplit };
}

export interface RegisteredResident extends ResidentPlaceRow {
  /**
   * No member of the resident's household can have an open observation case: a household made in this transaction,
   * every member of it new, and no observation opened in it (this case included). The linked-care query, which
   * pairs an observed member with vulnerable ones, would find nothing; it is not run (a cases import: once per row).
   */
  noObservedHousemate: boolean;
}

/**
 * Opens a case (same validation as `cases.open`); an observation also sets its daily checks, and care tasks follow.
 * The case is bound to its resident with the sensitive key (case-binding.ts): a session without it opens none.
 * `registered`: the resident's row as the caller has just inserted it in this transaction (a cases import registering
 * the person of a row): it is not read back, and it can have no case yet to conflict with (a new id, and foreign keys
 * keep no case beyond its resident's deletion). `caseId`: the id the caller counts on (cases.repo.ts insertCase);
 * `plannedMac`: the case's MAC as an import's preview computed it (stored only if it fits the case as opened).
 */
export function openCase(
  db: WriteDb,
  f: OpenCaseFields,
  nowIso: string,
  today: string,
  sealerOrNull: Sealer | null,
  registered?: RegisteredResident,
  caseId?: number,
  plannedMac?: PlannedCaseMac,
): WriteResult {
  const sealer = caseSealer(sealerOrNull);
  const day = today;
  if (registered !== undefined && registered.id !== f.residentId) throw new Error(`openCase: resident ${registered.id} given for ${f.residentId}`);
  const resident = registered ?? residentRow(db, f.residentId);
  if (!resident) throw badInput(`「居民」编号 ${f.residentId} 不存在`);
  const staffId = f.assignedStaffId ?? null;
  checkStaff(db, staffId);
  // A backfilled observation is registered on the day it started unless told otherwise.
  const openedOn = optionalDay(f.openedOn, '登记日期') ?? (isObservation(f.category) ? optionalDay(f.obsStartOn, '观察开始日期') : null) ?? day;
  notAfterToday(openedOn, '登记日期', day);
  const active =
    registered === undefined &&
    cached(db, `SELECT id FROM cases WHERE resident_id = @residentId AND category = @category AND closed_on IS NULL`).get({
      residentId: f.residentId,
      category: f.category,
    });
  if (active) throw conflict(`${resident.name}已有一个进行中的「${CATEGORY_LABELS[f.category]}」个案，请在原个案上继续办理`);
  let obs: { start: string | null; days: number | null; end: string | null } = { start: null, days: null, end: null };
  if (isObservation(f.category)) {
    const start = optionalDay(f.obsStartOn, '观察开始日期') ?? openedOn;
    notAfterToday(start, '观察开始日期', day);
    const days = f.obsDays ?? readHealthSettings(db).observationDays;
    checkObsDays(days);
    obs = { start, days, end: addDays(start, days - 1) };
  } else if (f.obsStartOn !== undefined || f.obsDays !== undefined) {
    throw badInput(`「观察开始日期」只适用于居家观察和医学观察，${CATEGORY_LABELS[f.category]}不需要`);
  }
  const dueOn = optionalDay(f.dueOn, '办结期限') ?? obs.end;
  if (dueOn !== null && dueOn < openedOn) throw badInput(`「办结期限」${dueOn} 早于登记日期 ${openedOn}`);
  const details = returneeDetails(f, day);
  const origin = careOrigin(db, f, f.category, resident.id);
  const row: CaseColumns = {
    resident_id: resident.id,
    community_id: resident.community_id,
    grid_id: resident.grid_id,
    category: f.category,
    status: WORKFLOWS[f.category].initial,
    risk_level: f.riskLevel ?? 'low',
    assigned_staff_id: staffId,
    opened_on: openedOn,
    due_on: dueOn,
    closed_on: null,
    close_reason: null,
    source: blankToNull(f.source),
    notes: blankToNull(f.notes),
    obs_start_on: obs.start,
    obs_days: obs.days,
    obs_end_on: obs.end,
    last_check_on: null,
    // Nothing checked yet: the first missing day is the first day of observation.
    first_missing_check_on: obs.start,
    origin_case_id: origin.originCaseId,
    origin_staff_id: origin.originStaffId,
    origin: details.origin ?? null,
    arrived_on: details.arrivedOn ?? null,
    transport: details.transport ?? null,
    transport_no: details.transportNo ?? null,
    team_grid_worker: details.teamGridWorker ?? null,
    team_doctor: details.teamDoctor ?? null,
    team_police: details.teamPolice ?? null,
    team_unsplit: details.teamUnsplit ?? null,
  };
  // The name as the resident's row has it (read above, or written by the caller in this transaction): the case's sort key.
  const id = insertCase(db, row, nowIso, sealer, caseId, plannedMac, resident.name);
  const audit: AuditInput[] = [{ entity: 'case', entityId: id, before: null, after: caseAudited(id, row) }];
  if (isCare(f.category)) audit.push(openCareTaskForCase(db, resident.id, id, f.category, nowIso, day, origin.careFor));
  // Both directions: an observation makes tasks for vulnerable members; a new care case makes one if the household is observed.
  // Not looked for when the caller vouches that nobody in the household is observed (this case is checked here).
  if (!(registered?.noObservedHousemate === true && !isObservation(f.category))) audit.push(...ensureLinkedCareTasks(db, resident.household_id, nowIso, day));
  return { id, created: true, audit };
}

export interface TransitionFields {
  caseId: number;
  to: CaseStatus;
  /** Required to release an observation early or with missing checks; the outcome when closing. */
  reason?: string | null | undefined;
  /** When the case closes: for each open care task it started for others in the household, keep or close (every one must be decided). */
  careTasks?: readonly CareTaskDecision[] | undefined;
  /** On release: for each open care case opened because of this observation, keep (the default) or close with the release. */
  careCases?: readonly CareCaseDecision[] | undefined;
}

export function transitionCase(db: WriteDb, f: TransitionFields, nowIso: string, today: string): WriteResult {
  const day = today;
  const c = caseRow(db, f.caseId);
  if (!c) throw notFound(`个案（编号 ${f.caseId}）`);
  if (!canMove(c.category, c.status, f.to)) {
    throw conflict(`${CATEGORY_LABELS[c.category]}个案不能从「${STATUS_LABELS[c.status]}」改为「${STATUS_LABELS[f.to]}」`, { caseId: c.id });
  }
  const reason = blankToNull(f.reason);
  if (f.to === 'released' && c.obs_end_on !== null) {
    const missing = c.first_missing_check_on !== null && c.first_missing_check_on <= (day < c.obs_end_on ? day : c.obs_end_on);
    const early = day < c.obs_end_on;
    if ((missing || early) && reason === null) {
      throw badInput(
        missing ? `「解除原因」必填：观察期内 ${c.first_missing_check_on} 起有未完成的健康监测` : `「解除原因」必填：观察期到 ${c.obs_end_on} 才满`,
      );
    }
  }
  const closes = isTerminal(c.category, f.to);
  const after = { status: f.to, closed_on: closes ? day : null, close_reason: closes ? (reason ?? c.close_reason) : c.close_reason };
  setCaseStatus(db, c.id, after, nowIso);
  const audit: AuditInput[] = [{ entity: 'case', entityId: c.id, before: { status: c.status, closed_on: c.closed_on, close_reason: c.close_reason }, after }];
  if (closes) audit.push(...settleCareTasksOf(db, c.id, f.careTasks, nowIso));
  // Only a release brings the relative home; after a referral the dependant's care goes on.
  if (f.to === 'released') audit.push(...settleCareCasesOf(db, c.id, f.careCases, nowIso, day));
  else if (f.careCases?.length) throw badInput('「照料个案」只在解除观察时决定是否办结');
  return { id: c.id, created: false, audit };
}

export interface UpdateCaseFields extends ReturneeFields {
  caseId: number;
  riskLevel?: RiskLevel | undefined;
  assignedStaffId?: number | null | undefined;
  dueOn?: string | null | undefined;
  source?: string | null | undefined;
  notes?: string | null | undefined;
  obsDays?: number | undefined;
  /** Required whenever obsDays changes the observation's length (shorter or longer). */
  changeReason?: string | null | undefined;
}

export function updateCase(db: WriteDb, f: UpdateCaseFields, nowIso: string, today: string): WriteResult {
  const c = caseRow(db, f.caseId);
  if (!c) throw notFound(`个案（编号 ${f.caseId}）`);
  if (c.closed_on !== null) throw conflict('个案已结案，不能再修改；如需继续跟进请新开个案');
  const next: CaseRow = { ...c };
  if (f.riskLevel !== undefined) next.risk_level = f.riskLevel;
  if (f.assignedStaffId !== undefined) {
    checkStaff(db, f.assignedStaffId);
    next.assigned_staff_id = f.assignedStaffId;
  }
  if (f.dueOn !== undefined) next.due_on = optionalDay(f.dueOn, '办结期限');
  if (f.source !== undefined) next.source = blankToNull(f.source);
  if (f.notes !== undefined) next.notes = blankToNull(f.notes);
  const details = returneeDetails(f, today);
  if (details.origin !== undefined) next.origin = details.origin;
  if (details.arrivedOn !== undefined) next.arrived_on = details.arrivedOn;
  if (details.transport !== undefined) next.transport = details.transport;
  if (details.transportNo !== undefined) next.transport_no = details.transportNo;
  if (details.teamGridWorker !== undefined) next.team_grid_worker = details.teamGridWorker;
  if (details.teamDoctor !== undefined) next.team_doctor = details.teamDoctor;
  if (details.teamPolice !== undefined) next.team_police = details.teamPolice;
  if (details.teamUnsplit !== undefined) next.team_unsplit = details.teamUnsplit;
  if (f.obsDays !== undefined && f.obsDays !== c.obs_days) {
    if (c.obs_start_on === null || c.obs_days === null) throw badInput('「观察天数」只适用于居家观察和医学观察个案');
    checkObsDays(f.obsDays);
    const reason = blankToNull(f.changeReason);
    if (reason === null)
      throw badInput(
        f.obsDays < c.obs_days ? '「变更原因」必填：观察期只能在记录原因后缩短' : '「变更原因」必填：延长观察期请写明原因（如复查结果、上级通知）',
      );
    const lastCheck = c.last_check_on;
    const newEnd = addDays(c.obs_start_on, f.obsDays - 1);
    if (lastCheck !== null && lastCheck > newEnd) throw badInput(`「观察天数」缩短后观察期到 ${newEnd} 结束，早于已登记的 ${lastCheck} 健康监测`);
    if (c.due_on === c.obs_end_on && f.dueOn === undefined) next.due_on = newEnd;
    next.obs_days = f.obsDays;
    next.obs_end_on = newEnd;
    if (reason !== null) next.notes = [next.notes, `观察期由 ${c.obs_days} 天改为 ${f.obsDays} 天：${reason}`].filter(Boolean).join('\n');
  }
  if (next.due_on !== null && next.due_on < c.opened_on) throw badInput(`「办结期限」${next.due_on} 早于登记日期 ${c.opened_on}`);
  const changed = (Object.keys(next) as Array<keyof CaseRow>).filter((k) => next[k] !== c[k]);
  if (changed.length === 0) return { id: c.id, created: false, audit: [] };
  updateCaseDetails(db, next, nowIso);
  refreshCheckState(db, c.id);
  const pick = (r: CaseRow) => Object.fromEntries(changed.map((k) => [k, r[k]]));
  return { id: c.id, created: false, audit: [{ entity: 'case', entityId: c.id, before: pick(c), after: pick(next) }] };
}
