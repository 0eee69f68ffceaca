/**
 * The additional data each part of a key slot (db/keyslot.ts) is sealed with: what it names (ledger, slot, which
 * key, which layout) cannot be moved or relabelled without the seal refusing. The private key's also names the
 * slot's password history (db/password-history.ts), so the history cannot be stripped or swapped without the
 * holder's password no longer opening the slot.
 */
import { createHash } from 'node:crypto';
import type { ScryptParams, WrappedKey } from './slot-wrap';

/** Which key a slot holds sealed to its public key: the coordinator key (issue 19, CR1) only in coordinators' slots and the recovery slot. */
export type SlotKeyName = 'db' | 'sensitive' | 'coordinator';

/**
 * A password a slot had before (issue 19, R1b): the retired slot's own scrypt parameters and a value wrapped under
 * the key its password derived, with the additional data it was wrapped with. A password opens it or it does not;
 * it says nothing else. Kept in the holder's slot, bound to it by the private key's additional data.
 */
export interface RetiredPassword {
  salt: string;
  kdf: ScryptParams;
  aad: string;
  check: WrappedKey;
}

const sealAad = (ledgerId: string, name: string, which: SlotKeyName) => `taizhang-slot-key:${ledgerId}:${name}:${which}`;
/**
 * The sensitive key is sealed with this suffix since slots' public keys are vouched for (migration 064): a slot
 * holding a seal without it was last given the key by an older version. Only a holder of the key can seal it, so a
 * viewer cannot make a holder's own slot look older to have the upgrade's trust on first use run again.
 */
const VOUCHED_LAYOUT = ':vouched-keys';
export const aadFor = (ledgerId: string, name: string, which: SlotKeyName, legacy = false) =>
  sealAad(ledgerId, name, which) + (which === 'sensitive' && !legacy ? VOUCHED_LAYOUT : '');

/** The history's digest: any change to an entry, its order or its count changes it. Throws on entries that are not of this shape (a damaged slot). */
function historyDigest(retired: readonly RetiredPassword[]): string {
  const fields = retired.map((e) => [e.salt, e.kdf.N, e.kdf.r, e.kdf.p, e.aad, e.check.iv, e.check.tag, e.check.wrapped]);
  if (fields.flat().some((f) => typeof f !== 'string' && typeof f !== 'number')) throw new Error('password history damaged');
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/**
 * Version 3 names itself in the private key's AAD: a pinned slot relabelled as version 2 (its pin stripped) no
 * longer opens as one. A slot with a password history names its digest: an empty history is no suffix, as before.
 */
export function privateAad(ledgerId: string, name: string, v: 2 | 3, retired: readonly RetiredPassword[] | undefined, coordinatorPin?: string): string {
  const base = `taizhang-slot-private:${v === 3 ? 'v3:' : ''}${ledgerId}:${name}`;
  const withHistory = retired && retired.length > 0 ? `${base}:retired:${historyDigest(retired)}` : base;
  // The coordinator key's pin (db/keyslot.ts `coordinatorPin`): '' names none, and still marks the slot as made since the key existed.
  return typeof coordinatorPin === 'string' ? `${withHistory}:coordinator:${coordinatorPin}` : withHistory;
}

export const pinAad = (ledgerId: string, name: string) => `taizhang-slot-pin:${ledgerId}:${name}`;
