/**
 * Audit rows that hold many records at once: a bulk import writes one row per
 * 500 new records of a kind (io/import/batched-audit.ts), its entity id
 * "first–last" and the records in `after`. This reads one record's entry back
 * out of them, for a record's own history.
 */
import type { ReadDb } from '../db/types';

/** A batch's entity id: the first and last record's ids, joined by an en dash. */
export const BATCH_SEPARATOR = '–';

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
    .prepare(
      `SELECT at, username, channel, entity_id AS entityId, after_json AS afterJson FROM audit_log WHERE channel = 'import.commit' AND entity = @entity AND instr(entity_id, @sep) > 0 ORDER BY id`,
    )
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
