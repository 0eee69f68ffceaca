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
import { findSlot, normaliseRecoveryKey, openSlot, RECOVERY_SLOT, replaceSlot, sameBytes, type Keyring } from '../db/keyring';
import { isV2, sealKeyToSlot, type KeySlot, type KeySlotV2, type OpenedSlot } from '../db/keyslot';
import { vouchSlotKey } from './slot-keys';
import { hasCoordinatorKey, withCoordinatorPin } from '../db/keyslot-coordinator';
import type { Ledger } from '../db/ledger';
import { asWriteDb, type Database, type ReadDb, type WriteDb } from '../db/types';
import type { UserInfo } from './contract';
import { changeCoordinators, vouchedCoordinators, writeCoordinators } from './coordinator-vouch';
import { KEYS_COORDINATOR } from './coordinator-key';
import { isVouched, vouchRole } from './vouched-roles';
import * as q from './user-queries';

/** Why a confirmation was refused before anything was written: the secret that did not open its slot. */
export type ConfirmRefusal = 'recovery' | 'password';

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

/** The slot `name` opened with `secret`, when its database key is the open one (a slot of this ledger); null else. */
function opened(ledger: Ledger, keyring: Keyring, name: string, secret: string): { slot: KeySlot; opened: OpenedSlot } | null {
  const slot = findSlot(keyring, name);
  const o = slot ? openSlot(keyring.ledgerId, slot, secret) : null;
  if (!slot || !o) return null;
  if (!sameBytes(o.dbKey, ledger.currentKey())) {
    zeroed(o);
    return null;
  }
  return { slot, opened: o };
}

/** Whether `user` is one a recovery may confirm as the first coordinator (auth.recover asks before it goes ahead). */
export const mayConfirmFirst = (ledger: Ledger, db: ReadDb, user: UserInfo): boolean => cannotConfirm(ledger, db, user) === null;

/** The user's own slot pinned to `key` with the wrapping key their password derived, and holding it (all else kept). */
function pinnedHolding(ledgerId: string, own: { slot: KeySlot; opened: OpenedSlot }, key: Buffer): KeySlotV2 {
  // Their sign-in made a version-1 slot a key-pair slot already (db/ledger.ts unlock).
  if (!isV2(own.slot)) throw new AppError('CONFLICT', '您的密钥槽还是旧格式：请退出后重新登录一次，再来确认。');
  const pinned = withCoordinatorPin(ledgerId, own.slot, own.opened.kek, key);
  if (!pinned)
    throw new AppError(
      'LEDGER_DAMAGED',
      `密钥文件中「${own.slot.name === RECOVERY_SLOT ? '恢复密钥' : own.slot.name}」的密钥槽被改动过，不能确认。请从备份恢复。`,
    );
  return sealKeyToSlot(ledgerId, pinned, 'coordinator', key);
}

/**
 * Makes the coordinator key for `user`, a table coordinator whose role a key holder set, on a ledger without one:
 * only when `recoveryKey` opens the recovery slot, and (`password`, from the notice's form) their own slot. Both slots
 * pinned to it; the list names only `user`; audited. With `password` null (auth.recover) their new slot is the
 * caller's to make, with the key. Returns the key, or the refusal (nothing written); throws a Chinese error when it does not apply.
 */
export function confirmFirstCoordinator(
  ledger: Ledger,
  db: Database,
  user: UserInfo,
  recoveryKey: string,
  password: string | null,
  at: string,
): { key: Buffer } | { refused: ConfirmRefusal } {
  const why = cannotConfirm(ledger, db, user);
  if (why) throw new AppError('CONFLICT', why);
  let keyring = ledger.keyring();
  const secret = normaliseRecoveryKey(recoveryKey);
  const recovery = opened(ledger, keyring, RECOVERY_SLOT, secret);
  if (!recovery) return { refused: 'recovery' };
  const own = password === null ? null : opened(ledger, keyring, user.username, password);
  try {
    if (password !== null && !own) return { refused: 'password' };
    const key = randomBytes(32);
    // The recovery slot made anew for the same sheet, as 生成新的恢复密钥 makes one (any older layout included): the
    // keys this session holds and the new one, pinned to both.
    const recoverySlot = ledger.slotHolding(RECOVERY_SLOT, secret, {
      dbKey: ledger.currentKey(),
      sensitiveKey: ledger.heldKeys().sensitiveKey,
      coordinatorKey: key,
    });
    keyring = replaceSlot(keyring, recoverySlot);
    if (own) keyring = replaceSlot(keyring, pinnedHolding(keyring.ledgerId, own, key));
    const unconfirmed = q.listUsers(db).filter((u) => !u.disabled && u.role === 'coordinator' && u.id !== user.id);
    const w = asWriteDb(db);
    // The list first: a keyring written without it would leave the confirmed coordinator unvouched; the reverse
    // leaves no slot pinned, so the confirmation can simply run again.
    w.transaction(() => {
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
    })();
    ledger.saveKeyring(keyring);
    return { key };
  } finally {
    zeroed(recovery.opened);
    zeroed(own?.opened ?? null);
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
