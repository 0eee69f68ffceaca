/**
 * Why a care case was opened, for the people the notice names: 空巢（独居）老年人 whose
 * children or relatives are quarantined or working on the front line, and children left
 * without a guardian by the epidemic. A care case can come from a staff member's record
 * (their dependant, while they work) or from a quarantined person's observation (a
 * dependant who may live at another address); the case keeps the link and says why.
 */
import type { ReadDb } from '../db/types';
import { badInput } from '../errors';
import { CATEGORY_LABELS, isCare, type CaseCategory } from './codes.shared';

export interface CareOriginFields {
  /** The observation of the child or relative who is quarantined. */
  originCaseId?: number | null | undefined;
  /** The staff member (子女亲属) who works on the front line. */
  originStaffId?: number | null | undefined;
}

export interface CareOrigin {
  originCaseId: number | null;
  originStaffId: number | null;
  /** The reason in words, for the case and its care task; null when the case says nothing of its origin. */
  careFor: string | null;
}

function staffReason(db: ReadDb, staffId: number): string {
  const s = db.prepare(`SELECT name FROM staff WHERE id = @staffId`).get({ staffId }) as { name: string } | undefined;
  if (!s) throw badInput(`「照料缘由（工作人员）」编号 ${staffId} 在人员名册中不存在`);
  return `子女亲属${s.name}参加疫情防控一线工作`;
}

function observationReason(db: ReadDb, caseId: number, residentId: number, opening: boolean): string {
  const o = db
    .prepare(
      `SELECT c.resident_id AS residentId, c.category, c.obs_start_on AS obsStartOn, c.void_reason AS voidReason, c.voided_at AS voidedAt, r.name
       FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = @caseId`,
    )
    .get({ caseId }) as
    { residentId: number; category: CaseCategory; obsStartOn: string | null; voidReason: string | null; voidedAt: string | null; name: string } | undefined;
  if (!o) throw badInput(`「照料缘由（被观察人员）」个案编号 ${caseId} 不存在`);
  // A voided observation was registered by mistake: no one is under observation because of it (a case opened before
  // the void keeps its words, read for its detail with opening false).
  if (opening && o.voidedAt !== null) throw badInput(`「照料缘由（被观察人员）」个案编号 ${caseId} 已作废（${o.voidReason ?? ''}），不能作为照料缘由`);
  if (o.obsStartOn === null) throw badInput(`「照料缘由（被观察人员）」个案编号 ${caseId} 是${CATEGORY_LABELS[o.category]}个案，不是居家观察或医学观察`);
  if (o.residentId === residentId) throw badInput('「照料缘由（被观察人员）」不能是被照料人本人');
  return `子女亲属${o.name}${CATEGORY_LABELS[o.category]}`;
}

/** Checks the origin given for a new case (`opening`; false: read for a stored case): only care cases have one, and only one of the two. */
export function careOrigin(db: ReadDb, f: CareOriginFields, category: CaseCategory, residentId: number, opening = true): CareOrigin {
  const caseId = f.originCaseId ?? null;
  const staffId = f.originStaffId ?? null;
  if (staffId === null && caseId === null) return { originCaseId: null, originStaffId: null, careFor: null };
  // A fever referral also records the observation it came from (checks.escalate): that link is not a care origin.
  if (category === 'fever_referral' && staffId === null) return { originCaseId: caseId, originStaffId: null, careFor: null };
  if (!isCare(category)) throw badInput(`「照料缘由」只适用于照料类个案，${CATEGORY_LABELS[category]}不需要`);
  if (staffId !== null && caseId !== null) throw badInput('「照料缘由」请只选一项：参加防控一线工作的工作人员，或被观察的子女亲属');
  const careFor = staffId !== null ? staffReason(db, staffId) : observationReason(db, caseId!, residentId, opening);
  return { originCaseId: caseId, originStaffId: staffId, careFor };
}

/** The reason in words for a stored case (for its detail), or null. */
export function careForOf(
  db: ReadDb,
  c: { category: CaseCategory; residentId: number; originCaseId: number | null; originStaffId: number | null },
): string | null {
  if (!isCare(c.category)) return null;
  try {
    return careOrigin(db, c, c.category, c.residentId, false).careFor;
  } catch {
    // A staff member or case removed since: the link is shown as it was kept.
    return c.originStaffId !== null ? `工作人员（编号 ${c.originStaffId}）参加疫情防控一线工作` : `被观察个案（编号 ${c.originCaseId}）`;
  }
}
