/**
 * Whether the ledger file is the one this program left, and if not, whether its indexes still say what its tables
 * hold (thirty-fifth session's attack run, S35-A1/A2).
 *
 * The database key (a viewer's password, offline) can rewrite any page of the file. What users' data says is guarded
 * by sealing, row MACs, the audit chain and its anchor; the schema's text by db/program-schema.ts. But an index is a
 * second copy of its table's columns, and SQLite answers covering reads and UNIQUE lookups from the index alone: an
 * index's entry in sqlite_master pointed at another b-tree (its name and SQL untouched) made a 900-mask issue pass a
 * stock of 100, hid a user's rows from the log's filter, and signed a clerk's password in as the coordinator's row.
 * Only `PRAGMA integrity_check` compares every index with its table, and it costs seconds at 100,000 residents.
 *
 * So the check runs only when the file may have been touched outside the program. While a window is signed in the
 * program holds the file alone (locking_mode EXCLUSIVE, db/open.ts), so "touched outside" can only happen while it is
 * closed. At close, when the sensitive key is held, the file's SHA-256 is written beside it with a MAC under that key
 * (`taizhang.closed.json`); at the next open the file's digest is taken under the lock, before anything is written.
 * The first sign-in holding the sensitive key compares the two: equal, nothing to check; anything else (no note, a
 * note a viewer wrote, another digest, a write-ahead log left over) runs the full check, and a file failing it is
 * not used. A viewer's own sign-in cannot tell a genuine note (it lacks the key): what it reads is checked by the next
 * clerk's or coordinator's sign-in while the file stays open, since the digest taken at the open is kept.
 *
 * The lock keeps out what honours SQLite's locks, not a rename: on Linux and macOS a file renamed over the path while a
 * window is open is not the one the program writes (it goes on writing the unlinked one). Noting the digest of what the
 * path names then vouched for a file the program never wrote, and the session's work went with the unlinked file
 * (thirty-sixth session's attack run, S36-A2). So the file's identity is taken at the open, and a close that finds
 * another file at the path puts the program's back and keeps the one found beside it, with no note.
 */
import { closeSync, existsSync, fsyncSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { writeFileAtomic } from '../fs-atomic';
import { readRegularFile } from '../fs-guard';
import { makePrivate } from '../fs-private';
import type { Sealer } from './sealer';
import type { Database } from './types';
import { integrityCheck } from './open';

const PURPOSE = 'ledger.closed-digest';

/** How an open file was found sound: made by this program, by its note at close, by the full check; null: not yet. */
export type ContentsChecked = 'made' | 'note' | 'full' | null;

/** SHA-256 of the file, read in pieces (a ledger of 100,000 residents is ≈ 90 MB). */
export function fileDigest(path: string): string {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(1 << 20);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      hash.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/**
 * The digest of the file as it was opened; null when a write-ahead log was left beside it (its pages are read too) or
 * the file cannot be read whole beside the lock (on Windows SQLite locks bytes at 1 GiB: a larger ledger's read of
 * them is refused): then the first keyed sign-in runs the full check, never a refused open.
 */
export function digestAtOpen(dbPath: string): string | null {
  const wal = `${dbPath}-wal`;
  try {
    if (existsSync(wal) && statSync(wal).size > 0) return null;
    return fileDigest(dbPath);
  } catch {
    return null;
  }
}

/** Which file a path names (device and inode; on Windows the file index), or null when it names none. */
export interface FileIdentity {
  dev: number;
  ino: number;
}

export function identityOf(path: string): FileIdentity | null {
  try {
    const st = statSync(path);
    return { dev: st.dev, ino: st.ino };
  } catch {
    return null;
  }
}

export const sameFile = (a: FileIdentity | null, b: FileIdentity | null): boolean => a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;

/**
 * At close, when the path no longer names the file this program opened and wrote: the file as the program leaves it
 * (VACUUM INTO keeps its cipher, key and salt, so the keyring opens it) is put at the path, and whatever was found there
 * is kept beside it as `<name>.replaced-<random>`. Returns the name it was kept under (null when nothing was there).
 */
export function putBackReplacedFile(db: Database, path: string): string | null {
  const tmp = `${path}.${randomBytes(6).toString('hex')}.put-back`;
  db.prepare('VACUUM INTO @tmp').run({ tmp });
  // Made with the umask (often 0644): owner-only before it takes the ledger's name, as the ledger's files are.
  makePrivate([tmp]);
  const fd = openSync(tmp, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    const aside = existsSync(path) ? `${path}.replaced-${randomBytes(4).toString('hex')}` : null;
    if (aside) renameSync(path, aside);
    renameSync(tmp, path);
    return aside;
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

const macOf = (sealer: Sealer, ledgerId: string, digest: string): string => sealer.index(PURPOSE, JSON.stringify([ledgerId, digest])).toString('hex');

/** Written at close, once everything is in the file (the log checkpointed away). */
export function noteClosedDigest(notePath: string, ledgerId: string, digest: string, sealer: Sealer): void {
  writeFileAtomic(notePath, JSON.stringify({ ledgerId, digest, mac: macOf(sealer, ledgerId, digest) }));
}

/** Whether the note beside the ledger is this program's for exactly the file that was opened. */
export function closedNoteHolds(notePath: string, ledgerId: string, openedDigest: string | null, sealer: Sealer): boolean {
  if (openedDigest === null || !existsSync(notePath)) return false;
  try {
    const note = JSON.parse(readRegularFile(notePath, 4096, '台账的关闭记录').toString('utf8')) as Record<string, unknown>;
    return note.ledgerId === ledgerId && note.digest === openedDigest && note.mac === macOf(sealer, ledgerId, openedDigest);
  } catch {
    return false;
  }
}

/** The full check: every index against its table. Throws LEDGER_DAMAGED naming what SQLite found. */
export function refuseIndexesNotTheirTables(db: Database): void {
  const found = integrityCheck(db)
    .replace(/\*\*\* in database \w+ \*\*\*\s*/g, '')
    .replace(/\s*\n\s*/g, '；');
  if (found === 'ok') return;
  throw new AppError(
    'LEDGER_DAMAGED',
    `台账文件上次关闭后在本程序之外被改动过，检查发现索引与数据不一致（SQLite 报告：${found.slice(0, 200)}）：这样的台账可能给出错误的数字或错认用户，本程序不会使用它。请从备份恢复。`,
    { integrity: found.slice(0, 1000) },
  );
}
