/** 生活照料: care tasks created from observations and care cases; care visits. */
import { addDays } from '../dates.shared';
import type { WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import { badInput, conflict, notFound } from '../errors';
import type { AuditInput } from '../handler-types';
import { CATEGORY_LABELS, type CaseCategory } from './codes.shared';
import { blankToNull, notAfterToday, optionalDay, type WriteResult } from './write-common';
import { closeTask, insertTaskForCareCase, insertTaskTriggeredBy, keepTaskAfterObservation, setNextVisit, setVisitInterval } from './care-tasks.repo';
import { careTaskOwed, liveCase, refuseUnowedTask } from './case-void';

/**
 * How often a care case's own task asks for a visit: the office's practice, not the notice's
 * (it asks for 生活照料 and names those 生活不能自理 first, but sets no frequency).
 */
export const CARE_VISIT_DAYS = 7;
export const SELF_CARE_VISIT_DAYS = 1;

function cannotSelfCare(db: WriteDb, residentId: number): boolean {
  return (
    cached(db, `SELECT 1 FROM residents r, json_each(r.tags) t WHERE r.id = @residentId AND t.value = 'cannot_self_care'`).get({ residentId }) !== undefined
  );
}

const VULNERABLE_SQL = `(
  EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE t.value IN ('solitary_elderly', 'extreme_poverty', 'child_without_guardian'))
  OR EXISTS (SELECT 1 FROM cases v WHERE v.resident_id = r.id AND v.closed_on IS NULL AND ${liveCase('v')}
             AND v.category IN ('solitary_elderly', 'extreme_poverty', 'child_without_guardian')))`;

/**
 * Built once: a SQL text assembled per call is a new string the statement cache must hash whole on every lookup
 * (a cases import runs this once per row).
 */
const LINKED_CARE_PAIRS = `SELECT r.id AS residentId, o.id AS caseId, o.category, obs.name AS observedName
       FROM residents r
       JOIN residents obs ON obs.household_id = r.household_id AND obs.id <> r.id
       JOIN cases o ON o.resident_id = obs.id AND o.closed_on IS NULL AND o.obs_start_on IS NOT NULL AND ${liveCase('o')}
       WHERE r.household_id = @householdId AND ${VULNERABLE_SQL}
         AND NOT EXISTS (SELECT 1 FROM care_tasks t WHERE t.resident_id = r.id AND t.trigger_case_id = o.id)`;

/**
 * The notice: when a household is under observation, its solitary elders,
 * extreme-poverty persons and children without a guardian need care. Makes
 * one open care task per (vulnerable member, active observation) that has none.
 */
export function ensureLinkedCareTasks(db: WriteDb, householdId: number | null, nowIso: string, today: string): AuditInput[] {
  if (householdId === null) return [];
  const day = today;
  // Prepared once per connection (db/stmt-cache.ts): opening a case runs this for its household, an import once per row.
  const pairs = cached(db, LINKED_CARE_PAIRS).all({ householdId }) as Array<{
    residentId: number;
    caseId: number;
    category: CaseCategory;
    observedName: string;
  }>;
  return pairs.map((p) => {
    const reason = `同户${p.observedName}${CATEGORY_LABELS[p.category]}期间需生活照料`;
    const id = insertTaskTriggeredBy(db, { residentId: p.residentId, caseId: p.caseId, reason, day }, nowIso);
    return { entity: 'care_task', entityId: id, before: null, after: { id, residentId: p.residentId, triggerCaseId: p.caseId, reason, nextVisitOn: day } };
  });
}

/** A care case (特困, 独居老人 …) gets a weekly visit task of its own, daily for someone 生活不能自理; why it was opened goes into its reason. */
export function openCareTaskForCase(
  db: WriteDb,
  residentId: number,
  caseId: number,
  category: CaseCategory,
  nowIso: string,
  today: string,
  careFor: string | null = null,
): AuditInput {
  const day = today;
  const daily = cannotSelfCare(db, residentId);
  const reason = `${CATEGORY_LABELS[category]}${daily ? '（生活不能自理）每日走访' : '定期走访'}${careFor ? `：${careFor}` : ''}`;
  const intervalDays = daily ? SELF_CARE_VISIT_DAYS : CARE_VISIT_DAYS;
  const id = insertTaskForCareCase(db, { residentId, caseId, reason, day, intervalDays }, nowIso);
  return { entity: 'care_task', entityId: id, before: null, after: { id, residentId, careCaseId: caseId, reason, intervalDays, nextVisitOn: day } };
}

/**
 * 生活不能自理 was ticked or cleared on a resident: the open tasks of their care cases visit
 * daily (the next visit no later than today) or go back to weekly.
 */
export function followSelfCareFlag(db: WriteDb, residentId: number, nowIso: string, today: string): AuditInput[] {
  const intervalDays = cannotSelfCare(db, residentId) ? SELF_CARE_VISIT_DAYS : CARE_VISIT_DAYS;
  const tasks = db
    .prepare(
      `SELECT id, interval_days AS intervalDays, next_visit_on AS nextVisitOn FROM care_tasks WHERE resident_id = @residentId AND status = 'open' AND care_case_id IS NOT NULL AND interval_days <> @intervalDays`,
    )
    .all({ residentId, intervalDays }) as Array<{ id: number; intervalDays: number; nextVisitOn: string }>;
  return tasks.map((t) => {
    const nextVisitOn = intervalDays < t.intervalDays && today < t.nextVisitOn ? today : t.nextVisitOn;
    setVisitInterval(db, t.id, intervalDays, nextVisitOn, nowIso);
    return { entity: 'care_task', entityId: t.id, before: { intervalDays: t.intervalDays, nextVisitOn: t.nextVisitOn }, after: { intervalDays, nextVisitOn } };
  });
}

/** What to do with one care task when the observation that started it ends. */
export interface CareTaskDecision {
  careTaskId: number;
  /** true: keep visiting (the task no longer depends on the observation); false: the care ends with it. */
  keep: boolean;
}

/**
 * Open tasks this observation started for others in the household (the ones release must ask about). Not one no
 * longer owed (careTaskOwed: the member was vulnerable only through a voided case): kept, it would lose its link to the
 * observation and be owed for good; settleCareTasksOf ends it with the observation instead.
 */
export function linkedOpenCareTasks(db: WriteDb, caseId: number): Array<{ id: number; residentName: string; reason: string }> {
  return db
    .prepare(
      `SELECT t.id, r.name AS residentName, t.reason FROM care_tasks t JOIN residents r ON r.id = t.resident_id
       WHERE t.status = 'open' AND t.trigger_case_id = @caseId AND ${careTaskOwed('t')} ORDER BY t.id`,
    )
    .all({ caseId }) as Array<{ id: number; residentName: string; reason: string }>;
}

/**
 * A case has just closed: its own care task closes; each task it started for
 * someone else in the household is kept or closed as the user decided, one
 * decision per task (none assumed: an elder's care must not end by default).
 */
export function settleCareTasksOf(db: WriteDb, caseId: number, decisions: readonly CareTaskDecision[] | undefined, nowIso: string): AuditInput[] {
  const linked = linkedOpenCareTasks(db, caseId);
  const decided = new Map((decisions ?? []).map((d) => [d.careTaskId, d.keep]));
  for (const id of decided.keys()) if (!linked.some((t) => t.id === id)) throw badInput(`「照料任务」编号 ${id} 不是这次观察带出的待走访任务`);
  const undecided = linked.filter((t) => !decided.has(t.id));
  if (undecided.length > 0) {
    throw badInput(`「照料任务」请逐项确定观察结束后是否继续照料：${undecided.map((t) => `${t.residentName}（${t.reason}）`).join('、')}`, {
      careTaskIds: undecided.map((t) => t.id),
    });
  }
  const audit: AuditInput[] = [];
  for (const t of linked) {
    if (decided.get(t.id)) {
      const reason = `${t.reason}（观察结束后继续照料）`;
      keepTaskAfterObservation(db, t.id, reason, nowIso);
      audit.push({ entity: 'care_task', entityId: t.id, before: { triggerCaseId: caseId, reason: t.reason }, after: { triggerCaseId: null, reason } });
    } else {
      closeTask(db, t.id, nowIso);
      audit.push({ entity: 'care_task', entityId: t.id, before: { status: 'open' }, after: { status: 'done' } });
    }
  }
  // Its own task, and any it started still open now: those no one owed (not asked about), ended with it.
  const own = db.prepare(`SELECT id FROM care_tasks WHERE status = 'open' AND (care_case_id = @caseId OR trigger_case_id = @caseId)`).all({ caseId }) as Array<{
    id: number;
  }>;
  for (const { id } of own) {
    closeTask(db, id, nowIso);
    audit.push({ entity: 'care_task', entityId: id, before: { status: 'open' }, after: { status: 'done' } });
  }
  return audit;
}

/** Ends a care task that is no longer needed (e.g. one kept after an observation), with the reason on record. */
export function closeCareTask(db: WriteDb, careTaskId: number, reason: string, nowIso: string): WriteResult {
  const t = db.prepare(`SELECT id, status, reason FROM care_tasks WHERE id = @id`).get({ id: careTaskId }) as
    { id: number; status: string; reason: string } | undefined;
  if (!t) throw notFound(`照料任务（编号 ${careTaskId}）`);
  if (t.status !== 'open') throw conflict('这项照料任务已经结束');
  refuseUnowedTask(db, t.id);
  const why = blankToNull(reason);
  if (why === null) throw badInput('「结束原因」不能为空');
  closeTask(db, t.id, nowIso);
  return {
    id: t.id,
    created: false,
    audit: [{ entity: 'care_task', entityId: t.id, before: { status: 'open' }, after: { status: 'done', closeReason: why } }],
  };
}

export interface CareVisitFields {
  careTaskId: number;
  visitDate: string;
  visitedBy: string;
  needs?: string | null | undefined;
  actions?: string | null | undefined;
  /** The needs found are not yet met: they stay on today's list until resolved. */
  needsOpen?: boolean | undefined;
}

/** Records a care visit and moves the task's next visit on by its interval. */
export function recordCareVisit(db: WriteDb, f: CareVisitFields, nowIso: string, today: string): WriteResult {
  const day = today;
  const task = db.prepare(`SELECT id, resident_id, status, interval_days, next_visit_on FROM care_tasks WHERE id = @id`).get({ id: f.careTaskId }) as
    { id: number; resident_id: number; status: string; interval_days: number; next_visit_on: string } | undefined;
  if (!task) throw notFound(`照料任务（编号 ${f.careTaskId}）`);
  if (task.status !== 'open') throw conflict('这项照料任务已经完成，不能再登记走访');
  refuseUnowedTask(db, task.id);
  const visitDate = optionalDay(f.visitDate, '走访日期');
  if (visitDate === null) throw badInput('「走访日期」不能为空');
  notAfterToday(visitDate, '走访日期', day);
  const visitedBy = blankToNull(f.visitedBy);
  if (visitedBy === null) throw badInput('「走访人」不能为空');
  const needs = blankToNull(f.needs);
  const needsStatus = needs === null ? 'none' : f.needsOpen ? 'open' : 'resolved';
  const row = {
    careTaskId: task.id,
    residentId: task.resident_id,
    visitDate,
    visitedBy,
    needs,
    actions: blankToNull(f.actions),
    needsStatus,
    resolvedOn: needsStatus === 'resolved' ? visitDate : null,
  };
  const id = Number(
    db
      .prepare(
        `INSERT INTO care_visits (care_task_id, resident_id, visit_date, visited_by, needs, actions, needs_status, resolved_on, created_at)
         VALUES (@careTaskId, @residentId, @visitDate, @visitedBy, @needs, @actions, @needsStatus, @resolvedOn, @now)`,
      )
      .run({ ...row, now: nowIso }).lastInsertRowid,
  );
  const next = addDays(visitDate, task.interval_days);
  const nextVisitOn = next > task.next_visit_on ? next : task.next_visit_on;
  setNextVisit(db, task.id, nextVisitOn, nowIso);
  return {
    id,
    created: true,
    audit: [
      { entity: 'care_visit', entityId: id, before: null, after: { id, ...row } },
      { entity: 'care_task', entityId: task.id, before: { nextVisitOn: task.next_visit_on }, after: { nextVisitOn } },
    ],
  };
}

/** Marks an open need from an earlier visit as met. */
export function resolveCareNeed(db: WriteDb, visitId: number, actions: string | null, nowIso: string, today: string): WriteResult {
  const day = today;
  const v = db.prepare(`SELECT id, needs_status, actions FROM care_visits WHERE id = @visitId`).get({ visitId }) as
    { id: number; needs_status: string; actions: string | null } | undefined;
  if (!v) throw notFound(`走访记录（编号 ${visitId}）`);
  if (v.needs_status !== 'open') throw conflict('这条走访没有未解决的需求');
  const newActions = [v.actions, blankToNull(actions)].filter((s): s is string => s !== null).join('；') || null;
  db.prepare(`UPDATE care_visits SET needs_status = 'resolved', resolved_on = @day, actions = @newActions WHERE id = @visitId`).run({
    visitId,
    day,
    newActions,
  });
  return {
    id: visitId,
    created: false,
    audit: [{ entity: 'care_visit', entityId: visitId, before: v, after: { needs_status: 'resolved', resolved_on: day, actions: newActions } }],
  };
}
