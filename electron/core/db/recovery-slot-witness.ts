/**
 * The recovery slot as the program last left it (twenty-sixth attack run, S40-A1). The office's printed sheet opens
 * the recovery slot; whoever can write the keyring file can spoil that slot and keep its public key (junk its wrapped
 * private key, or seal another database key to it: anyone can seal to a public key). Nothing the program reads without
 * the sheet shows it: the vouched public key still matches (auth/slot-keys.ts), and the day every coordinator has
 * forgotten their password the sheet opens nothing.
 *
 * So the audit anchor (audit/anchor.ts, MACed under the sensitive key, beside the keyring) carries a digest of the
 * recovery slot, and a keyed sign-in compares it with the slot in the file. The anchor is rewritten after every keyed
 * write; it takes the slot as it is now only when this process's own changes lead to it from the slot the anchor named
 * (the program's keyring writes go through `Ledger.saveKeyring` and `stageKeyring`, which note each change here), else
 * it keeps the digest it had: a slot changed outside the program stays a finding until a coordinator makes a new sheet
 * (a rotation: its new slot is the program's). An anchor with no digest (a ledger from before this version) takes the
 * slot as it finds it, as the first anchor took the log.
 */
import { createHash } from 'node:crypto';
import { findSlot, RECOVERY_SLOT, type Keyring } from './keyring';
import { isV2, type KeySlot } from './keyslot';

/** The digest of the keyring's recovery slot as the file holds it ('none' without one). */
export function recoverySlotDigest(keyring: Keyring): string {
  const slot = findSlot(keyring, RECOVERY_SLOT);
  return slot ? createHash('sha256').update(JSON.stringify(slot)).digest('hex').slice(0, 32) : 'none';
}

/**
 * Changes of the recovery slot this process made (ledger id, digest before, digest after): in memory only, nothing in
 * the files can add one. A change counts only from the slot it was made on, so a save that carries an altered slot
 * along (a clerk's password change writes the whole keyring) does not make it the program's.
 */
const madeHere = new Map<string, Set<string>>();
/** Slots this process made anew (a new key pair: a new sheet shown to the office, 更换密钥 or 生成新的恢复密钥): the program's whatever came before. */
const madeAnew = new Set<string>();
const key = (ledgerId: string, digest: string): string => `${ledgerId}:${digest}`;

/** Called by every program path that writes a keyring: the keyring it replaced (null: unreadable) and the one written. */
export function noteKeyringWritten(before: Keyring | null, after: Keyring): void {
  const slot = findSlot(after, RECOVERY_SLOT);
  const was = before ? findSlot(before, RECOVERY_SLOT) : undefined;
  const to = recoverySlotDigest(after);
  if (slot && (!was || slotPublicKey(was) !== slotPublicKey(slot))) madeAnew.add(key(after.ledgerId, to));
  const from = before ? recoverySlotDigest(before) : null;
  if (from === null || from === to) return;
  const k = key(after.ledgerId, from);
  madeHere.set(k, (madeHere.get(k) ?? new Set()).add(to));
}

const slotPublicKey = (slot: KeySlot): string | undefined => (isV2(slot) ? slot.publicKey : undefined);

/** Whether this process made the keyring's slot now anew, or its own changes lead to it from the slot `from`. */
function madeByProgram(keyring: Keyring, from: string): boolean {
  const now = recoverySlotDigest(keyring);
  if (madeAnew.has(key(keyring.ledgerId, now))) return true;
  const seen = new Set([from]);
  const queue = [from];
  while (queue.length > 0) {
    const at = queue.shift()!;
    if (at === now) return true;
    for (const next of madeHere.get(key(keyring.ledgerId, at)) ?? [])
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
  }
  return false;
}

/**
 * The digest an anchor written now carries: the slot as it is, when the anchor had none (`previous` undefined: a
 * ledger from before, a backup's anchor) or this process's own changes lead from the one it had; else the one it had
 * (the slot changed outside the program).
 */
export function recoveryDigestToAnchor(keyring: Keyring, previous: string | undefined): string {
  return previous === undefined || madeByProgram(keyring, previous) ? recoverySlotDigest(keyring) : previous;
}

/** Whether the keyring's recovery slot is not the one a sound anchor names, nor made from it by this process. */
export function recoverySlotAltered(keyring: Keyring, anchored: string | undefined): boolean {
  return anchored !== undefined && !madeByProgram(keyring, anchored);
}

/** What a new process knows of this one's changes: nothing (tests: the program started again, its memory gone). */
export function forgetChangesMadeHere(): void {
  madeHere.clear();
  madeAnew.clear();
}
