/** Opening a case: its checks, its row and audit record, and the care tasks that follow. */
import { addDays } from '../dates.shared';
import type { WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import type { Sealer } from '../db/sealer';
import { badInput, conflict } from '../errors';
import type { AuditInput } from '../handler-types';
import { careOrigin, type CareOriginFields } from './care-origin';
import { ensureLinkedCareTasks, openCareTaskForCase } from './care-writes';
import { CATEGORY_LABELS, isCare, isObservation, WORKFLOWS, type CaseCategory, type RiskLevel } from './codes.shared';
import { readHealthSettings } from './health-settings';
import type { RETURNEE_FIELDS } from './returnee.shared';
import { insertCase, type CaseColumns, type PlannedCaseMac } from './cases.repo';
import { recordEarlierHouseholdMoves } from './case-moves.repo';
import { caseSealer } from './case-binding';
import { residentRow, type ResidentPlaceRow } from './rows';
import { blankToNull, notAfterToday, optionalDay, type WriteResult } from './write-common';
import { checkObsDays, checkStaff, returneeDetails, type ReturneeFields } from './case-fields';
import { liveCase } from './case-void';

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
  /** Its household was made in this transaction: it has no moves to take (recordEarlierHouseholdMoves is not run). */
  householdMadeHere: boolean;
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
    cached(db, `SELECT id FROM cases c WHERE resident_id = @residentId AND category = @category AND closed_on IS NULL AND ${liveCase('c')}`).get({
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
  // Entered late: the household's moves since its 登记日期 are the case's too (none for a household made in this transaction).
  const taken =
    openedOn < day && resident.household_id !== null && registered?.householdMadeHere !== true
      ? recordEarlierHouseholdMoves(db, id, resident.household_id, openedOn, nowIso)
      : [];
  const audit: AuditInput[] = [{ entity: 'case', entityId: id, before: null, after: caseAudited(id, row) }];
  // The moves taken, in a row of their own (the case's row stays byte for byte as before), only when there are any.
  if (taken.length > 0) audit.push({ entity: 'case_move', entityId: id, before: null, after: { householdId: resident.household_id, householdMoves: taken } });
  if (isCare(f.category)) audit.push(openCareTaskForCase(db, resident.id, id, f.category, nowIso, day, origin.careFor));
  // Both directions: an observation makes tasks for vulnerable members; a new care case makes one if the household is observed.
  // Not looked for when the caller vouches that nobody in the household is observed (this case is checked here).
  if (!(registered?.noObservedHousemate === true && !isObservation(f.category))) audit.push(...ensureLinkedCareTasks(db, resident.household_id, nowIso, day));
  return { id, created: true, audit };
}
