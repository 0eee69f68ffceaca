/**
 * The twenty-third attack run (session 37) on S36-A6's fix (db/program-schema.ts `foreignSchemaObjects`): an automatic
 * index (`sqlite_autoindex_…`, no SQL) goes with its table only when the table is the program's, read from the schema
 * row's `tbl_name`. SQLite itself finds such an index by its name when it reads the schema (the table's UNIQUE
 * constraints make it; the row gives only its root page), so `tbl_name` is a column the database key rewrites
 * (writable_schema) without SQLite noticing. Offline with viewer1's key, every window locked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };

async function locked(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
}

/** S36-A6's table: four UNIQUE columns (four automatic indexes), a few rows. */
function unknownTable(db: Database): void {
  db.exec(`CREATE TABLE notes_cache (a TEXT UNIQUE, b TEXT UNIQUE, c INTEGER UNIQUE, d TEXT UNIQUE)`);
  db.exec(`INSERT INTO notes_cache VALUES ('x', 'y', 1, 'z')`);
}

function schemaEdit(db: Database, sql: string): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.exec(sql);
  db.pragma('writable_schema = OFF');
}

describe('automatic indexes and the table they are said to belong to', () => {
  it('control: SQLite still reads the file after the rows’ tbl_name is rewritten (the unknown table’s UNIQUE rules still hold)', async () => {
    await locked();
    offline(t, (db) => {
      unknownTable(db);
      schemaEdit(db, `UPDATE sqlite_master SET tbl_name = 'users' WHERE name LIKE 'sqlite_autoindex_notes_cache_%'`);
    });
    offline(t, (db) => {
      expect(db.prepare(`SELECT count(*) FROM notes_cache`).pluck().get()).toBe(1);
      expect(() => db.exec(`INSERT INTO notes_cache VALUES ('x', 'q', 2, 'w')`)).toThrow(/UNIQUE/);
    });
  }, 30_000);

  // S37-A3 (low; denial): S36-A6 back. The unknown table's automatic indexes said to be users' pass the schema check,
  // and the full check walks them as before (S36-A6: 300,000 rows made a keyed sign-in 11.5 s instead of 0.44 s).
  // Fixed here (db/program-schema.ts autoindexOf): the name must be SQLite's for that table. Red before (ok: true).
  it('S37-A3: an unknown table’s automatic indexes with tbl_name rewritten to a program table are refused at the open', async () => {
    await locked();
    offline(t, (db) => {
      unknownTable(db);
      schemaEdit(db, `UPDATE sqlite_master SET tbl_name = 'users' WHERE name LIKE 'sqlite_autoindex_notes_cache_%'`);
    });
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);

  it('held: an unknown table’s automatic index renamed to one users could have (sqlite_autoindex_users_7): the schema does not load', async () => {
    await locked();
    offline(t, (db) => {
      unknownTable(db);
      schemaEdit(db, `UPDATE sqlite_master SET name = 'sqlite_autoindex_users_7', tbl_name = 'users' WHERE name = 'sqlite_autoindex_notes_cache_1'`);
    });
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringContaining('已损坏，无法读取') } });
  }, 30_000);

  it('held: a view named like an automatic index (no SQL) is refused', async () => {
    await locked();
    offline(t, (db) =>
      schemaEdit(
        db,
        `INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('view', 'sqlite_autoindex_users_9', 'users', 0, 'CREATE VIEW sqlite_autoindex_users_9 AS SELECT 1')`,
      ),
    );
    const opened = await t.raw('auth.unlock', admin);
    expect(opened.ok).toBe(false);
  }, 30_000);

  it('held: a WITHOUT ROWID table the program does not know, with a UNIQUE column, is refused (its automatic index)', async () => {
    await locked();
    offline(t, (db) => db.exec(`CREATE TABLE kv (k TEXT PRIMARY KEY, v TEXT UNIQUE) WITHOUT ROWID; INSERT INTO kv VALUES ('a', 'b')`));
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);
});
