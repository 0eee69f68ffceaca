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
import { createHmac, diffieHellman, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { DEFAULT_KDF, deriveWrappingKey, unwrap, wrap, type ScryptParams, type SlotKeys, type WrappedKey } from './slot-wrap';
import { openV1, type KeySlotV1 } from './keyslot-v1';
import { aadFor, pinAad, privateAad, type RetiredPassword, type SlotKeyName } from './slot-aad';
import { newRawPair, privateKeyOf, publicKeyOf } from './x25519';
import { coordinatorFingerprint, pinnedCoordinatorKey, pinnedKept } from './keyslot-coordinator';
import { coordinatorRotationOf } from './coordinator-lineage';

export { DEFAULT_KDF, type ScryptParams, type SlotKeys, type WrappedKey } from './slot-wrap';
export { makeSlotV1, type KeySlotV1 } from './keyslot-v1';
export type { RetiredPassword, SlotKeyName } from './slot-aad';

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
const NO_KEY = Buffer.alloc(32);

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
function openSealedKey(
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

/** Test-only: write slots and keyrings as version 2 (session 18's layout, nothing pinned) to build a ledger the way the previous version did. */
export const slotLayoutTestHooks: { writeVersion: 2 | 3 } = { writeVersion: 3 };

/**
 * A version-3 slot for `name` holding `keys` (pass a sensitive key only for clerks, coordinators and the recovery
 * slot), pinned to `pinned`: the sensitive key it holds unless told otherwise (null: a key the program has not
 * verified, left for the next unlock to judge, e.g. a password change of a slot whose key the unlock refused).
 */
export function makeSlot(
  ledgerId: string,
  name: string,
  secret: string,
  keys: SlotKeys,
  kdf: ScryptParams = DEFAULT_KDF,
  pinned: Buffer | null = keys.sensitiveKey,
  retired: readonly RetiredPassword[] = [],
): KeySlotV2 {
  const salt = randomBytes(16);
  const pair = newRawPair();
  // A coordinator's slot names the coordinator key it holds (db/keyslot-coordinator.ts).
  const coordinatorPin = slotLayoutTestHooks.writeVersion === 3 && keys.coordinatorKey ? coordinatorFingerprint(keys.coordinatorKey) : undefined;
  const priv = pair.priv;
  const wrapKey = deriveWrappingKey(secret, salt, kdf);
  try {
    const v = slotLayoutTestHooks.writeVersion;
    const slot: KeySlotV2 = {
      v,
      name,
      salt: salt.toString('hex'),
      kdf,
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
export function pinSlot(ledgerId: string, slot: KeySlotV2, kek: Buffer, pinned: Buffer | null): KeySlotV2 | null {
  if (slotLayoutTestHooks.writeVersion === 2) return null;
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

/**
 * What an unlock learns from a slot: its keys, and what its holder's password pins. `pin`: version 3's fingerprint
 * (null: it pins no key); absent: an older layout, nothing pinned. `pinBroken`: the slot's private key opens only
 * under the other layout's additional data, or its pin does not open: a pinned slot rewritten without its password
 * (the pin stripped, a version-3 slot relabelled 2): its sensitive key must not count. `kek`: the scrypt-derived key,
 * for `pinSlot`; the caller zeroes it.
 */
export interface OpenedSlot extends SlotKeys {
  pin?: Buffer | null;
  pinBroken?: true;
  kek: Buffer;
  /**
   * The coordinator key sealed to the slot is not the one its pin names (a rotation while its holder was away, or a
   * key someone else sealed there): whether the keyring's signed links lead from the pinned key to it
   * (db/coordinator-lineage.ts, CR1-Q). Absent when the pin names the key, or the slot holds none.
   */
  coordinatorRotation?: 'vouched' | 'unvouched';
}

/** The private key under the layout the slot names, or else under the other one (then the pin is broken). */
function openPrivate(ledgerId: string, slot: KeySlotV2, wrapKey: Buffer): { priv: Buffer; asLabelled: boolean } | null {
  const named = unwrap(wrapKey, privateAad(ledgerId, slot.name, slot.v, slot.retired, slot.coordinatorPin), slot.privateKey);
  if (named) return { priv: named, asLabelled: true };
  const other = unwrap(wrapKey, privateAad(ledgerId, slot.name, slot.v === 3 ? 2 : 3, slot.retired, slot.coordinatorPin), slot.privateKey);
  return other ? { priv: other, asLabelled: false } : null;
}

function openV2(ledgerId: string, slot: KeySlotV2, wrapKey: Buffer, lineage: unknown): Omit<OpenedSlot, 'kek'> | null {
  const opened = openPrivate(ledgerId, slot, wrapKey);
  if (!opened) return null;
  const { priv } = opened;
  try {
    const privateKey = privateKeyOf(priv, Buffer.from(slot.publicKey, 'hex'));
    const db = openSealedKey(ledgerId, slot, 'db', privateKey);
    if (!db) return null;
    const sensitive = openSealedKey(ledgerId, slot, 'sensitive', privateKey);
    const sealedCoordinator = openSealedKey(ledgerId, slot, 'coordinator', privateKey)?.key ?? null;
    const coordinatorRotation = coordinatorRotationOf(
      ledgerId,
      slot,
      sealedCoordinator,
      lineage,
      () => openSealedKey(ledgerId, slot, 'coordinator', privateKey, 'coordinatorPinned')?.key ?? null,
    );
    const coordinatorKey = pinnedCoordinatorKey(slot, sealedCoordinator);
    const keys: Omit<OpenedSlot, 'kek'> = {
      dbKey: db.key,
      sensitiveKey: sensitive?.key ?? null,
      ...(coordinatorKey ? { coordinatorKey } : {}),
      ...(sensitive?.legacy ? { legacyLayout: true as const } : {}),
      ...(coordinatorRotation ? { coordinatorRotation } : {}),
    };
    // Opened only under the other layout's AAD: relabelled by someone without the password (a version-3 slot made to look unpinned).
    if (!opened.asLabelled) return { ...keys, pinBroken: true };
    if (slot.v === 2) return keys;
    const pin = slot.pin ? unwrap(wrapKey, pinAad(ledgerId, slot.name), slot.pin) : null;
    if (!pin) return { ...keys, pinBroken: true };
    return { ...keys, pin: pin.equals(NO_KEY) ? null : pin };
  } finally {
    priv.fill(0);
  }
}

/**
 * A slot's keys and pin, or null when the secret is wrong (GCM refuses). One scrypt run, any version. `lineage`: the
 * keyring's `coordinatorLineage`, to say whether a coordinator key its pin does not name came by a rotation.
 */
export function openSlot(ledgerId: string, slot: KeySlot, secret: string, lineage: unknown = undefined): OpenedSlot | null {
  let wrapKey: Buffer | null = null;
  let opened: Omit<OpenedSlot, 'kek'> | null;
  try {
    wrapKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'hex'), slot.kdf);
    opened = isV2(slot) ? openV2(ledgerId, slot, wrapKey, lineage) : openV1(slot, wrapKey);
  } catch {
    // A wrong password is a GCM refusal (null); a throw is a slot that is not one any more: a public key, an ephemeral
    // key or scrypt parameters that are not what they must be (one flipped byte made the unlock answer INTERNAL:
    // session 19 attack run, T2). Said as such; the other slots still open.
    wrapKey?.fill(0);
    throw new AppError('LEDGER_DAMAGED', `密钥文件中「${slot.name}」的密钥槽已损坏，这个账号暂时无法解锁。请统筹负责人为它重设密码，或从备份恢复。`);
  }
  if (opened) return { ...opened, kek: wrapKey };
  wrapKey.fill(0);
  return null;
}

/** Both keys a slot holds, or null when the secret is wrong. A broken pin drops the sensitive key (it cannot be trusted). */
export function openSlotKeys(ledgerId: string, slot: KeySlot, secret: string): SlotKeys | null {
  const opened = openSlot(ledgerId, slot, secret);
  if (!opened) return null;
  const { kek, pin: _pin, pinBroken, coordinatorRotation: _rotation, ...keys } = opened;
  kek.fill(0);
  if (pinBroken) {
    keys.sensitiveKey?.fill(0);
    keys.coordinatorKey?.fill(0);
    return { dbKey: keys.dbKey, sensitiveKey: null };
  }
  return keys;
}

/** Whether `pin` (from `openSlot`) names `key`. */
export function pinNames(pin: Buffer, key: Buffer): boolean {
  const fp = keyFingerprint(key);
  return fp.length === pin.length && timingSafeEqual(fp, pin);
}

/** The same slot without the sensitive key (a user made a viewer), nor the coordinator key. */
export function withoutSensitive<S extends KeySlot>(slot: S): S {
  if (isV2(slot)) return { ...slot, keys: { db: slot.keys.db } };
  const { sensitive: _dropped, ...rest } = slot as KeySlotV1;
  return rest as S;
}
