/**
 * A large write goes through a rollback journal and the ledger is back in WAL afterwards, committed
 * or not; a small one, or one asked for inside a transaction, stays in the WAL. The crash drills
 * (tests/integration/drills, import-commit) kill such a write at random points.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BULK_JOURNAL_ROWS, rollbackJournalWhenLarge } from '../../../electron/core/db/bulk-journal';
import { openEncrypted } from '../../../electron/core/db/open';
import type { Database } from '../../../electron/core/db/types';

let dir: string;
let path: string;
let db: Database;
let key: Buffer;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-bulk-journal-'));
  path = join(dir, 'l.db');
  key = randomBytes(32);
  db = openEncrypted(path, key);
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)`);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const mode = () => db.pragma('journal_mode', { simple: true });
const insert = (n: number) => {
  const s = db.prepare(`INSERT INTO t (v) VALUES (?)`);
  for (let i = 0; i < n; i++) s.run(`行${i}`);
};

describe('rollbackJournalWhenLarge', () => {
  it('writes a large transaction through a rollback journal, then goes back to WAL', () => {
    const back = rollbackJournalWhenLarge(db, BULK_JOURNAL_ROWS);
    expect(mode()).toBe('delete');
    expect(existsSync(`${path}-wal`)).toBe(false);
    db.transaction(() => insert(BULK_JOURNAL_ROWS))();
    back();
    expect(mode()).toBe('wal');
    expect(db.prepare(`SELECT count(*) AS n FROM t`).get()).toEqual({ n: BULK_JOURNAL_ROWS });
    // Writes and checkpoints go on as before.
    db.transaction(() => insert(10))();
    expect(existsSync(`${path}-wal`)).toBe(true);
    expect((db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>)[0]!.busy).toBe(0);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('leaves nothing of a large transaction that fails, and is back in WAL', () => {
    const back = rollbackJournalWhenLarge(db, BULK_JOURNAL_ROWS * 3);
    expect(() =>
      db.transaction(() => {
        insert(BULK_JOURNAL_ROWS);
        throw new Error('第 2001 行有误');
      })(),
    ).toThrow('第 2001 行有误');
    back();
    expect(mode()).toBe('wal');
    expect(existsSync(`${path}-journal`)).toBe(false);
    expect(db.prepare(`SELECT count(*) AS n FROM t`).get()).toEqual({ n: 0 });
  });

  it('keeps a small write, or one inside a transaction already open, in the WAL', () => {
    rollbackJournalWhenLarge(db, BULK_JOURNAL_ROWS - 1)();
    expect(mode()).toBe('wal');
    db.exec('BEGIN');
    const back = rollbackJournalWhenLarge(db, BULK_JOURNAL_ROWS);
    expect(mode()).toBe('wal');
    db.exec('COMMIT');
    back();
    expect(mode()).toBe('wal');
  });

  it('stays in the WAL when another connection has the ledger open', () => {
    const other = openEncrypted(path, key);
    try {
      const back = rollbackJournalWhenLarge(db, BULK_JOURNAL_ROWS);
      expect(mode()).toBe('wal');
      db.transaction(() => insert(3))();
      back();
      expect(other.prepare(`SELECT count(*) AS n FROM t`).get()).toEqual({ n: 3 });
    } finally {
      other.close();
    }
  });
});
