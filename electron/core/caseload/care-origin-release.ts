/**
 * An observation that a dependant's care case was opened for (care-origin.ts) is released:
 * the relative is home again, but the elder or child may still need care. Release asks
 * about each open care case of that origin; one left undecided stays open (never closed
 * silently), and one the user closes is closed here, in the release's transaction.
 */
import type { ReadDb, WriteDb } from '../db/types';
import { badInput } from '../errors';
import type { AuditInput } from '../handler-types';
import { settleCareTasksOf } from './care-writes';
import { setCaseStatus } from './cases.repo';
import { liveCase } from './case-void';
import { canMove, CARE_CATEGORIES, CATEGORY_LABELS, type CaseCategory, type CaseStatus } from './codes.shared';

/** What to do with one care case when the observation it was opened for is released. */
export interface CareCaseDecision {
  careCaseId: number;
  /** true: the dependant still needs care, the case stays open; false: it closes with the release. */
  keep: boolean;
}

export interface OriginCareCase {
  careCaseId: number;
  residentName: string;
  category: CaseCategory;
}

/**
 * SQL: case `alias` is an open care case opened because of observation `observationId` (an SQL expression). Not a
 * voided one: it is read-only until restored, so the release neither offers nor closes it.
 */
export function openCareCaseOfOriginSql(alias: string, observationId: string): string {
  // A fever referral also keeps the observation it came from in origin_case_id: not a care origin.
  const care = CARE_CATEGORIES.map((c) => `'${c}'`).join(', ');
  return `${alias}.origin_case_id = ${observationId} AND ${alias}.closed_on IS NULL AND ${alias}.category IN (${care}) AND ${liveCase(alias)}`;
}

/** Open care cases opened because of this observation (the ones its release asks about). */
export function openCareCasesFrom(db: ReadDb, observationId: number): OriginCareCase[] {
  return db
    .prepare(
      `SELECT c.id AS careCaseId, r.name AS residentName, c.category FROM cases c JOIN residents r ON r.id = c.resident_id
       WHERE ${openCareCaseOfOriginSql('c', '@observationId')} ORDER BY c.id`,
    )
    .all({ observationId }) as OriginCareCase[];
}

/**
 * The observation `observationId` has just been released: closes each care case of that
 * origin the user chose to close, with its own care task, reason naming the release.
 */
export function settleCareCasesOf(
  db: WriteDb,
  observationId: number,
  decisions: readonly CareCaseDecision[] | undefined,
  nowIso: string,
  today: string,
): AuditInput[] {
  const open = openCareCasesFrom(db, observationId);
  const toClose = new Set<number>();
  for (const d of decisions ?? []) {
    if (!open.some((c) => c.careCaseId === d.careCaseId)) throw badInput(`「照料个案」编号 ${d.careCaseId} 不是因这次观察开设的未结照料个案`);
    if (!d.keep) toClose.add(d.careCaseId);
  }
  if (toClose.size === 0) return [];
  const o = db
    .prepare(`SELECT r.name, c.category FROM cases c JOIN residents r ON r.id = c.resident_id WHERE c.id = @observationId`)
    .get({ observationId }) as { name: string; category: CaseCategory };
  const reason = `照料缘由解除：${o.name}解除${CATEGORY_LABELS[o.category]}`;
  const audit: AuditInput[] = [];
  for (const id of toClose) {
    const c = db.prepare(`SELECT category, status, close_reason FROM cases WHERE id = @id`).get({ id }) as {
      category: CaseCategory;
      status: CaseStatus;
      close_reason: string | null;
    };
    // Care cases follow the generic workflow (待处理/处理中 → 已办结); anything else is not closed from here.
    if (!canMove(c.category, c.status, 'closed')) throw badInput(`「照料个案」编号 ${id} 现在不能办结`);
    const after = { status: 'closed' as const, closed_on: today, close_reason: reason };
    setCaseStatus(db, id, after, nowIso);
    audit.push({ entity: 'case', entityId: id, before: { status: c.status, closed_on: null, close_reason: c.close_reason }, after });
    audit.push(...settleCareTasksOf(db, id, [], nowIso));
  }
  return audit;
}
