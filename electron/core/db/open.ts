/**
 * Opening the encrypted ledger: key with the raw 32-byte key (no SQLCipher
 * KDF, the slow step is the password's scrypt), read once at once to prove
 * the key, then set pragmas. SQLite answers "file is not a database" for a
 * wrong key, a plain file and a foreign file alike, so `diagnoseLedgerFile`
 * looks at the bytes to tell the user which it is.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { hasHotJournal } from './hot-journal';
import { AppError } from '../errors';
import type { Database } from './types';

export interface OpenOptions {
  /** Path to a better_sqlite3.node built for another ABI (Electron). */
  nativeBinding?: string;
}

const SQLITE_PLAIN_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export function readHeader(path: string, length = 16): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.alloc(length);
    const n = readSync(fd, buf, 0, length, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Throws a typed error if the file plainly is not an encrypted ledger page set. */
export function diagnoseLedgerFile(path: string, expectedSalt: string | null): void {
  const size = statSync(path).size;
  const head = readHeader(path);
  if (head.equals(SQLITE_PLAIN_HEADER)) {
    throw new AppError('NOT_A_LEDGER', '这是一个未加密的普通数据库文件，不是本程序的台账。请打开正确的台账文件夹。');
  }
  if (size < 4096 || size % 4096 !== 0) {
    throw new AppError('LEDGER_DAMAGED', `台账文件不完整（大小 ${size} 字节，可能在写入时断电或被截断）。请从备份恢复。`);
  }
  // A hot journal puts the first page back when the file is opened (hasHotJournal): the salt is checked by the key then.
  if (expectedSalt && head.toString('hex') !== expectedSalt && !hasHotJournal(path)) {
    throw new AppError('KEYRING_MISMATCH', '密钥文件与台账文件不匹配（密钥文件可能来自另一个台账）。请找回与此台账一起的密钥文件，或从备份恢复。');
  }
}

/**
 * `exclusive`: the program's own connection to its ledger holds the file for as long as it is open (locking_mode
 * EXCLUSIVE, set before the first read so WAL's index lives in the process, not in a -shm file others map): another
 * process holding the database key (a viewer's password, the same PC's account) can neither read nor write it beside an
 * open session (S34-A2: an edit made between the app's statements was read at once, past the checks an unlock makes).
 */
export function openEncrypted(path: string, key: Buffer, options: OpenOptions = {}, exclusive = false): Database {
  if (key.length !== 32) throw new AppError('INTERNAL', '数据库密钥长度不正确。');
  const db = new BetterSqlite3(path, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    db.pragma(`cipher='sqlcipher'`);
    db.pragma('legacy=4');
    db.pragma(`key="x'${key.toString('hex')}'"`);
    if (exclusive) db.pragma('locking_mode = EXCLUSIVE');
    // Read once, right after keying: a wrong key or a damaged first page fails here.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    db.pragma('journal_mode = WAL');
    // A lost write would hurt (health checks, deaths): FULL, not NORMAL.
    db.pragma('synchronous = FULL');
    db.pragma('foreign_keys = ON');
    // Deleted and overwritten content is zeroed, not left in free pages: a value sealed later must not linger in clear.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -32000');
    return db;
  } catch (e) {
    db.close();
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
    // Held by another connection (another copy of the program, or a tool that opened the file): never waited past busy_timeout.
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      throw new AppError('CONFLICT', '台账文件正被另一个程序打开（可能是另一个窗口里的本程序，或别的软件）。请先关闭它，再重试。');
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new AppError('LEDGER_DAMAGED', '台账文件已损坏，无法读取。请从备份恢复；原文件不会被删除。');
    }
    throw e;
  }
}

export function integrityCheck(db: Database): string {
  const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((r) => r.integrity_check).join('; ');
}
