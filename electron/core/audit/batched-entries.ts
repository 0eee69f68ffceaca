/**
 * Audit rows that hold many records at once: a bulk import writes one row per
 * 500 new records of a kind (io/import/batched-audit.ts), its entity id
 * "first–last" and the records in `after`. This packs them and reads one
 * record's entry back out of them, for a record's own history.
 *
 * Packed as columns: `{ "columns": ["id", "name", …], "rows": [[1, "张三", …], …] }`,
 * the keys once per batch rather than once per record. At 100,000 imported
 * residents the keys were about half of the log's bytes, and every byte is
 * serialised, hashed into the chain, encrypted and written. Records whose keys
 * differ are kept as they are (a plain array of records), as are batches
 * written before the columns (same array), so a reader takes either.
 */
import type { ReadDb } from '../db/types';

/** A batch's entity id: the first and last record's ids, joined by an en dash. */
export const BATCH_SEPARATOR = '–';

/** A batch packed by columns: every record had these keys, in this order. */
export interface ColumnarBatch {
  columns: string[];
  rows: unknown[][];
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value is a batch packed by columns (audit-seal.ts masks its sensitive columns). */
export const isColumnar = (v: unknown): v is ColumnarBatch =>
  isPlainRecord(v) && Array.isArray(v.columns) && Array.isArray(v.rows) && Object.keys(v).length === 2;

/** Records as one batch's `after`: by columns when they all share their keys (the usual case), else as they are. */
export function packBatch(records: readonly unknown[]): ColumnarBatch | unknown[] {
  const first = records[0];
  if (!isPlainRecord(first)) return [...records];
  const columns = Object.keys(first);
  const rows: unknown[][] = [];
  for (const r of records) {
    if (!isPlainRecord(r)) return [...records];
    const keys = Object.keys(r);
    if (keys.length !== columns.length || keys.some((k, i) => k !== columns[i])) return [...records];
    const row = columns.map((k) => r[k]);
    // A key holding undefined is left out of a record's JSON but would be null in a row: keep such records whole.
    if (row.includes(undefined)) return [...records];
    rows.push(row);
  }
  return { columns, rows };
}

/** The records of a batch's `after`, whichever way it was written; null when it is not a batch. */
export function unpackBatch(after: unknown): unknown[] | null {
  if (Array.isArray(after)) return after;
  if (!isColumnar(after)) return null;
  const { columns, rows } = after;
  return rows.map((row) => Object.fromEntries(columns.map((k, i) => [k, row[i]])));
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
    .prepare(
      `SELECT at, username, channel, entity_id AS entityId, after_json AS afterJson FROM audit_log WHERE channel = 'import.commit' AND entity = @entity AND instr(entity_id, @sep) > 0 ORDER BY id`,
    )
    .all({ entity, sep: BATCH_SEPARATOR }) as { at: string; username: string; channel: string; entityId: string; afterJson: string }[];
  const out: BatchedEntry[] = [];
  for (const r of rows) {
    const [first, last] = r.entityId.split(BATCH_SEPARATOR).map(Number);
    if (first === undefined || last === undefined || id < first || id > last) continue;
    const records = (unpackBatch(JSON.parse(r.afterJson)) ?? []) as { id?: unknown }[];
    const mine = records.find((x) => x.id === id);
    if (mine) out.push({ at: r.at, username: r.username, channel: r.channel, after: mine });
  }
  return out;
}
