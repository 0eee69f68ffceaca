/**
 * The coordinator key at sign-in and where a coordinator is made or unmade (issue 19, CR1; README "Keys at rest").
 * The key itself: db/keyslot-coordinator.ts; the list it vouches for: coordinator-vouch.ts; the upgrade of a ledger
 * made before it: coordinator-upgrade.ts.
 */
import { findSlot, replaceSlot, type Keyring } from '../db/keyring';
import { isV2, sealKeyToSlot } from '../db/keyslot';
import { lineageNamesPath, MAX_LINKS } from '../db/coordinator-lineage';
import { pinParts } from '../db/coordinator-pin';
import { AppError } from '../errors';
import { COORDINATOR_KEYS, hasCoordinatorKey, withoutCoordinator, type CoordinatorKeyMode } from '../db/keyslot-coordinator';
import type { Ledger } from '../db/ledger';
import type { ReadDb, WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { UserInfo } from './types.shared';
import { changeCoordinators, isVouchedCoordinator } from './coordinator-vouch';
import { pinPubVouched, slotKeyVerdict } from './slot-keys';

export const KEYS_COORDINATOR = 'keys.coordinator';

/**
 * Whether a table role of 统筹负责人 counts for a sign-in whose slot opened `key` (null: none): only for a user the list
 * vouches for under that key. Before the ledger has a coordinator key (no slot pinned to one: an older ledger) it
 * never counts: the first coordinator confirms with the recovery key (coordinator-upgrade.ts; CR1-U). `mode`: the
 * ledger's (`Ledger.coordinatorKeys`); a test's that makes ledgers as the older version did also counts roles as it did.
 */
export function coordinatorCounts(db: ReadDb, keyring: Keyring, user: UserInfo, key: Buffer | null, mode: CoordinatorKeyMode = COORDINATOR_KEYS): boolean {
  if (user.role !== 'coordinator') return true;
  if (!hasCoordinatorKey(keyring.slots)) return !mode.make || mode.rolesAsFound;
  return isVouchedCoordinator(db, keyring.ledgerId, key, user);
}

/** The keyring with `key` sealed to each named slot whose public key a holder vouched for (no password needed). */
function sealedTo(db: ReadDb, sealer: Sealer, keyring: Keyring, names: readonly string[], key: Buffer): Keyring {
  for (const name of names) {
    const slot = findSlot(keyring, name);
    if (slot && isV2(slot) && slotKeyVerdict(db, sealer, slot) === 'vouched')
      keyring = replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'coordinator', key));
  }
  return keyring;
}

/** A user made 统筹负责人 by a session holding the coordinator key: listed, and the key sealed to their slot (vouched public key). */
export function madeCoordinator(w: WriteDb, ledger: Ledger, user: Pick<UserInfo, 'id' | 'username'>): void {
  const key = ledger.coordinatorKey();
  const sealer = ledger.sealer();
  if (!key || !sealer) return;
  const keyring = ledger.keyring();
  changeCoordinators(w, keyring.ledgerId, key, key, { add: [user] });
  ledger.saveKeyring(sealedTo(w, sealer, keyring, [user.username], key));
}

/**
 * A user who is no longer 统筹负责人 (another role, disabled): out of the list, the key out of their slot. They may
 * have kept the key: the caller has the keys rotated (a due rotation when it cannot run now), which replaces it.
 */
export function unmadeCoordinator(w: WriteDb, ledger: Ledger, user: Pick<UserInfo, 'id' | 'username'>): void {
  const key = ledger.coordinatorKey();
  if (!key) return;
  const keyring = ledger.keyring();
  changeCoordinators(w, keyring.ledgerId, key, key, { remove: [user.id] });
  const slot = findSlot(keyring, user.username);
  if (slot) ledger.saveKeyring(replaceSlot(keyring, withoutCoordinator(slot)));
}

/** The coordinator key a new slot for this role holds: the one held, for a coordinator only. */
export const coordinatorKeyForRole = (ledger: Ledger, role: UserInfo['role']): Buffer | null => (role === 'coordinator' ? ledger.coordinatorKey() : null);

/**
 * A slot made anew for `user` holding `key` (重设密码, a promotion, a confirmation on 设置 › 用户, a recovery) is refused
 * when the slot it replaces is pinned to a coordinator key the keyring's rotations do not lead from to `key` (CR1-Q's
 * remainder, db/coordinator-lineage.ts lineageNamesPath): else a clerk who made a coordinator key of their own and
 * rotated under it resets the real coordinator, who signs in under the clerk's key as a vouched 统筹负责人 beside the
 * clerk. A pin of this version names the pinned key's signing public key (db/coordinator-pin.ts), set by its holder's
 * password alone: every link from it is checked, and a keyring whose links were deleted is no path (PH2-K1). A pin
 * an older version wrote (the fingerprint alone) over a keyring with no link at all says nothing either way (keys
 * last rotated by a version before the links): let through, as before. Checked before anything is written; by
 * 重设密码 with the key held whatever the new role (auth/user-handlers.ts remakeSlot: PH2-K1's demote, reset, promote).
 */
export function refuseKeyNotFromPin(
  keyring: Keyring,
  user: Pick<UserInfo, 'username' | 'displayName'>,
  key: Buffer | null,
  record: { db: ReadDb; sealer: Sealer | null } | null = null,
): void {
  const slot = findSlot(keyring, user.username);
  const pin = slot && isV2(slot) ? pinParts(slot.coordinatorPin) : null;
  if (!key || !pin) return;
  const links = keyring.coordinatorLineage;
  // PH2-P1: a pin of the fingerprint alone where the slot statement says its holder's pin named the public key too was
  // cut down by hand, to take the older pins' exemption: no path, whatever the links say.
  const cutDown = pin.pub === null && record !== null && pinPubVouched(record.db, record.sealer, user.username);
  if (!cutDown && pin.pub === null && (!Array.isArray(links) || links.length === 0)) return;
  if (!cutDown && lineageNamesPath(keyring.ledgerId, links, pin, key)) return;
  // What is known is only that the links do not reach back (PH2-K2): a file edited, an account away too long, or a key of someone's own.
  throw new AppError(
    'CONFLICT',
    `「${user.displayName}」的账号固定在一把更早的统筹负责人密钥上，而密钥文件（taizhang.keyring.json）里的更换密钥记录不能从那把走到现在用的这把：` +
      '程序无法证实现在这把是统筹负责人更换密钥得来的，所以不能用它为这个账号重设密码、改为统筹负责人、确认或恢复（否则这个账号会被放到这把密钥下）。' +
      `可能是密钥文件在本程序之外被改动过（更换记录被删掉或被塞进无关的记录），也可能是这个账号很久没有登录（其间更换密钥超过 ${MAX_LINKS} 次，或从不记录更换的旧版本起）。` +
      '请不要继续操作，也不要把密码告诉别人；请这个账号的本人用自己原来的密码登录看提示。确认只是很久没有登录的，可以停用这个账号再新建一个；需要时联系技术支持。',
  );
}
