/**
 * Slot writes from keys a session holds: a new slot for a user, the sensitive
 * key sealed to slots that lack it (no password needed), and the sensitive key
 * made for a ledger from before sealing (the unlocking user's password). Pure
 * functions of the keyring; the Ledger (db/ledger.ts) reads and saves it.
 */
import { randomBytes } from 'node:crypto';
import { findSlot, keyedKeyring, makeSlot, replaceSlot, type Keyring, type ScryptParams } from './keyring';
import {
  isV2,
  makeSlotV1,
  SLOT_LAYOUT,
  type SlotLayout,
  sealKeyToSlot,
  slotHoldsSensitive,
  type KeySlot,
  type RetiredPassword,
  type SlotKeys,
} from './keyslot';
import type { NewSecret } from './slot-wrap';

/**
 * A new slot for `name` holding `keys`, pinned to `pinned`, carrying `retired` (db/password-history.ts) (db/keyslot.ts makeSlot). Before any holder has made the sensitive key (a viewer's password change in
 * a ledger from before sealing) in the older layout: a version-2 slot would mark the keyring as sealed and no
 * holder could make the key any more (keyedKeyring).
 */
export function slotHoldingKeys(
  keyring: Keyring,
  name: string,
  secret: string | NewSecret,
  keys: SlotKeys,
  kdf: ScryptParams,
  pinned: Buffer | null = keys.sensitiveKey,
  retired: readonly RetiredPassword[] = [],
  layout: SlotLayout = SLOT_LAYOUT,
): KeySlot {
  // The older layout has no room for a password history: only a ledger no holder ever keyed, which no rotation has retired anything in.
  if (!keyedKeyring(keyring) && !keys.sensitiveKey) return makeSlotV1(name, secret, keys, kdf);
  return makeSlot(keyring.ledgerId, name, secret, keys, kdf, pinned, retired, layout);
}

/**
 * The keyring with `sensitive` sealed to each named slot (version 2) that
 * lacks it: a promotion, or a clerk whose slot predates the key. `reseal`:
 * slots that hold it already, sealed again in this version's layout (the
 * upgrade to vouched slot keys). `granted` names the slots newly given it;
 * `changed` says whether the keyring needs saving.
 */
export function withSensitiveKeyGranted(
  keyring: Keyring,
  names: readonly string[],
  sensitive: Buffer,
  reseal: readonly string[] = [],
): { keyring: Keyring; granted: string[]; changed: boolean } {
  const granted: string[] = [];
  let changed = false;
  for (const name of names) {
    const slot = findSlot(keyring, name);
    if (!slot || !isV2(slot)) continue;
    const again = slotHoldsSensitive(slot);
    if (again && !reseal.includes(name)) continue;
    keyring = replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'sensitive', sensitive));
    changed = true;
    if (!again) granted.push(name);
  }
  return { keyring, granted, changed };
}

/**
 * A ledger made before sealing existed has no sensitive key in any slot: the first clerk or coordinator to unlock it
 * makes one, wrapped in their own slot (their password is at hand only then). Null when the keyring has one already:
 * also for a keyring a viewer stripped of the key (session 17 attack run, S1), whose version-2 slots show it had one.
 */
export function withSensitiveKeyAdopted(
  keyring: Keyring,
  slotName: string,
  secret: string,
  dbKey: () => Buffer,
  kdf: ScryptParams,
  layout: SlotLayout,
): { keyring: Keyring; sensitive: Buffer } | null {
  if (keyedKeyring(keyring)) return null;
  const sensitive = randomBytes(32);
  const slot = makeSlot(keyring.ledgerId, slotName, secret, { dbKey: dbKey(), sensitiveKey: sensitive }, kdf, sensitive, [], layout);
  return { keyring: replaceSlot(keyring, slot), sensitive };
}
