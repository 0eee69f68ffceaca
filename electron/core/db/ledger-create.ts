/**
 * A new ledger's files (setup.init): the encrypted database, migrated, and the keyring with the first user's slot and
 * the recovery slot. Apart from the Ledger class, which holds the keys this makes from then on (db/ledger.ts).
 */
import { randomBytes } from 'node:crypto';
import { makePrivateDir } from '../fs-private';
import { makeSlot, newKeyring, writeKeyring, type ScryptParams } from './keyring';
import type { SlotLayout } from './keyslot';
import type { CoordinatorKeyMode } from './keyslot-coordinator';
import { makeLedgerPrivate, writeMeta, type LedgerPaths } from './ledger-files';
import { migrate, type MigrationAuditor } from './migrate';
import { openEncrypted, readHeader, type OpenOptions } from './open';
import { asWriteDb, type Database } from './types';

/** What a ledger is made with (the Ledger's constructor arguments). */
export interface LedgerMaking {
  paths: LedgerPaths;
  openOptions: OpenOptions;
  kdf: ScryptParams;
  auditMigration: MigrationAuditor | null;
  coordinatorKeys: CoordinatorKeyMode;
  slotLayout: SlotLayout;
}

/** The open database and the keys a new ledger was made with. */
export interface NewLedger {
  db: Database;
  key: Buffer;
  sensitive: Buffer;
  coordinator: Buffer | null;
}

/** Makes the files of a new ledger in `m.paths.dir` (the caller has checked there is none). */
export function createLedgerFiles(m: LedgerMaking, firstUser: string, password: string, recoveryKey: string, nowIso: string): NewLedger {
  makePrivateDir(m.paths.dir);
  const key = randomBytes(32);
  const sensitive = randomBytes(32);
  const coordinator = m.coordinatorKeys.make ? randomBytes(32) : null;
  const db = openEncrypted(m.paths.db, key, m.openOptions, true);
  // Before the first page is written: SQLite gives the WAL and shared-memory files the database file's mode.
  makeLedgerPrivate(m.paths);
  migrate(db, nowIso, undefined, m.auditMigration);
  db.pragma('wal_checkpoint(TRUNCATE)');
  let keyring = newKeyring();
  keyring = { ...keyring, dbSalt: readHeader(m.paths.db).toString('hex') };
  // The first user is the coordinator: their slot and the recovery slot hold the sensitive key and the coordinator key.
  const keys = { dbKey: key, sensitiveKey: sensitive, coordinatorKey: coordinator };
  const slot = (name: string, secret: string) => makeSlot(keyring.ledgerId, name, secret, keys, m.kdf, keys.sensitiveKey, [], m.slotLayout);
  keyring.slots.push(slot(firstUser, password), slot('#recovery', recoveryKey));
  writeKeyring(m.paths.keyring, keyring, m.slotLayout);
  writeMeta(asWriteDb(db), 'ledger_id', keyring.ledgerId);
  return { db, key, sensitive, coordinator };
}
