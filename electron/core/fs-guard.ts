/**
 * Which paths the core may touch. A path reaches the core only as a handle
 * that the transport obtained for a choice the user made (a dialog main
 * opened, a drive main listed, or in preview a typed path checked here), and
 * the rules are the same every time a path is looked at:
 *   - writes never go into the ledger folder, never onto one of the ledger's
 *     own files (real paths, after symlinks), never over an existing file
 *     unless the user chose to replace it;
 *   - reads accept regular files only (no folders, devices or pipes), opened
 *     without blocking, up to a size limit.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { AppError, badInput } from './errors';

/** open: a file to read; save: a file to create or replace; folder: a folder to write new files into; openFolder: a folder to read (a backup, another ledger). */
export type PathKind = 'open' | 'save' | 'folder' | 'openFolder';

export interface PathVerdict {
  /** null when the path may be used as asked. */
  problem: string | null;
  exists: boolean;
  /** A save target that exists: the user must say "replace" first. */
  needsReplace: boolean;
  /** The file, or the folder it should go in, is not there (a stick pulled out, a typo). */
  missing: boolean;
  /** The path with every symlink resolved (for a new file: its real folder plus its name). */
  real: string;
}

/** The ledger's folder and own files; nothing the core writes for a user may land on or inside them. */
export interface ProtectedPlace {
  dir: string;
  files: readonly string[];
}

function realOrNull(p: string): string | null {
  try {
    return realpathSync.native(p);
  } catch {
    return null;
  }
}

function inside(child: string, parent: string): boolean {
  const rel = relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** A file's identity on its volume (bigint: Windows' file index does not fit a double); null where it has none. */
function identityOf(p: string): string | null {
  try {
    const st = statSync(p, { bigint: true });
    // Some file systems (FAT on Windows) answer 0 for every file: no identity to compare.
    return st.ino === 0n ? null : `${st.dev}:${st.ino}`;
  } catch {
    return null;
  }
}

/**
 * The ledger folder reached by a name no real path resolves to (S34-A3): a bind mount of it, or on Windows the folder
 * through a share of this PC (`\\localhost\C$\…`, a mapped drive): `real` or one of its folders is the ledger folder
 * itself, by volume and file number; or `real` is one of the ledger's files by the same measure.
 */
function reachesLedgerByIdentity(real: string, place: ProtectedPlace): boolean {
  const dir = identityOf(place.dir);
  const files = new Set(place.files.map(identityOf).filter((id): id is string => id !== null));
  const own = identityOf(real);
  if (own !== null && files.has(own)) return true;
  if (dir === null) return false;
  for (let p = real; ; p = dirname(p)) {
    if (identityOf(p) === dir) return true;
    if (dirname(p) === p) return false;
  }
}

/** True when `real` is the ledger folder, inside it, or one of the ledger's files wherever it really lives or however it is reached. */
export function touchesLedger(real: string, place: ProtectedPlace): boolean {
  const dir = realOrNull(place.dir) ?? place.dir;
  if (inside(real, dir) || inside(real, place.dir)) return true;
  const named = place.files.some((f) => {
    const r = realOrNull(f);
    return real === f || (r !== null && real === r);
  });
  return named || reachesLedgerByIdentity(real, place);
}

/**
 * Where a task's file is about to be placed, looked at again just before (task-write.ts placeAudited): the path was
 * checked when the handle was taken, before the task's awaits, and the chosen folder may have been swapped since for
 * a link to the ledger folder by someone who can rename it (S32-A2, a shared folder). The rename follows right after,
 * so the window left is the gap between two system calls, not the task's whole await.
 */
export function requireStillOutside(path: string, place: ProtectedPlace): void {
  const folder = realOrNull(dirname(path));
  if (folder === null) throw new AppError('IO_FAILED', `找不到保存位置「${dirname(path)}」（U 盘可能没有插好或已拔出），没有保存「${basename(path)}」。`);
  if (!touchesLedger(folder, place) && !touchesLedger(join(folder, basename(path)), place)) return;
  throw new AppError(
    'CONFLICT',
    `保存位置「${dirname(path)}」在保存期间被改动，现在指向台账文件夹，没有保存「${basename(path)}」，台账也没有改动。请重新选择保存位置。`,
  );
}

const NOT_ABSOLUTE = '请填写完整路径（例如 D:\\台账\\文件.xlsx 或 /media/u盘/文件.xlsx）';

export function checkPath(kind: PathKind, raw: string, place: ProtectedPlace, replace = false): PathVerdict {
  const verdict = (problem: string | null, real: string, exists = false, needsReplace = false, missing = false): PathVerdict => ({
    problem,
    exists,
    needsReplace,
    real,
    missing,
  });
  const path = raw.trim();
  if (!path || path.includes('\0')) return verdict('请填写路径', path);
  if (!isAbsolute(path)) return verdict(NOT_ABSOLUTE, path);
  const real = realOrNull(path);
  switch (kind) {
    case 'open': {
      if (real === null) return verdict('文件不存在', path, false, false, true);
      const st = statSync(real);
      if (st.isDirectory()) return verdict('这是一个文件夹，请选择其中的文件', real, true);
      if (!st.isFile()) return verdict('这不是普通文件（可能是设备或管道），不能读取', real, true);
      return verdict(null, real, true);
    }
    case 'openFolder': {
      if (real === null) return verdict('文件夹不存在', path, false, false, true);
      if (!statSync(real).isDirectory()) return verdict('这不是文件夹', real, true);
      return verdict(null, real, true);
    }
    case 'folder': {
      if (real === null) return verdict('文件夹不存在（U 盘可能没有插好）', path, false, false, true);
      if (!statSync(real).isDirectory()) return verdict('这不是文件夹', real, true);
      if (touchesLedger(real, place)) return verdict('不能写入台账文件夹，请选择别的文件夹或 U 盘', real, true);
      return verdict(null, real, true);
    }
    case 'save': {
      const folder = realOrNull(dirname(path));
      if (folder === null || !statSync(folder).isDirectory()) return verdict('所在的文件夹不存在', path, false, false, true);
      const target = real ?? join(folder, basename(path));
      if (touchesLedger(target, place) || touchesLedger(join(folder, basename(path)), place))
        return verdict('不能写入台账文件夹，请选择别的文件夹或 U 盘', target, real !== null);
      if (real === null) return verdict(null, target);
      const st = lstatSync(path);
      if (st.isDirectory() || statSync(real).isDirectory()) return verdict('这是一个文件夹，请在后面填写文件名', target, true);
      if (!statSync(real).isFile()) return verdict('这不是普通文件（可能是设备或管道），不能写入', target, true);
      if (!replace) return verdict('该文件已存在，是否替换？', target, true, true);
      return verdict(null, target, true);
    }
    default: {
      const never: never = kind;
      return verdict(`unknown kind ${String(never)}`, path);
    }
  }
}

/** Throws the verdict's problem as a typed error naming the file. */
export function requireUsable(kind: PathKind, path: string, place: ProtectedPlace, replace = false): string {
  const v = checkPath(kind, path, place, replace);
  if (v.problem === null) return v.real;
  const what = `「${basename(path.trim()) || path}」`;
  if (v.needsReplace) throw new AppError('CONFLICT', `${what}已存在。请在选择时确认替换，或换一个文件名。`, { needsReplace: true });
  if (v.missing && (kind === 'open' || kind === 'openFolder')) throw new AppError('NOT_FOUND', `找不到${what}（可能已被移动或删除，或 U 盘已拔出）。`);
  if (v.missing) {
    const folder = kind === 'folder' ? path.trim() : dirname(path.trim());
    throw new AppError('IO_FAILED', `找不到保存位置「${folder}」（U 盘可能没有插好或已拔出）。`);
  }
  throw badInput(`${what}${v.problem}。`, { field: 'path' });
}

const O_NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Opens non-blocking and checks on the descriptor that it is a regular file (closed again if not). */
function openRegular(path: string, what: string): { fd: number; name: string } {
  const name = `${what}「${basename(path)}」`;
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | O_NONBLOCK);
  } catch {
    throw new AppError('NOT_FOUND', `找不到${name}，可能已被移动或删除（或 U 盘已拔出）。`);
  }
  let regular = false;
  try {
    regular = fstatSync(fd).isFile();
  } catch {
    // unreadable: refused below like anything that is not a regular file
  } finally {
    if (!regular) closeSync(fd);
  }
  if (!regular) throw badInput(`${name}不是普通文件（可能是文件夹、设备或管道），不能读取。`, { field: 'path' });
  return { fd, name };
}

/** A size as a person reads it: the keys' limits are a few KB (「超过上限 0 MB」 said nothing). */
function sizeText(bytes: number): string {
  if (bytes < 1048576) return `${Math.max(1, Math.ceil(bytes / 1024))} KB`;
  return `${Number((bytes / 1048576).toFixed(1))} MB`;
}

/**
 * Reads a regular file without ever blocking the core thread: opened
 * non-blocking (a FIFO swapped in after the check answers at once), checked
 * on the open descriptor, refused above `maxBytes`.
 */
export function readRegularFile(path: string, maxBytes: number, what = '文件'): Buffer {
  const { fd, name } = openRegular(path, what);
  try {
    const st = fstatSync(fd);
    if (st.size === 0) throw badInput(`${name}是空文件（0 字节）。`, { field: 'path' });
    if (st.size > maxBytes) throw badInput(`${name}有 ${sizeText(st.size)}，超过上限 ${sizeText(maxBytes)}。`, { field: 'path' });
    // Read at most one byte past the limit: a file that grew since fstat is still refused.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, buf, n, buf.length - n, n);
      if (got === 0) break;
      n += got;
      if (n === buf.length) break;
    }
    if (n > maxBytes) throw badInput(`${name}超过上限 ${(maxBytes / 1048576).toFixed(0)} MB。`, { field: 'path' });
    return buf.subarray(0, n);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('IO_FAILED', `无法读取${name}，请确认它没有被其他程序占用。`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Streams a regular file in 1 MB chunks from a non-blocking descriptor (checked on the
 * descriptor, so a FIFO swapped in answers at once): for files too big to read whole, a
 * backup's database. Returns its SHA-256 and size. A missing file is NOT_FOUND.
 */
export function streamRegularFile(path: string, what: string, onChunk: (chunk: Buffer) => void = () => undefined): { sha256: string; bytes: number } {
  const { fd, name } = openRegular(path, what);
  try {
    const hash = createHash('sha256');
    const buf = Buffer.alloc(1 << 20);
    let bytes = 0;
    for (;;) {
      const got = readSync(fd, buf, 0, buf.length, bytes);
      if (got === 0) break;
      hash.update(buf.subarray(0, got));
      onChunk(buf.subarray(0, got));
      bytes += got;
    }
    return { sha256: hash.digest('hex'), bytes };
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('IO_FAILED', `无法读取${name}，请确认它没有被其他程序占用。`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses when any of `paths` that exists is not a regular file: a FIFO named
 * like a ledger's own file (taizhang.keyring.json) would block the first
 * plain read of it, and with it the core. Missing files are left to the caller.
 */
export function requireRegularFiles(paths: readonly string[], where: string): void {
  for (const p of paths) {
    let regular: boolean;
    try {
      regular = statSync(p).isFile();
    } catch {
      continue;
    }
    if (!regular) throw badInput(`${where}中的「${basename(p)}」不是普通文件（可能是文件夹、设备或管道），不能打开。`, { field: 'path' });
  }
}

/** The ledger folder and its files (with SQLite's -wal and -shm beside each). */
export function protectedPlaceOf(dir: string, files: readonly string[]): ProtectedPlace {
  return { dir, files: files.flatMap((f) => [f, `${f}-wal`, `${f}-shm`]) };
}
