/**
 * The ledger on disk: `taizhang.db` (SQLCipher-encrypted SQLite) and
 * `taizhang.keyring.json` beside it. This class owns the one open handle
 * and the key while anyone is unlocked; it never deletes a file.
 */
import { existsSync } from 'node:fs';
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
  openSlot,
  readKeyring,
  replaceSlot,
  sameBytes,
  writeKeyring,
  type Keyring,
  type ScryptParams,
} from './keyring';
import { isV2, type KeyRefusal, type KeySlot, type RetiredPassword, type SlotKeys } from './keyslot';
import { keyRefusal, pinnedAtUnlock, pinnedToHeld, pinOnly, type KeyJudge } from './ledger-pins';
import type { Sealer } from './sealer';
import type { Role } from '../contract';
import { HeldSensitiveKey } from './held-sensitive-key';
import { ledgerPaths, writeMeta, type LedgerPaths } from './ledger-files';
import { slotHoldingKeys, withSensitiveKeyGranted } from './ledger-slots';
import { coordinatorKeyTestHooks } from './keyslot-coordinator';
import { diagnoseLedgerFile, openEncrypted, readHeader, type OpenOptions } from './open';
import { migrate, type MigrationAuditor } from './migrate';
import { dropStagedKeyring as removeStagedKeyring, rekeyFile, settleStagedKeyring } from './rekey';
import { asWriteDb, type Database, type WriteDb } from './types';

export class Ledger {
  readonly paths: LedgerPaths;
  private db: Database | null = null;
  private key: Buffer | null = null;
  /** The sensitive key, once a slot that holds it has been opened; and its sealer. */
  private readonly sensitive = new HeldSensitiveKey();
  /** The coordinator key (db/keyslot-coordinator.ts), once a coordinator's sign-in counted it (auth/session-start.ts). */
  private coordinator: Buffer | null = null;
  constructor(
    dir: string,
    readonly openOptions: OpenOptions = {},
    readonly kdf: ScryptParams = DEFAULT_KDF,
    /** Audits what a migration changes in users' records (audit/migration-audit.ts); none: such a migration is refused. */
    readonly auditMigration: MigrationAuditor | null = null,
  ) {
    this.paths = ledgerPaths(dir);
  }

  isInitialized(): boolean {
    return existsSync(this.paths.db) || existsSync(this.paths.keyring);
  }

  /** Problems visible before any password: missing keyring, a plain file, truncation, a foreign keyring. */
  problem(): LedgerProblem | null {
    if (!this.db) settleStagedKeyring(this.paths);
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
    const coordinator = coordinatorKeyTestHooks.make ? randomBytes(32) : null;
    const db = openEncrypted(this.paths.db, key, this.openOptions);
    // Before the first page is written: SQLite gives the WAL and shared-memory files the database file's mode.
    this.makePrivate();
    migrate(db, nowIso, undefined, this.auditMigration);
    db.pragma('wal_checkpoint(TRUNCATE)');
    let keyring = newKeyring();
    keyring = { ...keyring, dbSalt: readHeader(this.paths.db).toString('hex') };
    // The first user is the coordinator: their slot and the recovery slot hold the sensitive key and the coordinator key.
    const keys = { dbKey: key, sensitiveKey: sensitive, coordinatorKey: coordinator };
    keyring.slots.push(makeSlot(keyring.ledgerId, firstUser, password, keys, this.kdf), makeSlot(keyring.ledgerId, '#recovery', recoveryKey, keys, this.kdf));
    this.saveKeyring(keyring);
    writeMeta(asWriteDb(db), 'ledger_id', keyring.ledgerId);
    this.db = db;
    this.key = key;
    this.sensitive.hold(sensitive);
    this.coordinator = coordinator;
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
    judge: KeyJudge = pinOnly,
    pinNow = true,
  ): {
    db: Database;
    sensitive: boolean;
    legacyLayout: boolean;
    keyRefused: KeyRefusal | null;
    pinsNoKey: boolean;
    coordinatorKey: Buffer | null;
    coordinatorRotation?: 'vouched' | 'unvouched';
  } | null {
    const problem = this.problem();
    if (problem) throw new AppError(problem.code, problem.message);
    const keyring = this.keyring();
    const slot = findSlot(keyring, slotName);
    // Run the KDF even for an unknown name so timing does not reveal which names exist.
    const opened = openSlot(keyring.ledgerId, slot ?? { ...keyring.slots[0]!, name: slotName }, secret, keyring.coordinatorLineage);
    if (!slot || !opened) {
      for (const b of [opened?.kek, opened?.dbKey, opened?.sensitiveKey, opened?.coordinatorKey]) b?.fill(0);
      return null;
    }
    const { kek, pin, pinBroken, coordinatorKey: slotCoordinatorKey, coordinatorRotation, ...keys } = opened;
    try {
      if (!this.db) this.openWith(keys.dbKey, nowIso);
      // Only a key that counts (db/ledger-pins.ts) is held for every session, or goes into a converted or pinned slot.
      const missedRotation = isV2(slot) && slot.pinStale === true;
      const keyRefused =
        keys.sensitiveKey === null ? null : keyRefusal(this.db!, keys.sensitiveKey, pin, pinBroken === true, this.sensitive, judge, missedRotation);
      if (keyRefused) {
        keys.sensitiveKey!.fill(0);
        keys.sensitiveKey = null;
      }
      const sensitive = keys.sensitiveKey !== null;
      // The sensitive key as an older version sealed it (or a version-1 slot): the upgrade's trust on first use may run (auth/slot-keys.ts).
      const legacyLayout = sensitive && keys.legacyLayout === true;
      // Only now, with the file open under this key: a version-1 slot becomes a pinned slot holding the same keys.
      // Under the slot's own name, not the form typed (「ZHANG」 opens zhang's slot and leaves it zhang's).
      // Not before a holder has made the sensitive key: a key-pair slot in the file says the ledger is sealed (keyedKeyring).
      if (!isV2(slot) && keyedKeyring(keyring) && !keyRefused)
        this.saveKeyring(replaceSlot(keyring, makeSlot(keyring.ledgerId, slot.name, secret, keys, this.kdf)));
      else if (isV2(slot) && !keyRefused && !pinBroken && pinNow) {
        const pinned = pinnedAtUnlock(keyring, slot, kek, pin, keys.sensitiveKey);
        if (pinned) this.saveKeyring(pinned);
      }
      if (this.key !== keys.dbKey) keys.dbKey.fill(0);
      if (keys.sensitiveKey) this.sensitive.hold(keys.sensitiveKey);
      // The coordinator key only beside a sensitive key that counts, and only the one held already, if any: the caller
      // checks the coordinators' list under it (auth/session-start.ts) before it is held.
      if (!sensitive) slotCoordinatorKey?.fill(0);
      const coordinatorKey = sensitive ? this.coordinatorKeyOrNull(slotCoordinatorKey ?? null) : null;
      // The holder's password pins no key (version 3): a key granted to this slot later never counts (db/ledger-pins.ts).
      return {
        db: this.db!,
        sensitive,
        legacyLayout,
        keyRefused,
        pinsNoKey: pin === null && pinBroken !== true,
        coordinatorKey,
        ...(coordinatorRotation ? { coordinatorRotation } : {}),
      };
    } finally {
      kek.fill(0);
    }
  }

  private coordinatorKeyOrNull(key: Buffer | null): Buffer | null {
    if (!key || !this.coordinator || sameBytes(this.coordinator, key)) return key;
    key.fill(0);
    return null;
  }

  /** The coordinator key held (a coordinator's sign-in counted it), or null. */
  coordinatorKey(): Buffer | null {
    return this.coordinator;
  }

  /** Holds `key` (a copy) as the coordinator key, replacing any held (a rotation's new one). */
  holdCoordinatorKey(key: Buffer): void {
    this.coordinator?.fill(0);
    this.coordinator = Buffer.from(key);
  }

  /** After `unlock` with `pinNow` false, once the caller knows it goes ahead (a recovery): the slot pinned to the key held. */
  pinSlotToHeldKey(slotName: string, secret: string): void {
    const pinned = pinnedToHeld(this.keyring(), slotName, secret, this.sensitive);
    if (pinned) this.saveKeyring(pinned);
  }

  private openWith(key: Buffer, nowIso: string): void {
    const db = openEncrypted(this.paths.db, key, this.openOptions);
    try {
      this.makePrivate();
      migrate(db, nowIso, undefined, this.auditMigration);
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
    if (keyedKeyring(keyring) || this.sensitive.isHeld()) return false;
    const sensitive = randomBytes(32);
    this.saveKeyring(replaceSlot(keyring, makeSlot(keyring.ledgerId, slotName, secret, { dbKey: this.currentKey(), sensitiveKey: sensitive }, this.kdf)));
    this.sensitive.hold(sensitive);
    return true;
  }

  /**
   * A new slot for `name` holding the database key, the sensitive key unless the role is viewer, and for a coordinator
   * `coordinatorKey` (auth/coordinator-key.ts); `retired`: the password history it carries.
   */
  slotFor(name: string, secret: string, role: Role, retired: readonly RetiredPassword[] = [], coordinatorKey: Buffer | null = null): KeySlot {
    const keys = { dbKey: this.currentKey(), sensitiveKey: this.sensitiveKeyForRole(role), coordinatorKey: role === 'coordinator' ? coordinatorKey : null };
    return this.slotHolding(name, secret, keys, undefined, retired);
  }

  /** A new slot for `name` holding `keys` (db/ledger-slots.ts says in which layout). */
  slotHolding(name: string, secret: string, keys: SlotKeys, pinned: Buffer | null = keys.sensitiveKey, retired: readonly RetiredPassword[] = []): KeySlot {
    return slotHoldingKeys(this.keyring(), name, secret, keys, this.kdf, pinned, retired);
  }

  /**
   * Seals the sensitive key to each named slot (version 2) that lacks it: a
   * promotion, or a clerk whose slot predates the key. Needs no password, only
   * a session holding the key. Returns the names given it.
   */
  grantSensitiveKey(names: readonly string[], opts: { reseal?: readonly string[] } = {}): string[] {
    const sensitive = this.sensitive.current();
    if (!sensitive) return [];
    const { keyring, granted, changed } = withSensitiveKeyGranted(this.keyring(), names, sensitive, opts.reseal);
    if (changed) this.saveKeyring(keyring);
    return granted;
  }

  /** Both keys while unlocked, for a rotation (keys/rotation.ts) to re-seal from. */
  heldKeys(): SlotKeys {
    return { dbKey: this.currentKey(), sensitiveKey: this.sensitive.current() };
  }

  /**
   * Re-encrypts the open file under `newKey` together with `inTransaction`'s
   * writes (db/rekey.ts). The held key changes only if the rekey committed.
   */
  rekeyDatabase(newKey: Buffer, inTransaction: (w: WriteDb) => void = () => undefined): void {
    rekeyFile(this.handle(), newKey, inTransaction);
    this.key?.fill(0);
    this.key = Buffer.from(newKey);
  }

  /** The keyring a rotation is about to switch to, written before the file is rekeyed (a crash then still finds the new keys). */
  stageKeyring(next: Keyring): void {
    writeKeyring(this.paths.stagedKeyring, next);
  }

  dropStagedKeyring(): void {
    removeStagedKeyring(this.paths);
  }

  /** After a rotation wrote the keyring: the new sensitive key is the one held (sealer included). */
  replaceSensitiveKey(newKey: Buffer): void {
    this.sensitive.replace(newKey);
  }

  /** The sensitive key to wrap in a new slot for this role: never for a viewer. */
  sensitiveKeyForRole(role: Role): Buffer | null {
    return role === 'viewer' ? null : this.sensitive.current();
  }

  /** Seals and opens with the sensitive key; null while no slot holding it has been opened. */
  sealer(): Sealer | null {
    return this.sensitive.sealer();
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
    this.sensitive.drop();
    this.coordinator?.fill(0);
    this.coordinator = null;
  }
}
