/**
 * Audit rows for a bulk import, batched: creating 100,000 residents writes
 * one audit row per 500 new records of a kind (entity id "first–last", the
 * records themselves in `after`), not 100,000 rows. Every record is still in
 * the hash-chained log with who, when and what; updates of existing records
 * (which carry a `before`) are never batched.
 */
import type { ReadDb } from '../../db/types';
import type { AuditInput } from '../../handler-types';

/** A batch's entity id: the first and last record's ids, joined by an en dash. */
const BATCH_SEPARATOR = '–';

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
    write({ entity, entityId: rows.length === 1 ? first : `${String(first)}${BATCH_SEPARATOR}${String(last)}`, before: null, after: rows.length === 1 ? rows[0]!.after : rows.map((r) => r.after) });
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

export interface BatchedEntry {
  at: string;
  username: string;
  channel: string;
  /** The one record's `after`, taken out of the batch. */
  after: unknown;
}

/**
 * The batched creation rows that hold one record (for a record's history, e.g. a case's timeline).
 * Only import commits write batches, so the channel index keeps this to those rows.
 */
export function batchedEntriesFor(db: ReadDb, entity: string, id: number): BatchedEntry[] {
  const rows = db
    .prepare(`SELECT at, username, channel, entity_id AS entityId, after_json AS afterJson FROM audit_log WHERE channel = 'import.commit' AND entity = @entity AND instr(entity_id, @sep) > 0 ORDER BY id`)
    .all({ entity, sep: BATCH_SEPARATOR }) as { at: string; username: string; channel: string; entityId: string; afterJson: string }[];
  const out: BatchedEntry[] = [];
  for (const r of rows) {
    const [first, last] = r.entityId.split(BATCH_SEPARATOR).map(Number);
    if (first === undefined || last === undefined || id < first || id > last) continue;
    const records = JSON.parse(r.afterJson) as { id?: unknown }[];
    const mine = records.find((x) => x.id === id);
    if (mine) out.push({ at: r.at, username: r.username, channel: r.channel, after: mine });
  }
  return out;
}
