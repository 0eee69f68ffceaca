/**
 * Which sensitive key an unlock counts, and the pin that follows it (db/keyslot.ts version 3; session 18 attack
 * run, S5 and S6; "Pins" in electron/core/README.md). Sealing to a public key needs no secret: a slot can open a key
 * someone else chose, in one slot (S5) or in every slot at once, with the anchor and statements made to match (S6).
 * Only the holder's password can say which key they held: the pin. Pure functions of the keyring; the Ledger
 * (db/ledger.ts) saves what they return.
 */
import { findSlot, replaceSlot, sameSlot, type Keyring } from './keyring';
import { isV2, openSlotAsync, pinNames, pinSlot, SLOT_LAYOUT, type KeyRefusal, type KeySlotV2, type SlotLayout } from './keyslot';
import type { HeldSensitiveKey } from './held-sensitive-key';
import type { Database } from './types';
import { AppError } from '../errors';

/** What the sealed data says of a key (keys/sealed-witness.ts): every value opens under it or its history, one does not, or nothing is sealed yet. */
export type WitnessVerdict = 'holds' | 'fails' | 'empty';

/** The witnesses an unlock asks about a sensitive key a slot opened (auth/key-fits.ts gives the real ones). */
export interface KeyJudge {
  /** S5's rule: the audit anchor's MAC holds under the key (or a retired key its history holds), or the anchor cannot tell. */
  anchorFits(db: Database, sensitiveKey: Buffer): boolean;
  /** Whether the ledger's sealed data is under the key (session 19 attack run, P3): in steps, other channels answered between them. */
  sealedData(db: Database, sensitiveKey: Buffer): Promise<WitnessVerdict>;
}

/** Without witnesses to ask (tests, tools): a pinned slot's key counts when the pin names it, a version-2 slot's always, a pin naming none never. */
export const pinOnly: KeyJudge = { anchorFits: () => true, sealedData: () => Promise.resolve('empty') };

/** Only the sealed data can decide; what the anchor said (keyRefusal's last rule). */
export interface AskSealedData {
  anchorFits: boolean;
}

/**
 * Null when the key a slot opened counts, else why not. A broken pin (stripped, relabelled) never counts, nor a pin
 * that names another key: 'rotated' when a rotation marked the slot (`missedRotation`: its holder was not the one
 * rotating, and a coordinator's password reset re-makes the slot pinned to the current key), 'pin' otherwise.
 * There is no successor by the key history's word (session 20 attack run, W1: the clerk a rotation demoted knew the
 * retired key and every value sealed under it, so could make a history, statements, anchor and sealed data that
 * all witness for a key of their own; a holder pinned to the retired key cannot tell that from the real one). While a key is held (it
 * counted, or was made here: setup, a rotation, the adoption) only that key counts: a second, different one says one
 * of them is not the ledger's, and nothing must be sealed under it. Otherwise:
 * - The pin names the key exactly (the everyday sign-in): the anchor must hold too, since the pin is only the
 *   holder's own word and a viewer holds their own slot (session 19, P1: pinned to a key they sealed into it, with
 *   `role = 'coordinator'` in their row). An anchor that does not hold under it is asked no further only when nothing
 *   is sealed yet; else the sealed data decides (an anchor damaged by a flipped byte no longer refuses every holder:
 *   session 19, A1).
 * - A pin naming no key (`pin` null: version 3, its holder held none at their last unlock, then a grant sealed one in
 *   by public key): 'unpinned', never counted (session 22, issue 19: the demoted leaver re-makes anchor, statements and
 *   sealed data from a copy they kept, so no witness can tell their key from the ledger's). A promotion, like a
 *   reset, makes the slot anew pinned to the current key (auth/user-handlers.ts).
 * - A version-2 or version-1 slot (`pin` undefined: a ledger from before pins, the upgrade path) keeps its
 *   first-unlock rule: the anchor, and the sealed data, which a chosen key cannot open (session 19, P3). Everything
 *   the anchor and the statements are, the holder of the database key re-makes under a key of their choosing; the
 *   values already sealed they can only destroy.
 * Where only the sealed data can decide, this returns what to ask it (AskSealedData) and refusalByWitness decides:
 * the scan runs in steps (db/ledger-unlock.ts), and this is asked once more when it ends.
 */
export function keyRefusal(
  db: Database,
  key: Buffer,
  pin: Buffer | null | undefined,
  pinBroken: boolean,
  held: HeldSensitiveKey,
  judge: Pick<KeyJudge, 'anchorFits'>,
  missedRotation = false,
): KeyRefusal | null | AskSealedData {
  if (pinBroken) return 'pin';
  // A pin naming no key never counts a key found in the slot (session 22, w38-promote): it was sealed there by public
  // key, which needs no secret, and the leaver re-makes every witness for a key of their own (W1 through a promotion).
  if (pin === null) return 'unpinned';
  const exact = pin ? pinNames(pin, key) : false;
  if (pin && !exact) return missedRotation ? 'rotated' : 'pin';
  if (held.isHeld()) return held.isSameAs(key) ? null : 'anchor';
  const anchorFits = judge.anchorFits(db, key);
  if (exact && anchorFits) return null;
  if (!exact && !anchorFits) return 'anchor';
  return { anchorFits };
}

/** keyRefusal's last rule, once the sealed data has spoken (judge.sealedData). */
export function refusalByWitness(witness: WitnessVerdict, ask: AskSealedData): KeyRefusal | null {
  if (witness === 'fails') return 'witness';
  return witness === 'holds' || ask.anchorFits ? null : 'anchor';
}

export function asksSealedData(r: KeyRefusal | null | AskSealedData): r is AskSealedData {
  return typeof r === 'object' && r !== null;
}

/**
 * The keyring with the slot pinned to the key its unlock counted (null: nothing to change), with the wrapping key
 * the unlock derived, so no second scrypt run: a version-2 slot at its holder's first unlock (a viewer's pinned to
 * none), a pin naming no key after a grant. A slot that now holds no key keeps the
 * pin it has (a key stripped from it comes back by a holder's grant and matches).
 */
export function pinnedAtUnlock(
  keyring: Keyring,
  slot: KeySlotV2,
  kek: Buffer,
  pin: Buffer | null | undefined,
  key: Buffer | null,
  layout: SlotLayout = SLOT_LAYOUT,
): Keyring | null {
  const current = key ? pin !== undefined && pin !== null && pinNames(pin, key) : pin !== undefined;
  if (current) return null;
  const pinned = pinSlot(keyring.ledgerId, slot, kek, key, layout);
  return pinned ? replaceSlot(keyring, pinned) : null;
}

/**
 * The keyring with `slotName` pinned to the key held, opened with `secret` once more (one scrypt run, on libuv's thread
 * pool: the core answers other channels meanwhile): a recovery pins the recovery slot only once it goes ahead, so a
 * refused one writes nothing. Read again after the run (`read`); null: nothing to change. CONFLICT when the slot
 * changed meanwhile (the recovery was judged on a slot no longer there).
 */
export async function pinnedToHeld(read: () => Keyring, slotName: string, secret: string, held: HeldSensitiveKey, layout: SlotLayout): Promise<Keyring | null> {
  const before = read();
  const slot = findSlot(before, slotName);
  if (!slot || !isV2(slot)) return null;
  const opened = await openSlotAsync(before.ledgerId, slot, secret);
  if (!opened) return null;
  const { kek, pin, pinBroken, dbKey, sensitiveKey } = opened;
  try {
    const keyring = read();
    if (!sameSlot(findSlot(keyring, slotName), slot)) throw new AppError('CONFLICT', CHANGED_MEANWHILE);
    const isHeld = sensitiveKey !== null && held.isSameAs(sensitiveKey);
    if (pinBroken || (sensitiveKey && !isHeld)) return null;
    return pinnedAtUnlock(keyring, slot, kek, pin, sensitiveKey, layout);
  } finally {
    for (const b of [kek, dbKey, sensitiveKey]) b?.fill(0);
  }
}

/** A recovery whose slots, or the ledger, changed while its scrypt ran (auth.recover): nothing was set. */
export const CHANGED_MEANWHILE = '恢复期间台账在另一个窗口被锁定或改动了，没有设置新密码。请重新输入。';
