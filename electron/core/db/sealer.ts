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
 *     a batch of values (`KEYSTREAM_BLOCKS`): each value starts at a counter
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
 *   without the value being stored in clear.
 * Subkeys come from the sensitive key by HKDF (one per use), so the raw key seals nothing itself.
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hash,
  hkdfSync,
  randomFillSync,
  timingSafeEqual,
  type Hmac,
  type KeyObject,
} from 'node:crypto';
import { AppError } from '../errors';

/** Version byte at the front of every sealed value: a later format can be told apart. */
const SEALED_V1 = 1;
const SEALED_V2 = 2;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** AES block, and so the size of a version-2 value's counter block. */
const BLOCK_BYTES = 16;
/** Key stream made per CTR pass (64 KB: 4,096 counter blocks, about 2,000 sealed ID numbers). */
const KEYSTREAM_BLOCKS = 4096;
/** A value longer than this gets a CTR pass of its own (attachments, whole records): no batch to share. */
const BATCHED_MAX_BYTES = 1024;
export const INDEX_BYTES = 16;
const SHA256_BLOCK = 64;
const SHA256_BYTES = 32;
/** Messages up to this length are MACed through `shortHmac`'s one-shot hashes. */
const SHORT_MAC_BYTES = 2048;
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

/** Writes `start + blocks` (both 128-bit big-endian counter blocks, as AES-CTR counts) into `out` at `at`. */
export function writeCounterBlock(out: Buffer, at: number, start: Buffer, blocks: number): void {
  start.copy(out, at, 0, BLOCK_BYTES);
  let carry = blocks;
  for (let i = BLOCK_BYTES - 1; i >= 0 && carry > 0; i--) {
    const sum = out[at + i]! + (carry % 256);
    out[at + i] = sum % 256;
    carry = Math.floor(carry / 256) + (sum >= 256 ? 1 : 0);
  }
}

/**
 * Key stream for short values, made a batch at a time: one AES-256-CTR pass from a random 128-bit
 * counter block over `KEYSTREAM_BLOCKS` blocks. `take(n)` hands the next n blocks to one value, with
 * the counter block they start at, and returns where they start in `stream`; blocks are handed out
 * once and a new pass starts from a new random counter block, so no key stream is used twice (two
 * passes overlap with probability about passes² × 2^12 / 2^128).
 */
function keystreamSource(ctrKey: KeyObject): { stream: Buffer; take(blocks: number, counterOut: Buffer, at: number): number } {
  const zeros = Buffer.alloc(KEYSTREAM_BLOCKS * BLOCK_BYTES);
  const start = Buffer.alloc(BLOCK_BYTES);
  let next = KEYSTREAM_BLOCKS;
  const source: { stream: Buffer; take(blocks: number, counterOut: Buffer, at: number): number } = {
    stream: zeros,
    take(blocks, counterOut, at) {
      if (next + blocks > KEYSTREAM_BLOCKS) {
        randomFillSync(start);
        source.stream = createCipheriv('aes-256-ctr', ctrKey, start).update(zeros);
        next = 0;
      }
      writeCounterBlock(counterOut, at, start, next);
      const offset = next * BLOCK_BYTES;
      next += blocks;
      return offset;
    },
  };
  return source;
}

/**
 * HMAC-SHA-256 (RFC 2104) computed as its definition says: SHA-256((K ⊕ opad) | SHA-256((K ⊕ ipad) |
 * message)), with the two padded keys made once and each hash one call of `crypto.hash`. The same
 * bytes as createHmac (tested) at about half the cost for the short messages of an import (OpenSSL's
 * HMAC object is otherwise built and keyed again for every value: 400,000 times per 100,000 rows).
 * The message is written straight into the padded key's buffer and the MAC straight where it is
 * wanted (a sealed value's tag, an index): about 1,000,000 MACs per 100,000 rows, so no Buffer per
 * message or digest. A message longer than `SHORT_MAC_BYTES` goes through createHmac.
 */
interface ShortHmac {
  /** The MAC of the parts in order, 32 bytes. */
  ofParts(parts: readonly Buffer[]): Buffer;
  /** The MAC of a text's UTF-8 bytes, its first `bytes` written into `out` at `at`. */
  ofText(text: string, out: Buffer, at: number, bytes: number): void;
  /** The MAC of `head | src[start, end) | tail`, its first `bytes` written into `out` at `at`. */
  ofRange(head: Buffer, src: Buffer, start: number, end: number, tail: Buffer, out: Buffer, at: number, bytes: number): void;
}

/**
 * Writes a text's UTF-8 bytes into `buf` at `at` (the caller leaves room for 3 bytes per UTF-16 unit) and returns
 * how many: ASCII by char code, anything else by Buffer's encoder, whose write validates its arguments in
 * JavaScript (a cost per call at 1,000,000 calls per import).
 */
function writeUtf8(buf: Buffer, at: number, text: string): number {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return buf.write(text, at, 'utf8');
    buf[at + i] = c;
  }
  return length;
}

function shortHmacOf(key: Buffer): ShortHmac {
  if (key.length > SHA256_BLOCK) throw new AppError('INTERNAL', 'HMAC 密钥长度不正确。');
  const inner = Buffer.alloc(SHA256_BLOCK + SHORT_MAC_BYTES);
  const outer = Buffer.alloc(SHA256_BLOCK + SHA256_BYTES);
  for (let i = 0; i < SHA256_BLOCK; i++) {
    inner[i] = (key[i] ?? 0) ^ 0x36;
    outer[i] = (key[i] ?? 0) ^ 0x5c;
  }
  const keyObject = createSecretKey(key);
  // The padded key and message, one view per length, made once (a view is an object too).
  const views: Buffer[] = [];
  const upTo = (end: number): Buffer => (views[end] ??= inner.subarray(0, end));
  /**
   * Hashes the inner buffer up to `end`, then the outer. Digests come as 'binary' (latin1) strings, one byte a
   * character, lossless, and are copied by char code: Buffer's write validates its arguments in JavaScript.
   */
  const finish = (end: number, out: Buffer, at: number, bytes: number): void => {
    const first = hash('sha256', upTo(end), 'binary');
    for (let i = 0; i < SHA256_BYTES; i++) outer[SHA256_BLOCK + i] = first.charCodeAt(i);
    const second = hash('sha256', outer, 'binary');
    for (let i = 0; i < bytes; i++) out[at + i] = second.charCodeAt(i);
  };
  const slow = (): Hmac => createHmac('sha256', keyObject);
  return {
    ofParts(parts) {
      let end = SHA256_BLOCK;
      for (const part of parts) end += part.length;
      if (end > inner.length) {
        const h = slow();
        for (const part of parts) h.update(part);
        return h.digest();
      }
      end = SHA256_BLOCK;
      for (const part of parts) {
        inner.set(part, end);
        end += part.length;
      }
      const out = Buffer.allocUnsafe(SHA256_BYTES);
      finish(end, out, 0, SHA256_BYTES);
      return out;
    },
    ofText(text, out, at, bytes) {
      // At most 3 bytes per UTF-16 unit: a text this short always fits.
      if (text.length * 3 > SHORT_MAC_BYTES) slow().update(text, 'utf8').digest().copy(out, at, 0, bytes);
      else finish(SHA256_BLOCK + writeUtf8(inner, SHA256_BLOCK, text), out, at, bytes);
    },
    ofRange(head, src, start, end, tail, out, at, bytes) {
      let to = SHA256_BLOCK + head.length + (end - start) + tail.length;
      if (to > inner.length) {
        slow().update(head).update(src.subarray(start, end)).update(tail).digest().copy(out, at, 0, bytes);
        return;
      }
      // TypedArray set and a plain loop: Buffer's copy validates its arguments in JavaScript, a cost per call here.
      inner.set(head, SHA256_BLOCK);
      to = SHA256_BLOCK + head.length;
      for (let i = start; i < end; i++) inner[to++] = src[i]!;
      inner.set(tail, to);
      finish(to + tail.length, out, at, bytes);
    },
  };
}

/** HMAC-SHA-256 of a message in parts, as createHmac computes it (see shortHmacOf). */
export function shortHmac(key: Buffer): (parts: readonly Buffer[]) => Buffer {
  const mac = shortHmacOf(key);
  return (parts) => mac.ofParts(parts);
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
