/** One case with its checks, care tasks and timeline (from the audit log, which already records every change). */
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { batchedEntriesFor } from '../audit/batched-entries';
import { careForOf } from './care-origin';
import { referredFromOf } from './referral-origin';
import { caseDetails } from './case-queries';
import { caseRow } from './rows';
import { fieldName } from '../audit/describe';
import { CATEGORY_LABELS, RISK_LABELS, STATUS_LABELS, WORKFLOWS, type CaseStatus, type RiskLevel } from './codes.shared';
import type { CareTask, CaseDetail, HealthCheck, TimelineEntry } from './list-types.shared';

export function listChecks(db: ReadDb, caseId: number): HealthCheck[] {
  const rows = db
    .prepare(
      `SELECT id, case_id AS caseId, check_date AS checkDate, temperature, symptoms, method, checked_by AS checkedBy, flagged, escalation,
              escalation_note AS escalationNote, referral_case_id AS referralCaseId
       FROM health_checks WHERE case_id = @caseId ORDER BY check_date`,
    )
    .all({ caseId }) as Array<Omit<HealthCheck, 'flagged'> & { flagged: number }>;
  return rows.map((r) => ({ ...r, flagged: r.flagged === 1 }));
}

function describe(before: unknown, after: unknown): string {
  const a = (after ?? {}) as Record<string, unknown>;
  const b = (before ?? {}) as Record<string, unknown>;
  if (before === null || before === undefined) {
    if (typeof a.category === 'string' && a.category in CATEGORY_LABELS) return `登记${CATEGORY_LABELS[a.category as keyof typeof CATEGORY_LABELS]}个案`;
    return '新建';
  }
  // 作废登记 / 撤销作废 (case-void.ts): said with the reason, as the drawer's note says it.
  if (a.action === '作废登记') return `作废登记：${String(a.void_reason ?? '')}`;
  if (a.action === '撤销作废') return `撤销作废：${String(a.reason ?? '')}`;
  if (typeof a.status === 'string' && a.status !== b.status) {
    const words = typeof a.reason === 'string' && a.reason ? a.reason : a.close_reason;
    const reason = typeof words === 'string' && words ? `（${words}）` : '';
    return `状态：${STATUS_LABELS[b.status as CaseStatus] ?? String(b.status)} → ${STATUS_LABELS[a.status as CaseStatus] ?? a.status}${reason}`;
  }
  // The audit row keeps the table's column names: 办理记录 says them as the case's screen does.
  const fields = [...new Set(Object.keys(a).map((k) => changedField(k, b, a)))];
  return `修改：${fields.join('、') || '个案信息'}`;
}

/** 「风险等级（低 → 高）」, 「观察天数（14 → 21 天）」, 「备注」: what changed, by the names 操作日志 gives it, with the before and after where they are short. */
function changedField(k: string, b: Record<string, unknown>, a: Record<string, unknown>): string {
  if (k === 'risk_level') return `风险等级（${RISK_LABELS[b[k] as RiskLevel] ?? '—'} → ${RISK_LABELS[a[k] as RiskLevel] ?? '—'}）`;
  if (k === 'obs_days') return `观察天数（${String(b[k] ?? '—')} → ${String(a[k] ?? '—')} 天）`;
  return fieldName('cases.update', k) ?? '其他信息';
}

export function caseTimeline(db: ReadDb, caseId: number): TimelineEntry[] {
  const rows = db
    .prepare(
      `SELECT at, username, channel, before_json AS beforeJson, after_json AS afterJson FROM audit_log WHERE entity = 'case' AND entity_id = @caseId ORDER BY id`,
    )
    .all({ caseId: String(caseId) }) as Array<{ at: string; username: string; channel: string; beforeJson: string | null; afterJson: string | null }>;
  const parse = (s: string | null): unknown => (s === null ? null : (JSON.parse(s) as unknown));
  // An import registers its cases 500 to an audit row: the case's own creation is inside one of them.
  const imported = batchedEntriesFor(db, 'case', caseId).map((e) => ({
    at: e.at,
    username: e.username,
    channel: e.channel,
    what: describe(null, e.after),
  }));
  const own = rows.map((r) => ({ at: r.at, username: r.username, channel: r.channel, what: describe(parse(r.beforeJson), parse(r.afterJson)) }));
  const names = new Map(
    (db.prepare(`SELECT username, display_name AS displayName FROM users`).all() as Array<{ username: string; displayName: string }>).map((u) => [
      u.username.toLowerCase(),
      u.displayName,
    ]),
  );
  return [...imported, ...own]
    .map((e) => ({ ...e, displayName: names.get(e.username.toLowerCase()) ?? e.username }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

export function caseCareTasks(db: ReadDb, caseId: number, residentId: number): CareTask[] {
  return db
    .prepare(
      `SELECT t.id, t.resident_id AS residentId, r.name AS residentName, t.reason, t.next_visit_on AS nextVisitOn, t.status, t.interval_days AS intervalDays, t.trigger_case_id AS triggerCaseId
       FROM care_tasks t JOIN residents r ON r.id = t.resident_id
       WHERE t.trigger_case_id = @caseId OR t.care_case_id = @caseId OR (t.resident_id = @residentId AND t.status = 'open')
       ORDER BY t.id`,
    )
    .all({ caseId, residentId }) as CareTask[];
}

export function caseDetail(db: ReadDb, caseId: number, today: string, sealer: Sealer | null): CaseDetail | undefined {
  const [row] = caseDetails(db, [caseId], today, sealer);
  const stored = caseRow(db, caseId);
  if (!row || !stored) return undefined;
  return {
    case: row,
    careFor: careForOf(db, { category: row.category, residentId: row.residentId, originCaseId: stored.origin_case_id, originStaffId: stored.origin_staff_id }),
    referredFrom: referredFromOf(db, { category: row.category, originCaseId: stored.origin_case_id }),
    checks: listChecks(db, caseId),
    careTasks: caseCareTasks(db, caseId, row.residentId),
    timeline: caseTimeline(db, caseId),
    allowedNext: [...(WORKFLOWS[row.category].next[row.status] ?? [])],
    today,
  };
}
