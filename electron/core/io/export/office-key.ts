/**
 * The office's Ed25519 signing key. Made at the first export (or when the
 * coordinator first asks for the public key), kept inside the encrypted
 * ledger; only the public half ever leaves, as a small text file with a
 * fingerprint the district can read back over the phone.
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ReadDb, WriteDb } from '../../db/types';
import { AppError } from '../../errors';

export interface OfficeKey {
  id: number;
  publicKeyPem: string;
  privateKeyPem: string;
  fingerprint: string;
  createdAt: string;
}

/** SHA-256 of the key's DER encoding, hex in groups of four: what people compare. */
export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').match(/.{4}/g)!.join('-');
}

export function currentOfficeKey(db: ReadDb): OfficeKey | undefined {
  return db
    .prepare(
      `SELECT id, public_key_pem AS publicKeyPem, private_key_pem AS privateKeyPem, fingerprint, created_at AS createdAt
       FROM office_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get() as OfficeKey | undefined;
}

export function ensureOfficeKey(db: WriteDb, nowIso: string): { key: OfficeKey; created: boolean } {
  const existing = currentOfficeKey(db);
  if (existing) return { key: existing, created: false };
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const publicKeyPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const fingerprint = fingerprintOf(publicKey);
  db.prepare(
    `INSERT INTO office_keys (public_key_pem, private_key_pem, fingerprint, created_at) VALUES (@publicKeyPem, @privateKeyPem, @fingerprint, @nowIso)`,
  ).run({ publicKeyPem, privateKeyPem, fingerprint, nowIso });
  return { key: currentOfficeKey(db)!, created: true };
}

const FILE_HEADER = '台账上报公钥 taizhang-office-key v1';

export function publicKeyFileText(officeName: string, key: Pick<OfficeKey, 'publicKeyPem' | 'fingerprint' | 'createdAt'>): string {
  return [FILE_HEADER, `街道办事处: ${officeName}`, `指纹: ${key.fingerprint}`, `生成时间: ${key.createdAt}`, key.publicKeyPem.trim(), ''].join('\n');
}

export interface ParsedPublicKey {
  officeName: string;
  publicKeyPem: string;
  fingerprint: string;
}

/** Reads a .pub file; the fingerprint is recomputed, never trusted from the text. */
export function parsePublicKeyFile(text: string): ParsedPublicKey {
  const pem = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/.exec(text)?.[0];
  if (!text.startsWith(FILE_HEADER) || !pem) throw new AppError('BAD_INPUT', '这不是街道办事处的上报公钥文件（.pub）。');
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    throw new AppError('BAD_INPUT', '公钥文件已损坏，无法读取其中的公钥。');
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new AppError('BAD_INPUT', '公钥文件中的密钥类型不对（应为 Ed25519）。');
  const officeName = /^街道办事处: (.+)$/m.exec(text)?.[1]?.trim() ?? '';
  const fingerprint = fingerprintOf(key);
  const stated = /^指纹: (.+)$/m.exec(text)?.[1]?.trim();
  if (stated && stated !== fingerprint) throw new AppError('BAD_INPUT', '公钥文件中写的指纹与公钥本身不符，文件可能被改动过。');
  return { officeName, publicKeyPem: key.export({ type: 'spki', format: 'pem' }).toString(), fingerprint };
}
