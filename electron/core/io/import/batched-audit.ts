/**
 * Audit rows for a bulk import, batched: creating 100,000 residents writes
 * one audit row per 500 new records of a kind (entity id "first–last", the
 * records themselves in `after`), not 100,000 rows. Every record is still in
 * the hash-chained log with who, when and what, packed by columns and
 * serialised as collected (audit/batch-collector.ts, shared with 自动排班's save); updates of existing
 * records (which carry a `before`) are never batched.
 *
 * A commit may follow a plan (`plannedRows`, made at preview: targets/resident-audit-plan.ts): the rows its preview already
 * batched and serialised from the records it expected the commit to make, in
 * order. Each record the commit makes as planned is only counted (`asPlanned`);
 * at the end the planned rows are written as they are. Anything else audited
 * (an update, a care task, a record not as planned) first puts the records
 * counted so far through the batching as if they had come one by one, and the
 * commit goes on without the plan: the log is the same either way.
 */
import { AUDIT_BATCH, batchCollector } from '../../audit/batch-collector';
import { SerialisedJson, unpackBatch } from '../../audit/batched-entries';
import type { Sealer } from '../../db/sealer';
import type { AuditInput } from '../../handler-types';

/**
 * The audit rows a preview made of the records it expects its commit to create (`plannedRows`): `writes`,
 * as this batching writes them; `entities`, `ids` and `householdIds` (-1 for none), each planned record's, in order.
 */
export interface PlannedAudit {
  sealer: Sealer | null;
  batch: number;
  writes: readonly AuditInput[];
  entities: readonly string[];
  ids: readonly number[];
  householdIds: readonly number[];
}

export interface BatchedAudit {
  audit: (e: AuditInput) => void;
  flush: () => void;
  /** Follows the preview's plan, when nothing was audited yet (and the batching and sealer are the plan's). */
  follow: (plan: PlannedAudit) => void;
  /**
   * Whether the next planned record is the one the caller was about to audit (its entity, id and household): then it
   * is counted and the caller audits nothing. False without a plan, or when it is another: the caller audits it.
   */
  asPlanned: (entity: string, id: number, householdId: number | null) => boolean;
}

/** `sealer`: the session's (ctx.sealer); personal numbers in batched rows are masked and sealed as they are collected (audit/audit-seal.ts). */
export function batchedAudit(write: (e: AuditInput) => void, sealer: Sealer | null, batch = AUDIT_BATCH): BatchedAudit {
  const collector = batchCollector(write, sealer, batch);
  let plan: PlannedAudit | null = null;
  let taken = 0;
  let audited = false;
  /** The plan left: the records counted so far go through the batching, in order, as the commit made them. */
  const leavePlan = (): void => {
    if (plan === null) return;
    const left = plan;
    plan = null;
    for (const e of plannedRecords(left, taken)) collector.audit(e);
  };
  return {
    audit(e) {
      audited = true;
      leavePlan();
      collector.audit(e);
    },
    flush() {
      if (plan !== null && taken === plan.ids.length) {
        // Every planned record was made as planned and nothing else was audited: the planned rows are the log's.
        const done = plan;
        plan = null;
        for (const w of done.writes) write(w);
      } else leavePlan();
      collector.flush();
    },
    follow(p) {
      if (audited || plan !== null || p.sealer !== sealer || p.batch !== batch) return;
      plan = p;
      taken = 0;
    },
    asPlanned(entity, id, householdId) {
      if (plan === null || taken >= plan.ids.length) return false;
      if (plan.entities[taken] !== entity || plan.ids[taken] !== id || plan.householdIds[taken] !== (householdId ?? -1)) return false;
      taken++;
      audited = true;
      return true;
    },
  };
}

/** The first `n` planned records as the commit would have audited them, taken back out of the planned rows. */
function plannedRecords(plan: PlannedAudit, n: number): AuditInput[] {
  const queues = new Map<string, unknown[]>();
  for (const w of plan.writes) {
    const records = w.after instanceof SerialisedJson ? (unpackBatch(JSON.parse(w.after.text)) ?? []) : [w.after];
    const queue = queues.get(w.entity);
    if (queue) queue.push(...records);
    else queues.set(w.entity, records);
  }
  const at = new Map<string, number>();
  const out: AuditInput[] = [];
  for (let i = 0; i < n; i++) {
    const entity = plan.entities[i]!;
    const k = at.get(entity) ?? 0;
    at.set(entity, k + 1);
    out.push({ entity, entityId: plan.ids[i]!, before: null, after: queues.get(entity)![k] });
  }
  return out;
}

/**
 * The rows batchedAudit would write for these records, audited in this order and nothing else, with
 * each record's entity, id and household: what a commit following them checks.
 */
export function plannedRows(
  records: Iterable<{ entity: string; id: number; householdId: number | null; after: Record<string, unknown> }>,
  sealer: Sealer | null,
  batch = AUDIT_BATCH,
): PlannedAudit {
  const writes: AuditInput[] = [];
  const entities: string[] = [];
  const ids: number[] = [];
  const householdIds: number[] = [];
  const collector = batchCollector((e) => writes.push(e), sealer, batch);
  for (const r of records) {
    entities.push(r.entity);
    ids.push(r.id);
    householdIds.push(r.householdId ?? -1);
    collector.audit({ entity: r.entity, entityId: r.id, before: null, after: r.after });
  }
  collector.flush();
  return { sealer, batch, writes, entities, ids, householdIds };
}
