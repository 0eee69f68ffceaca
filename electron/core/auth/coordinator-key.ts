/**
 * The coordinator key at sign-in and where a coordinator is made or unmade (issue 19, CR1; README "Keys at rest").
 * The key itself: db/keyslot-coordinator.ts; the list it vouches for: coordinator-vouch.ts.
 */
import { randomBytes } from 'node:crypto';
import { appendAudit } from '../audit/audit-log';
import { findSlot, openSlot, RECOVERY_SLOT, replaceSlot, type Keyring } from '../db/keyring';
import { isV2, sealKeyToSlot } from '../db/keyslot';
import { coordinatorKeyTestHooks, hasCoordinatorKey, withCoordinatorPin, withoutCoordinator } from '../db/keyslot-coordinator';
import type { Ledger } from '../db/ledger';
import { asWriteDb, type Database, type ReadDb, type WriteDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import type { UserInfo } from './contract';
import { changeCoordinators, isVouchedCoordinator, writeCoordinators } from './coordinator-vouch';
import { slotKeyVerdict } from './slot-keys';
import { isVouched } from './vouched-roles';
import * as q from './user-queries';

export const KEYS_COORDINATOR = 'keys.coordinator';

/**
 * Whether a table role of 统筹负责人 counts for a sign-in whose slot opened `key` (null: none). Before the ledger has a
 * coordinator key (no slot pinned to one: an older ledger, until its first coordinator's unlock) the role counts as
 * it did; from then on only for a user the list vouches for under that key.
 */
export function coordinatorCounts(db: ReadDb, keyring: Keyring, user: UserInfo, key: Buffer | null): boolean {
  if (user.role !== 'coordinator' || !hasCoordinatorKey(keyring.slots)) return true;
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

/**
 * The upgrade: a ledger made before coordinator keys, at the unlock of a coordinator whose slot opened the sensitive
 * key and whose role a key holder vouched for (`users.role_sealed`). Trusts the roles as found then, like the other
 * upgrades: every enabled coordinator whose role is so vouched is listed and given the key (their vouched slots and
 * the recovery slot); the unlocking coordinator's slot is pinned to it with their password (one more scrypt run, once).
 * Audited with the names. Returns the key, or null when the upgrade does not apply.
 */
export function upgradeToCoordinatorKey(ledger: Ledger, db: Database, user: UserInfo, password: string, at: string): Buffer | null {
  const sealer = ledger.sealer();
  const keyring = ledger.keyring();
  if (!coordinatorKeyTestHooks.make || !sealer || user.disabled || user.role !== 'coordinator' || hasCoordinatorKey(keyring.slots)) return null;
  if (!isVouched(db, sealer, user)) return null;
  const own = findSlot(keyring, user.username);
  const opened = own && isV2(own) ? openSlot(keyring.ledgerId, own, password) : null;
  if (!own || !isV2(own) || !opened) return null;
  const key = randomBytes(32);
  const pinned = withCoordinatorPin(keyring.ledgerId, own, opened.kek, key);
  for (const b of [opened.kek, opened.dbKey, opened.sensitiveKey, opened.coordinatorKey]) b?.fill(0);
  if (!pinned) return null;
  const coordinators = q.listUsers(db).filter((u) => !u.disabled && u.role === 'coordinator' && isVouched(db, sealer, u));
  const others = coordinators.filter((u) => u.id !== user.id).map((u) => u.username);
  const next = sealedTo(db, sealer, replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, pinned, 'coordinator', key)), [...others, RECOVERY_SLOT], key);
  const w = asWriteDb(db);
  // The list first: a keyring written without it would leave every coordinator unvouched; the reverse runs the upgrade again.
  w.transaction(() => {
    writeCoordinators(w, keyring.ledgerId, key, coordinators);
    appendAudit(
      w,
      {
        at,
        userId: user.id,
        username: user.username,
        channel: KEYS_COORDINATOR,
        entity: 'ledger',
        entityId: null,
        after: { coordinatorKeyCreated: true, coordinators: coordinators.map((u) => u.displayName), trustedAsFound: true },
      },
      sealer,
    );
  })();
  ledger.saveKeyring(next);
  return key;
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
