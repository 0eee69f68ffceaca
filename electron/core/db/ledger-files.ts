/**
 * Where a ledger's files are, and the small values it keeps about itself in
 * its `meta` table. Kept apart from the Ledger class so that modules which
 * only need a path or a meta value do not depend on the open handle and keys.
 */
import { join } from 'node:path';
import { makePrivate, makePrivateDir } from '../fs-private';
import type { ReadDb, WriteDb } from './types';

export interface LedgerPaths {
  dir: string;
  db: string;
  keyring: string;
  /** Failed unlock attempts, kept while the ledger is locked (unlock-throttle.ts). */
  throttle: string;
  /** The audit chain's head, MACed with the sensitive key (audit/anchor.ts). */
  anchor: string;
  /** The next keyring while a key rotation runs (keys/rotation.ts); gone once it is the keyring. */
  stagedKeyring: string;
  /** The file's digest as the program closed it, MACed with the sensitive key (db/ledger-contents.ts). */
  closedNote: string;
}

export const THROTTLE_FILE = 'taizhang.throttle.json';
export const ANCHOR_FILE = 'taizhang.anchor.json';
export const CLOSED_NOTE_FILE = 'taizhang.closed.json';

export function ledgerPaths(dir: string): LedgerPaths {
  return {
    dir,
    db: join(dir, 'taizhang.db'),
    keyring: join(dir, 'taizhang.keyring.json'),
    throttle: join(dir, THROTTLE_FILE),
    anchor: join(dir, ANCHOR_FILE),
    stagedKeyring: join(dir, 'taizhang.keyring.next.json'),
    closedNote: join(dir, CLOSED_NOTE_FILE),
  };
}

/** Every file of this ledger; nothing the core writes for a user may land on one. */
export function ownFilesOf(paths: LedgerPaths): string[] {
  return [paths.db, paths.keyring, paths.throttle, paths.stagedKeyring, paths.anchor, paths.closedNote];
}

/** Owner-only folder and files (0700/0600 on Linux and macOS), tightened at every open for ledgers made by older versions. */
export function makeLedgerPrivate(paths: LedgerPaths): void {
  makePrivateDir(paths.dir);
  makePrivate([...ownFilesOf(paths), `${paths.db}-wal`, `${paths.db}-shm`]);
}

/** A value the ledger keeps about itself (meta table), e.g. the unlock throttle's epoch. */
export function readMeta(db: ReadDb, key: string): string | null {
  return (db.prepare(`SELECT value FROM meta WHERE key = @key`).get({ key }) as { value: string } | undefined)?.value ?? null;
}

export function writeMeta(db: WriteDb, key: string, value: string): void {
  db.prepare(`INSERT INTO meta (key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run({ key, value });
}

export function deleteMeta(db: WriteDb, key: string): void {
  db.prepare(`DELETE FROM meta WHERE key = @key`).run({ key });
}
