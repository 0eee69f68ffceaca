/**
 * The coordinator key in a slot (issue 19, CR1 of docs/security/attack-run-session23.md). The sensitive key cannot
 * tell a clerk from a coordinator (both hold it), so the coordinators' names are vouched for by a third key only
 * coordinators' slots and the recovery slot hold (auth/coordinator-vouch.ts). It is sealed to a slot's public key
 * like the others (`keys.coordinator`), and a slot made with its holder's password pins it: `coordinatorPin`, the
 * key's fingerprint in clear, named in the private key's additional data (db/slot-aad.ts), so only that password
 * changes it. A key sealed into a pinned slot by public key that is not the pinned one never counts.
 */
import { unwrap, wrap } from './slot-wrap';
import { coordinatorPinOf, pinNamesKey } from './coordinator-pin';
import { privateAad, type RetiredPassword } from './slot-aad';
import type { WrappedKey } from './slot-wrap';

/** What these functions read of a key-pair slot (db/keyslot.ts KeySlotV2; not imported: keyslot.ts imports this file). */
interface PinnedSlot {
  v: 2 | 3;
  name: string;
  privateKey: WrappedKey;
  retired?: RetiredPassword[];
  coordinatorPin?: string;
  keys: { coordinator?: unknown; coordinatorPinned?: unknown };
}
/** Any slot, version 1 (no key pair, no `v`) included. */
type AnySlot = object;
const isPairSlot = (slot: AnySlot): slot is PinnedSlot => 'v' in slot && 'keys' in slot;

/**
 * How a core treats coordinator keys. The app's is `COORDINATOR_KEYS`; tests alone pass another when they make the
 * Core (CoreOptions.coordinatorKeys), and may change their own object as the test goes (the program "upgraded").
 * `make` false: make ledgers as the version before coordinator keys did (none made at setup), and count roles as it
 * did, to test the upgrade. `rolesAsFound`: on a ledger without the key, count the table's 统筹负责人 as that version
 * did (tests of older key layouts whose subject is something else; auth/coordinator-upgrade.ts and its tests are where
 * the real rule, the recovery key's confirmation, is tested).
 */
export interface CoordinatorKeyMode {
  readonly make: boolean;
  readonly rolesAsFound: boolean;
}

export const COORDINATOR_KEYS: CoordinatorKeyMode = Object.freeze({ make: true, rolesAsFound: false });

export { coordinatorFingerprint } from './coordinator-pin';

/** The coordinator key a slot opened, if its pin allows it: a slot pinned to a key counts that key only. */
export function pinnedCoordinatorKey(slot: Pick<PinnedSlot, 'coordinatorPin'>, key: Buffer | null): Buffer | null {
  if (!key) return null;
  if (typeof slot.coordinatorPin === 'string' && slot.coordinatorPin !== '' && !pinNamesKey(slot.coordinatorPin, key)) {
    key.fill(0);
    return null;
  }
  return key;
}

/** The same slot without the coordinator key, nor the pinned one a rotation kept (its holder is no longer a coordinator). */
export function withoutCoordinator<S extends AnySlot>(slot: S): S {
  if (!isPairSlot(slot) || (!slot.keys.coordinator && !slot.keys.coordinatorPinned)) return slot;
  const { coordinator: _dropped, coordinatorPinned: _kept, ...keys } = slot.keys;
  return { ...slot, keys };
}

/**
 * Whether a coordinator key was ever made for this keyring: a slot is pinned to one. Only that slot's holder's
 * password can remove the pin, so a clerk who strips every coordinator key and statement cannot make the ledger look
 * as if none was ever made (the upgrade would then run for them, trusting their forged role).
 */
export const hasCoordinatorKey = (slots: readonly AnySlot[]): boolean =>
  slots.some((s) => isPairSlot(s) && typeof s.coordinatorPin === 'string' && s.coordinatorPin !== '');

/**
 * The same slot (same key pair, salt and sealed keys) pinned to the coordinator key `key`, re-wrapped with the
 * wrapping key its holder's password derives (the upgrade pins the first coordinator's slot). Null when `kek` does not open it.
 */
export function withCoordinatorPin<S extends PinnedSlot>(ledgerId: string, slot: S, kek: Buffer, key: Buffer): S | null {
  const priv = unwrap(kek, privateAad(ledgerId, slot.name, slot.v, slot.retired, slot.coordinatorPin), slot.privateKey);
  if (!priv) return null;
  try {
    const coordinatorPin = coordinatorPinOf(key);
    // Pinned afresh: a key kept for an older pin (db/coordinator-lineage.ts) no longer says anything.
    const { coordinatorPinned: _older, ...keys } = slot.keys;
    return { ...slot, keys, coordinatorPin, privateKey: wrap(kek, privateAad(ledgerId, slot.name, slot.v, slot.retired, coordinatorPin), priv) };
  } finally {
    priv.fill(0);
  }
}

/**
 * The pinned coordinator key's seal, kept when a new coordinator key replaces it in a pinned slot without its holder's
 * password (a rotation run by someone else): the first such rotation keeps the slot's seal of the time, later ones
 * keep what the first kept (db/coordinator-lineage.ts, CR1-Q). Which key that seal holds is checked against the pin
 * when it is opened: a seal put there by anyone else never counts.
 */
export function pinnedKept<K>(
  slot: { coordinatorPin?: string; keys: { coordinator?: K; coordinatorPinned?: K } },
  next: Buffer | null | undefined,
): { coordinatorPinned?: K } {
  if (!next || typeof slot.coordinatorPin !== 'string' || slot.coordinatorPin === '') return {};
  const kept = slot.keys.coordinatorPinned ?? slot.keys.coordinator;
  return kept ? { coordinatorPinned: kept } : {};
}
