/**
 * The twenty-eighth attack run (session 42) on db/migrate.ts and the open (db/ledger.ts openWith: migrate, then
 * refuseForeignSchema): can a ledger file crafted with the database key (a viewer's password, offline) make the program
 * run SQL of its making at the unlock, and with what more than the file's holder has offline? No SQL function of the
 * program's is registered (no `db.function`), so SQL in the file can only do SQL on the file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };
const dbFile = (): Buffer => readFileSync(join(t.dir, 'taizhang.db'));

/** A ledger with one community and viewer1's slot, every window locked. */
async function lockedLedger(): Promise<void> {
  t = await openTestLedger();
  await t.call('org.communities.save', { name: '东风社区' });
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
}

describe('SQL in the file at the unlock', () => {
  it('held: the program’s own connection cannot make the schema writable (defensive mode): sqlite_master refuses a row', async () => {
    t = await openTestLedger();
    const db = t.core.services.ledger.handle();
    db.pragma('writable_schema = ON');
    expect(() =>
      db.prepare(`INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES ('table', 'x', 'x', 0, 'CREATE TABLE x(a)')`).run(),
    ).toThrow();
    db.pragma('writable_schema = OFF');
  }, 60_000);

  it('held (nothing beyond the key): a trigger planted offline fires in a migration run again (022) before the schema check, then the open is refused; what it did, the key’s holder could do offline', async () => {
    await lockedLedger();
    offline(t, (db) => {
      db.prepare(`DELETE FROM schema_migrations WHERE version = 22`).run();
      db.exec(`CREATE TRIGGER planted AFTER INSERT ON schema_migrations BEGIN UPDATE communities SET name = '被改名'; END`);
    });
    // The trigger ran in the migration's transaction (committed), then the open was refused naming it.
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', details: { foreignSchema: ['planted'] } } });
    let name = '';
    offline(t, (db) => (name = db.prepare(`SELECT name FROM communities`).pluck().get() as string));
    expect(name).toBe('被改名');
  }, 60_000);

  // S42-A2 (low; denial only, as session 40's migration rows): the insert into schema_migrations was prepared outside
  // the migrations' error handling, so a view in its place (the database key, offline) made every sign-in answer
  // INTERNAL 「程序内部出错…请重试」, which fails the same way at each try. Now named as the file's state (migrate.ts
  // migrationList), as a migration that fails on the file's own tables is.
  it('S42-A2 (fixed): schema_migrations replaced by a view that lists every migration: every sign-in refused in words naming the file’s state, the file untouched', async () => {
    await lockedLedger();
    offline(t, (db) => {
      const versions = db.prepare(`SELECT version, name, applied_at FROM schema_migrations`).all() as { version: number; name: string; applied_at: string }[];
      db.exec(`DROP TABLE schema_migrations`);
      db.exec(
        `CREATE VIEW schema_migrations AS ${versions.map((v) => `SELECT ${v.version} AS version, '${v.name}' AS name, '${v.applied_at}' AS applied_at`).join(' UNION ALL ')}`,
      );
    });
    const before = dbFile();
    for (let i = 0; i < 2; i++)
      expect(await t.raw('auth.unlock', admin)).toMatchObject({
        ok: false,
        error: { code: 'LEDGER_DAMAGED', message: expect.stringMatching(/schema_migrations.*在本程序之外被改动过.*台账没有改动。请从备份恢复/) },
      });
    expect(dbFile().equals(before)).toBe(true);
  }, 60_000);
});
