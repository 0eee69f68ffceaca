/**
 * The ledger on disk: `taizhang.db` (SQLCipher-encrypted SQLite) and
 * `taizhang.keyring.json` beside it. This class owns the one open handle
 * and the key while anyone is unlocked; it never deletes a file.
 */
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../errors';
import { makePrivate, makePrivateDir } from '../fs-private';
import type { LedgerProblem } from './ledger-problem.shared';
import {
  DEFAULT_KDF,
  findSlot,
  keyedKeyring,
  makeSlot,
  newKeyring,
  openSlotKeys,
  readKeyring,
  replaceSlot,
  sameBytes,
  writeKeyring,
  type Keyring,
  type ScryptParams,
} from './keyring';
import { isV2, makeSlotV1, sealKeyToSlot, slotHoldsSensitive, type KeySlot, type SlotKeys } from './keyslot';
import { makeSealer, type Sealer } from './sealer';
import type { Role } from '../contract';
import { hasHotJournal, putBackJournalledSalt } from './hot-journal';
import { diagnoseLedgerFile, openEncrypted, readHeader, type OpenOptions } from './open';
import { migrate } from './migrate';
import { asWriteDb, type Database, type ReadDb, type WriteDb } from './types';

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
}

export const THROTTLE_FILE = 'taizhang.throttle.json';
export const ANCHOR_FILE = 'taizhang.anchor.json';

export function ledgerPaths(dir: string): LedgerPaths {
  return {
    dir,
    db: join(dir, 'taizhang.db'),
    keyring: join(dir, 'taizhang.keyring.json'),
    throttle: join(dir, THROTTLE_FILE),
    anchor: join(dir, ANCHOR_FILE),
    stagedKeyring: join(dir, 'taizhang.keyring.next.json'),
  };
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

export class Ledger {
  readonly paths: LedgerPaths;
  private db: Database | null = null;
  private key: Buffer | null = null;
  /** The sensitive key, once a slot that holds it has been opened; and its sealer. */
  private sensitive: Buffer | null = null;
  private sealerForKey: Sealer | null = null;
  constructor(
    dir: string,
    readonly openOptions: OpenOptions = {},
    readonly kdf: ScryptParams = DEFAULT_KDF,
  ) {
    this.paths = ledgerPaths(dir);
  }

  isInitialized(): boolean {
    return existsSync(this.paths.db) || existsSync(this.paths.keyring);
  }

  /** Problems visible before any password: missing keyring, a plain file, truncation, a foreign keyring. */
  problem(): LedgerProblem | null {
    if (!this.db) this.settleStagedKeyring();
    const hasDb = existsSync(this.paths.db);
    const hasKeyring = existsSync(this.paths.keyring);
    if (!hasDb && !hasKeyring) return null;
    try {
      if (hasDb && !hasKeyring)
        throw new AppError('KEYRING_MISMATCH', '找不到密钥文件 taizhang.keyring.json，台账无法解锁。请把它放回台账文件夹，或从备份恢复。');
      if (!hasDb && hasKeyring) throw new AppError('LEDGER_DAMAGED', '找不到台账文件 taizhang.db（只有密钥文件）。请从备份恢复。');
      const keyring = readKeyring(this.paths.keyring);
      diagnoseLedgerFile(this.paths.db, keyring.dbSalt || null);
      return null;
    } catch (e) {
      if (e instanceof AppError && (e.code === 'NOT_A_LEDGER' || e.code === 'LEDGER_DAMAGED' || e.code === 'LEDGER_TOO_NEW' || e.code === 'KEYRING_MISMATCH')) {
        return { code: e.code, message: e.message };
      }
      throw e;
    }
  }

  /** Every file of this ledger; nothing the core writes for a user may land on one. */
  ownFiles(): string[] {
    return [this.paths.db, this.paths.keyring, this.paths.throttle, this.paths.stagedKeyring, this.paths.anchor];
  }

  /** Owner-only folder and files (0700/0600 on Linux and macOS), tightened at every open for ledgers made by older versions. */
  private makePrivate(): void {
    makePrivateDir(this.paths.dir);
    makePrivate([...this.ownFiles(), `${this.paths.db}-wal`, `${this.paths.db}-shm`]);
  }

  keyring(): Keyring {
    return readKeyring(this.paths.keyring);
  }

  saveKeyring(k: Keyring): void {
    writeKeyring(this.paths.keyring, k);
  }

  /** Creates a new empty ledger with the first user's slot and a recovery slot. */
  create(firstUser: string, password: string, recoveryKey: string, nowIso: string): Database {
    if (this.isInitialized()) throw new AppError('CONFLICT', '这个文件夹里已经有台账了，不能重复初始化。');
    makePrivateDir(this.paths.dir);
    const key = randomBytes(32);
    const sensitive = randomBytes(32);
    const db = openEncrypted(this.paths.db, key, this.openOptions);
    // Before the first page is written: SQLite gives the WAL and shared-memory files the database file's mode.
    this.makePrivate();
    migrate(db, nowIso);
    db.pragma('wal_checkpoint(TRUNCATE)');
    let keyring = newKeyring();
    keyring = { ...keyring, dbSalt: readHeader(this.paths.db).toString('hex') };
    // The first user is the coordinator: their slot and the recovery slot hold the sensitive key.
    const keys = { dbKey: key, sensitiveKey: sensitive };
    keyring.slots.push(makeSlot(keyring.ledgerId, firstUser, password, keys, this.kdf), makeSlot(keyring.ledgerId, '#recovery', recoveryKey, keys, this.kdf));
    this.saveKeyring(keyring);
    db.prepare(`INSERT INTO meta (key, value) VALUES ('ledger_id', @id)`).run({ id: keyring.ledgerId });
    this.db = db;
    this.key = key;
    this.holdSensitive(sensitive);
    return db;
  }

  /**
   * Unwraps the key with a slot's secret and opens the database if it is not
   * open yet. Returns null for a wrong secret (or unknown slot), opening nothing.
   */
  unlock(
    slotName: string,
    secret: string,
    nowIso: string,
    fits: (db: Database, sensitiveKey: Buffer) => boolean = () => true,
  ): { db: Database; sensitive: boolean; legacyLayout: boolean; keyRefused: boolean } | null {
    const problem = this.problem();
    if (problem) throw new AppError(problem.code, problem.message);
    const keyring = this.keyring();
    const slot = findSlot(keyring, slotName);
    // Run the KDF even for an unknown name so timing does not reveal which names exist.
    const keys = openSlotKeys(keyring.ledgerId, slot ?? { ...keyring.slots[0]!, name: slotName }, secret);
    if (!slot || !keys) {
      keys?.dbKey.fill(0);
      keys?.sensitiveKey?.fill(0);
      return null;
    }
    if (!this.db) this.openWith(keys.dbKey, nowIso);
    // Sealing to a public key needs no secret: a slot can open a key its user chose (session 18 attack run, S5). Only
    // one that `fits` (auth/key-fits.ts) counts, is held for every session, or goes into the converted slot. While a key
    // is held (it fitted, or was made here: setup, a rotation, the adoption) only that key counts: where the anchor
    // cannot tell, a second, different one says one of them is not the ledger's, and nothing must be sealed under it.
    const keyRefused =
      keys.sensitiveKey !== null && (this.sensitive !== null ? !sameBytes(this.sensitive, keys.sensitiveKey) : !fits(this.db!, keys.sensitiveKey));
    if (keyRefused) {
      keys.sensitiveKey!.fill(0);
      keys.sensitiveKey = null;
    }
    const sensitive = keys.sensitiveKey !== null;
    // The sensitive key as an older version sealed it (or a version-1 slot): the upgrade's trust on first use may run (auth/slot-keys.ts).
    const legacyLayout = sensitive && keys.legacyLayout === true;
    // Only now, with the file open under this key: a version-1 slot becomes a version-2 slot holding the same keys.
    // Under the slot's own name, not the form typed (「ZHANG」 opens zhang's slot and leaves it zhang's).
    // Not before a holder has made the sensitive key: a version-2 slot in the file says the ledger is sealed (keyedKeyring).
    if (!isV2(slot) && keyedKeyring(keyring) && !keyRefused)
      this.saveKeyring(replaceSlot(keyring, makeSlot(keyring.ledgerId, slot.name, secret, keys, this.kdf)));
    if (this.key !== keys.dbKey) keys.dbKey.fill(0);
    if (keys.sensitiveKey) this.holdSensitive(keys.sensitiveKey);
    return { db: this.db!, sensitive, legacyLayout, keyRefused };
  }

  private openWith(key: Buffer, nowIso: string): void {
    const db = openEncrypted(this.paths.db, key, this.openOptions);
    try {
      this.makePrivate();
      migrate(db, nowIso);
    } catch (e) {
      db.close();
      key.fill(0);
      throw e;
    }
    this.db = db;
    this.key = key;
  }

  /**
   * A ledger made before sealing existed has no sensitive key in any slot. The
   * first clerk or coordinator to unlock it makes one and wraps it in their own
   * slot (their password is at hand only now). Returns whether it did.
   */
  adoptSensitiveKey(slotName: string, secret: string): boolean {
    const keyring = this.keyring();
    // Not for a keyring a viewer stripped of the key (session 17 attack run, S1): its version-2 slots show it had one.
    if (keyedKeyring(keyring) || this.sensitive) return false;
    const sensitive = randomBytes(32);
    this.saveKeyring(replaceSlot(keyring, makeSlot(keyring.ledgerId, slotName, secret, { dbKey: this.currentKey(), sensitiveKey: sensitive }, this.kdf)));
    this.holdSensitive(sensitive);
    return true;
  }

  /** A new slot for `name` holding the database key, and the sensitive key unless the role is viewer. */
  slotFor(name: string, secret: string, role: Role): KeySlot {
    return this.slotHolding(name, secret, { dbKey: this.currentKey(), sensitiveKey: this.sensitiveKeyForRole(role) });
  }

  /**
   * A new slot for `name` holding `keys`. Before any holder has made the sensitive key (a viewer's password change in
   * a ledger from before sealing) in the older layout: a version-2 slot would mark the keyring as sealed and no
   * holder could make the key any more (keyedKeyring).
   */
  slotHolding(name: string, secret: string, keys: SlotKeys): KeySlot {
    if (!keyedKeyring(this.keyring()) && !keys.sensitiveKey) return makeSlotV1(name, secret, keys, this.kdf);
    return makeSlot(this.keyring().ledgerId, name, secret, keys, this.kdf);
  }

  /**
   * Seals the sensitive key to each named slot (version 2) that lacks it: a
   * promotion, or a clerk whose slot predates the key. Needs no password, only
   * a session holding the key. Returns the names given it.
   */
  grantSensitiveKey(names: readonly string[], opts: { reseal?: readonly string[] } = {}): string[] {
    if (!this.sensitive) return [];
    let keyring = this.keyring();
    const granted: string[] = [];
    let changed = false;
    for (const name of names) {
      const slot = findSlot(keyring, name);
      if (!slot || !isV2(slot)) continue;
      // `reseal`: slots that hold it already, sealed again in this version's layout (the upgrade to vouched slot keys).
      const again = slotHoldsSensitive(slot);
      if (again && !opts.reseal?.includes(name)) continue;
      keyring = replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'sensitive', this.sensitive));
      changed = true;
      if (!again) granted.push(name);
    }
    if (changed) this.saveKeyring(keyring);
    return granted;
  }

  /** Both keys while unlocked, for a rotation (keys/rotation.ts) to re-seal from. */
  heldKeys(): SlotKeys {
    return { dbKey: this.currentKey(), sensitiveKey: this.sensitive };
  }

  /**
   * Re-encrypts every page of the file under `newKey` (SQLite3MultipleCiphers'
   * rekey) in one transaction with `inTransaction`'s writes (a rotation's
   * re-sealing): the rekey commits them together, a failure before it rolls
   * them back. The library refuses a rekey in WAL mode: checkpoint, switch to
   * a rollback journal, rekey, back to WAL. No cache spill meanwhile: a page
   * spilled to the file under the new key is rolled back under the new key
   * too when the rekey then fails (disk full), leaving a file neither key
   * opens (see "Keys at rest" in electron/core/README.md). The held key
   * changes only if the rekey committed.
   */
  rekeyDatabase(newKey: Buffer, inTransaction: (w: WriteDb) => void = () => undefined): void {
    const db = this.handle();
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
    this.key?.fill(0);
    this.key = Buffer.from(newKey);
  }

  /** The keyring a rotation is about to switch to, written before the file is rekeyed (a crash then still finds the new keys). */
  stageKeyring(next: Keyring): void {
    writeKeyring(this.paths.stagedKeyring, next);
  }

  dropStagedKeyring(): void {
    rmSync(this.paths.stagedKeyring, { force: true });
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
  private settleStagedKeyring(): void {
    if (!existsSync(this.paths.stagedKeyring) || !existsSync(this.paths.keyring)) return;
    const keyring = readKeyring(this.paths.keyring);
    if (hasHotJournal(this.paths.db)) putBackJournalledSalt(this.paths.db, keyring.dbSalt);
    else {
      const salt = readHeader(this.paths.db).toString('hex');
      if (keyring.dbSalt !== salt) this.saveKeyring({ ...readKeyring(this.paths.stagedKeyring), dbSalt: salt });
    }
    this.dropStagedKeyring();
  }

  /** After a rotation wrote the keyring: the new sensitive key is the one held (sealer included). */
  replaceSensitiveKey(newKey: Buffer): void {
    this.dropSensitive();
    this.holdSensitive(Buffer.from(newKey));
  }

  /** The sensitive key to wrap in a new slot for this role: never for a viewer. */
  sensitiveKeyForRole(role: Role): Buffer | null {
    return role === 'viewer' ? null : this.sensitive;
  }

  /** Seals and opens with the sensitive key; null while no slot holding it has been opened. */
  sealer(): Sealer | null {
    return this.sealerForKey;
  }

  private holdSensitive(key: Buffer): void {
    if (this.sensitive) {
      key.fill(0);
      return;
    }
    this.sensitive = key;
    this.sealerForKey = makeSealer(key);
  }

  private dropSensitive(): void {
    this.sensitive?.fill(0);
    this.sensitive = null;
    this.sealerForKey = null;
  }

  /** The database key while unlocked (for wrapping new slots). */
  currentKey(): Buffer {
    if (!this.key) throw new AppError('LOCKED', '台账已锁定，请先输入密码解锁。');
    return this.key;
  }

  handle(): Database {
    if (!this.db) throw new AppError('LOCKED', '台账已锁定，请先输入密码解锁。');
    return this.db;
  }

  isOpen(): boolean {
    return this.db !== null;
  }

  /** Closes the handle and overwrites the key in memory (as far as Node allows). */
  close(): void {
    if (this.db) {
      try {
        this.db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // closing matters more than checkpointing
      }
      this.db.close();
      this.db = null;
    }
    if (this.key) {
      this.key.fill(0);
      this.key = null;
    }
    this.dropSensitive();
  }
}
