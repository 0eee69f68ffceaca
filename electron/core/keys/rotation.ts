/**
 * Key rotation: after a user is disabled or made a viewer (they knew the
 * keys), or when a coordinator asks 「更换密钥」. A new database key and a new
 * sensitive key; every sealed column (sealed-columns.ts) re-sealed (reseal.ts) and every
 * keyed index recomputed; the file rekeyed; every remaining slot rewrapped
 * through its public key (no passwords); the keyring written last.
 *
 * All or nothing: the keyring file is the switch. Until it is written the old
 * keys are the ones every slot holds, so each step before it is undone when a
 * later one fails (rotation-undo.ts: rekey back, re-seal back, key history and the new slots' statements put back), and the
 * ledger opens with the old keys as before. After it the rotation stands: a step
 * that fails then is said in the reply, not thrown (keys/after-switch.ts). Retired sensitive keys go into the
 * key history (key-history.ts) for old audit payloads.
 *
 * Pins (electron/core/README.md "Pins"): a slot's pin can be re-made only with
 * its holder's password, and a pin naming the retired key is refused at every
 * unlock from now on (session 20 attack run, W1). So the rotating coordinator's
 * own slot is made anew here (new salt, new key pair) with a NEW password,
 * pinned to the new key: a keyring put back from the leaver's copy holds their
 * slot as it was, which only the old password opens (session 21 attack run,
 * R1: inside a folder the leaver can rewrite, only what is not in it can tell
 * a rollback from the real thing). A new recovery key is made (shown once),
 * and every other slot given the new sensitive key is marked `pinStale`: its
 * holder works as a viewer until a coordinator resets their password.
 */
import { linksAfterRotation } from '../db/coordinator-lineage';
import { randomBytes, randomUUID } from 'node:crypto';
import { AppError } from '../errors';
import type { Ledger } from '../db/ledger';
import { findSlot, hasSensitiveKey, legacySlots, makeSlot, replaceSlot, RECOVERY_SLOT, type Keyring } from '../db/keyring';
import { isV2, openSlot, resealSlot, slotHoldsSensitive, type KeySlotV2, type ScryptParams } from '../db/keyslot';
import { slotHoldingKeys } from '../db/ledger-slots';
import { historyOf } from '../db/password-history';
import { readHeader } from '../db/open';
import type { WriteDb } from '../db/types';
import { asWriteDb } from '../db/types';
import type { SealedColumn } from './sealed-columns';
import { makeSealer, type Sealer } from '../db/sealer';
import type { RowBinding } from '../db/row-binding';
import { resealAndRebind } from './reseal';
import { AfterSwitch, type UnfinishedStep } from './after-switch';
import { retiredBefore, undo } from './rotation-undo';
import { readKeyHistoryRaw, writeKeyHistory } from './key-history';

/** Places a test can make a rotation fail, to prove the undo (never set by the app). */
export interface RotationFaults {
  afterReseal?: () => void;
  afterRekey?: () => void;
  beforeKeyring?: () => void;
  /** Stands for the process stopping right after the switch: nothing after it runs (auth/stopped-rotation.ts settles that). */
  afterSwitch?: () => void;
}

export interface RotationDone {
  /** Sealed values re-sealed (index columns not counted). */
  resealed: number;
  /** Slots rewrapped, recovery included. */
  slots: string[];
  sensitiveKeyRotated: boolean;
  /** Slots given the new sensitive key whose pin still names the retired one (`pinStale`): a password reset each. */
  pinStale: string[];
  /** The new recovery key (shown once) when the rotation made the recovery slot afresh (`newRecovery`), else null. */
  recoveryKey: string | null;
  /** Steps after the switch that failed (keys/after-switch.ts): the rotation stands, the reply says what they mean. */
  unfinished: UnfinishedStep[];
}

/** Names a rotation would lock out: slots still in the version-1 layout (their users have not unlocked since the upgrade). */
export function rotationBlockers(keyring: Keyring): string[] {
  return legacySlots(keyring);
}

export interface RotationOptions {
  nowIso: string;
  /** Appends the audit row inside the transaction it is given. */
  audit: (w: WriteDb, after: Record<string, unknown>) => void;
  /** After the keyring is written: whatever is keyed from the database key follows (the unlock throttle's file). */
  onDbKeyChanged?: (oldKey: Buffer, newKey: Buffer) => void;
  faults?: RotationFaults;
  /** The version-1 slots to wait for (auth/keys.ts rotationWaitsFor: not those of no enabled user); all of them when not given. */
  waitFor?: readonly string[];
  /** Tables whose rows are bound to their sealed values: their MACs are recomputed under the new key (sealed-columns.ts ROW_BINDINGS). */
  bindings?: readonly RowBinding[];
  /**
   * Which slots get the new keys (auth/keys.ts: enabled users and the recovery slot; the sensitive key to vouched
   * clerks and coordinators). A slot left out is dropped. Never decided from the keyring alone: whoever's password
   * opens the database can add a slot or a `keys.sensitive` entry to it (session 15 attack run, K2/K3).
   */
  entitled?: (slotName: string) => { db: boolean; sensitive: boolean; coordinator?: boolean };
  /**
   * The coordinator key (issue 19, CR1): when the ledger has one, a new one is made, sealed to the slots `entitled`
   * says (`coordinator`), and `writeList` re-MACs the coordinators' list under the key it is given, inside the rekey's
   * transaction (and under `held`, the old key, in its undo).
   */
  coordinator?: { held: Buffer; writeList: (w: WriteDb, key: Buffer) => void };
  /**
   * The rotating user's slot, their password and the new one: the slot is made anew for `newSecret`, pinned to the new
   * sensitive key (a wrong password, or a new one that is the old, changes nothing).
   */
  pinHolder?: { slotName: string; secret: string; newSecret: string };
  /** A new recovery key: the recovery slot is made afresh for it, pinned to the new key (its holder cannot be asked at rotation time). */
  newRecovery?: { secret: string; kdf: ScryptParams };
  /**
   * The slots this rotation made (the new recovery slot, the rotating user's own): `write` vouches for their public keys
   * under the new key inside the rekey's transaction, so nothing after the switch is needed for them to read as the
   * program's own (S33-A3); `restore` puts the statements back as they were, in the undo's.
   */
  vouchNew?: { write: (tx: WriteDb, sealer: Sealer, next: Keyring) => void; restore: (tx: WriteDb) => void };
  /** Just before the first write, with the new keyring's id and the new key's sealer: what must be noted outside the folder before the switch (auth/retired-here.ts `RotationUnderWay`). */
  beforeSwitch?: (keyId: string, next: Sealer | null) => void;
  /** Runs the steps after the switch (keys/after-switch.ts), the caller's own after them too; made here when not given. */
  steps?: AfterSwitch;
}

/** The rotating user's password checked against their slot (one scrypt run), and the new one told apart from it; refused before anything is written. */
function checkHolder(keyring: Keyring, holder: RotationOptions['pinHolder']): void {
  if (!holder) return;
  const slot = findSlot(keyring, holder.slotName);
  const opened = slot && isV2(slot) ? openSlot(keyring.ledgerId, slot, holder.secret) : null;
  if (!opened) throw new AppError('WRONG_PASSWORD', '「您的密码」不正确，密钥没有更换。', { fields: ['password'] });
  for (const b of [opened.kek, opened.dbKey, opened.sensitiveKey]) b?.fill(0);
  // The handlers tried the new one on the slot already (auth/keys.ts confirmRotationPasswords): this only keeps the rule here too.
  if (holder.newSecret === holder.secret) throw new AppError('BAD_INPUT', '新密码不能与现在的密码相同，密钥没有更换。', { fields: ['newPassword'] });
}

/** The keyring's signed links with this rotation's added (db/coordinator-lineage.ts, CR1-Q): made with the key it retires. */
function lineageAfter(keyring: Keyring, held: Buffer | undefined, next: Buffer | null): Pick<Keyring, 'coordinatorLineage'> {
  if (!held || !next) return {};
  return { coordinatorLineage: linksAfterRotation(keyring.ledgerId, keyring.coordinatorLineage, held, next) };
}

export function rotateKeys(ledger: Ledger, columns: readonly SealedColumn[], opts: RotationOptions): RotationDone {
  const { audit, nowIso, faults = {}, bindings = [] } = opts;
  const keyring = ledger.keyring();
  const blockers = opts.waitFor ?? rotationBlockers(keyring);
  if (blockers.length > 0) throw blockedError(blockers);
  const rotateSensitive = hasSensitiveKey(keyring);
  const oldSealer = ledger.sealer();
  if (rotateSensitive && !oldSealer)
    throw new AppError(
      'FORBIDDEN',
      '更换密钥需要能解开加密信息的统筹负责人账号登录（本次登录没有取得敏感信息密钥）。请用持有该密钥的统筹负责人账号重新登录后再试。',
    );
  const oldDbKey = Buffer.from(ledger.currentKey());
  const newDbKey = randomBytes(32);
  const newSensitive = rotateSensitive ? randomBytes(32) : null;
  const newSealer = newSensitive ? makeSealer(newSensitive) : null;
  const newCoordinator = opts.coordinator ? randomBytes(32) : null;
  const entitled: NonNullable<RotationOptions['entitled']> = opts.entitled ?? (() => ({ db: true, sensitive: true, coordinator: true }));
  const remade = (name: string) => name === RECOVERY_SLOT && opts.newRecovery !== undefined;
  const slots = keyring.slots.flatMap((s) => (isV2(s) && !remade(s.name) && entitled(s.name).db ? [s] : []));
  // Everything that needs no write first: a failure here changes nothing.
  const keyId = randomUUID();
  let next: Keyring = { ...keyring, keyId, slots: [], ...lineageAfter(keyring, opts.coordinator?.held, newCoordinator) };
  const pinStale: string[] = [];
  checkHolder(keyring, opts.pinHolder);
  const holder = opts.pinHolder;
  const holderSlot = holder ? findSlot(keyring, holder.slotName)?.name : undefined;
  for (const s of slots) {
    const sensitiveKey = slotHoldsSensitive(s) && entitled(s.name).sensitive ? newSensitive : null;
    const keys = { dbKey: newDbKey, sensitiveKey, coordinatorKey: sensitiveKey && entitled(s.name).coordinator ? newCoordinator : null };
    // The rotating user's slot: made anew for their new password (new salt, new key pair), pinned to the new key.
    // It carries the checks of the passwords before (db/password-history.ts): the one just retired first (issue 19, R1b).
    const own =
      holder && s.name === holderSlot
        ? slotHoldingKeys(keyring, s.name, holder.newSecret, keys, ledger.kdf, keys.sensitiveKey, historyOf(keyring.ledgerId, s), ledger.slotLayout)
        : null;
    if (own) {
      next = replaceSlot(next, own);
      continue;
    }
    const resealed = resealSlot(keyring.ledgerId, s, keys);
    // Only a pinned slot is refused the new key (an older layout pins nothing: its holder's next unlock pins it).
    const stale = sensitiveKey !== null && resealed.v === 3;
    if (stale) pinStale.push(s.name);
    next = replaceSlot(next, stale ? ({ ...resealed, pinStale: true } satisfies KeySlotV2) : resealed);
  }
  if (opts.newRecovery)
    next = replaceSlot(
      next,
      makeSlot(
        keyring.ledgerId,
        RECOVERY_SLOT,
        opts.newRecovery.secret,
        { dbKey: newDbKey, sensitiveKey: newSensitive, coordinatorKey: newCoordinator },
        opts.newRecovery.kdf,
        newSensitive,
        [],
        ledger.slotLayout,
      ),
    );

  const db = ledger.handle();
  const w = asWriteDb(db);
  const historyBefore = readKeyHistoryRaw(db);
  const slotNames = next.slots.map((s) => s.name);
  let resealed = 0;
  let damaged: Record<string, number[]> = {};
  let historyDamaged = false;
  opts.beforeSwitch?.(keyId, newSealer);
  // The re-sealing and the rekey commit as one transaction; the staged keyring lets a crash after it find the new keys.
  ledger.stageKeyring(next);
  let committed = false;
  try {
    ledger.rekeyDatabase(newDbKey, (tx) => {
      if (oldSealer && newSealer && newSensitive) {
        ({ resealed, damaged } = resealAndRebind(tx, columns, bindings, oldSealer, newSealer));
        const retired = { key: ledger.heldKeys().sensitiveKey!.toString('hex'), retiredAt: nowIso };
        const earlier = retiredBefore(tx, oldSealer);
        historyDamaged = earlier === null;
        writeKeyHistory(tx, newSealer, [retired, ...(earlier ?? [])]);
        opts.vouchNew?.write(tx, newSealer, next);
      }
      if (newCoordinator) opts.coordinator!.writeList(tx, newCoordinator);
      audit(tx, {
        keysRotated: 'started',
        resealed,
        slots: slotNames,
        // The list of retired keys is kept from here on: its absence later is a loss to say (key-history-finding.ts).
        ...(newSealer ? { keyHistoryKept: true } : {}),
        ...(Object.keys(damaged).length > 0 ? { damagedRows: damaged } : {}),
        ...(historyDamaged ? { keyHistoryDamaged: true } : {}),
      });
      faults.afterReseal?.();
    });
    committed = true;
    faults.afterRekey?.();
    next = { ...next, dbSalt: readHeader(ledger.paths.db).toString('hex') };
    faults.beforeKeyring?.();
    ledger.saveKeyring(next);
    faults.afterSwitch?.();
  } catch (e) {
    if (committed && ledger.keyring().keyId !== next.keyId) {
      undo(ledger, oldDbKey, columns, bindings, newSealer, oldSealer, historyBefore, (tx, after) => {
        if (opts.coordinator) opts.coordinator.writeList(tx, opts.coordinator.held);
        if (newSealer) opts.vouchNew?.restore(tx);
        audit(tx, after);
      });
    }
    for (const b of [newCoordinator, oldDbKey, newDbKey]) b?.fill(0);
    ledger.dropStagedKeyring();
    throw e;
  }
  // The switch is made and stands: the new keys are held before anything else, so nothing after is sealed under the
  // retired one; then each step on its own, a failure said, not thrown (keys/after-switch.ts).
  if (newSensitive) ledger.replaceSensitiveKey(newSensitive);
  if (newCoordinator) ledger.holdCoordinatorKey(newCoordinator);
  for (const b of [newSensitive, newCoordinator]) b?.fill(0);
  const steps = opts.steps ?? new AfterSwitch();
  steps.run('stagedKeyring', () => ledger.dropStagedKeyring());
  steps.run('throttle', () => opts.onDbKeyChanged?.(oldDbKey, newDbKey));
  oldDbKey.fill(0);
  newDbKey.fill(0);
  steps.run('doneRow', () => w.transaction(() => audit(w, { keysRotated: 'done', resealed, slots: slotNames }))());
  return {
    resealed,
    slots: slotNames,
    sensitiveKeyRotated: rotateSensitive,
    pinStale,
    recoveryKey: opts.newRecovery?.secret ?? null,
    unfinished: steps.unfinished,
  };
}

export function blockedError(names: readonly string[]): AppError {
  const people = names.filter((n) => n !== RECOVERY_SLOT);
  const parts: string[] = [];
  if (people.length > 0) parts.push(`账号 ${people.map((n) => `「${n}」`).join('、')} 自升级以来还没有登录过，请让他们先登录一次`);
  if (names.includes(RECOVERY_SLOT)) parts.push('恢复密钥还是旧格式，请先在「设置 → 用户」生成新的恢复密钥');
  return new AppError('CONFLICT', `暂时不能更换密钥：${parts.join('；')}。否则他们将无法再打开台账。`, { names: [...names] });
}
