/** Moving cases through their workflow and updating them (opening one: case-open.ts). */
import { addDays } from '../dates.shared';
import type { WriteDb } from '../db/types';
import { badInput, conflict, notFound } from '../errors';
import type { AuditInput } from '../handler-types';
import { settleCareCasesOf, type CareCaseDecision } from './care-origin-release';
import { settleCareTasksOf, type CareTaskDecision } from './care-writes';
import { canMove, CATEGORY_LABELS, isTerminal, STATUS_LABELS, type CaseStatus, type RiskLevel } from './codes.shared';
import { setCaseStatus, setCheckState, updateCaseDetails } from './cases.repo';
import { caseRow, checkDates, type CaseRow } from './rows';
import { refuseVoided } from './case-void';
import { blankToNull, optionalDay, type WriteResult } from './write-common';
import { checkObsDays, checkStaff, returneeDetails, type ReturneeFields } from './case-fields';

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
  refuseVoided(db, c.id);
  if (!canMove(c.category, c.status, f.to)) {
    throw conflict(`${CATEGORY_LABELS[c.category]}个案不能从「${STATUS_LABELS[c.status]}」改为「${STATUS_LABELS[f.to]}」`, { caseId: c.id });
  }
  const reason = blankToNull(f.reason);
  if (f.to === 'released' && c.obs_end_on !== null) {
    const early = day < c.obs_end_on;
    // Before its end, today's check is not missed yet: the window not being over is the reason (on day 13 the refusal named
    // today's unrecorded check, and once it was recorded refused again for 才满). From the last day on, every day's check is owed.
    const missing = c.first_missing_check_on !== null && c.first_missing_check_on <= (early ? addDays(day, -1) : c.obs_end_on);
    if ((missing || early) && reason === null) {
      const why = [early ? `观察期到 ${c.obs_end_on} 才满` : null, missing ? `观察期内 ${c.first_missing_check_on} 起有未完成的健康监测` : null];
      throw badInput(`「原因」必填：${why.filter(Boolean).join('；')}`);
    }
  }
  // A fever referral is closed on its outcome (referral made, arrived, outcome: the domain's three steps); 已办结 with no
  // words left a person sent to a fever clinic closed with nothing said of what was found (w69).
  if (c.category === 'fever_referral' && f.to === 'closed' && reason === null)
    throw badInput('「原因 / 结果说明」必填：发热筛查分诊个案办结时请写明结果（如：排除、确诊、转隔离观察）');
  const closes = isTerminal(c.category, f.to);
  const after = { status: f.to, closed_on: closes ? day : null, close_reason: closes ? (reason ?? c.close_reason) : c.close_reason };
  setCaseStatus(db, c.id, after, nowIso);
  // A step that does not close (已转诊待到达 → 已到达医疗机构) has no column for its words: the audit row keeps them (reason), and
  // 办理记录 says them, so the hospital or time typed in 「原因 / 结果说明」 is not dropped without a word (w68 walk).
  const said = !closes && reason !== null ? { reason } : {};
  const audit: AuditInput[] = [
    { entity: 'case', entityId: c.id, before: { status: c.status, closed_on: c.closed_on, close_reason: c.close_reason }, after: { ...after, ...said } },
  ];
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
  refuseVoided(db, c.id);
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
      throw badInput(f.obsDays < c.obs_days ? '「原因」必填：观察期只能在记录原因后缩短' : '「原因」必填：延长观察期请写明原因（如复查结果、上级通知）');
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
