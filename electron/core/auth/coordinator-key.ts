/**
 * The coordinator key at sign-in and where a coordinator is made or unmade (issue 19, CR1; README "Keys at rest").
 * The key itself: db/keyslot-coordinator.ts; the list it vouches for: coordinator-vouch.ts; the upgrade of a ledger
 * made before it: coordinator-upgrade.ts.
 */
import { findSlot, replaceSlot, type Keyring } from '../db/keyring';
import { isV2, sealKeyToSlot } from '../db/keyslot';
import { coordinatorKeyTestHooks, hasCoordinatorKey, withoutCoordinator } from '../db/keyslot-coordinator';
import type { Ledger } from '../db/ledger';
import type { ReadDb, WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { UserInfo } from './contract';
import { changeCoordinators, isVouchedCoordinator } from './coordinator-vouch';
import { slotKeyVerdict } from './slot-keys';

export const KEYS_COORDINATOR = 'keys.coordinator';

/**
 * Whether a table role of 统筹负责人 counts for a sign-in whose slot opened `key` (null: none): only for a user the list
 * vouches for under that key. Before the ledger has a coordinator key (no slot pinned to one: an older ledger) it
 * never counts: the first coordinator confirms with the recovery key (coordinator-upgrade.ts; CR1-U). The test hook
 * hooks that make ledgers as the older version did also count roles as it did.
 */
export function coordinatorCounts(db: ReadDb, keyring: Keyring, user: UserInfo, key: Buffer | null): boolean {
  if (user.role !== 'coordinator') return true;
  if (!hasCoordinatorKey(keyring.slots)) return !coordinatorKeyTestHooks.make || coordinatorKeyTestHooks.rolesAsFound;
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
