/**
 * A key rotation's work on the files themselves: re-encrypting every page
 * under a new database key, and settling a rotation a crash interrupted.
 * The Ledger (db/ledger.ts) decides when; keys/rotation.ts decides what.
 */
import { existsSync, rmSync } from 'node:fs';
import { readKeyring, writeKeyring } from './keyring';
import { hasHotJournal, putBackJournalledSalt } from './hot-journal';
import type { LedgerPaths } from './ledger-files';
import { readHeader } from './open';
import { asWriteDb, type Database, type WriteDb } from './types';

/**
 * Re-encrypts every page of the file under `newKey` (SQLite3MultipleCiphers'
 * rekey) in one transaction with `inTransaction`'s writes (a rotation's
 * re-sealing): the rekey commits them together, a failure before it rolls
 * them back. The library refuses a rekey in WAL mode: checkpoint, switch to
 * a rollback journal, rekey, back to WAL. No cache spill meanwhile: a page
 * spilled to the file under the new key is rolled back under the new key
 * too when the rekey then fails (disk full), leaving a file neither key
 * opens (see "Keys at rest" in electron/core/README.md).
 */
export function rekeyFile(db: Database, newKey: Buffer, inTransaction: (w: WriteDb) => void): void {
  // A read first: right after a switch back to WAL the checkpoint is refused ("table is locked") until the WAL index is read.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('journal_mode = DELETE');
  db.pragma('cache_spill = OFF');
  try {
    db.exec('BEGIN IMMEDIATE');
    try {
      inTransaction(asWriteDb(db));
      db.pragma(`rekey="x'${newKey.toString('hex')}'"`);
      if (db.inTransaction) db.exec('COMMIT');
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  } finally {
    db.pragma('cache_spill = ON');
    db.pragma('journal_mode = WAL');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
  }
}

/**
 * After a crash in the middle of a rotation: the staged keyring is the right
 * one exactly when the rekey committed, i.e. no rollback journal is waiting
 * (in DELETE mode the commit is the journal's deletion) and the file no
 * longer carries the salt the keyring names; then it becomes the keyring,
 * with the file's salt. Otherwise the rotation never happened and the staged
 * file goes. A hot journal holds every page from before under the old key;
 * if the rekey's first page (new salt) was already written, the old salt is
 * put back from the journal's copy of page 1 (db/hot-journal.ts), so the
 * old key opens the file and SQLite restores the rest.
 */
export function settleStagedKeyring(paths: LedgerPaths): void {
  if (!existsSync(paths.stagedKeyring) || !existsSync(paths.keyring)) return;
  const keyring = readKeyring(paths.keyring);
  if (hasHotJournal(paths.db)) putBackJournalledSalt(paths.db, keyring.dbSalt);
  else {
    const salt = readHeader(paths.db).toString('hex');
    if (keyring.dbSalt !== salt) writeKeyring(paths.keyring, { ...readKeyring(paths.stagedKeyring), dbSalt: salt });
  }
  dropStagedKeyring(paths);
}

export function dropStagedKeyring(paths: LedgerPaths): void {
  rmSync(paths.stagedKeyring, { force: true });
}
