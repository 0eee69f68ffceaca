/**
 * Which sensitive key an unlock counts, and the pin that follows it (db/keyslot.ts version 3; session 18 attack
 * run, S5 and S6; "Pins" in electron/core/README.md). Sealing to a public key needs no secret: a slot can open a key
 * someone else chose, in one slot (S5) or in every slot at once, with the anchor and statements made to match (S6).
 * Only the holder's password can say which key they held: the pin. Pure functions of the keyring; the Ledger
 * (db/ledger.ts) saves what they return.
 */
import { findSlot, replaceSlot, type Keyring } from './keyring';
import { isV2, openSlot, pinNames, pinSlot, type KeyRefusal, type KeySlotV2 } from './keyslot';
import type { HeldSensitiveKey } from './held-sensitive-key';
import type { Database } from './types';

/** Whether a key counts for a slot: with its pin (a pinned slot), or without (an unpinned one: the anchor decides). */
export type KeyFits = (db: Database, sensitiveKey: Buffer, pin: Buffer | null) => boolean;

/** Without a witness to ask (tests, tools): a pinned slot's key counts when the pin names it, an unpinned one's always. */
export const pinOnly: KeyFits = (_db, key, pin) => pin === null || pinNames(pin, key);

/**
 * Null when the key a slot opened counts, else why not. A pinned slot's key counts only if its pin names it or a
 * successor (`fits` with the pin: auth/key-fits.ts); a broken pin (stripped, relabelled) never. Every slot's key,
 * pinned or not, then also has to fit as an unpinned one does (`fits` without a pin: the anchor). While a key is held
 * (it counted, or was made here: setup, a rotation, the adoption) only that key counts: a second, different one says
 * one of them is not the ledger's, and nothing must be sealed under it.
 * The pin is only the holder's own word, and a viewer holds their own slot: pinned under their own password to a key
 * they sealed into it, the pin alone let that key count with the anchor intact, and with `role = 'coordinator'` in
 * their row they signed in as coordinator holding it (session 19 attack run, P1: S5 again). The pin protects a holder
 * from a key others put in their slot (S6); the anchor protects the others from a key a slot's holder chose (S5).
 */
export function keyRefusal(
  db: Database,
  key: Buffer,
  pin: Buffer | null | undefined,
  pinBroken: boolean,
  held: HeldSensitiveKey,
  fits: KeyFits,
): KeyRefusal | null {
  if (pinBroken || (pin && !fits(db, key, pin))) return 'pin';
  if (held.isHeld()) return held.isSameAs(key) ? null : 'anchor';
  return fits(db, key, null) ? null : 'anchor';
}

/**
 * The keyring with the slot pinned to the key its unlock counted (null: nothing to change), with the wrapping key
 * the unlock derived, so no second scrypt run: a version-2 slot at its holder's first unlock (a viewer's pinned to
 * none), a pin naming no key after a grant, a retired key after a rotation. A slot that now holds no key keeps the
 * pin it has (a key stripped from it comes back by a holder's grant and matches).
 */
export function pinnedAtUnlock(keyring: Keyring, slot: KeySlotV2, kek: Buffer, pin: Buffer | null | undefined, key: Buffer | null): Keyring | null {
  const current = key ? pin !== undefined && pin !== null && pinNames(pin, key) : pin !== undefined;
  if (current) return null;
  const pinned = pinSlot(keyring.ledgerId, slot, kek, key);
  return pinned ? replaceSlot(keyring, pinned) : null;
}

/**
 * The keyring with `slotName` pinned to the key held, opened with `secret` once more (one scrypt run): a recovery
 * pins the recovery slot only once it goes ahead, so a refused one writes nothing. Null: nothing to change.
 */
export function pinnedToHeld(keyring: Keyring, slotName: string, secret: string, held: HeldSensitiveKey): Keyring | null {
  const slot = findSlot(keyring, slotName);
  if (!slot || !isV2(slot)) return null;
  const opened = openSlot(keyring.ledgerId, slot, secret);
  if (!opened) return null;
  const { kek, pin, pinBroken, dbKey, sensitiveKey } = opened;
  try {
    const isHeld = sensitiveKey !== null && held.isSameAs(sensitiveKey);
    if (pinBroken || (sensitiveKey && !isHeld)) return null;
    return pinnedAtUnlock(keyring, slot, kek, pin, sensitiveKey);
  } finally {
    for (const b of [kek, dbKey, sensitiveKey]) b?.fill(0);
  }
}
