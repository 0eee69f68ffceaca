/**
 * Read channels run with the connection refusing writes (`PRAGMA query_only`):
 * `ReadDb` is only a type, and a read handler that wrote (an INSERT in a query
 * module it should not call, a table created on the fly) would otherwise
 * change the ledger without a transaction or an audit row. With query_only on,
 * SQLite refuses the write and the channel fails loudly in tests.
 *
 * The same connection, not a second one: it shares the statement cache (grid
 * reads stay as fast, see `npm run bench` cases.list) and the worker runs one
 * handler at a time, so switching the pragma around a synchronous handler
 * cannot leak into a write.
 */
import { cached } from './stmt-cache';
import type { Database, ReadDb } from './types';

export function runReadOnly<T>(db: Database, read: (db: ReadDb) => T): T {
  if (db.inTransaction) throw new Error('a read channel ran inside a transaction');
  cached(db, 'PRAGMA query_only = 1').run();
  try {
    const value = read(db);
    // A promise would run its reads (and any write) after the pragma is off again.
    if (value instanceof Promise) throw new Error('a read handler returned a promise');
    return value;
  } catch (err) {
    // A program error, not a read-only disk: report it as INTERNAL, never as a storage problem for the user to fix.
    if (err instanceof Error && 'code' in err && err.code === 'SQLITE_READONLY')
      throw new Error(`a read channel tried to write: ${err.message}`, { cause: err });
    throw err;
  } finally {
    cached(db, 'PRAGMA query_only = 0').run();
  }
}
