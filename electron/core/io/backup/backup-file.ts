/**
 * A backup is a folder `台账备份_<office>_<time>` holding an encrypted copy
 * of the ledger (VACUUM INTO: an online, consistent snapshot that keeps the
 * same cipher, key and file salt, so the keyring copied beside it opens it),
 * that keyring, the audit anchor for the copy (backup-anchor.ts), and
 * backup.json with the SHA-256 of each, authenticated and with nothing
 * personal in clear (manifest.ts). It is made under a temporary
 * name, verified by opening the copy, and only then renamed. Before a restore
 * replaces anything, the copy passes PRAGMA integrity_check, the audit chain
 * check and the check against the anchor it carries.
 *
 * better-sqlite3's db.backup() cannot be used: it refuses an encrypted source
 * ("incompatible source and target databases").
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { verifyAudit } from '../../audit/audit-log';
import { fileStampIn } from '../../dates.shared';
import { keyedKeyring } from '../../db/keyring';
import type { Ledger } from '../../db/ledger';
import { integrityCheck } from '../../db/open';
import { refuseForeignSchema } from '../../db/program-schema';
import { currentVersion } from '../../db/migrate';
import type { Database, ReadDb } from '../../db/types';
import { AppError } from '../../errors';
import { fsyncDir, type FileAside } from '../../fs-atomic';
import { makePrivate, PRIVATE_DIR_MODE } from '../../fs-private';
import { readRegularFile, streamRegularFile } from '../../fs-guard';
import { checkDestination, ioMessage } from '../export/safe-write';
import type { Sealer } from '../../db/sealer';
import { anchorHolds, anchorText } from '../../audit/anchor';
import { ANCHOR_FILE, anchorForBackup, backupAnchorVerdict, oldManifestOfKeyedLedger } from './backup-anchor';
import type { BackupInfo } from './contract';
import { BACKUP_VERSION, checkFileList, openManifest, sealManifest, type BackupAbout, type BackupMeta } from './manifest';

export const BACKUP_PREFIX = '台账备份_';
const META = 'backup.json';
const DB = 'taizhang.db';
const KEYRING = 'taizhang.keyring.json';

/** Hashed in chunks from a non-blocking descriptor: a FIFO on a stick is refused at once, a big copy never read whole. */
const sha256File = (path: string): string => streamRegularFile(path, '备份中的文件').sha256;
/** backup.json is small; anything bigger is not one. */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

export function tableCounts(db: ReadDb): Record<string, number> {
  const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).all() as Array<{ name: string }>;
  const out: Record<string, number> = {};
  for (const { name } of tables) out[name] = (db.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n;
  return out;
}

/** The app loads SQLite built for Electron through the ledger's own option; reuse it for copies. */
function nativeBindingOf(ledger: Ledger): string | undefined {
  return ledger.openOptions.nativeBinding;
}

/** Opens a copy read-only (a backup must not change: its hashes are recorded). */
export function openCopy(ledger: Ledger, path: string, key: Buffer, readonly = true): Database {
  const binding = nativeBindingOf(ledger);
  const db = new BetterSqlite3(path, binding ? { readonly, fileMustExist: true, nativeBinding: binding } : { readonly, fileMustExist: true });
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch {
    db.close();
    throw new AppError('WRONG_PASSWORD', '无法打开这份备份：密码不对，或备份来自另一个台账。');
  }
}

function fsyncFile(path: string): void {
  const fd = openSync(path, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function backupFolderName(officeName: string, nowIso: string, timeZone: string): string {
  return `${BACKUP_PREFIX}${officeName.replace(/[\\/:*?"<>|\s]+/g, '_')}_${fileStampIn(nowIso, timeZone)}`;
}

export interface MadeBackup {
  path: string;
  /** The backup's folder under its temporary name: placed at `path` inside the audited write (task-write.ts placeAudited). */
  file: FileAside;
  bytes: number;
  meta: BackupMeta;
  about: BackupAbout;
  auditIntact: boolean;
  anchor: BackupInfo['anchor'];
}

/** A finished backup folder `tmp`, renamed to `finalPath` by `place` (never over one there). */
function backupAside(tmp: string, finalPath: string, folder: string): FileAside {
  return {
    path: finalPath,
    place: () => {
      if (existsSync(finalPath)) throw new AppError('CONFLICT', `「${basename(finalPath)}」已经存在，请稍后再备份。`);
      try {
        renameSync(tmp, finalPath);
      } catch (e) {
        throw new AppError('IO_FAILED', ioMessage(e, folder).replace('文件', '备份'));
      }
      fsyncDir(folder);
    },
    unplace: () => rmSync(finalPath, { recursive: true, force: true }),
    discard: () => rmSync(tmp, { recursive: true, force: true }),
  };
}

/** Writes and verifies a backup of the open ledger beside `folder`'s final name; the caller places it. */
export function writeBackup(ledger: Ledger, folder: string, meta: { officeName: string; createdAt: string; createdBy: string; timeZone: string }): MadeBackup {
  const db = ledger.handle();
  const dbBytes = statSync(ledger.paths.db).size;
  checkDestination(folder, dbBytes * 1.1);
  const finalPath = join(folder, backupFolderName(meta.officeName, meta.createdAt, meta.timeZone));
  if (existsSync(finalPath)) throw new AppError('CONFLICT', `「${basename(finalPath)}」已经存在，请稍后再备份。`);
  const tmp = join(folder, `.backup-${randomBytes(6).toString('hex')}.part`);
  try {
    // Owner-only like the ledger folder (fs-private.ts): a backup in a local folder holds the same db and keyring
    // (a keyring lets anyone who can read it guess passwords offline); session 15 found backups 0755/0644.
    // A mode at creation, no chmod: FAT sticks have no modes and refuse chmod (makePrivate below ignores that).
    mkdirSync(tmp, { mode: PRIVATE_DIR_MODE });
    const counts = tableCounts(db);
    db.prepare('VACUUM INTO @path').run({ path: join(tmp, DB) });
    fsyncFile(join(tmp, DB));
    writeFileSync(join(tmp, KEYRING), readFileSync(ledger.paths.keyring));
    fsyncFile(join(tmp, KEYRING));
    const copy = openCopy(ledger, join(tmp, DB), ledger.currentKey());
    let auditIntact: boolean;
    let anchorInfo: BackupInfo['anchor'];
    const names: string[] = [DB, KEYRING];
    try {
      const check = copy.pragma('quick_check', { simple: true });
      const copied = tableCounts(copy);
      if (check !== 'ok' || JSON.stringify(copied) !== JSON.stringify(counts))
        throw new AppError('IO_FAILED', '备份写入后核对不一致，已放弃这份备份。请换一个位置重试。');
      const anchor = anchorForBackup(ledger, copy, meta.createdAt);
      if (anchor) {
        writeFileSync(join(tmp, ANCHOR_FILE), anchorText(anchor));
        fsyncFile(join(tmp, ANCHOR_FILE));
        names.push(ANCHOR_FILE);
      }
      const site = { ledgerId: ledger.keyring().ledgerId, keyed: keyedKeyring(ledger.keyring()) };
      const anchorCheck = backupAnchorVerdict(copy, anchor ? join(tmp, ANCHOR_FILE) : null, site, ledger.sealer());
      auditIntact = verifyAudit(copy).intact && anchorHolds(anchorCheck.state);
      anchorInfo = { state: anchorCheck.state, message: anchorCheck.message };
    } finally {
      copy.close();
    }
    const about: BackupAbout = { officeName: meta.officeName, createdBy: meta.createdBy, counts };
    const full = sealManifest(
      {
        ledgerId: ledger.keyring().ledgerId,
        createdAt: meta.createdAt,
        schemaVersion: currentVersion(db),
        files: names.map((name) => ({ name, sha256: sha256File(join(tmp, name)), bytes: statSync(join(tmp, name)).size })),
      },
      about,
      ledger.currentKey(),
    );
    writeFileSync(join(tmp, META), JSON.stringify(full, null, 2));
    fsyncFile(join(tmp, META));
    makePrivate([...names, META].map((name) => join(tmp, name)));
    return {
      path: finalPath,
      file: backupAside(tmp, finalPath, folder),
      bytes: full.files.reduce((s, f) => s + f.bytes, 0),
      meta: full,
      about,
      auditIntact,
      anchor: anchorInfo,
    };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (e instanceof AppError) throw e;
    throw new AppError('IO_FAILED', ioMessage(e, folder).replace('文件', '备份'));
  }
}

export const damagedFile = (name: string): AppError =>
  new AppError('LEDGER_DAMAGED', `备份中的「${name}」已损坏或被改动（校验值不符），不能用它恢复。当前台账没有被改动。`);

/** Reads backup.json and checks both files against their recorded hashes (the MAC needs the key: describeBackup). */
export function readBackupMeta(path: string): { dir: string; meta: BackupMeta } {
  const dir = basename(path) === META ? join(path, '..') : path;
  let meta: BackupMeta;
  try {
    meta = JSON.parse(readRegularFile(join(dir, META), MAX_MANIFEST_BYTES, '备份清单').toString('utf8')) as BackupMeta;
  } catch (e) {
    // Not a regular file (a FIFO, a folder) or too big: said as such; missing or not JSON: not a backup.
    if (e instanceof AppError && e.code === 'BAD_INPUT') throw e;
    throw new AppError('NOT_FOUND', `「${dir}」不是台账备份（找不到 ${META}）。请选择名为「${BACKUP_PREFIX}…」的备份文件夹。`);
  }
  if (meta.format !== 'taizhang-backup') throw new AppError('NOT_A_LEDGER', '这不是本程序的台账备份。');
  if (meta.version > BACKUP_VERSION) throw new AppError('LEDGER_TOO_NEW', '这份备份由更新版本的程序生成，请使用新版程序恢复。');
  checkFileList(meta);
  for (const f of meta.files) {
    const p = join(dir, f.name);
    if (!existsSync(p) || sha256File(p) !== f.sha256) throw damagedFile(f.name);
  }
  return { dir, meta };
}

/** The backup's files; `anchor` only when the manifest lists one (readBackupMeta checked its hash). */
export const backupFiles = (dir: string, meta?: BackupMeta) => ({
  db: join(dir, DB),
  keyring: join(dir, KEYRING),
  anchor: meta?.files.some((f) => f.name === ANCHOR_FILE) ? join(dir, ANCHOR_FILE) : null,
});

/**
 * The keys a backup opens with: its database key, and its sensitive key when the session could open it (for the anchor's MAC);
 * `keyed`: the backup's keyring holds a sensitive key (then it must carry an anchor: backup-anchor.ts).
 */
export interface BackupKeys {
  dbKey: Buffer;
  sealer: Sealer | null;
  ledgerId: string;
  keyed: boolean;
}

/** What a backup holds, after checking its manifest's MAC with the key that opens it. */
export function describeBackup(ledger: Ledger, path: string, keys: BackupKeys, meta: BackupMeta): BackupInfo {
  const rewritten = oldManifestOfKeyedLedger(meta.version, keys.keyed);
  if (rewritten) throw rewritten;
  const about = openManifest(meta, keys.dbKey);
  const copy = openCopy(ledger, backupFiles(path).db, keys.dbKey);
  try {
    refuseForeignSchema(copy, 'backup', nativeBindingOf(ledger));
    const office = copy.prepare(`SELECT value FROM settings WHERE key = 'officeName'`).get() as { value: string } | undefined;
    const anchor = backupAnchorVerdict(copy, backupFiles(path, meta).anchor, keys, keys.sealer);
    return {
      path,
      officeName: office?.value ?? about.officeName,
      createdAt: meta.createdAt,
      createdBy: about.createdBy,
      counts: tableCounts(copy),
      sameLedger: meta.ledgerId === ledger.keyring().ledgerId,
      auditIntact: verifyAudit(copy).intact && anchorHolds(anchor.state),
      anchor: { state: anchor.state, message: anchor.message },
      schemaVersion: currentVersion(copy),
    };
  } finally {
    copy.close();
  }
}

/**
 * The full check a restore runs on the staged copy (`dbPath`) before it replaces anything: every page,
 * index and constraint, then the audit chain, then the chain against the anchor the backup carries
 * (`anchorPath`, staged beside it; null when it carries none). Opened for writing because SQLite skips
 * CHECK constraints in a read-only integrity check; nothing is written.
 */
export function checkCopyForRestore(ledger: Ledger, dbPath: string, anchorPath: string | null, keys: BackupKeys): void {
  const copy = openCopy(ledger, dbPath, keys.dbKey, false);
  try {
    refuseForeignSchema(copy, 'backup', nativeBindingOf(ledger));
    const integrity = integrityCheck(copy);
    if (integrity !== 'ok')
      throw new AppError('LEDGER_DAMAGED', '这份备份的台账文件没有通过完整性检查（数据页或索引损坏），不能用它恢复。当前台账没有被改动。');
    if (!verifyAudit(copy).intact) throw new AppError('LEDGER_DAMAGED', '这份备份的修改记录（审计链）不完整，可能被改动过，不能用它恢复。');
    const anchor = backupAnchorVerdict(copy, anchorPath, keys, keys.sealer);
    if (!anchorHolds(anchor.state)) throw new AppError('LEDGER_DAMAGED', `${anchor.message}当前台账没有被改动。`);
  } finally {
    copy.close();
  }
}
