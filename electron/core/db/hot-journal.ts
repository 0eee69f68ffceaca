/**
 * A rollback journal left by a write cut off before its commit ("hot": it
 * exists and its header is not zeroed). SQLite plays it back at the next open,
 * but only through a connection keyed right, and SQLite3MultipleCiphers takes
 * the salt it derives the page MAC key from out of the file's first 16 bytes
 * when the key is set, before the playback (GenerateKeySQLCipherCipher: an
 * existing file's salt wins over one given with the key).
 *
 * A key rotation's rekey journals every page under the old key (sqlite3mcCodec
 * mode 7 uses the read key) and then writes them under the new one, page 1
 * (with the new salt) first. Cut off there, the file names the new salt while
 * the journal, which undoes everything, needs the old key with the old salt:
 * neither key opens it. The journal's own copy of page 1 begins with the old
 * salt in clear; putting it back into the file's header lets the old key open
 * the file, and SQLite then restores every page from the journal.
 */
import { closeSync, existsSync, openSync, readSync, statSync, writeSync } from 'node:fs';

const JOURNAL_MAGIC = Buffer.from('d9d505f920a163d7', 'hex');
const SALT_BYTES = 16;

export const journalPath = (dbPath: string): string => `${dbPath}-journal`;

function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  return buf.subarray(0, readSync(fd, buf, 0, length, position));
}

export function hasHotJournal(dbPath: string): boolean {
  const path = journalPath(dbPath);
  if (!existsSync(path) || statSync(path).size === 0) return false;
  const fd = openSync(path, 'r');
  try {
    return readAt(fd, 1, 0)[0] !== 0;
  } finally {
    closeSync(fd);
  }
}

/** The first 16 bytes of page 1 as the hot journal keeps it (the salt from before), or null when the journal holds no page 1. */
export function journalledSalt(dbPath: string): Buffer | null {
  const path = journalPath(dbPath);
  const size = statSync(path).size;
  const fd = openSync(path, 'r');
  try {
    const header = readAt(fd, 28, 0);
    if (header.length < 28 || !header.subarray(0, 8).equals(JOURNAL_MAGIC)) return null;
    const sectorSize = header.readUInt32BE(20);
    const pageSize = header.readUInt32BE(24);
    if (sectorSize < 32 || pageSize < 512) return null;
    // Records after the header sector: page number, the page, a checksum.
    for (let at = sectorSize; at + 4 + pageSize + 4 <= size; at += 4 + pageSize + 4) {
      if (readAt(fd, 4, at).readUInt32BE(0) === 1) return readAt(fd, SALT_BYTES, at + 4);
    }
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * When a hot journal's page 1 carries `salt` (the keyring's) and the file no
 * longer does, writes it back into the file's header so the keyring's key
 * opens the file and SQLite plays the journal back. Returns whether it did.
 */
export function putBackJournalledSalt(dbPath: string, salt: string): boolean {
  if (!hasHotJournal(dbPath)) return false;
  const journalled = journalledSalt(dbPath);
  if (!journalled || journalled.toString('hex') !== salt) return false;
  const fd = openSync(dbPath, 'r+');
  try {
    if (readAt(fd, SALT_BYTES, 0).equals(journalled)) return false;
    writeSync(fd, journalled, 0, SALT_BYTES, 0);
    return true;
  } finally {
    closeSync(fd);
  }
}
