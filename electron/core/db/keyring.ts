/**
 * The keyring: a small JSON file beside the ledger holding the database key
 * wrapped once per user (scrypt(password) -> AES-256-GCM) plus one recovery
 * slot. The database key itself is 32 random bytes nobody ever types.
 * Slots of clerks, coordinators and the recovery slot also wrap the sensitive
 * key (keys/sealer.ts) under the same password-derived key; a viewer's slot
 * never holds it, so a viewer's password opens the file but not what is sealed.
 */
import { createCipheriv, createDecipheriv, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { writeFileAtomic } from '../fs-atomic';
import { readFileSync } from 'node:fs';
import { AppError } from '../errors';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export interface KeySlot {
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

export interface WrappedKey {
  iv: string;
  tag: string;
  wrapped: string;
}

/** What one slot opens: the database key, and the sensitive key when the slot holds it. */
export interface SlotKeys {
  dbKey: Buffer;
  sensitiveKey: Buffer | null;
}

export interface Keyring {
  format: 'taizhang-keyring';
  version: 1;
  ledgerId: string;
  /** First 16 bytes of the encrypted database file (its SQLCipher salt), hex: ties keyring to file. */
  dbSalt: string;
  slots: KeySlot[];
}

export const RECOVERY_SLOT = '#recovery';
export const DEFAULT_KDF: ScryptParams = { N: 1 << 15, r: 8, p: 1 };

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

/** A slot for `name`; pass the sensitive key only for clerks, coordinators and the recovery slot. */
export function makeSlot(name: string, secret: string, dbKey: Buffer, kdf: ScryptParams = DEFAULT_KDF, sensitiveKey: Buffer | null = null): KeySlot {
  const salt = randomBytes(16);
  const wrapKey = deriveWrappingKey(secret, salt, kdf);
  try {
    const db = wrap(wrapKey, `taizhang-slot:${name}`, dbKey);
    const slot: KeySlot = { name, salt: salt.toString('hex'), iv: db.iv, tag: db.tag, wrapped: db.wrapped, kdf };
    if (sensitiveKey) slot.sensitive = wrap(wrapKey, `taizhang-slot-sensitive:${name}`, sensitiveKey);
    return slot;
  } finally {
    wrapKey.fill(0);
  }
}

/** Both keys a slot holds, or null when the secret is wrong (GCM refuses). One scrypt run. */
export function openSlotKeys(slot: KeySlot, secret: string): SlotKeys | null {
  const wrapKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'hex'), slot.kdf);
  try {
    const dbKey = unwrap(wrapKey, `taizhang-slot:${slot.name}`, slot);
    if (!dbKey) return null;
    const sensitiveKey = slot.sensitive ? unwrap(wrapKey, `taizhang-slot-sensitive:${slot.name}`, slot.sensitive) : null;
    return { dbKey, sensitiveKey };
  } finally {
    wrapKey.fill(0);
  }
}

/** Returns the database key, or null when the secret is wrong (GCM refuses). */
export function openSlot(slot: KeySlot, secret: string): Buffer | null {
  const keys = openSlotKeys(slot, secret);
  keys?.sensitiveKey?.fill(0);
  return keys?.dbKey ?? null;
}

/** The same slot without the sensitive key (a user made a viewer). */
export function withoutSensitive(slot: KeySlot): KeySlot {
  const { sensitive: _dropped, ...rest } = slot;
  return rest;
}

/** Whether any slot holds the sensitive key (false for a keyring made before sealing existed). */
export function hasSensitiveKey(keyring: Keyring): boolean {
  return keyring.slots.some((s) => s.sensitive !== undefined);
}

export function newKeyring(): Keyring {
  return { format: 'taizhang-keyring', version: 1, ledgerId: randomUUID(), dbSalt: '', slots: [] };
}

export function readKeyring(path: string): Keyring {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    throw new AppError('LEDGER_DAMAGED', '密钥文件（taizhang.keyring.json）无法读取或已损坏。请从备份恢复，或打开另一个台账。');
  }
  const k = parsed as Partial<Keyring>;
  if (k.format !== 'taizhang-keyring' || !Array.isArray(k.slots) || typeof k.ledgerId !== 'string') {
    throw new AppError('NOT_A_LEDGER', '密钥文件不是本程序的格式。请确认选择的是台账文件夹。');
  }
  if (k.version !== 1) throw new AppError('LEDGER_TOO_NEW', '密钥文件由更新版本的程序创建，请使用新版程序打开。');
  return k as Keyring;
}

export function writeKeyring(path: string, keyring: Keyring): void {
  writeFileAtomic(path, JSON.stringify(keyring, null, 2));
}

export function findSlot(keyring: Keyring, name: string): KeySlot | undefined {
  return keyring.slots.find((s) => s.name === name);
}

export function replaceSlot(keyring: Keyring, slot: KeySlot): Keyring {
  return { ...keyring, slots: [...keyring.slots.filter((s) => s.name !== slot.name), slot] };
}

export function removeSlot(keyring: Keyring, name: string): Keyring {
  return { ...keyring, slots: keyring.slots.filter((s) => s.name !== name) };
}

/** A recovery key: 160 random bits in Crockford base32, grouped by 4 for reading aloud. */
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export function newRecoveryKey(): string {
  const bytes = randomBytes(20);
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out.match(/.{4}/g)!.join('-');
}

/** Accepts the key typed with spaces, lower case, O for 0, I/L for 1. */
export function normaliseRecoveryKey(typed: string): string {
  const clean = typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return (clean.match(/.{1,4}/g) ?? []).join('-');
}

export function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}
