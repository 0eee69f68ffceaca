/**
 * The keyring: a small JSON file beside the ledger holding the database key
 * wrapped once per user (scrypt(password) -> AES-256-GCM) plus one recovery
 * slot. The database key itself is 32 random bytes nobody ever types.
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

export function makeSlot(name: string, secret: string, dbKey: Buffer, kdf: ScryptParams = DEFAULT_KDF): KeySlot {
  const salt = randomBytes(16);
  const iv = randomBytes(12);
  const wrapKey = deriveWrappingKey(secret, salt, kdf);
  const cipher = createCipheriv('aes-256-gcm', wrapKey, iv);
  cipher.setAAD(Buffer.from(`taizhang-slot:${name}`));
  const wrapped = Buffer.concat([cipher.update(dbKey), cipher.final()]);
  wrapKey.fill(0);
  return { name, salt: salt.toString('hex'), iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex'), wrapped: wrapped.toString('hex'), kdf };
}

/** Returns the database key, or null when the secret is wrong (GCM refuses). */
export function openSlot(slot: KeySlot, secret: string): Buffer | null {
  const wrapKey = deriveWrappingKey(secret, Buffer.from(slot.salt, 'hex'), slot.kdf);
  try {
    const decipher = createDecipheriv('aes-256-gcm', wrapKey, Buffer.from(slot.iv, 'hex'));
    decipher.setAAD(Buffer.from(`taizhang-slot:${slot.name}`));
    decipher.setAuthTag(Buffer.from(slot.tag, 'hex'));
    return Buffer.concat([decipher.update(Buffer.from(slot.wrapped, 'hex')), decipher.final()]);
  } catch {
    return null;
  } finally {
    wrapKey.fill(0);
  }
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
