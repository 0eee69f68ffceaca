/**
 * Audit rows that hold many records at once: a bulk import writes one row per
 * 500 new records of a kind (io/import/batched-audit.ts), its entity id
 * "first–last" and the records in `after`. This packs them and reads one
 * record's entry back out of them, for a record's own history.
 *
 * Packed as columns: `{ "columns": ["id", "name", …], "rows": [[1, "张三", …], …] }`,
 * the keys once per batch rather than once per record; since session 19 a column whose value
 * is the same in every record is written once, `{ "columns": […], "same": { "category": "returnee", … },
 * "rows": [[…the other columns' values…], …] }`. At 100,000 imported
 * residents the keys were about half of the log's bytes, and every byte is
 * serialised, hashed into the chain, encrypted and written. Records whose keys
 * differ start a new batch; batches written before the columns hold a plain
 * array of records, and a reader takes either.
 */
import type { ReadDb } from '../db/types';

/** A batch's entity id: the first and last record's ids, joined by an en dash. */
export const BATCH_SEPARATOR = '–';

/**
 * A batch packed by columns: every record had these keys, in this order. `same`: the columns whose value was the same
 * in every record, with that value; each row then holds the values of the other columns only, in the columns' order.
 */
export interface ColumnarBatch {
  columns: string[];
  same?: Record<string, unknown>;
  rows: unknown[][];
}

const isPlainRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value is a batch packed by columns (audit-seal.ts masks its sensitive columns). */
export const isColumnar = (v: unknown): v is ColumnarBatch =>
  isPlainRecord(v) &&
  Array.isArray(v.columns) &&
  Array.isArray(v.rows) &&
  Object.keys(v).length === (v.same === undefined ? 2 : 3) &&
  (v.same === undefined || isPlainRecord(v.same));

/** The columns a batch's rows hold values of, in order: all of them, less those written once under `same`. */
export const rowColumns = (b: ColumnarBatch): string[] => (b.same === undefined ? b.columns : b.columns.filter((c) => !Object.hasOwn(b.same!, c)));

/**
 * How a batch's columns are protected as rows are added: for each column, a function applied to
 * its values, or undefined. audit-seal.ts's protectColumns gives the one rule for personal numbers;
 * a batch takes it as a function so this file does not depend on the sealer.
 */
export type ColumnProtection = (columns: readonly string[]) => ReadonlyArray<((value: unknown) => unknown) | undefined>;

/** An audit row's `after` already serialised (appendAudit writes the text as it is, so it must be protected already). */
export class SerialisedJson {
  constructor(readonly text: string) {}
}

/**
 * Whether a column can go into a batch's `same`: a key that JSON.parse and JSON.stringify keep in its place (an
 * integer-like key would move to the front of the object) and that sets nothing but itself (`__proto__`).
 */
const sameable = (column: string): boolean => !/^(0|[1-9]\d*)$/.test(column) && column !== '__proto__';

/**
 * A columnar batch being collected, its records' values protected as they are added (a sealed value is made once,
 * when its record comes), and serialised once, when the batch is written. A column whose value is the same in every
 * row (a cases import's category, status, source, opening day, the nulls of what the file leaves out) is written once,
 * under `same`, and left out of the rows: every record still reads back whole (unpackBatch), and the log's text, which
 * is hashed into the chain, encoded, encrypted and stored, is about half as long for an import (io/import/README.md,
 * session 19). A batch with no such column is written as before, `{ columns, rows }`.
 */
export class ColumnarBatchText {
  private readonly rows: unknown[][] = [];
  private readonly protect: ReadonlyArray<((value: unknown) => unknown) | undefined>;
  private constructor(
    readonly columns: readonly string[],
    protection: ColumnProtection,
  ) {
    this.protect = protection(columns);
  }

  /**
   * A batch whose columns are this record's keys, or null for a record that cannot be a row (not a plain record, or a key holding undefined).
   * `protection`: the audit rule for personal numbers (audit-seal.ts protectColumns), applied to each value as it is added.
   */
  static startingWith(record: unknown, protection: ColumnProtection): ColumnarBatchText | null {
    if (!isPlainRecord(record)) return null;
    const batch = new ColumnarBatchText(Object.keys(record), protection);
    return batch.add(record) ? batch : null;
  }

  /** Adds the record as a row; false (nothing added) when its keys are not the batch's columns, in order, or one holds undefined. */
  add(record: unknown): boolean {
    if (!isPlainRecord(record)) return false;
    const row: unknown[] = [];
    for (const k in record) {
      const v = record[k];
      // undefined is left out of a record's JSON but would be null in a row: such a record is not a row.
      if (k !== this.columns[row.length] || v === undefined) return false;
      const protect = this.protect[row.length];
      // Kept until the batch is written: an object or array is kept as its JSON read back, so what is logged is the
      // record as it was audited, whatever its writer does with the object afterwards (a protected value is made here).
      row.push(protect ? protect(v) : typeof v === 'object' && v !== null ? JSON.parse(JSON.stringify(v)) : v);
    }
    if (row.length !== this.columns.length) return false;
    this.rows.push(row);
    return true;
  }

  get size(): number {
    return this.rows.length;
  }

  /** The batch as `after`: the same text JSON.stringify gives a {@link ColumnarBatch} (its `same` in the columns' order). */
  serialised(): SerialisedJson {
    const { columns, rows } = this;
    const first = rows[0] ?? [];
    // The columns whose value is the same (===, so never a protected value: an object of its own per row) in every row.
    const same = rows.length > 1 ? columns.map((c, j) => sameable(c) && (first[j] === null || typeof first[j] !== 'object')) : [];
    for (let i = 1; i < rows.length; i++) {
      const row = rows[i]!;
      for (let j = 0; j < same.length; j++) if (same[j] && row[j] !== first[j]) same[j] = false;
    }
    const head = `{"columns":${JSON.stringify(columns)}`;
    if (!same.includes(true)) return new SerialisedJson(`${head},"rows":${JSON.stringify(rows)}}`);
    const kept = same.flatMap((s, j) => (s ? [] : [j]));
    const sameText = same.flatMap((s, j) => (s ? [`${JSON.stringify(columns[j])}:${JSON.stringify(first[j])}`] : [])).join(',');
    const varying = rows.map((row) => kept.map((j) => row[j]));
    return new SerialisedJson(`${head},"same":{${sameText}},"rows":${JSON.stringify(varying)}}`);
  }
}

/** The records of a batch's `after`, whichever way it was written; null when it is not a batch. */
export function unpackBatch(after: unknown): unknown[] | null {
  if (Array.isArray(after)) return after;
  if (!isColumnar(after)) return null;
  const { columns, rows, same } = after;
  if (same === undefined) return rows.map((row) => Object.fromEntries(columns.map((k, i) => [k, row[i]])));
  return rows.map((row) => {
    let at = 0;
    return Object.fromEntries(columns.map((k) => [k, Object.hasOwn(same, k) ? same[k] : row[at++]]));
  });
}

/** The channels that write batched rows: an import's commit (creations) and 自动排班's save (creations and removals). */
export const BATCHING_CHANNELS = ['import.commit', 'rota.generate'] as const;

export interface BatchedEntry {
  /** The batch row's id in the log (a 自动排班's run is its rota_plan row just before it, rota/plan-save.ts). */
  rowId: number;
  at: string;
  username: string;
  channel: string;
  /** The one record as it was removed, taken out of a batch of removals (自动排班 replacing its earlier plan); else absent. */
  before?: unknown;
  /** The one record as it was created, taken out of a batch of creations; null in a removal's entry. */
  after: unknown;
}

/**
 * The batched rows that hold one record (for a record's history, e.g. a case's timeline or an assignment's), oldest
 * first. Only the batching channels write batches, so the channel index keeps this to their rows.
 */
export function batchedEntriesFor(db: ReadDb, entity: string, id: number): BatchedEntry[] {
  const rows = db
    .prepare(
      `SELECT id, at, username, channel, entity_id AS entityId, before_json AS beforeJson, after_json AS afterJson FROM audit_log
       WHERE channel IN (${BATCHING_CHANNELS.map((c) => `'${c}'`).join(', ')}) AND entity = @entity AND instr(entity_id, @sep) > 0 ORDER BY id`,
    )
    .all({ entity, sep: BATCH_SEPARATOR }) as {
    id: number;
    at: string;
    username: string;
    channel: string;
    entityId: string;
    beforeJson: string | null;
    afterJson: string | null;
  }[];
  const out: BatchedEntry[] = [];
  const mineIn = (json: string | null) => (json === null ? undefined : ((unpackBatch(JSON.parse(json)) ?? []) as { id?: unknown }[]).find((x) => x.id === id));
  for (const r of rows) {
    const [first, last] = r.entityId.split(BATCH_SEPARATOR).map(Number);
    if (first === undefined || last === undefined || id < first || id > last) continue;
    const created = mineIn(r.afterJson);
    if (created) out.push({ rowId: r.id, at: r.at, username: r.username, channel: r.channel, after: created });
    const removed = created ? undefined : mineIn(r.beforeJson);
    if (removed) out.push({ rowId: r.id, at: r.at, username: r.username, channel: r.channel, before: removed, after: null });
  }
  return out;
}
