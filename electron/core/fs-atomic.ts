/** Write-then-rename with fsync, so a power cut leaves the old file or the new, never half of one. */
import { closeSync, existsSync, fsyncSync, linkSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from './errors';

export function fsyncDir(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Windows cannot open a directory for fsync; rename is durable enough there.
  }
}

function writeTemp(tmp: string, data: string | Buffer, mode: number): void {
  const fd = openSync(tmp, 'wx', mode);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function removeQuietly(path: string): void {
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // the folder went away (stick pulled out): nothing left to remove
  }
}

/**
 * The ledger's own files: mode 0600 unless told otherwise. `syncFolder: false` skips flushing the
 * folder after the rename, for a file rewritten after every write (the audit anchor): a power cut
 * may then leave the previous complete version, never a partial one.
 */
export function writeFileAtomic(path: string, data: string | Buffer, mode = 0o600, syncFolder = true): void {
  const tmp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    writeTemp(tmp, data, mode);
    renameSync(tmp, path);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  if (syncFolder) fsyncDir(dirname(path));
}

/** A temporary name beside `target` that does not look like the finished file. */
export function tempBeside(target: string): string {
  return join(dirname(target), `.${basename(target).slice(0, 40)}.${randomBytes(6).toString('hex')}.part`);
}

/**
 * Puts a finished temporary file in place of the user's chosen target. With
 * `replace` it renames over it (a symlink at the target is replaced, never
 * followed). Without, it links, which fails if a file appeared there since
 * the choice, so nothing the user did not choose to replace is overwritten.
 */
export function placeFile(tmp: string, target: string, replace: boolean): void {
  try {
    if (replace) {
      renameSync(tmp, target);
    } else {
      try {
        linkSync(tmp, target);
        unlinkSync(tmp);
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EEXIST') throw new AppError('CONFLICT', `「${basename(target)}」已经存在，没有替换它。请重新选择保存位置。`);
        // FAT-formatted sticks have no hard links: check, then rename.
        if (existsSync(target)) throw new AppError('CONFLICT', `「${basename(target)}」已经存在，没有替换它。请重新选择保存位置。`);
        renameSync(tmp, target);
      }
    }
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  fsyncDir(dirname(target));
}

/** Writes a whole file the user chose (export, copy of an attachment) under a temp name, then places it. */
export function writeChosenFile(target: string, data: Buffer, replace: boolean): void {
  const tmp = tempBeside(target);
  try {
    writeTemp(tmp, data, 0o600);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  placeFile(tmp, target, replace);
}
