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

/**
 * The digest of the keyring's recovery slot ('none' without one): of its fields in a fixed order, so the same slot
 * written with its fields in another order (a harmless edit: the sheet still opens it) is the same slot (S41-A2).
 */
export function recoverySlotDigest(keyring: Keyring): string {
  const slot = findSlot(keyring, RECOVERY_SLOT);
  return slot ? digestOf(canonical(slot)) : 'none';
}

/** The digest session 40's anchors carry: of the slot's JSON in the order parsed (what the program itself writes). */
function asParsedDigest(keyring: Keyring): string {
  const slot = findSlot(keyring, RECOVERY_SLOT);
  return slot ? digestOf(JSON.stringify(slot)) : 'none';
}

const digestOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** JSON with every object's keys sorted (the slot holds plain objects, strings and numbers). */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/**
 * Changes of the recovery slot this process made (ledger id, digest before, digest after): in memory only, nothing in
 * the files can add one. A change counts only from the slot it was made on, so a save that carries an altered slot
 * along (a clerk's password change writes the whole keyring) does not make it the program's. Each change is noted from
 * both digests of the slot it replaced, so an anchor of session 40 (digest as parsed) leads on to it too.
 */
const madeHere = new Map<string, Set<string>>();
/**
 * Per ledger, the slot of the office's sheet as this process last knew it: the one it made anew (a new key pair, a new
 * sheet shown to the office: 更换密钥 or 生成新的恢复密钥), the program's whatever came before; or the one the office's
 * sheet was just seen to open (用恢复密钥核对 passed, with today's keys). Only the latest: a sheet made earlier in the
 * same run and put back by someone else is not the program's (S41-A1: it was a set, every earlier sheet kept).
 */
const officeSheetSlot = new Map<string, string>();
const key = (ledgerId: string, digest: string): string => `${ledgerId}:${digest}`;

/** Called by every program path that writes a keyring: the keyring it replaced (null: unreadable) and the one written. */
export function noteKeyringWritten(before: Keyring | null, after: Keyring): void {
  const slot = findSlot(after, RECOVERY_SLOT);
  const was = before ? findSlot(before, RECOVERY_SLOT) : undefined;
  const to = recoverySlotDigest(after);
  if (slot && (!was || slotPublicKey(was) !== slotPublicKey(slot))) officeSheetSlot.set(after.ledgerId, to);
  if (!before) return;
  for (const from of new Set([recoverySlotDigest(before), asParsedDigest(before)])) {
    if (from === to) continue;
    const k = key(after.ledgerId, from);
    madeHere.set(k, (madeHere.get(k) ?? new Set()).add(to));
  }
}

/**
 * 用恢复密钥核对 passed on this keyring's slot: the office's sheet opens it with the keys held now (auth/recovery-sheet-check.ts).
 * It is the slot of the office's sheet, whatever was written in it outside the program (a nag the sheet in hand could
 * not end, S41-A2).
 */
export function noteSlotOpenedBySheet(keyring: Keyring): void {
  officeSheetSlot.set(keyring.ledgerId, recoverySlotDigest(keyring));
}

const slotPublicKey = (slot: KeySlot): string | undefined => (isV2(slot) ? slot.publicKey : undefined);

/** Whether the keyring's slot is the office's sheet's as this process knows it, or its own changes lead to it from `from` or from that one. */
function madeByProgram(keyring: Keyring, from: string): boolean {
  const now = recoverySlotDigest(keyring);
  // An anchor of session 40 names the slot by its digest as parsed.
  if (from === asParsedDigest(keyring)) return true;
  const sheet = officeSheetSlot.get(keyring.ledgerId);
  const seen = new Set(sheet === undefined ? [from] : [from, sheet]);
  const queue = [...seen];
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
  officeSheetSlot.clear();
}
