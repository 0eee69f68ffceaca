/**
 * backup.json, the list of what a backup holds. Since version 2 it is
 * authenticated: an HMAC over the whole manifest (the files' SHA-256 included)
 * with a key derived from the ledger key, so a byte changed in a file and its
 * hash recomputed is refused. What is about the office or people (office
 * name, who made it, rows per table) is sealed with AES-GCM under another
 * derived key; only the ledger id, the time and the schema version stay in
 * clear (the daily backup's pruning reads them without a key).
 * Version 1 backups (older versions of the program) carry no MAC: they are
 * still accepted, because the copy itself is checked before any restore
 * (SQLCipher's page HMACs, PRAGMA integrity_check, the audit chain).
 * Version 3 adds the audit anchor (backup-anchor.ts) to the files listed,
 * when the ledger had one to give; versions 1 and 2 never carry it.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../errors';

/** The files every backup holds, each exactly once. */
export const BACKUP_FILES = ['taizhang.db', 'taizhang.keyring.json'] as const;
/** Listed at most once, since version 3: the audit anchor. */
export const OPTIONAL_BACKUP_FILES = ['taizhang.anchor.json'] as const;

export interface BackupFileEntry {
  name: string;
  sha256: string;
  bytes: number;
}

/** What is sealed: readable only with the ledger key. */
export interface BackupAbout {
  officeName: string;
  createdBy: string;
  counts: Record<string, number>;
}

export interface BackupMeta {
  format: 'taizhang-backup';
  version: 1 | 2 | 3;
  ledgerId: string;
  createdAt: string;
  schemaVersion: number;
  files: BackupFileEntry[];
  /** Version 2 and later: BackupAbout, AES-256-GCM. */
  sealed?: { iv: string; tag: string; data: string };
  /** Version 2 and later: HMAC-SHA256 of everything else in the manifest. */
  mac?: string;
  /** Version 1 only: in clear. */
  officeName?: string;
  createdBy?: string;
  counts?: Record<string, number>;
}

export const BACKUP_VERSION = 3;

const subKey = (key: Buffer, use: 'mac' | 'seal'): Buffer => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `taizhang-backup-${use}`, 32));

/** JSON with keys sorted at every level: the MAC does not depend on how the file was laid out. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function macOf(meta: BackupMeta, key: Buffer): Buffer {
  const k = subKey(key, 'mac');
  try {
    return createHmac('sha256', k)
      .update(canonical({ ...meta, mac: undefined }))
      .digest();
  } finally {
    k.fill(0);
  }
}

/** A current-version manifest for the files written, sealed and MAC'd with keys derived from `key`. */
export function sealManifest(clear: Pick<BackupMeta, 'ledgerId' | 'createdAt' | 'schemaVersion' | 'files'>, about: BackupAbout, key: Buffer): BackupMeta {
  const k = subKey(key, 'seal');
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', k, iv);
  cipher.setAAD(Buffer.from(`taizhang-backup:${clear.ledgerId}:${clear.createdAt}`));
  const data = Buffer.concat([cipher.update(JSON.stringify(about), 'utf8'), cipher.final()]);
  k.fill(0);
  const meta: BackupMeta = {
    format: 'taizhang-backup',
    version: BACKUP_VERSION,
    ...clear,
    sealed: { iv: iv.toString('hex'), tag: cipher.getAuthTag().toString('hex'), data: data.toString('base64') },
  };
  return { ...meta, mac: macOf(meta, key).toString('hex') };
}

const altered = (): AppError => new AppError('LEDGER_DAMAGED', '备份清单（backup.json）被改动过，或不是这个台账的备份，不能用它恢复。');

/** Checks the MAC and opens what is sealed; a version 1 manifest gives what it holds in clear. */
export function openManifest(meta: BackupMeta, key: Buffer): BackupAbout {
  if (meta.version === 1) return { officeName: meta.officeName ?? '', createdBy: meta.createdBy ?? '', counts: meta.counts ?? {} };
  if (typeof meta.mac !== 'string' || !/^[0-9a-f]{64}$/.test(meta.mac) || !meta.sealed) throw altered();
  if (!timingSafeEqual(Buffer.from(meta.mac, 'hex'), macOf(meta, key))) throw altered();
  const k = subKey(key, 'seal');
  try {
    const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(meta.sealed.iv, 'hex'));
    decipher.setAAD(Buffer.from(`taizhang-backup:${meta.ledgerId}:${meta.createdAt}`));
    decipher.setAuthTag(Buffer.from(meta.sealed.tag, 'hex'));
    return JSON.parse(Buffer.concat([decipher.update(Buffer.from(meta.sealed.data, 'base64')), decipher.final()]).toString('utf8')) as BackupAbout;
  } catch {
    throw altered();
  } finally {
    k.fill(0);
  }
}

/** Every backup file listed exactly once (the anchor at most once), nothing else: an empty or partial list is refused, not skipped. */
export function checkFileList(meta: BackupMeta): void {
  const names = Array.isArray(meta.files) ? meta.files.map((f) => f?.name) : [];
  const once = (n: string): boolean => names.filter((x) => x === n).length === 1;
  const known = (n: string | undefined): boolean => [...BACKUP_FILES, ...OPTIONAL_BACKUP_FILES].some((k) => k === n);
  const complete = BACKUP_FILES.every(once) && names.every(known) && OPTIONAL_BACKUP_FILES.every((n) => names.filter((x) => x === n).length <= 1);
  const wellFormed = complete && meta.files.every((f) => typeof f.sha256 === 'string' && /^[0-9a-f]{64}$/.test(f.sha256));
  if (!wellFormed) throw new AppError('LEDGER_DAMAGED', '备份清单（backup.json）不完整：缺少台账文件或密钥文件的校验值，不能用它恢复。');
}
