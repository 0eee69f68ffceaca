/**
 * Audit rows that hold many records of a kind at once: one row per 500 records, entity id "first–last", the records
 * packed by columns (batched-entries.ts) and serialised as collected. Every record is still in the hash-chained log
 * with who, when and what; a record's own history finds its entry inside a batch (batchedEntriesFor).
 *
 * Two writers batch: an import's commit (io/import/batched-audit.ts: the records it creates, in `after`) and
 * 自动排班's save (rota/plan-save.ts: the assignments it creates, in `after`, and those it replaces, in `before`).
 * A collector batches one side; an entry holding the other side too (an update) is written as it comes.
 */
import { protectColumns } from './audit-seal';
import { BATCH_SEPARATOR, ColumnarBatchText } from './batched-entries';
import type { Sealer } from '../db/sealer';
import type { AuditInput } from '../handler-types';

export const AUDIT_BATCH = 500;

/** Which payload a collector batches: creations (`after`, nothing before) or removals (`before`, nothing after). */
export type BatchedSide = 'after' | 'before';

export interface BatchCollector {
  audit: (e: AuditInput) => void;
  /** Writes what is still collected; call before the transaction ends. */
  flush: () => void;
}

interface Pending {
  rows: ColumnarBatchText;
  first: AuditInput;
  lastId: string | number | null;
}

const absent = (v: unknown): boolean => v === null || v === undefined;

/**
 * Records of a kind collected by columns, written `batch` at a time. `sealer`: the session's; personal numbers in
 * batched rows are masked and sealed as they are collected (audit-seal.ts).
 */
export function batchCollector(write: (e: AuditInput) => void, sealer: Sealer | null, batch = AUDIT_BATCH, side: BatchedSide = 'after'): BatchCollector {
  const pending = new Map<string, Pending>();
  const protection = protectColumns(sealer);
  const flushEntity = (entity: string): void => {
    const p = pending.get(entity);
    if (!p) return;
    pending.delete(entity);
    // A batch of one is written as that record's own row.
    if (p.rows.size === 1) return write(p.first);
    const entityId = `${String(p.first.entityId)}${BATCH_SEPARATOR}${String(p.lastId)}`;
    const packed = p.rows.serialised();
    write(side === 'after' ? { entity, entityId, before: null, after: packed } : { entity, entityId, before: packed, after: null });
  };
  return {
    audit(e) {
      // Only one side is batched; an entry with the other side (an update) is written as it comes.
      if (!absent(side === 'after' ? e.before : e.after)) {
        flushEntity(e.entity);
        write(e);
        return;
      }
      const record = e[side];
      const p = pending.get(e.entity);
      if (p?.rows.add(record)) {
        p.lastId = e.entityId;
        if (p.rows.size >= batch) flushEntity(e.entity);
        return;
      }
      // A record of other keys closes the batch before it and starts its own.
      if (p) flushEntity(e.entity);
      const rows = ColumnarBatchText.startingWith(record, protection);
      if (rows) pending.set(e.entity, { rows, first: e, lastId: e.entityId });
      else write(e);
    },
    flush() {
      for (const entity of [...pending.keys()]) flushEntity(entity);
    },
  };
}
