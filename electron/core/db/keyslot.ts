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
 * Version 1 (older versions): the keys wrapped directly under
 * scrypt(password). Still opened; converted to version 2 at that user's next
 * successful unlock, when the password is at hand (db/ledger.ts).
 */
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import type { KeyObject } from 'node:crypto';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export const DEFAULT_KDF: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

export interface WrappedKey {
  iv: string;
  tag: string;
  wrapped: string;
}

/** A key sealed to a slot's public key. */
export interface SealedKey {
  /** The ephemeral X25519 public key (raw, hex). */
  epk: string;
  iv: string;
  tag: string;
  sealed: string;
}

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

export interface KeySlotV2 {
  v: 2;
  name: string;
  salt: string;
  kdf: ScryptParams;
  /** The slot's X25519 private key (raw 32 bytes) under scrypt(password). */
  privateKey: WrappedKey;
  /** The slot's X25519 public key, raw, hex: what anyone holding a key seals it to. */
  publicKey: string;
  keys: { db: SealedKey; sensitive?: SealedKey };
}

export type KeySlot = KeySlotV1 | KeySlotV2;
export type SlotKeyName = 'db' | 'sensitive';

/** What one slot opens: the database key, and the sensitive key when the slot holds it. */
export interface SlotKeys {
  dbKey: Buffer;
  sensitiveKey: Buffer | null;
  /**
   * Set when the sensitive key opened as a version before vouched slot keys sealed it (or from a version-1 slot):
   * the unlock that finds it runs the upgrade's trust on first use (auth/slot-keys.ts). Never set by a seal a
   * viewer can make: the layout is in the seal's additional data, which only a holder of the key can seal under.
   */
  legacyLayout?: true;
}

export const isV2 = (slot: KeySlot): slot is KeySlotV2 => 'v' in slot && slot.v === 2;

export function slotHoldsSensitive(slot: KeySlot): boolean {
  return isV2(slot) ? slot.keys.sensitive !== undefined : slot.sensitive !== undefined;
}

function deriveWrappingKey(secret: string, salt: Buffer, kdf: ScryptParams): Buffer {
  return scryptSync(secret.normalize('NFKC'), salt, 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + 1024 * 1024 });
}

function wrap(wrapKey: Buffer, aad: string, key: Buffer): WrappedKey {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
  cipher.setAAD(Buffer.from(aad));
  const wrapped = Buffer.concat([cipher.update(key), cipher.final()]);
  return { iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex'), wrapped: wrapped.toString('hex') };
}

function unwrap(wrapKey: Buffer, aad: string, w: WrappedKey): Buffer | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(w.iv, 'hex'));
    decipher.setAAD(Buffer.from(aad));
    decipher.setAuthTag(Buffer.from(w.tag, 'hex'));
    return Buffer.concat([decipher.update(Buffer.from(w.wrapped, 'hex')), decipher.final()]);
  } catch {
    return null;
  }
}

const b64url = (b: Buffer): string => b.toString('base64url');
const publicKeyOf = (raw: Buffer): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(raw) }, format: 'jwk' });
const privateKeyOf = (raw: Buffer, pub: Buffer): KeyObject =>
  createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: b64url(pub), d: b64url(raw) }, format: 'jwk' });
const rawOf = (k: KeyObject, part: 'x' | 'd'): Buffer => Buffer.from(k.export({ format: 'jwk' })[part] as string, 'base64url');

const sealAad = (ledgerId: string, name: string, which: SlotKeyName) => `taizhang-slot-key:${ledgerId}:${name}:${which}`;
/**
 * The sensitive key is sealed with this suffix since slots' public keys are vouched for (migration 064): a slot
 * holding a seal without it was last given the key by an older version. Only a holder of the key can seal it, so a
 * viewer cannot make a holder's own slot look older to have the upgrade's trust on first use run again.
 */
const VOUCHED_LAYOUT = ':vouched-keys';
const aadFor = (ledgerId: string, name: string, which: SlotKeyName, legacy = false) =>
  sealAad(ledgerId, name, which) + (which === 'sensitive' && !legacy ? VOUCHED_LAYOUT : '');
const privateAad = (ledgerId: string, name: string) => `taizhang-slot-private:${ledgerId}:${name}`;

function sealingKey(shared: Buffer, epk: Buffer, slotPub: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([epk, slotPub]), 'taizhang-slot-seal-v2', 32));
}

/** Seals `key` to the slot's public key (no password needed): a grant, or a rotation's rewrap. `legacy`: tests only (as older versions sealed). */
export function sealKeyToSlot(ledgerId: string, slot: KeySlotV2, which: SlotKeyName, key: Buffer, legacy = false): KeySlotV2 {
  const slotPub = Buffer.from(slot.publicKey, 'hex');
  const eph = generateKeyPairSync('x25519');
  const epk = rawOf(eph.publicKey, 'x');
  const kek = sealingKey(diffieHellman({ privateKey: eph.privateKey, publicKey: publicKeyOf(slotPub) }), epk, slotPub);
  try {
    const w = wrap(kek, aadFor(ledgerId, slot.name, which, legacy), key);
    return { ...slot, keys: { ...slot.keys, [which]: { epk: epk.toString('hex'), iv: w.iv, tag: w.tag, sealed: w.wrapped } } };
  } finally {
    kek.fill(0);
  }
}

/** The key and whether it was sealed as before vouched slot keys (the sensitive key only). */
function openSealedKey(ledgerId: string, slot: KeySlotV2, which: SlotKeyName, privateKey: KeyObject): { key: Buffer; legacy: boolean } | null {
  const s = slot.keys[which];
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

/** A version-2 slot for `name` holding `keys` (pass a sensitive key only for clerks, coordinators and the recovery slot). */
export function makeSlot(ledgerId: string, name: string, secret: string, keys: SlotKeys, kdf: ScryptParams = DEFAULT_KDF): KeySlotV2 {
  const salt = randomBytes(16);
  const pair = generateKeyPairSync('x25519');
  const priv = rawOf(pair.privateKey, 'd');
  const wrapKey = deriveWrappingKey(secret, salt, kdf);
  try {
    let slot: KeySlotV2 = {
      v: 2,
      name,
      salt: salt.toString('hex'),
      kdf,
      privateKey: wrap(wrapKey, privateAad(ledgerId, name), priv),
      publicKey: rawOf(pair.publicKey, 'x').toString('hex'),
      keys: { db: { epk: '', iv: '', tag: '', sealed: '' } },
    };
    slot = sealKeyToSlot(ledgerId, slot, 'db', keys.dbKey);
    return keys.sensitiveKey ? sealKeyToSlot(ledgerId, slot, 'sensitive', keys.sensitiveKey) : slot;
  } finally {
    wrapKey.fill(0);
    priv.fill(0);
  }
}

/** The same slot (same key pair) holding other keys: a rotation rewraps every slot this way, without passwords. */
export function resealSlot(ledgerId: string, slot: KeySlotV2, keys: SlotKeys): KeySlotV2 {
  const bare: KeySlotV2 = { ...slot, keys: { db: slot.keys.db } };
  const withDb = sealKeyToSlot(ledgerId, bare, 'db', keys.dbKey);
  return keys.sensitiveKey ? sealKeyToSlot(ledgerId, withDb, 'sensitive', keys.sensitiveKey) : withDb;
}

function openV1(slot: KeySlotV1, wrapKey: Buffer): SlotKeys | null {
  const dbKey = unwrap(wrapKey, `taizhang-slot:${slot.name}`, slot);
  if (!dbKey) return null;
  const sensitiveKey = slot.sensitive ? unwrap(wrapKey, `taizhang-slot-sensitive:${slot.name}`, slot.sensitive) : null;
  return sensitiveKey ? { dbKey, sensitiveKey, legacyLayout: true } : { dbKey, sensitiveKey };
}

function openV2(ledgerId: string, slot: KeySlotV2, wrapKey: Buffer): SlotKeys | null {
  const priv = unwrap(wrapKey, privateAad(ledgerId, slot.name), slot.privateKey);
  if (!priv) return null;
  try {
    const privateKey = privateKeyOf(priv, Buffer.from(slot.publicKey, 'hex'));
    const db = openSealedKey(ledgerId, slot, 'db', privateKey);
    if (!db) return null;
    const sensitive = openSealedKey(ledgerId, slot, 'sensitive', privateKey);
    if (!sensitive) return { dbKey: db.key, sensitiveKey: null };
    return sensitive.legacy ? { dbKey: db.key, sensitiveKey: sensitive.key, legacyLayout: true } : { dbKey: db.key, sensitiveKey: sensitive.key };
  } finally {
    priv.fill(0);
  }
}

/** Both keys a slot holds, or null when the secret is wrong (GCM refuses). One scrypt run, either version. */
export function openSlotKeys(ledgerId: string, slot: KeySlot, secret: string): SlotKeys | null {
  const wrapKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'hex'), slot.kdf);
  try {
    return isV2(slot) ? openV2(ledgerId, slot, wrapKey) : openV1(slot, wrapKey);
  } finally {
    wrapKey.fill(0);
  }
}

/** The same slot without the sensitive key (a user made a viewer). */
export function withoutSensitive<S extends KeySlot>(slot: S): S {
  if (isV2(slot)) return { ...slot, keys: { db: slot.keys.db } };
  const { sensitive: _dropped, ...rest } = slot as KeySlotV1;
  return rest as S;
}

/**
 * A version-1 slot, exactly as versions before 2 wrote it. The app never
 * writes one any more; tests use it to build a ledger the way the previous
 * version did and prove the upgrade keeps everyone's access.
 */
export function makeSlotV1(name: string, secret: string, keys: SlotKeys, kdf: ScryptParams = DEFAULT_KDF): KeySlotV1 {
  const salt = randomBytes(16);
  const wrapKey = deriveWrappingKey(secret, salt, kdf);
  try {
    const db = wrap(wrapKey, `taizhang-slot:${name}`, keys.dbKey);
    const slot: KeySlotV1 = { name, salt: salt.toString('hex'), iv: db.iv, tag: db.tag, wrapped: db.wrapped, kdf };
    if (keys.sensitiveKey) slot.sensitive = wrap(wrapKey, `taizhang-slot-sensitive:${name}`, keys.sensitiveKey);
    return slot;
  } finally {
    wrapKey.fill(0);
  }
}
