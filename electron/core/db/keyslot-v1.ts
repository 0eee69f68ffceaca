/**
 * Key slots of version 1 (db/keyslot.ts): the keys wrapped directly under scrypt(password). Still opened, never
 * written by the app; converted at the user's next unlock (db/ledger.ts).
 */
import { DEFAULT_KDF, newSlotSecret, unwrap, wrap, type NewSecret, type ScryptParams, type SlotKeys, type WrappedKey } from './slot-wrap';

/** The slot layout of version 1 (kept readable; never written any more). */
export interface KeySlotV1 {
  /** username, or '#recovery' for the recovery slot */
  name: string;
  salt: string;
  iv: string;
  tag: string;
  wrapped: string;
  kdf: ScryptParams;
  /** The sensitive key under the same wrapping key (other IV and AAD); absent in viewers' slots. */
  sensitive?: WrappedKey;
}

export function openV1(slot: KeySlotV1, wrapKey: Buffer): SlotKeys | null {
  const dbKey = unwrap(wrapKey, `taizhang-slot:${slot.name}`, slot);
  if (!dbKey) return null;
  const sensitiveKey = slot.sensitive ? unwrap(wrapKey, `taizhang-slot-sensitive:${slot.name}`, slot.sensitive) : null;
  return sensitiveKey ? { dbKey, sensitiveKey, legacyLayout: true } : { dbKey, sensitiveKey };
}

/**
 * A version-1 slot, exactly as versions before 2 wrote it. The app never
 * writes one any more; tests use it to build a ledger the way the previous
 * version did and prove the upgrade keeps everyone's access.
 */
export function makeSlotV1(name: string, secret: string | NewSecret, keys: SlotKeys, kdf: ScryptParams = DEFAULT_KDF): KeySlotV1 {
  const { salt, kdf: slotKdf, wrapKey } = newSlotSecret(secret, kdf);
  try {
    const db = wrap(wrapKey, `taizhang-slot:${name}`, keys.dbKey);
    const slot: KeySlotV1 = { name, salt: salt.toString('hex'), iv: db.iv, tag: db.tag, wrapped: db.wrapped, kdf: slotKdf };
    if (keys.sensitiveKey) slot.sensitive = wrap(wrapKey, `taizhang-slot-sensitive:${name}`, keys.sensitiveKey);
    return slot;
  } finally {
    wrapKey.fill(0);
  }
}
