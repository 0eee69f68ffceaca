/**
 * The twenty-sixth attack run (session 40) on S39-A4's fix (db/planner-stats.ts): every `sqlite_stat1`–`4` table is
 * dropped at each open, then `writable_schema = RESET`, so a planted `unordered` no longer sorts each grid page. Asked
 * here: can a viewer (offline, the database key of their slot) plant a statistics table the drop misses, or one whose
 * drop fails, and is such a failure only a refusal (nothing lost)? And does S38-A1's program-schema check still refuse
 * what it refused, now that the drop runs first?
 * A ledger can always be refused by a viewer with the files (any view or trigger the program did not make is refused:
 * S38-A1): a refusal here is a finding only if it loses something, or if the stats steer a grid after all.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };
const UNORDERED = '1000000 10 10 10 10 unordered';
const GRID = `SELECT id FROM cases WHERE status = 'observing' ORDER BY resident_name LIMIT 100`;
const plan = (): string =>
  (t.core.services.ledger.handle().prepare(`EXPLAIN QUERY PLAN ${GRID}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');

const casesIndexes = (db: Database): string[] =>
  db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`).pluck().all() as string[];

/** A schema row written as SQLite would never let the program write it (writable_schema; the program never turns it on). */
function schemaRow(db: Database, type: string, name: string, tbl: string, sql: string): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)`).run(type, name, tbl, sql);
  db.pragma('writable_schema = OFF');
}

/** A new ledger with viewer1's slot, every window locked, `edit` run offline with viewer1's database key. */
async function planted(edit: (db: Database) => void): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  offline(t, edit);
}

const tablesNamed = (pattern: string): string[] => {
  let names: string[] = [];
  offline(t, (db) => (names = db.prepare(`SELECT name FROM sqlite_master WHERE name LIKE ?`).pluck().all(pattern) as string[]));
  return names;
};

describe('statistics tables the drop might miss', () => {
  it('held: a WITHOUT ROWID table named `SQLITE_STAT1` (made under writable_schema) saying `unordered` is dropped; the grid keeps its order', async () => {
    await planted((db) => {
      const indexes = casesIndexes(db);
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.exec(`CREATE TABLE SQLITE_STAT1 (tbl TEXT, idx TEXT, stat TEXT, PRIMARY KEY (tbl, idx)) WITHOUT ROWID`);
      const ins = db.prepare(`INSERT INTO SQLITE_STAT1 VALUES ('cases', ?, ?)`);
      for (const i of indexes) ins.run(i, UNORDERED);
      db.pragma('writable_schema = OFF');
    });
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
    expect(plan()).not.toContain('TEMP B-TREE');
    expect(plan()).toContain('USING COVERING INDEX cases_by_status_name');
    await t.call('auth.lock', {});
    expect(tablesNamed('sqlite_stat%')).toEqual([]);
  }, 60_000);

  it('held: an index on sqlite_stat1 cannot be made offline (SQLite refuses it even under writable_schema)', async () => {
    await expect(
      planted((db) => {
        db.exec(`ANALYZE`);
        db.unsafeMode(true);
        db.pragma('writable_schema = ON');
        db.exec(`CREATE INDEX stat_by_tbl ON sqlite_stat1 (tbl)`);
      }),
    ).rejects.toThrow(/may not be indexed/);
  }, 60_000);
});

const fileHash = (): string =>
  createHash('sha256')
    .update(readFileSync(join(t.dir, 'taizhang.db')))
    .digest('hex');

/** The coordinator's sign-in is refused LEDGER_DAMAGED and leaves the ledger's file as it found it. */
async function refusedUntouched(words: RegExp): Promise<void> {
  const before = fileHash();
  const r = await t.raw('auth.unlock', admin);
  expect(r).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  expect(JSON.stringify(r)).toMatch(words);
  expect(fileHash()).toBe(before);
}

describe('statistics tables whose drop fails: a refusal, and nothing lost', () => {
  /** After a refusal: the planted row taken out again (what restoring or a technician does), the ledger opens with its cases. */
  async function nothingLost(name: string): Promise<void> {
    offline(t, (db) => {
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`DELETE FROM sqlite_master WHERE name = ?`).run(name);
      db.pragma('writable_schema = OFF');
    });
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
    expect(plan()).not.toContain('TEMP B-TREE');
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  }

  it('a view named sqlite_stat1 (beside the stat4 ANALYZE made) saying `unordered`: refused (the view the program did not make), nothing lost', async () => {
    await planted((db) => {
      db.exec(`ANALYZE; DROP TABLE sqlite_stat1`);
      const rows = casesIndexes(db)
        .map((i) => `SELECT 'cases' AS tbl, '${i}' AS idx, '${UNORDERED}' AS stat`)
        .join(' UNION ALL ');
      schemaRow(db, 'view', 'sqlite_stat1', 'sqlite_stat1', `CREATE VIEW sqlite_stat1 AS ${rows}`);
    });
    // Every DROP TABLE clears the dropped table's rows from sqlite_stat1 first: with a view there, dropping stat4 fails.
    // The words name stat4 (the view is not a table): slightly off, the advice (restore a backup) still right.
    await refusedUntouched(/查询统计表（sqlite_stat4）/);
    await nothingLost('sqlite_stat1');
  }, 60_000);

  it('a view named sqlite_stat1 alone (no stat table to drop): refused by the schema check, as any view the program did not make', async () => {
    await planted((db) => {
      const rows = casesIndexes(db)
        .map((i) => `SELECT 'cases' AS tbl, '${i}' AS idx, '${UNORDERED}' AS stat`)
        .join(' UNION ALL ');
      schemaRow(db, 'view', 'sqlite_stat1', 'sqlite_stat1', `CREATE VIEW sqlite_stat1 AS ${rows}`);
    });
    await refusedUntouched(/视图/);
    await nothingLost('sqlite_stat1');
  }, 60_000);

  it('sqlite_stat1 made a virtual table of a module that is not there: refused (the drop cannot run), nothing lost', async () => {
    await planted((db) => {
      db.exec(`ANALYZE; DROP TABLE sqlite_stat1; DROP TABLE IF EXISTS sqlite_stat4`);
      schemaRow(db, 'table', 'sqlite_stat1', 'sqlite_stat1', `CREATE VIRTUAL TABLE sqlite_stat1 USING nosuchmodule(tbl, idx, stat)`);
    });
    await refusedUntouched(/查询统计表（sqlite_stat1）/);
    await nothingLost('sqlite_stat1');
  }, 60_000);

  it('a trigger on sqlite_stat1 refusing deletes: SQLite itself will not read such a schema (「台账文件已损坏」), the file untouched', async () => {
    await planted((db) => {
      db.exec(`ANALYZE`);
      db.prepare(`DELETE FROM sqlite_stat1 WHERE tbl = 'cases'`).run();
      const ins = db.prepare(`INSERT INTO sqlite_stat1 VALUES ('cases', ?, ?)`);
      for (const i of casesIndexes(db)) ins.run(i, UNORDERED);
      schemaRow(db, 'trigger', 'stat_guard', 'sqlite_stat1', `CREATE TRIGGER stat_guard BEFORE DELETE ON sqlite_stat1 BEGIN SELECT RAISE(ABORT, 'no'); END`);
    });
    await refusedUntouched(/台账文件已损坏/);
    // The row cannot be taken out through the program's own open either (SQLite refuses the schema): a backup restores.
  }, 60_000);
});

describe("S38-A1's schema check after the drop runs first", () => {
  it('held: `unordered` statistics beside a trigger the program did not make: the stats dropped, the trigger still refused by name', async () => {
    await planted((db) => {
      db.exec(`ANALYZE`);
      db.prepare(`DELETE FROM sqlite_stat1 WHERE tbl = 'cases'`).run();
      const ins = db.prepare(`INSERT INTO sqlite_stat1 VALUES ('cases', ?, ?)`);
      for (const i of casesIndexes(db)) ins.run(i, UNORDERED);
      db.exec(`CREATE TRIGGER users_guard BEFORE UPDATE ON users BEGIN SELECT 1; END`);
    });
    const r = await t.raw('auth.unlock', admin);
    expect(r).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringMatching(/触发器（users_guard）/) } });
    // The drop ran and committed before the refusal: the planted statistics are gone, the planted trigger is not.
    expect(tablesNamed('sqlite_stat%')).toEqual([]);
    expect(tablesNamed('users_guard')).toEqual(['users_guard']);
  }, 60_000);

  it('held: a program table given the statistics table’s name by case (`Sqlite_Stat1` as a copy of users) is dropped; users is untouched', async () => {
    await planted((db) => {
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.exec(`CREATE TABLE Sqlite_Stat1 (tbl TEXT, idx TEXT, stat TEXT)`);
      db.pragma('writable_schema = OFF');
      db.prepare(`INSERT INTO Sqlite_Stat1 VALUES ('users', 'users_by_name', '1 1 unordered')`).run();
    });
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
    expect((await t.call('users.list', {})).length).toBeGreaterThan(1);
  }, 60_000);
});
