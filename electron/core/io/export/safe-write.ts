/**
 * Writing to a USB stick that may be pulled out: check the folder and its
 * free space, write under a temporary name that does not look like the
 * package, flush to disk, rename, then read the file back and verify it.
 * On any failure the temporary (or unverified) file is removed and the user
 * gets a Chinese message; a complete-looking file exists only once verified.
 */
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, statfsSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../errors';
import { asideAt, type FileAside } from '../../fs-atomic';

const MB = 1024 * 1024;
const CHUNK = 1 * MB;

export function ioMessage(e: unknown, folder: string): string {
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOSPC':
      return `「${folder}」空间已满，文件没有写完，已删除未完成的文件。请换一个 U 盘或清理空间后重试。`;
    case 'ENOENT':
    case 'ENODEV':
    case 'EIO':
    case 'ENXIO':
      return `写入「${folder}」时出错（U 盘可能已拔出）。没有留下不完整的文件，请插好后重试。`;
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return `「${folder}」不能写入（只读或没有权限）。请换一个位置。`;
    default:
      return `写入「${folder}」失败（${code || '未知错误'}）。没有留下不完整的文件，请重试。`;
  }
}

export function checkDestination(folder: string, needBytes: number): void {
  let isDir = false;
  try {
    isDir = statSync(folder).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new AppError('IO_FAILED', `找不到保存位置「${folder}」（U 盘可能没有插好或已拔出）。`);
  let free = Number.POSITIVE_INFINITY;
  try {
    const s = statfsSync(folder);
    free = s.bavail * s.bsize;
  } catch {
    // some network drives do not answer statfs: the write itself will tell
  }
  // Room for the temporary copy plus a margin for the file system's own bookkeeping.
  if (free < needBytes + MB) {
    throw new AppError('IO_FAILED', `「${folder}」剩余空间不足：需要约 ${(needBytes / MB + 1).toFixed(1)} MB，只剩 ${(free / MB).toFixed(1)} MB。`);
  }
}

function uniquePath(folder: string, fileName: string): string {
  let path = join(folder, fileName);
  for (let n = 2; existsSync(path); n++)
    path = join(
      folder,
      fileName.replace(/(\.[^.]+)?$/, (ext) => `(${n})${ext}`),
    );
  return path;
}

function removeQuietly(path: string): void {
  try {
    if (existsSync(path)) unlinkSync(path);
  } catch {
    // the stick is gone: nothing left to remove
  }
}

export interface SafeWriteOptions {
  /** Called after each chunk is written (tests pull the "stick" out here). */
  afterChunk?: (written: number) => void;
}

/**
 * Writes `data` under a temporary name in `folder`, reads it back and checks it (`verify` throws on a mismatch), and
 * returns it aside: `place` puts it at `path` (`fileName`, numbered when taken; never over a file that appeared since),
 * which a task does inside its audit row's transaction (task-write.ts placeAudited).
 */
export async function writeVerifiedAside(
  folder: string,
  fileName: string,
  data: Buffer,
  verify: (readBack: Buffer) => Promise<void>,
  opts: SafeWriteOptions = {},
): Promise<FileAside> {
  checkDestination(folder, data.length);
  const tmp = join(folder, `.${randomBytes(6).toString('hex')}.part`);
  try {
    const fd = openSync(tmp, 'wx');
    try {
      for (let off = 0; off < data.length; off += CHUNK) {
        writeSync(fd, data, off, Math.min(CHUNK, data.length - off));
        opts.afterChunk?.(Math.min(off + CHUNK, data.length));
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (e) {
    removeQuietly(tmp);
    throw new AppError('IO_FAILED', ioMessage(e, folder));
  }
  let readBack: Buffer;
  try {
    readBack = readFileSync(tmp);
  } catch (e) {
    removeQuietly(tmp);
    throw new AppError('IO_FAILED', ioMessage(e, folder));
  }
  try {
    if (!readBack.equals(data)) throw new Error('mismatch');
    await verify(readBack);
  } catch {
    removeQuietly(tmp);
    throw new AppError('IO_FAILED', `写入「${folder}」后读回核对不一致（U 盘可能有坏块）。已删除这个文件，请换一个 U 盘重试。`);
  }
  return asideAt(tmp, uniquePath(folder, fileName), false, (e) => new AppError('IO_FAILED', ioMessage(e, folder)));
}

/** writeVerifiedAside, placed at once: for a writer with no ledger and no audit row (scripts/verify-template.ts). */
export async function writeVerified(
  folder: string,
  fileName: string,
  data: Buffer,
  verify: (readBack: Buffer) => Promise<void>,
  opts: SafeWriteOptions = {},
): Promise<string> {
  const file = await writeVerifiedAside(folder, fileName, data, verify, opts);
  try {
    file.place();
  } finally {
    file.discard();
  }
  return file.path;
}
