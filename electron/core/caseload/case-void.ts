/**
 * 作废登记: a case registered by mistake is voided, not deleted (migration 070). Its row, checks and audit stay and the
 * drawer shows it, read-only; no figure counts it: every query that counts or lists cases for a figure, a to-do or a
 * form says `liveCase(alias)`. A coordinator may restore it (撤销作废); both are audited with who and why.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { cached } from '../db/stmt-cache';
import { badInput, conflict, notFound } from '../errors';
import { setCaseVoid } from './cases.repo';
import { feverOfReferral, moveReferredFever } from './health-checks.repo';
import { CATEGORY_LABELS, VULNERABLE_TAGS } from './codes.shared';
import { VOID_KINDS, voidReasonText, type VoidKind } from './case-void.shared';
import { caseRow } from './rows';
import { blankToNull, type WriteResult } from './write-common';

/**
 * The SQL condition "the case `alias` is not voided". Read as "not among the voided ids" (the partial index
 * cases_voided, a handful of rows read once per statement) rather than `voided_at IS NULL`, so a query answered from a
 * covering index (the grid's pages and counts, the dashboard's) stays on it without reading each case's row.
 */
const VOIDED_IDS = `SELECT gone_case.id FROM cases gone_case WHERE gone_case.voided_at IS NOT NULL`;
export const liveCase = (alias: string): string => `${alias}.id NOT IN (${VOIDED_IDS})`;

const VULNERABLE_IN = VULNERABLE_TAGS.map((tag) => `'${tag}'`).join(', ');
/**
 * The care tasks no longer owed because of a voided case: a voided care case's own, those a voided observation
 * started, and those started for a member who was vulnerable (care-writes.ts VULNERABLE_SQL) only through a voided
 * case (the mistaken 特困 case of someone whose housemate is observed must not leave a daily visit behind; a member
 * vulnerable by a tag or by a case not voided, open or closed, keeps theirs). Read from the voided cases, a handful,
 * through care_tasks' indexes, so the tasks due are still counted on care_tasks_due alone. The third part's category
 * is `+`'d so it is a filter on those few, not an index choice: the program runs no ANALYZE, and without statistics
 * SQLite searched cases_by_category (every 特困/独居/无人监护 case, each row read for voided_at) on every count.
 */
const UNOWED_TASKS = `SELECT gone_task.id FROM cases gone_case CROSS JOIN care_tasks gone_task ON gone_task.care_case_id = gone_case.id
    WHERE gone_case.voided_at IS NOT NULL
  UNION ALL SELECT gone_task.id FROM cases gone_case CROSS JOIN care_tasks gone_task ON gone_task.trigger_case_id = gone_case.id
    WHERE gone_case.voided_at IS NOT NULL
  UNION ALL SELECT gone_task.id FROM cases gone_case
    CROSS JOIN care_tasks gone_task ON gone_task.resident_id = gone_case.resident_id AND gone_task.trigger_case_id IS NOT NULL
    WHERE gone_case.voided_at IS NOT NULL AND +gone_case.category IN (${VULNERABLE_IN})
      AND NOT EXISTS (SELECT 1 FROM cases live_vulnerable WHERE live_vulnerable.resident_id = gone_case.resident_id
                        AND live_vulnerable.category IN (${VULNERABLE_IN}) AND live_vulnerable.voided_at IS NULL)
      AND NOT EXISTS (SELECT 1 FROM residents owner, json_each(owner.tags) owner_tag WHERE owner.id = gone_case.resident_id AND owner_tag.value IN (${VULNERABLE_IN}))`;
/** The care task `t` is still owed (not left by a voided case: UNOWED_TASKS). */
export const careTaskOwed = (t: string): string => `${t}.id NOT IN (${UNOWED_TASKS})`;

/**
 * The voided case a care task is no longer owed because of (careTaskOwed), its own care case first: the task is
 * read-only with it (no visit, no closing) until the case is restored, when it is owed again as it was.
 */
const UNOWED_BY = `SELECT gone_case.id, gone_case.void_reason AS reason FROM care_tasks t CROSS JOIN cases gone_case
    ON gone_case.id = t.care_case_id OR gone_case.id = t.trigger_case_id OR (gone_case.resident_id = t.resident_id AND gone_case.category IN (${VULNERABLE_IN}))
  WHERE t.id = @taskId AND gone_case.voided_at IS NOT NULL AND NOT (${careTaskOwed('t')})
  ORDER BY gone_case.id IS t.care_case_id DESC, gone_case.id IS t.trigger_case_id DESC, gone_case.id LIMIT 1`;

export function refuseUnowedTask(db: ReadDb, taskId: number): void {
  const gone = cached(db, UNOWED_BY).get({ taskId }) as { id: number; reason: string | null } | undefined;
  if (gone) {
    throw conflict(
      `照料任务（编号 ${taskId}）因个案（编号 ${gone.id}）已作废（${gone.reason ?? ''}）不再需要走访，不能再登记或结束；如确需恢复，请统筹负责人先撤销作废`,
      {
        caseId: gone.id,
      },
    );
  }
}

export interface VoidState {
  voided_at: string | null;
  voided_by: string | null;
  void_reason: string | null;
}

export function voidState(db: ReadDb, caseId: number): VoidState | undefined {
  return cached(db, `SELECT voided_at, voided_by, void_reason FROM cases WHERE id = @caseId`).get({ caseId }) as VoidState | undefined;
}

/** A write to a voided case (its details, status, checks) is refused: it is read-only until restored. */
export function refuseVoided(db: ReadDb, caseId: number): void {
  const v = voidState(db, caseId);
  if (v?.voided_at) throw conflict(`个案（编号 ${caseId}）已作废（${v.void_reason ?? ''}），不能再修改；如确需恢复，请统筹负责人先撤销作废`, { caseId });
}

export interface VoidFields {
  caseId: number;
  kind: VoidKind;
  /** The words: required for 其他, optional beside 登记有误 / 重复登记. */
  reason?: string | null | undefined;
}

/** `dayOf`: the office's calendar day of an instant (the clock's), not the UTC date the instant is written in. */
export function voidCase(db: WriteDb, f: VoidFields, by: string, nowIso: string, dayOf: (instant: string) => string): WriteResult {
  const c = voidState(db, f.caseId);
  if (!c) throw notFound(`个案（编号 ${f.caseId}）`);
  if (c.voided_at) throw conflict(`个案（编号 ${f.caseId}）已于 ${dayOf(c.voided_at)} 由 ${c.voided_by ?? ''} 作废，不能重复作废`, { caseId: f.caseId });
  if (!VOID_KINDS.includes(f.kind)) throw badInput('「作废原因」应为登记有误、重复登记或其他');
  const words = blankToNull(f.reason);
  if (f.kind === 'other' && words === null) throw badInput('「作废说明」必填：作废原因选了「其他」，请写明原因');
  const after = { voided_at: nowIso, voided_by: by, void_reason: voidReasonText(f.kind, words) };
  setCaseVoid(db, f.caseId, after, nowIso);
  return {
    id: f.caseId,
    created: false,
    audit: [
      { entity: 'case', entityId: f.caseId, before: { voided_at: null }, after: { action: '作废登记', ...after } },
      ...referralFevers(db, f.caseId, 'void'),
    ],
  };
}

export function restoreCase(db: WriteDb, caseId: number, reason: string | null | undefined, nowIso: string): WriteResult {
  const c = caseRow(db, caseId);
  const v = voidState(db, caseId);
  if (!c || !v) throw notFound(`个案（编号 ${caseId}）`);
  if (!v.voided_at) throw conflict(`个案（编号 ${caseId}）没有作废，不需要撤销作废`, { caseId });
  const words = blankToNull(reason);
  if (words === null) throw badInput('「撤销原因」必填：请写明为什么恢复这条登记');
  refuseFeverReferredAgain(db, caseId);
  if (c.closed_on === null) {
    // The person may have been registered again, rightly, meanwhile: two open cases of one kind would be counted twice.
    const twin = cached(db, `SELECT id FROM cases c WHERE resident_id = @r AND category = @k AND closed_on IS NULL AND id <> @id AND ${liveCase('c')}`).get({
      r: c.resident_id,
      k: c.category,
      id: caseId,
    }) as { id: number } | undefined;
    if (twin) throw conflict(`该居民已有在办的${CATEGORY_LABELS[c.category]}个案（编号 ${twin.id}），不能撤销作废；请先办结那一个`, { caseId: twin.id });
  }
  setCaseVoid(db, caseId, { voided_at: null, voided_by: null, void_reason: null }, nowIso);
  return {
    id: caseId,
    created: false,
    audit: [
      { entity: 'case', entityId: caseId, before: { ...v }, after: { action: '撤销作废', voided_at: null, reason: words } },
      ...referralFevers(db, caseId, 'restore'),
    ],
  };
}

/**
 * A 发热筛查分诊 case voided: the fever it was opened for (075 referral_checks; its observation's check, marked
 * 已转分诊) goes back to 待处置 on 今日随访 and the dashboard, since no referral handles it now; otherwise a real fever
 * registered as a mistaken referral was left handled by a case that counts nowhere. Restored: referred to it again,
 * also when a second referral made meanwhile was voided in turn (S46-A1), unless handled meanwhile (dismissed).
 */
function referralFevers(db: WriteDb, caseId: number, step: 'void' | 'restore') {
  if (caseRow(db, caseId)?.category !== 'fever_referral') return [];
  const fever = feverOfReferral(db, caseId);
  const [before, after] = step === 'void' ? (['referred', 'open'] as const) : (['open', 'referred'] as const);
  if (!fever || !moveReferredFever(db, fever.id, caseId, before, after)) return [];
  return [
    {
      entity: 'health_check',
      entityId: fever.id,
      before: { escalation: before, referral_case_id: fever.referralCaseId },
      after: { escalation: after, referral_case_id: caseId },
    },
  ];
}

/**
 * One fever, one referral: a voided 发热筛查分诊 case whose fever was referred again meanwhile (the second referral
 * open or closed, not voided) is not restored beside it (S46-A2: two referrals counted for one fever). Asked before
 * the twin rule, whose words (close the other first) would not help here.
 */
function refuseFeverReferredAgain(db: WriteDb, caseId: number): void {
  const fever = feverOfReferral(db, caseId);
  if (!fever || fever.escalation !== 'referred' || fever.referralCaseId === null || fever.referralCaseId === caseId) return;
  throw conflict(
    `这条登记所转的发热（${fever.checkDate} 的监测）已另外转到发热筛查分诊个案（编号 ${fever.referralCaseId}），不能撤销作废：一次发热只转一个分诊个案。`,
    { caseId: fever.referralCaseId },
  );
}
