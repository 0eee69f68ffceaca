/**
 * Audit rows for a bulk import, batched: creating 100,000 residents writes
 * one audit row per 500 new records of a kind (entity id "first–last", the
 * records themselves in `after`), not 100,000 rows. Every record is still in
 * the hash-chained log with who, when and what, packed by columns and
 * serialised as collected (audit/batched-entries.ts); updates of existing
 * records (which carry a `before`) are never batched.
 */
import { BATCH_SEPARATOR, ColumnarBatchText } from '../../audit/batched-entries';
import { protectColumns } from '../../audit/audit-seal';
import type { Sealer } from '../../db/sealer';
import type { AuditInput } from '../../handler-types';

export const AUDIT_BATCH = 500;

export interface BatchedAudit {
  audit: (e: AuditInput) => void;
  flush: () => void;
}

interface Pending {
  rows: ColumnarBatchText;
  first: AuditInput;
  lastId: string | number | null;
}

/** `sealer`: the session's (ctx.sealer); personal numbers in batched rows are masked and sealed as they are collected (audit/audit-seal.ts). */
export function batchedAudit(write: (e: AuditInput) => void, sealer: Sealer | null, batch = AUDIT_BATCH): BatchedAudit {
  const pending = new Map<string, Pending>();
  const protection = protectColumns(sealer);
  const flushEntity = (entity: string): void => {
    const p = pending.get(entity);
    if (!p) return;
    pending.delete(entity);
    // A batch of one is written as that record's own row.
    if (p.rows.size === 1) return write(p.first);
    write({ entity, entityId: `${String(p.first.entityId)}${BATCH_SEPARATOR}${String(p.lastId)}`, before: null, after: p.rows.serialised() });
  };
  return {
    audit(e) {
      // Only plain creations are batched; anything with a before is written as it comes.
      if (e.before !== null && e.before !== undefined) {
        flushEntity(e.entity);
        write(e);
        return;
      }
      const p = pending.get(e.entity);
      if (p?.rows.add(e.after)) {
        p.lastId = e.entityId;
        if (p.rows.size >= batch) flushEntity(e.entity);
        return;
      }
      // A record of other keys closes the batch before it and starts its own.
      if (p) flushEntity(e.entity);
      const rows = ColumnarBatchText.startingWith(e.after, protection);
      if (rows) pending.set(e.entity, { rows, first: e, lastId: e.entityId });
      else write(e);
    },
    flush() {
      for (const entity of [...pending.keys()]) flushEntity(entity);
    },
  };
}
