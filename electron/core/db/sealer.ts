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
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { AppError } from '../errors';

/** Version byte at the front of every sealed value: a later format can be told apart. */
const SEALED_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const INDEX_BYTES = 16;
const VERSION = Buffer.of(SEALED_V1);

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

/**
 * Fresh IVs, drawn from the CSPRNG a few thousand at a time: one randomBytes
 * call per value cost as much as the encryption itself (a key rotation seals
 * hundreds of thousands). Every IV is still random and used once.
 */
const IV_POOL_SIZE = IV_BYTES * 4096;
let ivPool: Buffer = Buffer.alloc(0);
let ivAt = 0;
function nextIv(): Buffer {
  if (ivAt + IV_BYTES > ivPool.length) {
    ivPool = randomBytes(IV_POOL_SIZE);
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}

export function isSealed(value: unknown): value is Buffer {
  return Buffer.isBuffer(value) && value.length >= 1 + IV_BYTES + TAG_BYTES && value[0] === SEALED_V1;
}

export function makeSealer(sensitiveKey: Buffer): Sealer {
  if (sensitiveKey.length !== 32) throw new AppError('INTERNAL', '敏感信息密钥长度不正确。');
  // Key objects made once: passing raw bytes made Node import the key again at every call.
  const sealKey = createSecretKey(Buffer.from(hkdfSync('sha256', sensitiveKey, Buffer.alloc(0), 'taizhang-seal-v1', 32)));
  const indexRoot = Buffer.from(hkdfSync('sha256', sensitiveKey, Buffer.alloc(0), 'taizhang-index-v1', 32));
  const indexKeys = new Map<string, KeyObject>();
  const indexKey = (purpose: string): KeyObject => {
    let k = indexKeys.get(purpose);
    if (!k) {
      k = createSecretKey(createHmac('sha256', indexRoot).update(purpose).digest());
      indexKeys.set(purpose, k);
    }
    return k;
  };
  const sealBytes = (purpose: string, value: Buffer): Buffer => {
    const iv = nextIv();
    const cipher = createCipheriv('aes-256-gcm', sealKey, iv);
    cipher.setAAD(Buffer.from(purpose));
    const body = cipher.update(value);
    const last = cipher.final();
    return Buffer.concat([VERSION, iv, body, last, cipher.getAuthTag()], 1 + IV_BYTES + body.length + last.length + TAG_BYTES);
  };
  const openBytes = (purpose: string, sealed: Buffer): Buffer => {
    if (!isSealed(sealed)) throw new AppError('LEDGER_DAMAGED', `加密保存的「${purpose}」格式不正确，可能已损坏。请从备份恢复。`);
    try {
      const decipher = createDecipheriv('aes-256-gcm', sealKey, sealed.subarray(1, 1 + IV_BYTES));
      decipher.setAAD(Buffer.from(purpose));
      decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
      return Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES, sealed.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new AppError('LEDGER_DAMAGED', `加密保存的「${purpose}」无法解开（密钥不符或内容被改动）。请从备份恢复。`);
    }
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
    index: (purpose, value) => createHmac('sha256', indexKey(purpose)).update(value, 'utf8').digest().subarray(0, INDEX_BYTES),
  };
}
