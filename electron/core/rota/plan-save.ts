/**
 * 自动排班's save: the assignments it replaces and those it creates, in the write's one transaction (generate.ts, after
 * the re-check of plan-stamp.ts). A big office's plan is 20,000 assignments, and this holds the core thread that
 * answers every window, so the save is a few statements and a few audit rows, not 40,000 of each:
 * - one statement deletes every replaced assignment; one prepared insert is reused for each new one;
 * - the log gets one row for the run (who, when, the period, the counts), then the replaced assignments 500 to a row,
 *   each whole in `before` (so the log still says what was planned before and can be read back per assignment), then
 *   the new ones 500 to a row in `after` (audit/batch-collector.ts, as an import's records are). Every assignment
 *   stays in the hash-chained log with who, when, which run and what it was; audit/batched-entries.ts finds it inside
 *   the batch (batchedEntriesFor). Removals are batched too: a re-run replaces as many as it creates, and per-row
 *   removals would keep half of the log's cost.
 */
import { AUDIT_BATCH, batchCollector } from '../audit/batch-collector';
import type { Sealer } from '../db/sealer';
import type { WriteDb } from '../db/types';
import type { AuditInput } from '../handler-types';
import * as a from './assignment-queries';
import type { PlainAssignment } from './generator';

/** What identifies a run in the log (its row, entity 'rota_plan', just before its batches). */
export interface PlanRun {
  from: string;
  to: string;
  /** The communities planned; null for all. */
  communityIds: number[] | null;
  /** The screen's name for the run (its 取消), when it gave one. */
  jobId: string | null;
}

/** The run's row in the log; `created`/`replaced` are the counts the batches after it hold. */
export interface PlanRunRecord extends PlanRun {
  created: number;
  replaced: number;
}

export function savePlan(
  w: WriteDb,
  audit: (e: AuditInput) => void,
  sealer: Sealer | null,
  plan: { run: PlanRun; replaced: readonly a.AssignmentRow[]; created: readonly PlainAssignment[]; now: string },
): void {
  const record: PlanRunRecord = { ...plan.run, created: plan.created.length, replaced: plan.replaced.length };
  audit({ entity: 'rota_plan', entityId: null, after: record });
  // By id, so a batch's "first–last" spans every id it holds (batchedEntriesFor reads it so).
  const replaced = [...plan.replaced].sort((x, y) => x.id - y.id);
  const deleted = a.deleteAssignments(
    w,
    replaced.map((r) => r.id),
  );
  if (deleted !== replaced.length) throw new Error(`自动排班保存时应删除 ${replaced.length} 个班次，实际删除 ${deleted} 个`);
  const removals = batchCollector(audit, sealer, AUDIT_BATCH, 'before');
  for (const r of replaced) removals.audit({ entity: 'rota_assignment', entityId: r.id, before: r });
  removals.flush();
  const creations = batchCollector(audit, sealer);
  for (const x of plan.created) {
    const id = a.insertAssignment(w, { ...x, source: 'auto', overrideReason: null }, plan.now);
    // The same keys in the same order for every record: one batch per 500.
    creations.audit({
      entity: 'rota_assignment',
      entityId: id,
      after: { id, day: x.day, postId: x.postId, shiftId: x.shiftId, staffId: x.staffId, source: 'auto' },
    });
  }
  creations.flush();
}
