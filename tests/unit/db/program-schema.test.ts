/**
 * Only the program's own indexes, triggers and views (db/program-schema.ts): what the migrations make, and a ledger
 * holding one put in outside the program, or one of the program's with other SQL, is not opened, for any role.
 */
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { MIGRATIONS } from '../../../electron/core/db/migrations/index';
import { openEncrypted } from '../../../electron/core/db/open';
import { programSchema, refuseForeignSchema, schemaHash, schemaOf } from '../../../electron/core/db/program-schema';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';
import { offline, withConstraint } from '../security/swap-helpers';

let t: TestLedger | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const FOREIGN = /台账文件里有不是本程序建立的触发器（keep_off）.*请从备份恢复/;

describe('the program’s schema', () => {
  it('is what a ledger made by the program holds, by name and SQL', async () => {
    t = await openTestLedger();
    const made = schemaOf(t.core.services.ledger.handle());
    expect(made).toEqual(programSchema());
    expect([...made.trigger.keys()]).toContain('audit_log_no_delete');
    expect([...made.index.keys()]).toContain('residents_by_community');
  });

  it('never held a trigger with other SQL in any earlier schema (a backup copy is checked before it is migrated)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-triggers-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    const seen = new Map<string, Set<string>>();
    try {
      for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version)) {
        migrate(
          db,
          '2020-02-01T00:00:00.000Z',
          MIGRATIONS.filter((x) => x.version <= m.version),
        );
        for (const r of db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger'`).all() as Array<{ name: string; sql: string }>)
          seen.set(r.name, (seen.get(r.name) ?? new Set()).add(schemaHash(r.sql)));
      }
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(Object.fromEntries([...seen].map(([name, hashes]) => [name, [...hashes]]))).toEqual(
      Object.fromEntries([...programSchema().trigger].map(([name, hash]) => [name, [hash]])),
    );
  });
});

describe('the program’s tables, by what their SQL says', () => {
  function withMemory<T>(use: (db: Database) => T): T {
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-tables-'));
    const db = openEncrypted(join(dir, 'l.db'), randomBytes(32));
    try {
      return use(db);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const sorted = [...MIGRATIONS].sort((a, b) => a.version - b.version);
  function inMemory<T>(use: (db: Database) => T): T {
    const db = new BetterSqlite3(':memory:');
    try {
      return use(db);
    } finally {
      db.close();
    }
  }

  // Numbers are reserved per area, so a migration lands after the next few numbers have (011 landed after 013); a
  // ledger made in between gets it later than a fresh one does. Each one applied up to three places late.
  it('are opened when a migration landed after the next ones (011 after 013), for each up to three places late', () => {
    let walked = 0;
    let reordered = 0;
    const freshText = inMemory((db) => {
      migrate(db, '2020-02-01T00:00:00.000Z');
      return tableTexts(db);
    });
    for (const [i, late] of sorted.entries())
      for (let places = 1; places <= 3 && i + places < sorted.length; places += 1) {
        const upTo = sorted[i + places]!.version;
        inMemory((db) => {
          try {
            migrate(
              db,
              '2020-02-01T00:00:00.000Z',
              MIGRATIONS.filter((m) => m !== late && m.version <= upTo),
            );
          } catch {
            return; // a later migration needs this one's tables: it cannot have landed after it
          }
          migrate(db, '2020-02-01T00:00:00.000Z');
          walked += 1;
          const texts = tableTexts(db);
          if ([...texts].some(([name, sql]) => freshText.get(name) !== sql)) reordered += 1;
          expect(schemaOf(db).table, `migration ${late.version} applied after ${upTo}`).toEqual(programSchema().table);
          expect(() => refuseForeignSchema(db, 'ledger'), `migration ${late.version} applied after ${upTo}`).not.toThrow();
        });
      }
    expect(walked).toBeGreaterThan(40);
    expect(reordered).toBeGreaterThan(0); // e.g. 010's column on cases appended after 011's: another order, opened
  });

  // The order the migrations landed on main (git log --diff-filter=A, oldest first): a ledger made at any of these
  // points and upgraded then, or upgraded at every later point, is what users hold. 021 landed after four higher ones.
  const LANDED = [
    1, 2, 3, 4, 5, 6, 7, 9, 11, 13, 17, 10, 18, 23, 19, 25, 22, 27, 21, 30, 31, 33, 39, 38, 36, 43, 40, 47, 44, 49, 56, 59, 64, 68, 69, 70, 71, 72, 75, 73, 74,
    76, 77, 78, 79, 81, 80,
  ];

  it('are opened for a ledger made at any point of the order migrations landed in, upgraded at once or step by step', () => {
    expect(new Set(LANDED)).toEqual(new Set(MIGRATIONS.map((m) => m.version)));
    const present = (k: number) => MIGRATIONS.filter((m) => LANDED.slice(0, k).includes(m.version));
    for (let made = 1; made <= LANDED.length; made += 1) {
      inMemory((db) => {
        migrate(db, '2020-02-01T00:00:00.000Z', present(made));
        migrate(db, '2020-02-01T00:00:00.000Z');
        expect(() => refuseForeignSchema(db, 'ledger'), `made with ${LANDED[made - 1]} the newest, upgraded at once`).not.toThrow();
      });
    }
    inMemory((db) => {
      for (let k = 1; k <= LANDED.length; k += 1) {
        migrate(db, '2020-02-01T00:00:00.000Z', present(k));
        expect(() => refuseForeignSchema(db, 'backup'), `a backup after ${LANDED[k - 1]} landed`).not.toThrow();
      }
      expect(() => refuseForeignSchema(db, 'ledger')).not.toThrow();
    });
  });

  it('a backup copy of every earlier schema passes the copy’s check (old backups still restore)', () => {
    withMemory((db) => {
      for (const m of sorted) {
        migrate(
          db,
          '2020-02-01T00:00:00.000Z',
          MIGRATIONS.filter((x) => x.version <= m.version),
        );
        expect(() => refuseForeignSchema(db, 'backup'), `schema after ${m.version}`).not.toThrow();
      }
    });
  });

  it('a backup copy whose audit log was given a CHECK is refused before anything is swapped', () => {
    withMemory((db) => {
      migrate(db, '2020-02-01T00:00:00.000Z');
      withConstraint(db, 'audit_log', `CHECK (after_json IS NULL OR after_json NOT LIKE '%restored%')`);
      expect(() => refuseForeignSchema(db, 'backup')).toThrow(/这份备份的台账文件里有不是本程序建立的表结构（audit_log）/);
    });
  });
});

const tableTexts = (db: Database): Map<string, string> =>
  new Map((db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table'`).all() as Array<{ name: string; sql: string }>).map((r) => [r.name, r.sql]));

/** `table`'s CREATE TABLE with `from` replaced by `to` (writable_schema). */
function rewriteTable(db: Database, table: string, from: RegExp, to: string): void {
  const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
  expect(sql).toMatch(from);
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?`).run(sql.replace(from, to), table);
  db.pragma('writable_schema = OFF');
}

describe('a ledger holding a trigger the program did not make (S33-A7)', () => {
  async function withTrigger(sql: string | ((db: Database) => void)): Promise<void> {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    offline(t, (db) => (typeof sql === 'string' ? db.exec(sql) : sql(db)));
  }

  it('one added: every unlock refused LEDGER_DAMAGED naming it, no session in any window', async () => {
    await withTrigger(`CREATE TRIGGER keep_off BEFORE INSERT ON meta WHEN NEW.key = 'rows_bound' BEGIN SELECT RAISE(ABORT, 'no'); END`);
    for (const [username, password, window] of [
      [ADMIN.username, ADMIN.password, 'admin'],
      ['viewer1', PASSWORD, 'viewer1'],
    ] as const) {
      const refused = await t!.fail('auth.unlock', { username, password }, window);
      expect(refused.code).toBe('LEDGER_DAMAGED');
      expect(refused.message).toMatch(FOREIGN);
      expect((await t!.fail('residents.list', {}, window)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('one of the program’s rewritten (the audit log’s guard made to let a deletion through): refused, naming it', async () => {
    await withTrigger(
      `DROP TRIGGER audit_log_no_delete; CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN 0 BEGIN SELECT RAISE(ABORT, 'x'); END`,
    );
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('（audit_log_no_delete）') });
  });

  it('an expression index whose expression throws on a write (S34-A4): refused at the open, naming it as an index', async () => {
    await withTrigger(
      `DELETE FROM meta WHERE key = 'throttle_epoch'; CREATE INDEX meta_keep_off ON meta (json(CASE WHEN key = 'throttle_epoch' THEN 'x' ELSE '1' END))`,
    );
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('不是本程序建立的索引（meta_keep_off）') });
    expect((await t!.fail('residents.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('a view, and a schema row typed TRIGGER that `type = ’trigger’` would not see (S34-A1): refused, each named', async () => {
    await withTrigger((db) => {
      db.exec(`CREATE VIEW who AS SELECT username FROM users`);
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('TRIGGER', 'keep_off', 'meta', 0, ?)`).run(
        `CREATE TRIGGER keep_off AFTER INSERT ON meta WHEN NEW.key = 'rows_bound' BEGIN DELETE FROM meta WHERE key = 'rows_bound'; END`,
      );
      db.pragma('writable_schema = OFF');
    });
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused.code).toBe('LEDGER_DAMAGED');
    expect(refused.message).toContain('触发器（keep_off）');
    expect(refused.message).toContain('视图（who）');
  });

  it('one of the program’s indexes dropped: opened (only the grid is slower; nothing is altered)', async () => {
    await withTrigger(`DROP INDEX residents_by_name`);
    expect((await t!.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).user.username).toBe(ADMIN.username);
  });

  // S34-A9: tables' SQL was not compared; the audit log's CHECK opened and stopped 更换密钥 after its switch. Red before.
  it('the audit log’s table given a CHECK (S34-A9): refused at the open, naming the table', async () => {
    await withTrigger((db) => withConstraint(db, 'audit_log', `CHECK (after_json IS NULL OR after_json NOT LIKE '%"keysRotated":"done"%')`));
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('不是本程序建立的表结构（audit_log）') });
    expect((await t!.fail('residents.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('a DEFAULT, an ON CONFLICT clause or a foreign key’s action written into a table: each refused, naming the table', async () => {
    const edits: Array<[string, (db: Database) => void]> = [
      ['meta', (db) => rewriteTable(db, 'meta', /\bvalue\b([^,)]*)/, 'value$1 DEFAULT (hex(randomblob(8)))')],
      ['audit_log', (db) => rewriteTable(db, 'audit_log', /PRIMARY KEY/, 'PRIMARY KEY ON CONFLICT REPLACE')],
      ['cases', (db) => rewriteTable(db, 'cases', /REFERENCES residents\s*\(id\)/, 'REFERENCES residents(id) ON DELETE CASCADE')],
    ];
    for (const [table, edit] of edits) {
      await withTrigger(edit);
      const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      expect(refused, table).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining(`表结构（${table}）`) });
      t!.close();
      t = undefined;
    }
  });

  it('a virtual table added is refused; a plain table the program does not know is opened (it runs nothing)', async () => {
    await withTrigger(`CREATE VIRTUAL TABLE peek USING fts5(body)`);
    expect(await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).toMatchObject({
      code: 'LEDGER_DAMAGED',
      message: expect.stringContaining('表结构（peek）'),
    });
    t!.close();
    await withTrigger(`CREATE TABLE notes_of_mine (body TEXT CHECK (0))`);
    expect((await t!.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).user.username).toBe(ADMIN.username);
  });

  // A set of clauses would not see this: the stored values stay where they are and read under each other's names.
  it('two columns of a table swapped in its SQL (a disabled user read as enabled): refused, naming the table', async () => {
    await withTrigger((db) => {
      const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`).pluck().get() as string;
      const disabled = /disabled\s+INTEGER NOT NULL DEFAULT 0 CHECK \(disabled IN \(0, 1\)\)/.exec(sql)![0];
      const mustChange = 'must_change_password INTEGER NOT NULL DEFAULT 0';
      expect(sql).toContain(mustChange);
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'users'`).run(
        sql.replace(disabled, '\u0000').replace(mustChange, disabled).replace('\u0000', mustChange),
      );
      db.pragma('writable_schema = OFF');
    });
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('表结构（users）') });
  });

  it('a UNIQUE index of the program’s missing (its row deleted, S35-A3): refused, naming it; another index missing is not', async () => {
    await withTrigger((db) => {
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`DELETE FROM sqlite_master WHERE name = 'sqlite_autoindex_users_1'`).run();
      db.pragma('writable_schema = OFF');
    });
    const refused = await t!.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused).toMatchObject({ code: 'LEDGER_DAMAGED', message: expect.stringContaining('缺少本程序的唯一索引（sqlite_autoindex_users_1）') });
  });
});
