/**
 * A write of many rows at once (an import of thousands of residents, issue 14 §6) in a rollback
 * journal instead of the WAL.
 *
 * In WAL mode every page a transaction writes is encrypted into the WAL at the commit, and the
 * checkpoint that follows reads it back (decrypt, check its MAC), encrypts it again and writes it
 * into the file: three passes of the page cipher (AES-256-CBC and HMAC-SHA512) over every page.
 * With a rollback journal a page new to the file is written to it once, and a page the
 * transaction changes is first copied, encrypted, into the journal. For 100,000 imported residents
 * the commit's page work fell by most of a second of CPU (figures: io/import/README.md, session 7).
 *
 * Crash safety is SQLite's own: with synchronous = FULL the journal is on disk before the file is
 * touched, the commit is the journal's deletion, and a write cut off leaves a hot journal that the
 * next open plays back (the key is set before the first read; db/hot-journal.ts covers a rotation's
 * journal). The crash drills kill an import at random points in this mode too.
 *
 * Below BULK_JOURNAL_ROWS the switch (a checkpoint, header writes and their fsyncs, both ways)
 * costs more than it saves; at 3,000 rows into 100,000 it already saved wall time (the drill's
 * import is 3,000 rows, so it runs this way). If SQLite refuses the switch (another connection has the file open),
 * the write runs in the WAL as before.
 */
import type { Database } from './types';

export const BULK_JOURNAL_ROWS = 2000;

/** SQLite answers SQLITE_BUSY at once (no busy wait) while another connection has the file open: the write then stays in the WAL. */
function switched(db: Database): boolean {
  try {
    return db.pragma('journal_mode = DELETE', { simple: true }) === 'delete';
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'SQLITE_BUSY') return false;
    throw e;
  }
}

/**
 * Switches `db` to a rollback journal when `rows` is large and no transaction is open; returns what
 * switches it back to WAL, to call once the write is over (committed or not).
 */
export function rollbackJournalWhenLarge(db: Database, rows: number): () => void {
  if (rows < BULK_JOURNAL_ROWS || db.inTransaction) return () => undefined;
  if (!switched(db)) return () => undefined;
  return () => {
    db.pragma('journal_mode = WAL');
    // Right after the switch back a checkpoint is refused ("table is locked") until the WAL index is read (db/ledger.ts rekeyDatabase).
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  };
}
