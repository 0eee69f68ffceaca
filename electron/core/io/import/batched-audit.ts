/**
 * Audit rows for a bulk import, batched: creating 100,000 residents writes
 * one audit row per 500 new records of a kind (entity id "first–last", the
 * records themselves in `after`), not 100,000 rows. Every record is still in
 * the hash-chained log with who, when and what, packed by columns
 * (audit/batched-entries.ts); updates of existing records (which carry a
 * `before`) are never batched.
 */
import { BATCH_SEPARATOR, packBatch } from '../../audit/batched-entries';
import type { AuditInput } from '../../handler-types';

export const AUDIT_BATCH = 500;

export interface BatchedAudit {
  audit: (e: AuditInput) => void;
  flush: () => void;
}

export function batchedAudit(write: (e: AuditInput) => void, batch = AUDIT_BATCH): BatchedAudit {
  const pending = new Map<string, Array<{ id: string | number | null; after: unknown }>>();
  const flushEntity = (entity: string): void => {
    const rows = pending.get(entity);
    if (!rows?.length) return;
    pending.delete(entity);
    const first = rows[0]!.id;
    const last = rows[rows.length - 1]!.id;
    write({
      entity,
      entityId: rows.length === 1 ? first : `${String(first)}${BATCH_SEPARATOR}${String(last)}`,
      before: null,
      after: rows.length === 1 ? rows[0]!.after : packBatch(rows.map((r) => r.after)),
    });
  };
  return {
    audit(e) {
      // Only plain creations are batched; anything with a before is written as it comes.
      if (e.before !== null && e.before !== undefined) {
        flushEntity(e.entity);
        write(e);
        return;
      }
      const rows = pending.get(e.entity) ?? [];
      rows.push({ id: e.entityId, after: e.after });
      pending.set(e.entity, rows);
      if (rows.length >= batch) flushEntity(e.entity);
    },
    flush() {
      for (const entity of [...pending.keys()]) flushEntity(entity);
    },
  };
}
