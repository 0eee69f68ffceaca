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
