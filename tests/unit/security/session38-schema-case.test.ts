/**
 * The twenty-fourth attack run (session 38) on the schema check's names (db/program-schema.ts): S37-A3's fix reads an
 * automatic index as a table's only under the name SQLite gives it (`sqlite_autoindex_<tbl>_<n>`), and a table the
 * program does not know passes as "runs nothing". SQLite's names are blind to case; the check's lookups are not.
 * Offline with viewer1's database key (writable_schema), every window locked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline, viewerOffline, withConstraint } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };

function schemaEdit(db: Database, sql: string): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.exec(sql);
  db.pragma('writable_schema = OFF');
}

/** `table`'s schema row given `clause` (withConstraint) and then renamed `as` (the same table to SQLite). */
function renamedWith(db: Database, table: string, as: string, clause: string): void {
  withConstraint(db, table, clause);
  schemaEdit(db, `UPDATE sqlite_master SET name = '${as}', tbl_name = '${as}' WHERE type = 'table' AND name = '${table}'`);
}

describe('S38-A1: a program table’s schema row named by another case', () => {
  it('control: SQLite reads the file, and the planted CHECK is users’ (integrity_check ok)', async () => {
    t = await openTestLedger();
    await viewerOffline(t, (db) => renamedWith(db, 'users', 'USERS', `CHECK (username <> 'clerk9')`));
    offline(t, (db) => {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(() => db.prepare(`UPDATE users SET username = 'clerk9' WHERE username = 'viewer1'`).run()).toThrow(/CHECK/);
    });
  }, 30_000);

  // S38-A1 (medium-low): the row named `USERS` is "a table the program does not know" (foreignTable's exact lookup), so
  // its SQL is not compared (S34-A9) nor its columns' order (table-shapes): the coordinator's sign-in ok, and the CHECK
  // refused 新建用户 clerk9 (CONFLICT). Any of the earlier runs' table edits came back the same way. Fixed here
  // (db/program-schema.ts programTableByCase: a name that is a program table's by case is refused). Red before (ok: true).
  it('S38-A1: users’ row renamed USERS with a CHECK added is refused at the open', async () => {
    t = await openTestLedger();
    await viewerOffline(t, (db) => renamedWith(db, 'users', 'USERS', `CHECK (username <> 'clerk9')`));
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);

  it('S38-A1: audit_log’s row renamed Audit_Log with S34-A9’s CHECK (refusing a rotation’s done row) is refused at the open', async () => {
    t = await openTestLedger();
    await viewerOffline(t, (db) => renamedWith(db, 'audit_log', 'Audit_Log', `CHECK (after_json IS NULL OR after_json NOT LIKE '%"keysRotated":"done"%')`));
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);
});

describe('automatic index names after S37-A3’s fix', () => {
  async function lockedWith(edit: (db: Database) => void): Promise<Awaited<ReturnType<TestLedger['raw']>>> {
    t = await openTestLedger();
    await viewerOffline(t, edit);
    return t.raw('auth.unlock', admin);
  }

  it('held: an unknown table named users_1 (its index sqlite_autoindex_users_1_1), tbl_name rewritten to users', async () => {
    const opened = await lockedWith((db) => {
      db.exec(`CREATE TABLE users_1 (a TEXT UNIQUE); INSERT INTO users_1 VALUES ('x')`);
      schemaEdit(db, `UPDATE sqlite_master SET tbl_name = 'users' WHERE name = 'sqlite_autoindex_users_1_1'`);
    });
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);

  it('held: an unknown table’s automatic index row spelled in capitals (SQLite finds it blind to case), tbl_name users', async () => {
    const opened = await lockedWith((db) => {
      db.exec(`CREATE TABLE notes_cache (a TEXT UNIQUE); INSERT INTO notes_cache VALUES ('x')`);
      schemaEdit(db, `UPDATE sqlite_master SET name = 'SQLITE_AUTOINDEX_NOTES_CACHE_1', tbl_name = 'users' WHERE name = 'sqlite_autoindex_notes_cache_1'`);
    });
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);

  it('held: users’ own automatic index row with its number written 01 (not a name SQLite gives)', async () => {
    const opened = await lockedWith((db) =>
      schemaEdit(db, `UPDATE sqlite_master SET name = 'sqlite_autoindex_users_01' WHERE name = 'sqlite_autoindex_users_1'`),
    );
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);

  it('held: an unknown table whose own name is the program table’s in capitals cannot be made beside it (one name to SQLite)', async () => {
    t = await openTestLedger();
    await viewerOffline(t, (db) => expect(() => db.exec(`CREATE TABLE "USERS" (a TEXT UNIQUE)`)).toThrow(/already exists/));
  }, 30_000);
});
