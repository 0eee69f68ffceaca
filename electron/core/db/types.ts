import type BetterSqlite3 from 'better-sqlite3-multiple-ciphers';

export type Database = BetterSqlite3.Database;

/**
 * Read and write handles are different types (Signal's idea): a query module
 * that writes takes a WriteDb, which read handlers never receive, so a read
 * channel cannot be handed something that writes.
 */
declare const writeBrand: unique symbol;
export type ReadDb = Database;
export type WriteDb = Database & { readonly [writeBrand]: true };

export function asWriteDb(db: Database): WriteDb {
  return db as WriteDb;
}
