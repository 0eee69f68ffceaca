/**
 * Sealing with the sensitive key. The ledger key (SQLCipher) opens the file
 * for every user, viewers included; the sensitive key is wrapped only in the
 * slots of clerks, coordinators and the recovery key (db/keyring.ts). What a
 * viewer must not read even offline with the files (full ID numbers, phones,
 * full birth dates, memorial records, attachments, the office signing key) is
 * stored sealed with it, one value at a time, and found through a keyed index.
 *
 * - seal/open: an AEAD per value; the purpose (for example
 *   'residents.id_number') is its associated data, so a value moved into
 *   another column does not open. Two formats, told apart by the first byte:
 *   - version 2 (what `seal` makes): AES-256-CTR then HMAC-SHA-256, the
 *     encrypt-then-MAC construction of Tink's AES-CTR-HMAC AEAD:
 *     `2 | 16-byte counter block | ciphertext | 16-byte tag`, the tag being
 *     HMAC(macKey, 2 | purpose | counter block | ciphertext | bit length of
 *     (2 | purpose) as 8 bytes) cut to 16 bytes, checked before anything is
 *     decrypted. Short values draw their key stream from one CTR pass made for
 *     a batch of values (`KEYSTREAM_BLOCKS`, keystream.ts): each value starts at a counter
 *     block of its own and none is handed out twice, so no key stream byte is
 *     used for two values. A fresh random 128-bit start per batch keeps the
 *     batches apart. AES-256-GCM needed one cipher context per value
 *     (createCipheriv: 8 µs, the largest cost of an import's 300,000 seals;
 *     Node cannot re-key a GCM context with a new IV).
 *   - version 1 (what earlier versions sealed, still opened): AES-256-GCM,
 *     `1 | 12-byte IV | ciphertext | 16-byte GCM tag`. Rotation and sealing
 *     upgrades re-seal whatever they open into version 2.
 * - index: HMAC-SHA-256 keyed per purpose, first 16 bytes: equal inputs give
 *   equal index values, so exact and last-digit searches stay indexed lookups
 *   without the value being stored in clear. Tags and indexes are MACed by short-hmac.ts.
 * Subkeys come from the sensitive key by HKDF (one per use), so the raw key seals nothing itself.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomFillSync, timingSafeEqual, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';
import { BLOCK_BYTES, keystreamSource } from './keystream';
import { shortHmacOf, writeUtf8 } from './short-hmac';

/** Version byte at the front of every sealed value: a later format can be told apart. */
const SEALED_V1 = 1;
const SEALED_V2 = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A value longer than this gets a CTR pass of its own (attachments, whole records): no batch to share. */
const BATCHED_MAX_BYTES = 1024;
export const INDEX_BYTES = 16;
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
  /**
   * Whether a value was sealed under this key for this purpose, without decrypting a version-2 value (its tag is the
   * proof): the witness that a key is the one the ledger's data is under (keys/sealed-witness.ts).
   */
  holds(purpose: string, sealed: Buffer): boolean;
  /** The keyed index of a value for one purpose (16 bytes). */
  index(purpose: string, value: string): Buffer;
}

export function isSealed(value: unknown): value is Buffer {
  if (!Buffer.isBuffer(value)) return false;
  if (value[0] === SEALED_V2) return value.length >= 1 + BLOCK_BYTES + TAG_BYTES;
  return value[0] === SEALED_V1 && value.length >= 1 + IV_BYTES + TAG_BYTES;
}

/**
 * How long a sealed value's nonce is; it starts at byte 1 (version 2: its counter block, version 1: its IV). No two
 * values the program seals share one: a short version-2 value starts at a counter block of its own (a batch hands
 * each out once, and a new batch starts at a random one), a long one and a version-1 value at a random one. So a
 * nonce met twice in a ledger is a value copied, never one sealed (keys/sealed-witness.ts).
 */
export function nonceLength(sealed: Buffer): number {
  return sealed[0] === SEALED_V2 ? BLOCK_BYTES : IV_BYTES;
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

const subkey = (key: Buffer, info: string): KeyObject => {
  const raw = Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), info, 32));
  const made = createSecretKey(raw); // a copy: the bytes here are wiped
  raw.fill(0);
  return made;
};

/**
 * The key objects are made once per sealer and the associated data once per purpose, and each sealed
 * value is assembled in one buffer: a 100,000-row import seals 300,000 values (issue 14 §6).
 */
export function makeSealer(sensitiveKey: Buffer): Sealer {
  if (sensitiveKey.length !== 32) throw new AppError('INTERNAL', '敏感信息密钥长度不正确。');
  const gcmKey = subkey(sensitiveKey, 'taizhang-seal-v1');
  const ctrKey = subkey(sensitiveKey, 'taizhang-seal-v2-aes-ctr');
  const mac = shortHmacOf(Buffer.from(hkdfSync('sha256', sensitiveKey, Buffer.alloc(0), 'taizhang-seal-v2-hmac', 32)));
  const indexRoot = Buffer.from(hkdfSync('sha256', sensitiveKey, Buffer.alloc(0), 'taizhang-index-v1', 32));
  const indexMac = perPurpose((purpose) => shortHmacOf(createHmac('sha256', indexRoot).update(purpose).digest()));
  const aad = perPurpose((purpose) => Buffer.from(purpose));
  // Version 2's associated data, `2 | purpose`, and its length in bits as 8 bytes big-endian (Tink's order: data, ciphertext, length).
  const v2Data = perPurpose((purpose) => {
    const data = Buffer.concat([Buffer.of(SEALED_V2), Buffer.from(purpose)]);
    const bits = Buffer.alloc(8);
    bits.writeBigUInt64BE(BigInt(data.length * 8));
    return { data, bits };
  });
  /** The tag of a version-2 value over its counter block and ciphertext (`sealed[1, end)`), written into `out` at `at`. */
  const v2Tag = (purpose: string, sealed: Buffer, end: number, out: Buffer, at: number): void => {
    const { data, bits } = v2Data(purpose);
    mac.ofRange(data, sealed, 1, end, bits, out, at, TAG_BYTES);
  };
  const keystream = keystreamSource(ctrKey);

  /** Seals `src[0, length)`. */
  const sealFrom = (purpose: string, src: Buffer, length: number): Buffer => {
    const out = Buffer.allocUnsafe(1 + BLOCK_BYTES + length + TAG_BYTES);
    out[0] = SEALED_V2;
    if (length <= BATCHED_MAX_BYTES) {
      // At least one block per value, so every value has a counter block of its own.
      const offset = keystream.take(Math.max(1, Math.ceil(length / BLOCK_BYTES)), out, 1);
      const stream = keystream.stream;
      for (let i = 0; i < length; i++) out[1 + BLOCK_BYTES + i] = src[i]! ^ stream[offset + i]!;
    } else {
      randomFillSync(out, 1, BLOCK_BYTES);
      const cipher = createCipheriv('aes-256-ctr', ctrKey, out.subarray(1, 1 + BLOCK_BYTES));
      // CTR gives exactly as many bytes as it was given: the buffer is filled to the tag, nothing left over from allocUnsafe.
      const written = cipher.update(src.subarray(0, length)).copy(out, 1 + BLOCK_BYTES) + cipher.final().copy(out, 1 + BLOCK_BYTES + length);
      if (written !== length) throw new AppError('INTERNAL', '加密结果长度不正确。');
    }
    v2Tag(purpose, out, 1 + BLOCK_BYTES + length, out, 1 + BLOCK_BYTES + length);
    return out;
  };
  const sealBytes = (purpose: string, value: Buffer): Buffer => sealFrom(purpose, value, value.length);
  // A short text is encoded into this buffer, sealed from it and wiped, rather than into a Buffer of its own per value.
  const plain = Buffer.alloc(BATCHED_MAX_BYTES);
  const seal = (purpose: string, value: string): Buffer => {
    if (value.length * 3 > BATCHED_MAX_BYTES) return sealBytes(purpose, Buffer.from(value, 'utf8'));
    const length = writeUtf8(plain, 0, value);
    const sealed = sealFrom(purpose, plain, length);
    plain.fill(0, 0, length);
    return sealed;
  };
  const tagSeen = Buffer.alloc(TAG_BYTES);
  const damaged = (purpose: string): AppError => new AppError('LEDGER_DAMAGED', `加密保存的「${purpose}」无法解开（密钥不符或内容被改动）。请从备份恢复。`);
  const openV2 = (purpose: string, sealed: Buffer): Buffer => {
    const end = sealed.length - TAG_BYTES;
    // Authenticated before anything is decrypted; compared in constant time.
    v2Tag(purpose, sealed, end, tagSeen, 0);
    if (!timingSafeEqual(tagSeen, sealed.subarray(end))) throw damaged(purpose);
    const body = sealed.subarray(1, end);
    const decipher = createDecipheriv('aes-256-ctr', ctrKey, body.subarray(0, BLOCK_BYTES));
    return Buffer.concat([decipher.update(body.subarray(BLOCK_BYTES)), decipher.final()]);
  };
  const openV1 = (purpose: string, sealed: Buffer): Buffer => {
    try {
      const decipher = createDecipheriv('aes-256-gcm', gcmKey, sealed.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(aad(purpose));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw damaged(purpose);
    }
  };
  const openBytes = (purpose: string, sealed: Buffer): Buffer => {
    if (!isSealed(sealed)) throw new AppError('LEDGER_DAMAGED', `加密保存的「${purpose}」格式不正确，可能已损坏。请从备份恢复。`);
    return sealed[0] === SEALED_V2 ? openV2(purpose, sealed) : openV1(purpose, sealed);
  };
  const holds = (purpose: string, sealed: Buffer): boolean => {
    if (!isSealed(sealed)) return false;
    if (sealed[0] === SEALED_V2) {
      const end = sealed.length - TAG_BYTES;
      v2Tag(purpose, sealed, end, tagSeen, 0);
      return timingSafeEqual(tagSeen, sealed.subarray(end));
    }
    try {
      openV1(purpose, sealed).fill(0);
      return true;
    } catch {
      return false;
    }
  };
  const hmac = (purpose: string, value: string): Buffer => {
    const out = Buffer.allocUnsafe(INDEX_BYTES);
    indexMac(purpose).ofText(value, out, 0, INDEX_BYTES);
    return out;
  };
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
  const open = (purpose: string, sealed: Buffer): string => openBytes(purpose, sealed).toString('utf8');
  return {
    seal,
    sealOptional: (purpose, value) => (value === null || value === undefined || value === '' ? null : seal(purpose, value)),
    sealBytes,
    open,
    openOptional: (purpose, sealed) => (sealed === null || sealed === undefined ? null : open(purpose, sealed)),
    openBytes,
    holds,
    index,
  };
}
