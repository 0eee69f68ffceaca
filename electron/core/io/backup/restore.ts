/**
 * Restoring a backup: the ledger is closed (every session locked), the
 * current files are MOVED into a safety folder beside it (never deleted),
 * the backup's files are copied in under temporary names, flushed and
 * renamed into place. If anything fails before the swap, nothing changed;
 * if the swap itself fails, the originals are moved back. The ledger's audit
 * anchor goes with the current files into the safety folder; the backup's
 * takes its place, and with the restored ledger's sensitive key at hand a
 * fresh one covers the rows the restore itself adds, so the next audit.verify
 * does not take the restored (shorter) log for a truncated one.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { basename, join } from 'node:path';
import { streamRegularFile } from '../../fs-guard';
import { appendAudit } from '../../audit/audit-log';
import { reanchor } from '../../audit/anchor-write';
import { writeMeta } from '../../db/ledger-files';
import { asWriteDb } from '../../db/types';
import { THROTTLE_EPOCH } from '../../unlock-throttle';
import { AppError } from '../../errors';
import type { CoreServices } from '../../handler-types';
import { fsyncDir } from '../../fs-atomic';
import { makePrivateDir } from '../../fs-private';
import type { Session } from '../../session';
import { backupFiles, damagedFile } from './backup-file';
import type { BackupMeta } from './manifest';

/** Locks every window and closes the ledger so its files can be swapped. */
export function closeLedgerForRestore(services: CoreServices): void {
  for (const s of services.sessions.all()) {
    services.sessions.delete(s.sessionId);
    services.emit(s.sessionId, { type: 'locked', reason: 'manual' });
  }
  services.ledger.close();
}

export interface StagedBackup {
  db: string;
  keyring: string;
  /** The backup's audit anchor, when it carries one. */
  anchor: string | null;
  /** Removes the staged copies (the check failed): the ledger was never touched. */
  discard(): void;
}

/**
 * Copies the backup's files into the ledger folder under temporary names,
 * while the ledger is still open: the copy that will be swapped in is the one
 * checked (checkCopyForRestore), before anyone is locked out.
 */
/**
 * Copies one backup file from a non-blocking descriptor, hashing what it copies: the staged file is
 * exactly the one whose SHA-256 the manifest lists (a file swapped after readBackupMeta is refused).
 */
function copyChecked(src: string, dest: string, meta: BackupMeta): void {
  const fd = openSync(dest, 'wx', 0o600);
  let sha256: string;
  try {
    sha256 = streamRegularFile(src, '备份中的文件', (chunk) => {
      for (let off = 0; off < chunk.length;) off += writeSync(fd, chunk, off);
    }).sha256;
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (meta.files.find((f) => f.name === basename(src))?.sha256 !== sha256) throw damagedFile(basename(src));
}

export function stageBackup(services: CoreServices, backupDir: string, meta: BackupMeta, stamp: string): StagedBackup {
  const paths = services.ledger.paths;
  const src = backupFiles(backupDir, meta);
  const staged = {
    db: join(paths.dir, `.restore-${stamp}.db.part`),
    keyring: join(paths.dir, `.restore-${stamp}.keyring.part`),
    anchor: src.anchor ? join(paths.dir, `.restore-${stamp}.anchor.part`) : null,
  };
  const discard = (): void => {
    for (const p of [staged.db, `${staged.db}-journal`, `${staged.db}-wal`, `${staged.db}-shm`, staged.keyring, staged.anchor])
      if (p) rmSync(p, { force: true });
  };
  try {
    copyChecked(src.db, staged.db, meta);
    copyChecked(src.keyring, staged.keyring, meta);
    if (src.anchor && staged.anchor) copyChecked(src.anchor, staged.anchor, meta);
  } catch (e) {
    discard();
    if (e instanceof AppError && (e.code === 'LEDGER_DAMAGED' || e.code === 'BAD_INPUT')) throw e;
    throw new AppError('IO_FAILED', '无法把备份复制到台账文件夹（空间不足或没有权限）。当前台账没有被改动。');
  }
  return { ...staged, discard };
}

/** The backup's files in place, the ledger's in the safety folder; `undo` puts the ledger's back and the backup's out. */
export interface SwappedIn {
  safety: string;
  undo(): void;
}

export function swapInBackup(services: CoreServices, staged: StagedBackup, stamp: string): SwappedIn {
  const paths = services.ledger.paths;
  const safety = join(paths.dir, `恢复前的台账_${stamp}`);
  // Owner-only like the ledger folder it sits in (attack run 15: it was made 0755 under umask 022).
  makePrivateDir(safety);
  const current = [paths.db, `${paths.db}-wal`, `${paths.db}-shm`, paths.keyring, paths.anchor].filter((p) => existsSync(p));
  const incoming: Array<[string, string]> = [
    [staged.db, paths.db],
    [staged.keyring, paths.keyring],
    ...(staged.anchor ? [[staged.anchor, paths.anchor] as [string, string]] : []),
  ];
  const moved: Array<[string, string]> = [];
  const placed: string[] = [];
  const undo = (): void => {
    // The backup's files out, with any journal an open of the restored file left (only once the restored file is in
    // place: every file of the ledger's, its own journals too, was moved before it), then the originals back (a rename
    // replaces what stands at its target) and the emptied safety folder gone.
    const journals = placed.includes(paths.db) ? [`${paths.db}-wal`, `${paths.db}-shm`, `${paths.db}-journal`] : [];
    for (const p of [...placed, ...journals]) rmSync(p, { force: true });
    for (const [from, to] of [...moved].reverse()) renameSync(to, from);
    staged.discard();
    fsyncDir(paths.dir);
    try {
      rmdirSync(safety);
    } catch {
      // Not empty (a file that would not move back stays there, with its name) or already gone.
    }
  };
  try {
    for (const p of current) {
      const to = join(safety, p.slice(paths.dir.length + 1));
      renameSync(p, to);
      moved.push([p, to]);
    }
    for (const [from, to] of incoming) {
      renameSync(from, to);
      placed.push(to);
    }
    fsyncDir(paths.dir);
  } catch {
    undo();
    throw new AppError('IO_FAILED', '替换台账文件时出错，已把原来的台账放回原处。请重试。');
  }
  return { safety, undo };
}

/**
 * Leaves a trace of the restore in the restored ledger itself (same chain, one more row), then
 * anchors the restored log with its own sensitive key when the session could open it.
 */
export function recordRestore(
  services: CoreServices,
  keys: { dbKey: Buffer; sensitiveKey: Buffer | null },
  session: Session,
  at: string,
  after: unknown,
): void {
  const options = services.ledger.openOptions;
  const db = new BetterSqlite3(services.ledger.paths.db, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${keys.dbKey.toString('hex')}'"`);
    const w = asWriteDb(db);
    w.transaction(() => {
      appendAudit(w, { at, userId: session.userId, username: session.username, channel: 'backup.restore', entity: 'ledger', entityId: null, after }, null);
      // The backup remembers the failure file of its day; the next unlock starts a new one instead of crying tampering.
      writeMeta(w, THROTTLE_EPOCH, '');
    })();
    if (keys.sensitiveKey) reanchor(db, keys.sensitiveKey, at);
  } finally {
    db.close();
  }
}
