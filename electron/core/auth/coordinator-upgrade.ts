/**
 * The upgrade to coordinator keys (issue 19, CR1-U of docs/security/attack-run-session24.md). A ledger made before
 * them has no slot pinned to a coordinator key, and its `users.role` and `users.role_sealed` are a clerk's to write
 * (they hold the database key and the sensitive key): the folder cannot tell a role a clerk wrote before the upgrade
 * from one the program wrote. So no password unlock makes the key: a table coordinator runs as 录入员 until they
 * confirm once with the recovery key, which a clerk does not hold (auth.confirmCoordinator from the notice, or
 * auth.recover, which proves the sheet already). Confirming makes the key, lists **only that user**, pins their slot
 * and the recovery slot to it, audited. Other table coordinators are confirmed one by one by a listed coordinator
 * (confirmedCoordinator below, from 设置 › 用户, with a 重设密码).
 *
 * Limit, said plainly (README "Keys at rest"): a clerk who replaced the recovery slot in the keyring file with one of
 * their own recovery key before anyone confirmed can confirm themselves; nothing in the folder tells that slot from
 * the program's. The real coordinator then sees it: their sheet no longer opens the recovery slot, and their notice
 * names who is listed (coordinator-notice.ts); confirmed by the clerk instead, they are told who confirmed first and
 * asked to check their sheet (confirmed-notice.ts, recovery-sheet-check.ts; CR1-U2).
 */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import { AppError } from '../errors';
import { findSlot, normaliseRecoveryKey, RECOVERY_SLOT, replaceSlot, sameBytes, sameSlot, type Keyring } from '../db/keyring';
import { openSlotAsync } from '../db/keyslot-open';
import { deriveNewSecret, type NewSecret } from '../db/slot-wrap';
import { isV2, sealKeyToSlot, type KeySlot, type KeySlotV2, type OpenedSlot } from '../db/keyslot';
import { vouchSlotKey } from './slot-keys';
import { hasCoordinatorKey, withCoordinatorPin } from '../db/keyslot-coordinator';
import type { Ledger } from '../db/ledger';
import { asWriteDb, type Database, type ReadDb, type WriteDb } from '../db/types';
import type { UserInfo } from './types.shared';
import { changeCoordinators, vouchedCoordinators, writeCoordinators } from './coordinator-vouch';
import { KEYS_COORDINATOR } from './coordinator-key';
import { isVouched, vouchRole } from './vouched-roles';
import * as q from './user-queries';

/** Why a confirmation was refused before anything was written: the secret that did not open its slot. */
export type ConfirmRefusal = 'recovery' | 'password';

/** A slot as read, and what its secret opened. */
interface Opened {
  slot: KeySlot;
  opened: OpenedSlot;
}

const CHANGED = '确认期间台账在另一个窗口被锁定或改动了，没有确认。请重新输入。';

const zeroed = (o: OpenedSlot | null): void => {
  for (const b of [o?.kek, o?.dbKey, o?.sensitiveKey, o?.coordinatorKey]) b?.fill(0);
};

/** Whether a first coordinator may be confirmed now; the reason in Chinese when not. */
function cannotConfirm(ledger: Ledger, db: ReadDb, user: UserInfo): string | null {
  const sealer = ledger.sealer();
  if (hasCoordinatorKey(ledger.keyring().slots) || !ledger.coordinatorKeys.make)
    return '这本台账已经有统筹负责人密钥，不需要再用恢复密钥确认；请已确认的统筹负责人在「设置 › 用户」为您确认。';
  if (user.disabled || user.role !== 'coordinator') return '只有用户表里是统筹负责人的账号才能用恢复密钥确认身份。';
  if (!sealer || !isVouched(db, sealer, user)) return '您的统筹负责人角色不是持有敏感信息密钥的人设的（用户表在本程序之外被改动过），不能确认。';
  return null;
}

/**
 * The slot `name` opened with `secret` (its scrypt run on libuv's thread pool), when its database key is `dbKey` (the
 * open one when asked: a slot of this ledger); null else.
 */
async function opened(keyring: Keyring, name: string, secret: string, dbKey: Buffer): Promise<Opened | null> {
  const slot = findSlot(keyring, name);
  const o = slot ? await openSlotAsync(keyring.ledgerId, slot, secret) : null;
  if (!slot || !o) return null;
  if (!sameBytes(o.dbKey, dbKey)) {
    zeroed(o);
    return null;
  }
  return { slot, opened: o };
}

/** Whether `user` is one a recovery may confirm as the first coordinator (auth.recover asks before it goes ahead). */
export const mayConfirmFirst = (ledger: Ledger, db: ReadDb, user: UserInfo): boolean => cannotConfirm(ledger, db, user) === null;

/** The user's own slot pinned to `key` with the wrapping key their password derived, and holding it (all else kept). */
function pinnedHolding(ledgerId: string, own: Opened, key: Buffer): KeySlotV2 {
  // Their sign-in made a version-1 slot a key-pair slot already (db/ledger.ts unlock).
  if (!isV2(own.slot)) throw new AppError('CONFLICT', '您在密钥文件里的那一项还是旧格式：请退出后重新登录一次，再来确认。');
  const pinned = withCoordinatorPin(ledgerId, own.slot, own.opened.kek, key);
  if (!pinned)
    throw new AppError(
      'LEDGER_DAMAGED',
      `密钥文件中「${own.slot.name === RECOVERY_SLOT ? '恢复密钥' : own.slot.name}」那一项被改动过，不能确认。请从备份恢复。`,
    );
  return sealKeyToSlot(ledgerId, pinned, 'coordinator', key);
}

/**
 * What a first coordinator's confirmation opened and derived ahead, its scrypt runs on libuv's thread pool (the core
 * answers other channels meanwhile): the recovery slot, the user's own slot (none for auth.recover), the recovery
 * slot's new key. `confirmFirstCoordinator` writes with it, once the caller's last await is behind it.
 */
export interface FirstConfirmation {
  user: UserInfo;
  recovery: Opened;
  own: Opened | null;
  recoverySecret: NewSecret;
}

/**
 * For `user`, a table coordinator whose role a key holder set, on a ledger without a coordinator key: the recovery
 * slot opened with `recoveryKey` and (`password`, from the notice's form) their own slot, both of this ledger, and the
 * recovery slot's new key derived; or the refusal (nothing opened is kept). Throws a Chinese error when it does not
 * apply; CONFLICT when the ledger was locked meanwhile (not a wrong secret: nothing to count).
 */
export async function openFirstConfirmation(
  ledger: Ledger,
  db: ReadDb,
  user: UserInfo,
  recoveryKey: string,
  password: string | null,
): Promise<{ ready: FirstConfirmation } | { refused: ConfirmRefusal }> {
  const why = cannotConfirm(ledger, db, user);
  if (why) throw new AppError('CONFLICT', why);
  const keyring = ledger.keyring();
  const secret = normaliseRecoveryKey(recoveryKey);
  // A copy: a rotation meanwhile overwrites the one held (its slots then differ from these: CONFLICT at the write).
  const dbKey = Buffer.from(ledger.currentKey());
  let recovery: Opened | null = null;
  let own: Opened | null = null;
  try {
    recovery = await opened(keyring, RECOVERY_SLOT, secret, dbKey);
    if (!recovery) return { refused: 'recovery' };
    own = password === null ? null : await opened(keyring, user.username, password, dbKey);
    if (password !== null && !own) return { refused: 'password' };
    const recoverySecret = await deriveNewSecret(secret, ledger.kdf);
    const ready = { user, recovery, own, recoverySecret };
    recovery = own = null;
    return { ready };
  } finally {
    dbKey.fill(0);
    zeroed(recovery?.opened ?? null);
    zeroed(own?.opened ?? null);
  }
}

/** A confirmation opened and not gone on with: its keys overwritten. */
export function dropFirstConfirmation(c: FirstConfirmation): void {
  zeroed(c.recovery.opened);
  zeroed(c.own?.opened ?? null);
  c.recoverySecret.wrapKey.fill(0);
}

/**
 * Makes the coordinator key with what `openFirstConfirmation` opened, after the caller's last await: the ledger open
 * under `db`, the user still one to confirm and both slots as opened, else CONFLICT and nothing written. Both slots
 * pinned to the key; the list names only the user; audited. Returns the key; what was opened is overwritten either way.
 */
export function confirmFirstCoordinator(ledger: Ledger, db: Database, c: FirstConfirmation, at: string): Buffer {
  const w = asWriteDb(db);
  // The list first: a keyring written without it would leave the confirmed coordinator unvouched; the reverse
  // leaves no slot pinned, so the confirmation can simply run again.
  const { key, keyring } = w.transaction(() => firstCoordinatorRows(ledger, db, c, at))();
  ledger.saveKeyring(keyring);
  return key;
}

/**
 * The confirmation's rows (the list, the recovery slot's statement, its audit row), written in the caller's
 * transaction; the keyring it makes is returned for the caller to save after them, with its own slots (auth.recover:
 * the user's new slot, holding the key). Checks as confirmFirstCoordinator; what was opened is overwritten either way.
 */
export function firstCoordinatorRows(ledger: Ledger, db: Database, c: FirstConfirmation, at: string): { key: Buffer; keyring: Keyring } {
  try {
    const user = ledger.isOpen() && ledger.handle() === db ? q.getUser(db, c.user.id) : null;
    if (!user) throw new AppError('CONFLICT', CHANGED);
    const why = cannotConfirm(ledger, db, user);
    if (why) throw new AppError('CONFLICT', why);
    let keyring = ledger.keyring();
    if (!sameSlot(findSlot(keyring, RECOVERY_SLOT), c.recovery.slot) || (c.own && !sameSlot(findSlot(keyring, c.own.slot.name), c.own.slot)))
      throw new AppError('CONFLICT', CHANGED);
    const key = randomBytes(32);
    // The recovery slot made anew for the same sheet (any older layout included): the
    // keys this session holds and the new one, pinned to both.
    const recoverySlot = ledger.slotHolding(RECOVERY_SLOT, c.recoverySecret, {
      dbKey: ledger.currentKey(),
      sensitiveKey: ledger.heldKeys().sensitiveKey,
      coordinatorKey: key,
    });
    keyring = replaceSlot(keyring, recoverySlot);
    if (c.own) keyring = replaceSlot(keyring, pinnedHolding(keyring.ledgerId, c.own, key));
    const unconfirmed = q.listUsers(db).filter((u) => !u.disabled && u.role === 'coordinator' && u.id !== c.user.id);
    const w = asWriteDb(db);
    writeCoordinators(w, keyring.ledgerId, key, [user]);
    vouchSlotKey(w, ledger.sealer(), recoverySlot);
    appendAudit(
      w,
      {
        at,
        userId: user.id,
        username: user.username,
        channel: KEYS_COORDINATOR,
        entity: 'ledger',
        entityId: null,
        after: {
          coordinatorKeyCreated: true,
          confirmedWith: 'recovery-key',
          coordinators: [user.displayName],
          ...(unconfirmed.length ? { unconfirmed: unconfirmed.map((u) => u.displayName) } : {}),
        },
      },
      ledger.sealer(),
    );
    return { key, keyring };
  } finally {
    dropFirstConfirmation(c);
  }
}

/** Enabled users whose table role is 统筹负责人 but whom the list under `key` does not name: to confirm or make 录入员. */
export function unconfirmedCoordinators(db: ReadDb, ledgerId: string, key: Buffer | null): UserInfo[] {
  const list = key ? vouchedCoordinators(db, ledgerId, key) : null;
  if (!list) return [];
  return q.listUsers(db).filter((u) => !u.disabled && u.role === 'coordinator' && !list.some(([id, name]) => id === u.id && name === u.username));
}

/**
 * A listed coordinator's answer for one unconfirmed table coordinator: confirmed (listed, their role sealed; the
 * caller makes their slot anew with a password the confirming coordinator chose, holding the key: never sealed by
 * public key to the slot as found, which a clerk may have swapped for one of their own, CR1-U3), or made 录入员
 * (they never held the key: no rotation).
 */
export function confirmedCoordinator(w: WriteDb, ledger: Ledger, user: UserInfo, confirm: boolean, at: string): void {
  if (!confirm) {
    q.updateUser(w, user.id, { displayName: user.displayName, role: 'clerk', disabled: false }, at);
    vouchRole(w, ledger.sealer(), { ...user, role: 'clerk' });
    return;
  }
  vouchRole(w, ledger.sealer(), user);
  const key = ledger.coordinatorKey();
  if (key) changeCoordinators(w, ledger.keyring().ledgerId, key, key, { add: [user] });
}
