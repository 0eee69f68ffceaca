/**
 * The office's Ed25519 signing key. Made at the first export (or when the
 * coordinator first asks for the public key), kept inside the encrypted
 * ledger with its private half sealed under the sensitive key (migration 025):
 * a viewer's password opens the file but cannot sign a package. It is opened
 * only where a package is signed. Only the public half ever leaves, as a small
 * text file with a fingerprint the district can read back over the phone.
 */
import { createHash, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { ReadDb, WriteDb } from '../../db/types';
import { AppError } from '../../errors';
import type { SealUpgrade } from '../../db/seal-upgrades';
import type { SealedColumn } from '../../keys/sealed-columns';
import type { Sealer } from '../../db/sealer';
import { bindRow, requireBound, sealClearInPlace, type RowBinding } from '../../db/row-binding';

/** The seal purpose of the private key. */
export const OFFICE_PRIVATE_KEY = 'office_keys.private_key';

/** The office key's public half: all that is read except where a package is signed. */
export interface OfficeKey {
  id: number;
  publicKeyPem: string;
  fingerprint: string;
  createdAt: string;
}

/** The private half, opened for one signing. */
export interface SigningKey extends OfficeKey {
  privateKeyPem: string;
}

const NO_SEALER = '本次登录没有取得敏感信息密钥，不能使用街道办事处的签名密钥。请用持有该密钥的统筹负责人账号重新登录后再试。';

/** SHA-256 of the key's DER encoding, hex in groups of four: what people compare. */
export function fingerprintOf(publicKey: KeyObject | string): string {
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const der = key.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').match(/.{4}/g)!.join('-');
}

export function currentOfficeKey(db: ReadDb): OfficeKey | undefined {
  return db
    .prepare(
      `SELECT id, public_key_pem AS publicKeyPem, fingerprint, created_at AS createdAt
       FROM office_keys WHERE retired_at IS NULL ORDER BY id DESC LIMIT 1`,
    )
    .get() as OfficeKey | undefined;
}

/** The current key, made (sealed) on first use; making one needs the sensitive key. */
export function ensureOfficeKey(db: WriteDb, sealer: Sealer | null, nowIso: string): { key: OfficeKey; created: boolean } {
  const existing = currentOfficeKey(db);
  if (existing) return { key: existing, created: false };
  if (!sealer) throw new AppError('FORBIDDEN', NO_SEALER);
  // Encoded by the generation itself: exporting a freshly generated key object can deadlock Node 20 (db/x25519.ts).
  const { publicKey: publicKeyPem, privateKey: privateKeyPem } = generateKeyPairSync('ed25519', {
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const sealed = sealer.seal(OFFICE_PRIVATE_KEY, privateKeyPem);
  const fingerprint = fingerprintOf(publicKeyPem);
  db.prepare(
    `INSERT INTO office_keys (public_key_pem, private_key_pem, private_key_sealed, fingerprint, created_at)
     VALUES (@publicKeyPem, '', @sealed, @fingerprint, @nowIso)`,
  ).run({ publicKeyPem, sealed, fingerprint, nowIso });
  const key = currentOfficeKey(db)!;
  bindRow(db, sealer, OFFICE_KEY_BINDING, key.id);
  return { key, created: true };
}

/** Opens the private half to sign a package; a session without the sensitive key gets a clear refusal. */
export function signingKey(db: ReadDb, sealer: Sealer | null, key: OfficeKey): SigningKey {
  if (!sealer) throw new AppError('FORBIDDEN', NO_SEALER);
  const row = db.prepare(`SELECT private_key_pem AS pem, private_key_sealed AS sealed FROM office_keys WHERE id = @id`).get({ id: key.id }) as
    { pem: string; sealed: Buffer | null } | undefined;
  if (!row) throw new AppError('NOT_FOUND', '找不到街道办事处的签名密钥。');
  // The private half is used only with the public key and fingerprint it was made with (a row put together outside the program is refused).
  if (row.sealed) requireBound(db, sealer, OFFICE_KEY_BINDING, key.id);
  // A key from before migration 025 that the sealing upgrade has not reached yet is still in clear.
  return { ...key, privateKeyPem: row.sealed ? sealer.open(OFFICE_PRIVATE_KEY, row.sealed) : row.pem };
}

/** Seals private keys an older version stored in clear (runs after a clerk's or coordinator's unlock). */
export const officeKeySealUpgrade: SealUpgrade = {
  name: OFFICE_PRIVATE_KEY,
  pending: (db) => (db.prepare(`SELECT count(*) AS n FROM office_keys WHERE private_key_pem <> ''`).get() as { n: number }).n,
  run(db, sealer) {
    const rows = db.prepare(`SELECT id, private_key_pem AS pem FROM office_keys WHERE private_key_pem <> ''`).all() as Array<{ id: number; pem: string }>;
    const set = db.prepare(`UPDATE office_keys SET private_key_sealed = @sealed, private_key_pem = '' WHERE id = @id`);
    for (const r of rows) sealClearInPlace(db, sealer, OFFICE_KEY_BINDING, r.id, () => set.run({ id: r.id, sealed: sealer.seal(OFFICE_PRIVATE_KEY, r.pem) }));
    return rows.length;
  },
};

/** The key's row bound to its public half (db/row-binding.ts): a package is never signed by a key row assembled outside the program. */
export const OFFICE_KEY_BINDING: RowBinding = {
  table: 'office_keys',
  label: '上报签名密钥',
  columns: ['public_key_pem', 'fingerprint', 'private_key_sealed'],
  sealed: ['private_key_sealed'],
};

/** Its line in the registry key rotation re-seals (sealed-columns.ts). */
export const officeKeySealedColumn: SealedColumn = { table: 'office_keys', column: 'private_key_sealed', purpose: OFFICE_PRIVATE_KEY, indexes: [] };

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
