/**
 * Sealing with the sensitive key. The ledger key (SQLCipher) opens the file
 * for every user, viewers included; the sensitive key is wrapped only in the
 * slots of clerks, coordinators and the recovery key (db/keyring.ts). What a
 * viewer must not read even offline with the files (full ID numbers, phones,
 * full birth dates, memorial records, attachments, the office signing key) is
 * stored sealed with it, one value at a time, and found through a keyed index.
 *
 * - seal/open: AES-256-GCM, a fresh 12-byte IV per value; the purpose (for
 *   example 'residents.id_number') is the additional data, so a value moved
 *   into another column does not open.
 * - index: HMAC-SHA-256 keyed per purpose, first 16 bytes: equal inputs give
 *   equal index values, so exact and last-digit searches stay indexed lookups
 *   without the value being stored in clear.
 * Subkeys come from the sensitive key by HKDF, so the raw key seals nothing itself.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomFillSync, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';

/** Version byte at the front of every sealed value: a later format can be told apart. */
const SEALED_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const INDEX_BYTES = 16;
/** IVs drawn per refill: one call into the system's random source per 1,024 values instead of one per value. */
const IV_POOL_VALUES = 1024;
/** Index values of inputs this short are kept once computed (4-digit tails: at most 11,000 per purpose). */
const SHORT_INDEX_CHARS = 4;
const SHORT_INDEXES_KEPT = 20_000;

export interface Sealer {
  /** Seals a text value; null and '' stay as they are (nothing to hide, and "no value" must stay visible). */
  seal(purpose: string, value: string): Buffer;
  sealOptional(purpose: string, value: string | null | undefined): Buffer | null;
  sealBytes(purpose: string, value: Buffer): Buffer;
  /** Opens what `seal` made with the same purpose; a value that does not open is damage, said so in Chinese. */
  open(purpose: string, sealed: Buffer): string;
  openOptional(purpose: string, sealed: Buffer | null | undefined): string | null;
  openBytes(purpose: string, sealed: Buffer): Buffer;
  /** The keyed index of a value for one purpose (16 bytes). */
  index(purpose: string, value: string): Buffer;
}

export function isSealed(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length >= 1 + IV_BYTES + TAG_BYTES && value[0] === SEALED_V1;
}

/** A value computed once per purpose (the purposes are a handful of fixed strings). */
function perPurpose<T>(make: (purpose: string) => T): (purpose: string) => T {
  const known = new Map<string, T>();
  return (purpose) => {
    let v = known.get(purpose);
    if (v === undefined) known.set(purpose, (v = make(purpose)));
    return v;
  };
}

/**
 * Fresh random IVs, 12 bytes each, handed out once: filled from the system's CSPRNG a
 * pool at a time (randomBytes(12) per value was a third of an import's sealing time).
 * Every IV is as random as randomBytes would give and none is handed out twice.
 */
function ivSource(): () => Buffer {
  const pool = Buffer.alloc(IV_BYTES * IV_POOL_VALUES);
  let next = pool.length;
  return () => {
    if (next === pool.length) {
      randomFillSync(pool);
      next = 0;
    }
    next += IV_BYTES;
    return pool.subarray(next - IV_BYTES, next);
  };
}

/**
 * The key objects are made once per sealer and the AAD once per purpose, and each sealed
 * value is assembled in one buffer: a 100,000-row import seals 300,000 values (issue 14 §6).
 */
export function makeSealer(sensitiveKey: Buffer): Sealer {
  if (sensitiveKey.length !== 32) throw new AppError('INTERNAL', '敏感信息密钥长度不正确。');
  const rawSealKey = Buffer.from(hkdfSync('sha256', sensitiveKey, Buffer.alloc(0), 'taizhang-seal-v1', 32));
  const sealKey: KeyObject = createSecretKey(rawSealKey); // a copy: the bytes here are wiped
  rawSealKey.fill(0);
  const indexRoot = Buffer.from(hkdfSync('sha256', sensitiveKey, Buffer.alloc(0), 'taizhang-index-v1', 32));
  const indexKey = perPurpose((purpose) => createHmac('sha256', indexRoot).update(purpose).digest());
  const aad = perPurpose((purpose) => Buffer.from(purpose));
  const nextIv = ivSource();
  const sealBytes = (purpose: string, value: Buffer): Buffer => {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
    cipher.setAAD(aad(purpose));
    // version | IV | ciphertext | tag, as before: values sealed by earlier versions open unchanged.
    const out = Buffer.allocUnsafe(1 + IV_BYTES + value.length + TAG_BYTES);
    out[0] = SEALED_V1;
    iv.copy(out, 1);
    let at = 1 + IV_BYTES + cipher.update(value).copy(out, 1 + IV_BYTES);
    at += cipher.final().copy(out, at);
    // GCM gives exactly as many bytes as it was given: the buffer is filled to its end, nothing left over from allocUnsafe.
    if (at + TAG_BYTES !== out.length) throw new AppError('INTERNAL', '加密结果长度不正确。');
    cipher.getAuthTag().copy(out, at);
    return out;
  };
  const openBytes = (purpose: string, sealed: Buffer): Buffer => {
    if (!isSealed(sealed)) throw new AppError('LEDGER_DAMAGED', `加密保存的「${purpose}」格式不正确，可能已损坏。请从备份恢复。`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(aad(purpose));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new AppError('LEDGER_DAMAGED', `加密保存的「${purpose}」无法解开（密钥不符或内容被改动）。请从备份恢复。`);
    }
  };
  const hmac = (purpose: string, value: string): Buffer => createHmac('sha256', indexKey(purpose)).update(value, 'utf8').digest().subarray(0, INDEX_BYTES);
  // Short values (the last four digits clerks search by) repeat across a ledger: their index is kept once computed,
  // for as long as this sealer (the unlocked session) lives. Copies are handed out, so no caller can alter the kept one.
  const shortIndexes = perPurpose(() => new Map<string, Buffer>());
  const index = (purpose: string, value: string): Buffer => {
    if (value.length > SHORT_INDEX_CHARS) return hmac(purpose, value);
    const known = shortIndexes(purpose);
    let v = known.get(value);
    if (v === undefined) {
      v = hmac(purpose, value);
      if (known.size < SHORT_INDEXES_KEPT) known.set(value, v);
    }
    return Buffer.from(v);
  };
  const seal = (purpose: string, value: string): Buffer => sealBytes(purpose, Buffer.from(value, 'utf8'));
  const open = (purpose: string, sealed: Buffer): string => openBytes(purpose, sealed).toString('utf8');
  return {
    seal,
    sealOptional: (purpose, value) => (value === null || value === undefined || value === '' ? null : seal(purpose, value)),
    sealBytes,
    open,
    openOptional: (purpose, sealed) => (sealed === null || sealed === undefined ? null : open(purpose, sealed)),
    openBytes,
    index,
  };
}
