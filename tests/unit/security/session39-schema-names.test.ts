/**
 * The twenty-fifth attack run (session 39) on S38-A1's fix (db/program-schema.ts programTableByCase: a table row whose
 * name is a program table's only by ASCII case is refused at the open). The other ways SQLite takes a name for a program
 * table: quotes and brackets, a `main.` prefix in the SQL text, a view, virtual table, trigger or index naming one by
 * case, a TEMP trigger written into the file, a non-ASCII look-alike (SQLite folds ASCII only). SQLite itself compares a
 * schema row's type, name and table with what its SQL says (sqlite3CheckObjectName, blind to ASCII case), so a row
 * cannot name one object and make another. Offline with viewer1's database key (writable_schema), every window locked.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { viewerOffline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };
const CHECK = `CHECK (username <> 'clerk9')`;

function schemaEdit(db: Database, sql: string, ...params: unknown[]): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(sql).run(...params);
  db.pragma('writable_schema = OFF');
}

const usersSql = (db: Database): string => db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`).pluck().get() as string;
/** users' SQL with `CHECK` added and its name as written replaced by `as`. */
const usersWith = (db: Database, as: string): string => {
  const sql = usersSql(db).replace(/^CREATE TABLE\s+("?users"?|users)/i, `CREATE TABLE ${as}`);
  return `${sql.slice(0, sql.lastIndexOf(')'))}, ${CHECK})`;
};

async function openedAfter(edit: (db: Database) => void): Promise<Awaited<ReturnType<TestLedger['raw']>>> {
  t = await openTestLedger();
  await viewerOffline(t, edit);
  return t.raw('auth.unlock', admin);
}

describe('users’ own row, its SQL naming the table another way, with a CHECK added', () => {
  for (const as of ['"users"', '[users]', '`users`', '"USERS"', 'main.users', '"main"."users"', 'temp.users'])
    it(`held: CREATE TABLE ${as} … CHECK: refused (the SQL is users’ and says more, or SQLite refuses the file)`, async () => {
      const opened = await openedAfter((db) => schemaEdit(db, `UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'users'`, usersWith(db, as)));
      expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    }, 30_000);
});

describe('other kinds of schema row naming a program table by case', () => {
  const rows: Array<[string, string, string, string]> = [
    ['a view row named Users (beside the table)', 'view', 'Users', `CREATE VIEW Users AS SELECT 1 AS username`],
    [
      'a trigger on USERS refusing clerk9',
      'trigger',
      'users_guard',
      `CREATE TRIGGER users_guard BEFORE INSERT ON USERS WHEN NEW.username = 'clerk9' BEGIN SELECT RAISE(ABORT, 'no'); END`,
    ],
    [
      'a TEMP trigger on users written into the file',
      'trigger',
      'users_guard',
      `CREATE TEMP TRIGGER users_guard BEFORE INSERT ON users WHEN NEW.username = 'clerk9' BEGIN SELECT RAISE(ABORT, 'no'); END`,
    ],
    [
      'an index on USERS, one of an expression that throws for clerk9',
      'index',
      'users_by_x',
      `CREATE INDEX users_by_x ON USERS (abs(CASE username WHEN 'clerk9' THEN -9223372036854775807 - 1 ELSE 0 END))`,
    ],
  ];
  for (const [what, type, name, sql] of rows)
    it(`held: ${what}: the ledger is not opened`, async () => {
      const opened = await openedAfter((db) =>
        schemaEdit(
          db,
          `INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)`,
          type,
          name,
          type === 'view' ? name : 'users',
          sql,
        ),
      );
      expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    }, 30_000);

  it('held: a real index made on USERS (SQLite writes it as users’), an index the program did not make', async () => {
    const opened = await openedAfter((db) =>
      db.exec(`CREATE INDEX users_by_x ON USERS (abs(CASE username WHEN 'clerk9' THEN -9223372036854775807 - 1 ELSE 0 END))`),
    );
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);

  it('held: a virtual table named like users with a look-alike letter (Cyrillic ѕ) is refused (a virtual table the program did not make)', async () => {
    const opened = await openedAfter((db) => db.exec(`CREATE VIRTUAL TABLE "uѕers" USING fts5(username)`));
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);
});

describe('non-ASCII look-alikes (SQLite folds ASCII only)', () => {
  for (const name of ['uѕers', 'ｕｓｅｒｓ', 'USERſ', 'users\u200b'])
    it(`held: a plain table ${JSON.stringify(name)} with the CHECK is another table: the sign-in ok and 新建用户 clerk9 ok`, async () => {
      const opened = await openedAfter((db) => db.exec(`CREATE TABLE "${name}" (username TEXT, ${CHECK}); INSERT INTO "${name}" VALUES ('x')`));
      expect(opened).toMatchObject({ ok: true });
      expect(await t.raw('users.create', { username: 'clerk9', displayName: '九号', role: 'clerk', password: 'clerk9-pass-1' })).toMatchObject({ ok: true });
    }, 30_000);

  it('held: users’ row renamed to a look-alike (its SQL still says users): SQLite refuses the file', async () => {
    const opened = await openedAfter((db) =>
      schemaEdit(db, `UPDATE sqlite_master SET name = 'uѕers', tbl_name = 'uѕers' WHERE type = 'table' AND name = 'users'`),
    );
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);
});
