/**
 * The ledger on disk: `taizhang.db` (SQLCipher-encrypted SQLite) and
 * `taizhang.keyring.json` beside it. This class owns the one open handle
 * and the key while anyone is unlocked; it never deletes a file.
 */
import { existsSync } from 'node:fs';
import { AppError } from '../errors';
import type { LedgerProblem } from './ledger-problem.shared';
import { noteKeyringWritten } from './recovery-slot-witness';
import { DEFAULT_KDF, findSlot, readKeyring, writeKeyring, type Keyring, type ScryptParams } from './keyring';
import { SLOT_LAYOUT, type KeySlot, type RetiredPassword, type SlotKeys, type SlotLayout } from './keyslot';
import { pinnedToHeld, pinOnly, type KeyJudge } from './ledger-pins';
import type { NewSecret } from './slot-wrap';
import { dropSlot, judgeKey, openSlot, type OpenedSlot, type UnlockSite, type Unlocked } from './ledger-unlock';
import type { Sealer } from './sealer';
import type { Role } from '../contract';
import { HeldSensitiveKey } from './held-sensitive-key';
import { HeldCoordinatorKey } from './held-coordinator-key';
import { ledgerPaths, makeLedgerPrivate, ownFilesOf, type LedgerPaths } from './ledger-files';
import { createLedgerFiles } from './ledger-create';
import { slotHoldingKeys, withSensitiveKeyAdopted, withSensitiveKeyGranted } from './ledger-slots';
import { COORDINATOR_KEYS, type CoordinatorKeyMode } from './keyslot-coordinator';
import { openEncrypted, type OpenOptions } from './open';
import { ledgerProblem } from './ledger-problem';
import { dropPlannerStatistics } from './planner-stats';
import { refuseForeignSchema } from './program-schema';
import type { ContentsChecked } from './ledger-contents';
import { OpenedFileRecord } from './ledger-opened-file';
import { migrate, type MigrationAuditor } from './migrate';
import { dropStagedKeyring as removeStagedKeyring, rekeyFile, settleStagedKeyring } from './rekey';
import type { Database, WriteDb } from './types';

export class Ledger {
  readonly paths: LedgerPaths;
  private db: Database | null = null;
  private key: Buffer | null = null;
  /** The sensitive key, once a slot that holds it has been opened; and its sealer. */
  private readonly sensitive = new HeldSensitiveKey();
  /** The coordinator key, once a coordinator's sign-in counted it (db/held-coordinator-key.ts). */
  private readonly coordinator = new HeldCoordinatorKey();
  private opening = 0; // `openSlot`s under way (`isUnlocking`)
  /** Which file was opened, its digest then, and whether its indexes are known to match its tables (db/ledger-opened-file.ts). */
  private readonly opened: OpenedFileRecord;
  constructor(
    dir: string,
    readonly openOptions: OpenOptions = {},
    readonly kdf: ScryptParams = DEFAULT_KDF,
    /** Audits what a migration changes in users' records (audit/migration-audit.ts); none: such a migration is refused. */
    readonly auditMigration: MigrationAuditor | null = null,
    /** Tests alone pass another (db/keyslot-coordinator.ts). */
    readonly coordinatorKeys: CoordinatorKeyMode = COORDINATOR_KEYS,
    /** Tests alone pass another (db/keyslot.ts SlotLayout). */
    readonly slotLayout: SlotLayout = SLOT_LAYOUT,
  ) {
    this.paths = ledgerPaths(dir);
    this.opened = new OpenedFileRecord(this.paths);
  }

  isInitialized(): boolean {
    return existsSync(this.paths.db) || existsSync(this.paths.keyring);
  }

  /** Problems visible before any password: missing keyring, a plain file, truncation, a foreign keyring. */
  problem(): LedgerProblem | null {
    if (!this.db) settleStagedKeyring(this.paths);
    return ledgerProblem(this.paths);
  }

  /** Every file of this ledger; nothing the core writes for a user may land on one. */
  ownFiles(): string[] {
    return ownFilesOf(this.paths);
  }

  keyring(): Keyring {
    return readKeyring(this.paths.keyring);
  }

  saveKeyring(k: Keyring): void {
    let before: Keyring | null = null;
    try {
      before = this.keyring();
    } catch {
      // Unreadable: whatever slot it held is not one the program made (recovery-slot-witness.ts).
    }
    writeKeyring(this.paths.keyring, k, this.slotLayout);
    noteKeyringWritten(before, this.keyring());
  }

  /** Creates a new empty ledger with the first user's slot and a recovery slot (db/ledger-create.ts). */
  create(firstUser: string, password: string, recoveryKey: string, nowIso: string): Database {
    if (this.isInitialized()) throw new AppError('CONFLICT', '这个文件夹里已经有台账了，不能重复初始化。');
    const made = createLedgerFiles(this, firstUser, password, recoveryKey, nowIso);
    this.db = made.db;
    this.key = made.key;
    this.sensitive.hold(made.sensitive);
    this.coordinator.take(made.coordinator);
    this.opened.made();
    return made.db;
  }

  /**
   * Unwraps the keys with a slot's secret and opens the database if it is not open yet; null for a wrong secret (or
   * unknown slot), opening nothing. The key it opened is judged by `judgeKey` (db/ledger-unlock.ts says why two steps).
   */
  openSlot(slotName: string, secret: string, nowIso: string): Promise<OpenedSlot | null> {
    this.opening += 1;
    return openSlot(this.site(), slotName, secret, nowIso).finally(() => void (this.opening -= 1));
  }

  /** An `openSlot` is running its scrypt (the file not open yet): another ledger folder must not be opened meanwhile. */
  isUnlocking(): boolean {
    return this.opening > 0;
  }

  /** Whether the sensitive key `opened` holds counts (the sealed data asked in steps), and what follows: pins, keys held. */
  judgeKey(opened: OpenedSlot, judge: KeyJudge = pinOnly, pinNow = true): Promise<Unlocked> {
    return judgeKey(this.site(), opened, judge, pinNow);
  }

  /** An opened slot not gone on with: its keys overwritten. */
  dropSlot(opened: OpenedSlot): void {
    dropSlot(this.site(), opened);
  }

  /** Both steps at once (tools, tests): null for a wrong secret. */
  async unlock(slotName: string, secret: string, nowIso: string, judge: KeyJudge = pinOnly, pinNow = true): Promise<Unlocked | null> {
    const opened = await this.openSlot(slotName, secret, nowIso);
    return opened ? this.judgeKey(opened, judge, pinNow) : null;
  }

  private site(): UnlockSite {
    return {
      kdf: this.kdf,
      slotLayout: this.slotLayout,
      problem: () => this.problem(),
      keyring: () => this.keyring(),
      saveKeyring: (k) => this.saveKeyring(k),
      openUnder: (key, nowIso) => {
        if (!this.db) this.openWith(key, nowIso);
        return this.db!;
      },
      handle: () => this.db,
      dbKey: () => this.key,
      sensitive: this.sensitive,
      coordinatorKeyOrNull: (key) => this.coordinator.admit(key),
    };
  }

  /** The coordinator key held (a coordinator's sign-in counted it), or null. */
  coordinatorKey(): Buffer | null {
    return this.coordinator.current();
  }

  /** Holds `key` (a copy) as the coordinator key, replacing any held (a rotation's new one). */
  holdCoordinatorKey(key: Buffer): void {
    this.coordinator.hold(key);
  }

  /**
   * After `unlock` with `pinNow` false, once the caller knows it goes ahead (a recovery): the slot pinned to the key
   * held, its scrypt run off the core thread; null when it needs no new pin. Not saved: the caller writes it with the
   * rest of its change, in one write after its last await (auth/recover.ts).
   */
  async slotPinnedToHeldKey(slotName: string, secret: string): Promise<KeySlot | null> {
    const pinned = await pinnedToHeld(() => this.keyring(), slotName, secret, this.sensitive, this.slotLayout);
    return pinned ? (findSlot(pinned, slotName) ?? null) : null;
  }

  private openWith(key: Buffer, nowIso: string): void {
    const db = openEncrypted(this.paths.db, key, this.openOptions, true);
    try {
      this.opened.opened();
      makeLedgerPrivate(this.paths);
      migrate(db, nowIso, undefined, this.auditMigration);
      dropPlannerStatistics(db);
      refuseForeignSchema(db, 'ledger', this.openOptions.nativeBinding);
    } catch (e) {
      db.close();
      key.fill(0);
      throw e;
    }
    this.db = db;
    this.key = key;
  }

  /** A ledger from before sealing: the first clerk or coordinator to unlock it makes the sensitive key (db/ledger-slots.ts). */
  adoptSensitiveKey(slotName: string, secret: string): boolean {
    if (this.sensitive.isHeld()) return false;
    const adopted = withSensitiveKeyAdopted(this.keyring(), slotName, secret, () => this.currentKey(), this.kdf, this.slotLayout);
    if (!adopted) return false;
    this.saveKeyring(adopted.keyring);
    this.sensitive.hold(adopted.sensitive);
    return true;
  }

  /**
   * A new slot for `name` holding the database key, the sensitive key unless the role is viewer, and for a coordinator
   * `coordinatorKey` (auth/coordinator-key.ts); `retired`: the password history it carries.
   */
  slotFor(name: string, secret: string | NewSecret, role: Role, retired: readonly RetiredPassword[] = [], coordinatorKey: Buffer | null = null): KeySlot {
    const keys = { dbKey: this.currentKey(), sensitiveKey: this.sensitiveKeyForRole(role), coordinatorKey: role === 'coordinator' ? coordinatorKey : null };
    return this.slotHolding(name, secret, keys, undefined, retired);
  }

  /** A new slot for `name` holding `keys` (db/ledger-slots.ts says in which layout). */
  slotHolding(
    name: string,
    secret: string | NewSecret,
    keys: SlotKeys,
    pinned: Buffer | null = keys.sensitiveKey,
    retired: readonly RetiredPassword[] = [],
  ): KeySlot {
    return slotHoldingKeys(this.keyring(), name, secret, keys, this.kdf, pinned, retired, this.slotLayout);
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
    writeKeyring(this.paths.stagedKeyring, next, this.slotLayout);
    noteKeyringWritten(this.keyring(), readKeyring(this.paths.stagedKeyring));
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

  /**
   * At the first sign-in holding the sensitive key after the open: the file is the one this program closed, or its
   * indexes are checked against its tables (db/ledger-contents.ts). Throws LEDGER_DAMAGED; nothing for a viewer.
   */
  checkContents(): void {
    const sealer = this.sensitive.sealer();
    if (this.opened.checkedBy() || !sealer || !this.db) return;
    this.opened.check(this.db, this.keyring().ledgerId, sealer);
  }

  /** How the open file was found sound: made here, by the note this program left at close, by the full check, or not yet. */
  contentsCheckedBy(): ContentsChecked {
    return this.opened.checkedBy();
  }

  /** Closes the handle and overwrites the key in memory (as far as Node allows); notes the file as closed when it can. */
  close(): void {
    if (this.db) {
      this.opened.beforeClose(this.db, () => this.keyring().ledgerId, this.sensitive.sealer());
      this.db.close();
      this.db = null;
      this.opened.forget();
    }
    if (this.key) {
      this.key.fill(0);
      this.key = null;
    }
    this.sensitive.drop();
    this.coordinator.drop();
  }
}
