/**
 * Deciding, for each planned row, what the ledger will do (created, updated,
 * unchanged, skipped, flagged), and doing it. The same classification runs in
 * preview (reading) and in commit (inside the one transaction), so a commit
 * acts on the ledger as it is at that moment, not as it was at preview.
 */
import { deferringRuns } from '../../db/deferred-runs';
import type { ReadDb } from '../../db/types';
import type { Sealer } from '../../db/sealer';
import { AppError } from '../../errors';
import type { ConflictView, DuplicateMode, ImportCounts } from './contract';
import type { Plan, PlannedRow } from './pipeline';
import type { AnyTarget, Existing, PreparedRows, WriteCtx } from './targets/types';

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped' | 'flagged';

export interface Decision {
  row: PlannedRow;
  outcome: Outcome;
  existing: Existing | null;
}

export function emptyCounts(total: number, rejected: number): ImportCounts {
  return { total, created: 0, updated: 0, unchanged: 0, skipped: 0, flagged: 0, rejected };
}

export function decide(target: AnyTarget, match: (r: Record<string, unknown>) => Existing | null, row: PlannedRow, mode: DuplicateMode): Decision {
  return decideWith(target, match(row.record), row, mode);
}

/** The decision for a row whose match in the ledger is already known. */
function decideWith(target: AnyTarget, existing: Existing | null, row: PlannedRow, mode: DuplicateMode): Decision {
  if (!existing) return { row, outcome: 'created', existing };
  if (target.same(existing, row.record)) return { row, outcome: 'unchanged', existing };
  switch (mode) {
    case 'skip':
      return { row, outcome: 'skipped', existing };
    case 'update':
      return { row, outcome: 'updated', existing };
    case 'flag':
      return { row, outcome: 'flagged', existing };
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}

export function conflictView(target: AnyTarget, d: Decision): ConflictView | null {
  if (!d.existing || (d.outcome !== 'updated' && d.outcome !== 'skipped' && d.outcome !== 'flagged')) return null;
  return {
    rowNumber: d.row.rowNumber,
    existingId: d.existing.id,
    existing: target.show(d.existing.current),
    incoming: target.show(d.row.record),
    outcome: d.outcome,
  };
}

export function classifyAll(db: ReadDb, target: AnyTarget, plan: Plan, mode: DuplicateMode, sealer: Sealer | null): Decision[] {
  const match = target.matcher(db, sealer);
  return plan.planned.map((row) => decide(target, match, row, mode));
}

export interface Applied {
  counts: ImportCounts;
  flags: { rowNumber: number; entityId: number | null; existingId: number; incoming: Record<string, unknown> }[];
}

/**
 * The ledger's version as this connection sees it: its own row changes so far (total_changes)
 * and other connections' commits (data_version). Equal twice on the same connection means
 * no row of the ledger changed in between.
 */
export function ledgerStamp(db: ReadDb): string {
  const own = db.prepare('SELECT total_changes()').pluck().get() as number;
  const others = db.pragma('data_version', { simple: true }) as number;
  return `${connectionId(db)}:${others}:${own}`;
}

const connections = new WeakMap<ReadDb, number>();
let connectionsSeen = 0;
/** A number per connection: after a restore or reopen the stamp differs even if the counters happen to agree. */
function connectionId(db: ReadDb): number {
  const known = connections.get(db);
  if (known !== undefined) return known;
  connections.set(db, ++connectionsSeen);
  return connectionsSeen;
}

/** The preview's matches, each planned row's (in order), with the ledger's stamp when they were found. */
export interface KnownMatches {
  stamp: string;
  existing: (Existing | null)[];
  /**
   * What the preview computed for the rows the commit will create (the target's `prepare`), under the same
   * stamp and for the duplicate mode it was previewed with (which rows are inserted depends on it).
   */
  prepared?: { mode: DuplicateMode; rows: PreparedRows<unknown> } | undefined;
}

/** Whether the commit will insert a row so decided: a new record, or a suspected duplicate kept beside the one there. */
const inserts = (target: AnyTarget, d: Decision): boolean => d.outcome === 'created' || (d.outcome === 'flagged' && target.canKeepBoth(d.row.record));

/** The target's preparation of the rows the commit will write (see ImportTarget.prepare), at preview. */
export function prepareAll(
  db: ReadDb,
  target: AnyTarget,
  decisions: readonly Decision[],
  sealer: Sealer | null,
  today: string,
): PreparedRows<unknown> | undefined {
  return target.prepare?.(
    db,
    sealer,
    decisions.map((d) => ({ record: d.row.record, inserts: inserts(target, d), updates: d.outcome === 'updated' })),
    today,
  );
}

/** Writes every decision. Runs inside the commit's single transaction: a throw undoes all of it. */
export function applyDecisions(
  w: WriteCtx,
  target: AnyTarget,
  plan: Plan,
  mode: DuplicateMode,
  progress: (done: number, total: number) => void,
  known?: KnownMatches,
): Applied {
  // The preview's matches stand when nothing in the ledger changed since and the target's matches do not
  // depend on rows written earlier in the same commit; otherwise each row is looked up again, now.
  const independent = target.matchesIndependentOfEarlierRows;
  const reuse =
    known !== undefined &&
    (independent === true || (independent === 'whenPrepared' && known.prepared?.mode === mode)) &&
    known.existing.length === plan.planned.length &&
    known.stamp === ledgerStamp(w.db);
  const match = reuse ? null : target.matcher(w.db, w.context.sealer);
  // What the preview prepared holds under the same stamp and mode, and only for the sealer that sealed it (a rotation in between re-keys).
  const prepared = reuse && known.prepared?.mode === mode && known.prepared.rows.sealer === w.context.sealer ? known.prepared.rows.rows : undefined;
  // A commit that only adds the rows the preview prepared (nothing updated or kept beside a duplicate): every id it writes
  // was counted under the ledger's stamp, so its INSERTs may be queued and run a few hundred at a time (db/deferred-runs.ts).
  const deferring = prepared !== undefined && onlyAdds(target, known!, plan, mode) ? deferringRuns(w.db) : undefined;
  const ctx = deferring ? { ...w, db: deferring.db } : w;
  // The audit records the preview made for the prepared rows hold with them (batched-audit.ts checks each one as it comes).
  const plannedAudit = prepared !== undefined ? known!.prepared!.rows.audit : undefined;
  if (plannedAudit) w.followAudit?.(plannedAudit);
  const counts = emptyCounts(plan.total, plan.rejected.length);
  const flags: Applied['flags'] = [];
  const total = plan.planned.length;
  for (const [i, row] of plan.planned.entries()) {
    if (i % 5000 === 0) progress(i, total);
    const d = match ? decide(target, match, row, mode) : decideWith(target, known!.existing[i] ?? null, row, mode);
    try {
      switch (d.outcome) {
        case 'created':
          target.insert(ctx, row.record, prepared?.[i]);
          break;
        case 'updated':
          target.update(ctx, d.existing!, row.record);
          break;
        case 'flagged':
          flags.push({
            rowNumber: row.rowNumber,
            entityId: target.canKeepBoth(row.record) ? target.insert(ctx, row.record, prepared?.[i]) : null,
            existingId: d.existing!.id,
            incoming: row.record,
          });
          break;
        case 'unchanged':
        case 'skipped':
          break;
      }
    } catch (e) {
      // Nothing is kept: the whole import rolls back, and the message says which row stopped it (with queued INSERTs, a
      // statement of one of the few hundred rows before it may have failed as this row ran: nothing a checked row gives).
      const why = e instanceof AppError ? e.message : '写入时出错';
      throw new AppError(e instanceof AppError ? e.code : 'INTERNAL', `第 ${row.rowNumber} 行：${why}。本次导入没有写入任何内容。`);
    }
    counts[d.outcome]++;
  }
  try {
    deferring?.finish();
  } catch {
    throw new AppError('INTERNAL', '写入最后几行时出错。本次导入没有写入任何内容。');
  }
  progress(total, total);
  return { counts, flags };
}

/** Whether, by the preview's matches, the commit adds rows and changes none (see applyDecisions). */
function onlyAdds(target: AnyTarget, known: KnownMatches, plan: Plan, mode: DuplicateMode): boolean {
  return plan.planned.every((row, i) => {
    const outcome = decideWith(target, known.existing[i] ?? null, row, mode).outcome;
    return outcome === 'created' || outcome === 'unchanged' || outcome === 'skipped';
  });
}
