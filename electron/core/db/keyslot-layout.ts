/**
 * The key-pair slots' layout (versions 2 and 3; db/keyslot.ts says what each holds): the types, and sealing a key
 * to a slot's public key and opening it with the private key. No password here: db/slot-wrap.ts has that side.
 */
import { createHmac, diffieHellman, hkdfSync } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { unwrap, wrap, type ScryptParams, type WrappedKey } from './slot-wrap';
import type { KeySlotV1 } from './keyslot-v1';
import { aadFor, type RetiredPassword, type SlotKeyName } from './slot-aad';
import { newRawPair, privateKeyOf, publicKeyOf } from './x25519';

/** A key sealed to a slot's public key. */
export interface SealedKey {
  /** The ephemeral X25519 public key (raw, hex). */
  epk: string;
  iv: string;
  tag: string;
  sealed: string;
}

/** Versions 2 and 3 (the key-pair layouts; 3 adds the pin). */
export interface KeySlotV2 {
  v: 2 | 3;
  name: string;
  salt: string;
  kdf: ScryptParams;
  /** The slot's X25519 private key (raw 32 bytes) under scrypt(password). */
  privateKey: WrappedKey;
  /** The slot's X25519 public key, raw, hex: what anyone holding a key seals it to. */
  publicKey: string;
  /** `coordinatorPinned`: the coordinator key the pin names, kept when a rotation by someone else sealed a newer one (db/coordinator-lineage.ts). */
  keys: { db: SealedKey; sensitive?: SealedKey; coordinator?: SealedKey; coordinatorPinned?: SealedKey };
  /**
   * The coordinator key's pin (issue 19, CR1; db/keyslot-coordinator.ts): hex fingerprint of the coordinator key its
   * holder held when the slot was made with their password. In clear, but named in the private key's additional
   * data: only the holder's password changes or strips it. Its presence in any slot says the ledger has a coordinator
   * key (a clerk cannot make the ledger look older without locking that slot's holder out).
   */
  coordinatorPin?: string;
  /** Version 3: `keyFingerprint` of the sensitive key the holder last held, or 32 zero bytes (none), under scrypt(password). */
  pin?: WrappedKey;
  /**
   * Written by a rotation (keys/rotation.ts) on every slot given the new sensitive key while its pin still names the
   * retired one: its holder is refused the key ('rotated') until a coordinator resets their password. Guidance for
   * the words and the 用户 screen only, never a reason to count a key (anyone with the files can write or drop it);
   * gone when the slot is made anew or pinned.
   */
  pinStale?: true;
  /**
   * Checks of the passwords this slot's holder had before, newest first (db/password-history.ts): a new password
   * that opens one is refused. Named in the private key's additional data, so only the holder's password changes it.
   */
  retired?: RetiredPassword[];
  /**
   * The hash of the audit row written in the same transaction as this slot by someone setting its password for its
   * holder (重设密码, a promotion, a confirmation, 用恢复密钥): the keyring is saved before that transaction commits,
   * so after a crash between, the row is missing and the slot is refused at its holder's unlock (auth/slot-row.ts).
   */
  auditHash?: string;
}

export type KeySlot = KeySlotV1 | KeySlotV2;

/**
 * Why an unlock did not count the sensitive key its slot opened (db/ledger.ts; auth/key-notice.ts words it): 'pin',
 * the holder's own password pins another key, or the pin was stripped (session 19, S6); 'rotated', the same for a
 * slot a rotation marked (`pinStale`: its holder missed the rotation and needs a password reset); 'anchor', an unpinned
 * slot's key that the anchor, or the key another window holds, says is not the ledger's (S5); 'witness', a key that
 * is not exactly the pinned one and does not open the ledger's sealed data (session 19, P3); 'unpinned', a key in a
 * slot whose pin names none (sealed in by public key after its holder's last unlock: a grant), which never counts.
 */
export type KeyRefusal = 'pin' | 'rotated' | 'anchor' | 'witness' | 'unpinned';

/** A key-pair slot (version 2 or 3): keys are sealed to its public key, so a grant or a rotation needs no password. */
export const isV2 = (slot: KeySlot): slot is KeySlotV2 => 'v' in slot && (slot.v === 2 || slot.v === 3);

/** Whether the slot carries a pin (version 3). */
export const isPinned = (slot: KeySlot): boolean => isV2(slot) && slot.v === 3;

export function slotHoldsSensitive(slot: KeySlot): boolean {
  return isV2(slot) ? slot.keys.sensitive !== undefined : slot.sensitive !== undefined;
}

/** A pin naming no key: the holder held none at their last unlock (a viewer; a clerk before the key reached them). */
export const NO_KEY = Buffer.alloc(32);

/** Names a sensitive key without revealing it (HMAC under the key itself, with a label of its own). */
export function keyFingerprint(sensitiveKey: Buffer): Buffer {
  return createHmac('sha256', sensitiveKey).update('taizhang-slot-pin:sensitive-key').digest();
}

function sealingKey(shared: Buffer, epk: Buffer, slotPub: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, slotPub]), 'taizhang-slot-seal-v2', 32));
}

/** Seals `key` to the slot's public key (no password needed): a grant, or a rotation's rewrap. `legacy`: tests only (as older versions sealed). */
export function sealKeyToSlot(ledgerId: string, slot: KeySlotV2, which: SlotKeyName, key: Buffer, legacy = false): KeySlotV2 {
  const slotPub = Buffer.from(slot.publicKey, 'hex');
  const eph = newRawPair();
  const epk = eph.pub;
  const kek = sealingKey(diffieHellman({ privateKey: privateKeyOf(eph.priv, epk), publicKey: publicKeyOf(slotPub) }), epk, slotPub);
  eph.priv.fill(0);
  try {
    const w = wrap(kek, aadFor(ledgerId, slot.name, which, legacy), key);
    return { ...slot, keys: { ...slot.keys, [which]: { epk: epk.toString('hex'), iv: w.iv, tag: w.tag, sealed: w.wrapped } } };
  } finally {
    kek.fill(0);
  }
}

/**
 * The key and whether it was sealed as before vouched slot keys (the sensitive key only). `entry`: where the seal is
 * kept, when not under its own name (the pinned coordinator key a rotation kept: sealed as 'coordinator').
 */
export function openSealedKey(
  ledgerId: string,
  slot: KeySlotV2,
  which: SlotKeyName,
  privateKey: KeyObject,
  entry: keyof KeySlotV2['keys'] = which,
): { key: Buffer; legacy: boolean } | null {
  const s = slot.keys[entry];
  if (!s) return null;
  const epk = Buffer.from(s.epk, 'hex');
  const kek = sealingKey(diffieHellman({ privateKey, publicKey: publicKeyOf(epk) }), epk, Buffer.from(slot.publicKey, 'hex'));
  const sealed = { iv: s.iv, tag: s.tag, wrapped: s.sealed };
  try {
    const key = unwrap(kek, aadFor(ledgerId, slot.name, which), sealed);
    if (key || which !== 'sensitive') return key ? { key, legacy: false } : null;
    const old = unwrap(kek, aadFor(ledgerId, slot.name, which, true), sealed);
    return old ? { key: old, legacy: true } : null;
  } finally {
    kek.fill(0);
  }
}
