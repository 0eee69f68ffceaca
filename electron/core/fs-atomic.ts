/** Write-then-rename with fsync, so a power cut leaves the old file or the new, never half of one. */
import { closeSync, existsSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, unlinkSync, writeSync } from 'node:fs';
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

/**
 * A finished file under a temporary name beside where it goes. A task places it inside the transaction of its audit
 * row (task-write.ts placeAudited): a file of the ledger's data never lies at the chosen path without the row saying
 * who took it, nor after the authority that took it has ended.
 */
export interface FileAside {
  /** Where `place` puts it. */
  readonly path: string;
  /** Renames (or links) it to `path`; throws an AppError and leaves nothing there when it cannot. */
  place(): void;
  /** Removes what `place` put, putting back the file it replaced: the transaction around it failed after the rename. */
  unplace(): void;
  /** Removes the temporary file if it was not placed, and the replaced file's kept copy (always safe to call, last). */
  discard(): void;
}

/**
 * A second name for the user's file at `target` before it is replaced, so a transaction failing after the rename can
 * put it back (the user agreed to replace it with the new file, not to lose it for nothing). A hard link where the
 * folder allows it; where it does not (FAT sticks, another account's file under Linux protected_hardlinks), the file
 * itself renamed aside (`moved`: place must put it back if its own rename fails). Never a copy: a copy of a large file
 * held the core thread and filled the stick (nineteenth attack run, S33-A4). Only a regular file: a symlink there is
 * replaced as before. Null when there is nothing to keep or it cannot be kept (then a failure after the rename leaves
 * no file, as before).
 */
function keepBeside(target: string): { path: string; moved: boolean } | null {
  try {
    if (!lstatSync(target).isFile()) return null;
  } catch {
    return null;
  }
  const kept = tempBeside(target);
  try {
    linkSync(target, kept);
    return { path: kept, moved: false };
  } catch {
    removeQuietly(kept);
  }
  try {
    renameSync(target, kept);
    return { path: kept, moved: true };
  } catch {
    return null;
  }
}

/** A temp file `tmp` that `place` puts at `target` as placeFile does (over a file only with `replace`). */
export function asideAt(tmp: string, target: string, replace: boolean, failed: (e: unknown) => AppError): FileAside {
  let kept: { path: string; moved: boolean } | null = null;
  // The file it replaced back in its place (one rename, so never neither), else nothing there.
  const putBack = (): void => {
    if (kept === null) return removeQuietly(target);
    try {
      renameSync(kept.path, target);
      kept = null;
    } catch {
      // Not put back: the new file goes; the user's stays under its second name rather than be removed with it.
      removeQuietly(target);
      kept = null;
    }
  };
  return {
    path: target,
    place: () => {
      if (replace) kept = keepBeside(target);
      try {
        placeFile(tmp, target, replace);
      } catch (e) {
        // Moved aside and not replaced after all: the user's file back where it was.
        if (kept?.moved === true) putBack();
        throw e instanceof AppError ? e : failed(e);
      }
    },
    unplace: putBack,
    discard: () => {
      removeQuietly(tmp);
      if (kept !== null) removeQuietly(kept.path);
    },
  };
}

const unwritable = (target: string): AppError => new AppError('IO_FAILED', `无法保存「${basename(target)}」，请确认所选位置可以写入（U 盘未拔出、磁盘未满）。`);

/** `data` under a temporary name beside `target`, flushed; its name. Nothing is left when it fails. */
function writeTempBeside(target: string, data: Buffer): string {
  const tmp = tempBeside(target);
  try {
    writeTemp(tmp, data, 0o600);
  } catch (e) {
    removeQuietly(tmp);
    throw e;
  }
  return tmp;
}

/** Writes a whole file the user chose (an export) under a temp name beside it, to be placed by the caller. */
export function writeAside(target: string, data: Buffer, replace: boolean): FileAside {
  let tmp: string;
  try {
    tmp = writeTempBeside(target, data);
  } catch {
    throw unwritable(target);
  }
  return asideAt(tmp, target, replace, () => unwritable(target));
}

/** Writes a whole file the user chose (a PDF, a copy of an attachment) under a temp name, then places it. */
export function writeChosenFile(target: string, data: Buffer, replace: boolean): void {
  placeFile(writeTempBeside(target, data), target, replace);
}
