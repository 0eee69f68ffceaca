/**
 * The one writer of the `health_checks` table: a clerk's daily check
 * (check-writes.ts), its escalation referred or dismissed, and the demo's
 * observation histories. Callers validate; this module only writes.
 */
import { cached } from '../db/stmt-cache';
import type { ReadDb, WriteDb } from '../db/types';
import type { HealthCheck } from './list-types.shared';

/** A check as stored, less its id and what only a later step sets (the escalation's note, the referral). */
export type HealthCheckColumns = Omit<HealthCheck, 'id' | 'flagged' | 'escalationNote' | 'referralCaseId'> & { flagged: 0 | 1 };

const INSERT = `INSERT INTO health_checks (case_id, check_date, temperature, symptoms, method, checked_by, flagged, escalation, created_at)
  VALUES (@caseId, @checkDate, @temperature, @symptoms, @method, @checkedBy, @flagged, @escalation, @now)`;

export function insertHealthCheck(db: WriteDb, row: HealthCheckColumns, nowIso: string): number {
  return Number(cached(db, INSERT).run({ ...row, now: nowIso }).lastInsertRowid);
}

/** A fever passed on as a 发热筛查分诊 case; the case keeps which fever it was opened for (075 referral_checks). */
export function markReferred(db: WriteDb, checkId: number, referralCaseId: number): void {
  cached(db, `UPDATE health_checks SET escalation = 'referred', referral_case_id = @referralCaseId WHERE id = @checkId`).run({ checkId, referralCaseId });
  cached(db, `INSERT INTO referral_checks (referral_case_id, check_id) VALUES (@referralCaseId, @checkId)`).run({ checkId, referralCaseId });
}

/** A fever found to be nothing (re-measured normal), with the reason. */
export function markDismissed(db: WriteDb, checkId: number, note: string): void {
  cached(db, `UPDATE health_checks SET escalation = 'dismissed', escalation_note = @note WHERE id = @checkId`).run({ checkId, note });
}

/**
 * The fever 发热筛查分诊 case `referralCaseId` was opened for, as it stands now: its escalation and the referral that
 * handles it at present (another one when it was referred again after this one was voided). Undefined for a referral
 * opened by hand, or made before 075 from a fever referred again since.
 */
export function feverOfReferral(
  db: ReadDb,
  referralCaseId: number,
): { id: number; checkDate: string; escalation: string | null; referralCaseId: number | null } | undefined {
  return cached(
    db,
    `SELECT h.id, h.check_date AS checkDate, h.escalation, h.referral_case_id AS referralCaseId
     FROM referral_checks l JOIN health_checks h ON h.id = l.check_id WHERE l.referral_case_id = @referralCaseId`,
  ).get({ referralCaseId }) as { id: number; checkDate: string; escalation: string | null; referralCaseId: number | null } | undefined;
}

/**
 * A referral voided (作废登记): its fever back to 待处置 ('referred' → 'open'), since nothing handles it now; restored:
 * referred to it again ('open' → 'referred', naming it again). A fever handled meanwhile is left as handled: dismissed,
 * or referred to another case (the restore refuses that one first, case-void.ts). True when the fever moved.
 */
export function moveReferredFever(db: WriteDb, checkId: number, referralCaseId: number, from: 'referred' | 'open', to: 'open' | 'referred'): boolean {
  const moved = cached(
    db,
    `UPDATE health_checks SET escalation = @to, referral_case_id = @referralCaseId
     WHERE id = @checkId AND escalation = @from AND (@from = 'open' OR referral_case_id = @referralCaseId)`,
  ).run({ checkId, referralCaseId, from, to });
  return moved.changes === 1;
}
