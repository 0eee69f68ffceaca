/**
 * Queued INSERTs (db/deferred-runs.ts, a large import's commit) run in their order, before anything else
 * runs through the stand-in: a read, a pluck, another write, a pragma. A run handed over by a connection
 * that is not a stand-in runs at once; a throw leaves the queue unrun, and the transaction undoes what ran.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deferringRuns, runDeferred } from '../../../electron/core/db/deferred-runs';
import { openEncrypted } from '../../../electron/core/db/open';
import { cached } from '../../../electron/core/db/stmt-cache';
import { asWriteDb, type Database } from '../../../electron/core/db/types';

let dir: string;
let db: Database;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'taizhang-deferred-runs-'));
  db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
  db.exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL, ref INTEGER REFERENCES t (id))`);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const INSERT = `INSERT INTO t (id, v, ref) VALUES (?, ?, ?)`;
const count = (): number => db.prepare(`SELECT count(*) FROM t`).pluck().get() as number;

describe('deferringRuns', () => {
  it('queues runs until the limit, then runs them in order', () => {
    const d = deferringRuns(asWriteDb(db), 3);
    const insert = cached(d.db, INSERT);
    runDeferred(insert, 1, 'a', null);
    runDeferred(insert, 2, 'b', 1);
    expect(count()).toBe(0);
    runDeferred(insert, 3, 'c', 2);
    expect(count()).toBe(3);
    runDeferred(insert, 4, 'd', 3);
    expect(count()).toBe(3);
    d.finish();
    expect(db.prepare(`SELECT v FROM t ORDER BY id`).pluck().all()).toEqual(['a', 'b', 'c', 'd']);
  });

  it('runs the queue before any other statement through the stand-in, so a read sees every row written before it', () => {
    const d = deferringRuns(asWriteDb(db), 1000);
    runDeferred(cached(d.db, INSERT), 1, 'a', null);
    expect(d.db.prepare(`SELECT count(*) FROM t`).pluck().get()).toBe(1);
    runDeferred(cached(d.db, INSERT), 2, 'b', 1);
    expect(cached(d.db, `SELECT v FROM t WHERE id = ?`).get(2)).toEqual({ v: 'b' });
    runDeferred(cached(d.db, INSERT), 3, 'c', 2);
    // A write that is not queued runs after the queued ones (the row it refers to is there).
    cached(d.db, INSERT).run(4, 'd', 3);
    runDeferred(cached(d.db, INSERT), 5, 'e', 4);
    d.db.pragma('foreign_key_check');
    expect(count()).toBe(5);
    d.finish();
    expect(count()).toBe(5);
  });

  it('runs at once what a connection that is no stand-in hands over', () => {
    runDeferred(cached(asWriteDb(db), INSERT), 1, 'a', null);
    expect(count()).toBe(1);
  });

  it('a throw leaves its queue unrun (the commit drops the stand-in with it); the transaction undoes what ran', () => {
    const d = deferringRuns(asWriteDb(db), 1000);
    const write = db.transaction(() => {
      runDeferred(cached(d.db, INSERT), 1, 'a', null);
      d.db.prepare(`SELECT 1`).get();
      runDeferred(cached(d.db, INSERT), 2, 'b', 1);
      throw new Error('第 2 行出错');
    });
    expect(() => write()).toThrow('第 2 行出错');
    expect(count()).toBe(0);
  });

  it('a queued run that fails fails the run of the queue, and the rest of the queue is dropped', () => {
    const d = deferringRuns(asWriteDb(db), 1000);
    runDeferred(cached(d.db, INSERT), 1, 'a', null);
    runDeferred(cached(d.db, INSERT), 1, 'again', null);
    runDeferred(cached(d.db, INSERT), 2, 'b', null);
    expect(() => d.finish()).toThrow(/UNIQUE|PRIMARY/);
    d.finish();
    expect(db.prepare(`SELECT v FROM t ORDER BY id`).pluck().all()).toEqual(['a']);
  });
});
