/**
 * One user's key slot (see "Keys at rest" in electron/core/README.md).
 *
 * Version 2 (every slot this version writes): an X25519 key pair per slot.
 * The private key is wrapped under scrypt(password) with AES-256-GCM; the
 * public key is in clear. The keys the user may hold (the database key, and
 * the sensitive key for clerks, coordinators and the recovery slot) are
 * sealed to the public key: an ephemeral X25519 key, HKDF-SHA256 of the
 * shared secret, AES-256-GCM with the ledger id, slot name and which key as
 * additional data. So a coordinator (or a key rotation) can give a slot a key
 * without the user's password, and unlocking stays one scrypt run.
 *
 * Version 3 (session 19, S6 of the session 18 attack run): version 2 plus a
 * pin, the fingerprint of the sensitive key its holder last held (or "none"),
 * wrapped under the same scrypt-derived key as the private key. Sealing to a
 * public key needs no secret, so anyone can put a key of their choosing into
 * every slot; only the holder's password can say which key they held. The
 * layout version is in the private key's additional data: a pinned slot
 * rewritten as version 2 (pin stripped) no longer opens as version 2, and is
 * reported as broken, never taken as unpinned. A version-2 slot is pinned at
 * its holder's next unlock (db/ledger.ts), reusing that unlock's scrypt.
 *
 * Version 1 (older versions): the keys wrapped directly under
 * scrypt(password). Still opened; converted at that user's next successful
 * unlock, when the password is at hand (db/ledger.ts).
 */
import { DEFAULT_KDF, newSlotSecret, unwrap, wrap, type NewSecret, type ScryptParams, type SlotKeys } from './slot-wrap';
import { pinAad, privateAad, type RetiredPassword } from './slot-aad';
import { newRawPair } from './x25519';
import { pinnedKept } from './keyslot-coordinator';
import { coordinatorPinOf } from './coordinator-pin';
import { isV2, keyFingerprint, NO_KEY, sealKeyToSlot, type KeySlot, type KeySlotV2 } from './keyslot-layout';
import type { KeySlotV1 } from './keyslot-v1';

export { DEFAULT_KDF, type ScryptParams, type SlotKeys, type WrappedKey } from './slot-wrap';
export { makeSlotV1, type KeySlotV1 } from './keyslot-v1';
export type { RetiredPassword, SlotKeyName } from './slot-aad';
export {
  isPinned,
  isV2,
  keyFingerprint,
  sealKeyToSlot,
  slotHoldsSensitive,
  type KeyRefusal,
  type KeySlot,
  type KeySlotV2,
  type SealedKey,
} from './keyslot-layout';
export { openSlot, openSlotAsync, openSlotKeys, pinNames, type OpenedSlot } from './keyslot-open';

/**
 * The layout slots and keyrings are written in. The app's is `SLOT_LAYOUT` (version 3); tests alone pass version 2
 * (session 18's layout, nothing pinned) when they make the Core (CoreOptions.slotLayout), to build a ledger the way
 * the previous version did, and may change their own object as the test goes (the program "upgraded").
 */
export interface SlotLayout {
  readonly writeVersion: 2 | 3;
}

export const SLOT_LAYOUT: SlotLayout = Object.freeze({ writeVersion: 3 });

/**
 * A version-3 slot for `name` holding `keys` (pass a sensitive key only for clerks, coordinators and the recovery
 * slot), pinned to `pinned`: the sensitive key it holds unless told otherwise (null: a key the program has not
 * verified, left for the next unlock to judge, e.g. a password change of a slot whose key the unlock refused).
 */
export function makeSlot(
  ledgerId: string,
  name: string,
  secret: string | NewSecret,
  keys: SlotKeys,
  kdf: ScryptParams = DEFAULT_KDF,
  pinned: Buffer | null = keys.sensitiveKey,
  retired: readonly RetiredPassword[] = [],
  layout: SlotLayout = SLOT_LAYOUT,
): KeySlotV2 {
  const { salt, kdf: slotKdf, wrapKey } = newSlotSecret(secret, kdf);
  const pair = newRawPair();
  // A coordinator's slot names the coordinator key it holds (db/keyslot-coordinator.ts).
  const coordinatorPin = layout.writeVersion === 3 && keys.coordinatorKey ? coordinatorPinOf(keys.coordinatorKey) : undefined;
  const priv = pair.priv;
  try {
    const v = layout.writeVersion;
    const slot: KeySlotV2 = {
      v,
      name,
      salt: salt.toString('hex'),
      kdf: slotKdf,
      privateKey: wrap(wrapKey, privateAad(ledgerId, name, v, retired, coordinatorPin), priv),
      publicKey: pair.pub.toString('hex'),
      keys: { db: { epk: '', iv: '', tag: '', sealed: '' } },
      ...(v === 3 ? { pin: wrap(wrapKey, pinAad(ledgerId, name), pinned ? keyFingerprint(pinned) : NO_KEY) } : {}),
      ...(retired.length > 0 ? { retired: [...retired] } : {}),
      ...(coordinatorPin !== undefined ? { coordinatorPin } : {}),
    };
    return resealSlot(ledgerId, slot, keys);
  } finally {
    wrapKey.fill(0);
    priv.fill(0);
  }
}

/**
 * The same slot (same key pair, salt and sealed keys) as version 3 pinned to `pinned` (null: none), with the
 * wrapping key its unlock derived (`OpenedSlot.kek`): no second scrypt run. Null if that key does not open it.
 * A rotation's mark (`pinStale`) goes: the pin now names what the slot holds.
 */
export function pinSlot(ledgerId: string, slot: KeySlotV2, kek: Buffer, pinned: Buffer | null, layout: SlotLayout = SLOT_LAYOUT): KeySlotV2 | null {
  if (layout.writeVersion === 2) return null;
  const priv = unwrap(kek, privateAad(ledgerId, slot.name, slot.v, slot.retired, slot.coordinatorPin), slot.privateKey);
  if (!priv) return null;
  try {
    const pin = wrap(kek, pinAad(ledgerId, slot.name), pinned ? keyFingerprint(pinned) : NO_KEY);
    const { pinStale: _done, ...rest } = slot;
    return { ...rest, v: 3, privateKey: wrap(kek, privateAad(ledgerId, slot.name, 3, slot.retired, slot.coordinatorPin), priv), pin };
  } finally {
    priv.fill(0);
  }
}

/** The same slot (same key pair) holding other keys: a rotation rewraps every slot this way, without passwords. */
export function resealSlot(ledgerId: string, slot: KeySlotV2, keys: SlotKeys): KeySlotV2 {
  // The coordinator key as it was unless `keys` says (null: none): a caller that knows nothing of it leaves it be.
  const coordinator = keys.coordinatorKey === undefined && slot.keys.coordinator ? { coordinator: slot.keys.coordinator } : {};
  const bare: KeySlotV2 = { ...slot, keys: { db: slot.keys.db, ...coordinator, ...pinnedKept(slot, keys.coordinatorKey) } };
  const withDb = sealKeyToSlot(ledgerId, bare, 'db', keys.dbKey);
  const withSensitive = keys.sensitiveKey ? sealKeyToSlot(ledgerId, withDb, 'sensitive', keys.sensitiveKey) : withDb;
  return keys.coordinatorKey ? sealKeyToSlot(ledgerId, withSensitive, 'coordinator', keys.coordinatorKey) : withSensitive;
}

/** The same slot without the sensitive key (a user made a viewer), nor the coordinator key. */
export function withoutSensitive<S extends KeySlot>(slot: S): S {
  if (isV2(slot)) return { ...slot, keys: { db: slot.keys.db } };
  const { sensitive: _dropped, ...rest } = slot as KeySlotV1;
  return rest as S;
}
