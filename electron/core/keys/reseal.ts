/**
 * The sealed columns carried from one sensitive key to another (a key rotation, rotation.ts, and its undo): every
 * value re-sealed, every keyed index recomputed, and the rows bound to their sealed values (db/row-binding.ts)
 * bound again under the new key.
 */
import type { WriteDb } from '../db/types';
import type { SealedColumn } from './sealed-columns';
import type { Sealer } from '../db/sealer';
import { bindAllRows, damagedNote, damagedRows, type RowBinding } from '../db/row-binding';

const ROWS_PER_STEP = 5000;

/**
 * Re-seals every registered column from one sealer to another and recomputes
 * its indexes; returns the values re-sealed. One pass per table (all its
 * sealed columns in one UPDATE per row), in steps of rowid ranges. Rows are
 * read as arrays and written with positional parameters: per row, building
 * named parameter objects cost about as much as SQLite's work.
 */
export function resealColumns(db: WriteDb, columns: readonly SealedColumn[], from: Sealer, to: Sealer): number {
  let count = 0;
  const tables = new Map<string, SealedColumn[]>();
  for (const c of columns) tables.set(c.table, [...(tables.get(c.table) ?? []), c]);
  for (const [table, cols] of tables) {
    const anyValue = cols.map((c) => `${c.column} IS NOT NULL`).join(' OR ');
    // SET column = ?, its indexes = ?, … in the order the row's parameters are pushed below; rowid last.
    const sets = cols.flatMap((c) => [`${c.column} = ?`, ...c.indexes.map((i) => `${i.column} = ?`)]);
    const select = db
      .prepare(`SELECT ${cols.map((c) => c.column).join(', ')}, rowid FROM ${table} WHERE rowid > ? AND (${anyValue}) ORDER BY rowid LIMIT ?`)
      .raw(true);
    const update = db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE rowid = ?`);
    for (let after = Number.MIN_SAFE_INTEGER; ;) {
      const rows = select.all(after, ROWS_PER_STEP) as Array<Array<Buffer | number | null>>;
      if (rows.length === 0) break;
      for (const r of rows) {
        const params: Array<Buffer | number | null> = [];
        cols.forEach((c, n) => {
          const sealed = r[n] as Buffer | null;
          if (sealed === null) {
            params.push(null, ...c.indexes.map(() => null));
            return;
          }
          const plain = from.openBytes(c.purpose, sealed);
          params.push(to.sealBytes(c.purpose, plain));
          if (c.indexes.length > 0) {
            const text = plain.toString('utf8');
            for (const i of c.indexes) {
              const of = i.of(text);
              params.push(of === null ? null : to.index(i.purpose, of));
            }
          }
          plain.fill(0);
          count++;
        });
        params.push(r[cols.length] as number);
        update.run(...params);
      }
      after = rows[rows.length - 1]![cols.length] as number;
    }
  }
  return count;
}

/**
 * Re-seals and then binds every row again under the new key (db/row-binding.ts). Rows whose MAC did not hold under
 * the old key were altered outside the program: they are found before the re-sealing and stay unbound (still damage
 * under the new key), named in the audit note.
 */
export function resealAndRebind(
  db: WriteDb,
  columns: readonly SealedColumn[],
  bindings: readonly RowBinding[],
  from: Sealer,
  to: Sealer,
): { resealed: number; damaged: Record<string, number[]> } {
  const damaged = damagedRows(db, from, bindings);
  const resealed = resealColumns(db, columns, from, to);
  bindAllRows(db, to, bindings, damaged);
  return { resealed, damaged: damagedNote(damaged) };
}
