/**
 * The one writer of the `health_checks` table: a clerk's daily check
 * (check-writes.ts), its escalation referred or dismissed, and the demo's
 * observation histories. Callers validate; this module only writes.
 */
import { cached } from '../db/stmt-cache';
import type { WriteDb } from '../db/types';
import type { HealthCheck } from './list-types.shared';

/** A check as stored, less its id and what only a later step sets (the escalation's note, the referral). */
export type HealthCheckColumns = Omit<HealthCheck, 'id' | 'flagged' | 'escalationNote' | 'referralCaseId'> & { flagged: 0 | 1 };

const INSERT = `INSERT INTO health_checks (case_id, check_date, temperature, symptoms, method, checked_by, flagged, escalation, created_at)
  VALUES (@caseId, @checkDate, @temperature, @symptoms, @method, @checkedBy, @flagged, @escalation, @now)`;

export function insertHealthCheck(db: WriteDb, row: HealthCheckColumns, nowIso: string): number {
  return Number(cached(db, INSERT).run({ ...row, now: nowIso }).lastInsertRowid);
}

/** A fever passed on as a 发热筛查分诊 case. */
export function markReferred(db: WriteDb, checkId: number, referralCaseId: number): void {
  cached(db, `UPDATE health_checks SET escalation = 'referred', referral_case_id = @referralCaseId WHERE id = @checkId`).run({ checkId, referralCaseId });
}

/** A fever found to be nothing (re-measured normal), with the reason. */
export function markDismissed(db: WriteDb, checkId: number, note: string): void {
  cached(db, `UPDATE health_checks SET escalation = 'dismissed', escalation_note = @note WHERE id = @checkId`).run({ checkId, note });
}

/**
 * The fevers of observation `originCaseId` passed on as `referralCaseId`: back to 待处置 ('referred' → 'open') when
 * that referral is voided (作废登记), since nothing handles them any more, and referred to it again ('open' →
 * 'referred') when it is restored; a fever handled meanwhile is left as handled. referral_case_id stays, so a restore
 * finds them. Found by the observation's checks (its unique (case_id, check_date) index), not by a scan of every check.
 */
export function moveReferredFevers(db: WriteDb, originCaseId: number, referralCaseId: number, from: 'referred' | 'open', to: 'open' | 'referred'): number[] {
  return cached(
    db,
    `UPDATE health_checks SET escalation = @to WHERE case_id = @originCaseId AND escalation = @from AND referral_case_id = @referralCaseId RETURNING id`,
  )
    .all({ originCaseId, referralCaseId, from, to })
    .map((r) => (r as { id: number }).id);
}
