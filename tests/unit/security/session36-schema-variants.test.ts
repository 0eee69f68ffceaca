/**
 * The twenty-second attack run (session 36) on the schema check (db/program-schema.ts, db/table-sql.ts,
 * db/table-shapes.ts), offline with viewer1's database key (`writable_schema`), every window locked: spellings the
 * canon might read as the program's while SQLite reads something else, a table row whose name is not its SQL's, the
 * UNIQUE indexes session 35 left untried, the stated limit of two one-column groups swapped, and `sqlite_stat1`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };

async function locked(seed: (t: TestLedger) => Promise<void> = async () => undefined): Promise<void> {
  t = await openTestLedger();
  await seed(t);
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
}

/** `table`'s stored SQL rewritten by `edit` (writable_schema); the schema row's other columns as `row` says. */
function rewrite(db: Database, table: string, edit: (sql: string) => string, row: Record<string, string> = {}): void {
  const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(
    `UPDATE sqlite_master SET sql = @sql${Object.keys(row)
      .map((k) => `, ${k} = @${k}`)
      .join('')} WHERE type = 'table' AND name = @table`,
  ).run({
    sql: edit(sql),
    table,
    ...row,
  });
  db.pragma('writable_schema = OFF');
}

const USERNAME = 'username TEXT NOT NULL UNIQUE COLLATE NOCASE';
/** The program's clause as stored (aligned with spaces in migration 001). */
const CLAUSE = /username\s+TEXT NOT NULL UNIQUE COLLATE NOCASE/;

describe('spellings of users’ SQL', () => {
  const refused: Array<[string, (sql: string) => string]> = [
    ['COLLATE NOCASE made BINARY (two admins by case)', (s) => s.replace(CLAUSE, 'username TEXT NOT NULL UNIQUE COLLATE BINARY')],
    ['a CHECK inside a nested parenthesis of a clause', (s) => s.replace(CLAUSE, `${USERNAME} CHECK ((username <> 'clerk1'))`)],
    ['the column name quoted ("username")', (s) => s.replace(CLAUSE, USERNAME.replace('username', '"username"'))],
    ['the column name bracketed ([username])', (s) => s.replace(CLAUSE, USERNAME.replace('username', '[username]'))],
    ['keywords in lower case', (s) => s.replace(CLAUSE, 'username text not null unique collate nocase')],
    ['a vertical tab (not whitespace to SQLite) between the type and NOT NULL', (s) => s.replace(CLAUSE, USERNAME.replace('TEXT ', 'TEXT\v'))],
    ['text after the statement, past a NUL', (s) => `${s}\u0000, CHECK (0)`],
  ];
  for (const [what, edit] of refused)
    it(`held: ${what} is refused at the open, or changes nothing SQLite does`, async () => {
      await locked();
      offline(t, (db) => rewrite(db, 'users', edit));
      const opened = await t.raw('auth.unlock', admin);
      if (!opened.ok) return expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
      // Taken as the program's: then the clause must mean what the program's means.
      expect(await t.raw('users.create', { username: 'CLERK1', displayName: '重名', role: 'clerk', password: 'password-1234' })).toMatchObject({
        ok: false,
      });
      expect(await t.raw('users.create', { username: 'VIEWER1', displayName: '重名', role: 'clerk', password: 'password-1234' })).toMatchObject({ ok: false });
    }, 30_000);

  it('held: a comment hiding a constraint is a comment to SQLite too (taken as the program’s, nothing added)', async () => {
    await locked();
    offline(t, (db) => rewrite(db, 'users', (s) => s.replace(CLAUSE, `${USERNAME} /* , CHECK (0) */ -- , CHECK (0)\n`)));
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: true });
    expect(await t.raw('users.create', { username: 'clerk2', displayName: '新录入员', role: 'clerk', password: 'password-1234' })).toMatchObject({ ok: true });
  }, 30_000);

  it('held: a table row whose name is not its SQL’s (users’ row renamed, so the check would not know it) is refused', async () => {
    await locked();
    offline(t, (db) => rewrite(db, 'users', (s) => s.replace(CLAUSE, `${USERNAME} CHECK (username <> 'x')`), { name: 'users_notes' }));
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false });
    expect(t.core.services.ledger.isOpen()).toBe(false);
  }, 30_000);
});

describe('the UNIQUE indexes session 35 left untried', () => {
  for (const name of ['supply_movements_reversal', 'care_tasks_one_per_trigger', 'residents_by_id_number_index'])
    it(`held: ${name} deleted from the schema is refused, naming it`, async () => {
      await locked();
      offline(t, (db) => {
        db.unsafeMode(true);
        db.pragma('writable_schema = ON');
        db.prepare(`DELETE FROM sqlite_master WHERE name = ?`).run(name);
        db.pragma('writable_schema = OFF');
      });
      const opened = await t.raw('auth.unlock', admin);
      expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringContaining(name) } });
    }, 30_000);
});

describe('two one-column groups swapped (the stated limit of db/table-shapes.ts)', () => {
  it('held: residents’ relation and row_mac swapped are taken as an order the migrations left, and the row’s MAC meets it', async () => {
    let residentId = 0;
    await locked(async (t) => {
      const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
      const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
      residentId = (await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001', relation: '户主' })).id;
    });
    offline(t, (db) =>
      rewrite(db, 'residents', (s) =>
        s
          .replace(/row_mac\s+BLOB/, '@@')
          .replace('relation TEXT', 'row_mac BLOB')
          .replace('@@', 'relation TEXT'),
      ),
    );
    const opened = await t.raw('auth.unlock', admin);
    // Accepted: the order is one the groups allow (both one-column groups); what each stored value now reads as is not.
    expect(opened).toMatchObject({ ok: true });
    const read = await t.raw('residents.get', { id: residentId });
    expect(read).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);
});

describe('sqlite_stat1, a table SQLite itself reads', () => {
  it('held as tried: planted stats (every index unselective) leave two grid plans on their indexes', async () => {
    await locked();
    const plans = [
      `SELECT id FROM cases WHERE community_id = 1 AND category = 'home_observation' ORDER BY opened_on DESC LIMIT 100`,
      `SELECT id FROM cases WHERE status = 'observing' ORDER BY resident_name LIMIT 100`,
    ];
    offline(t, (db) => {
      db.exec(`ANALYZE cases; DELETE FROM sqlite_stat1`);
      const ins = db.prepare(`INSERT INTO sqlite_stat1 VALUES ('cases', ?, '1000000 1000000 1000000 1000000 1000000 1000000 1000000')`);
      for (const i of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`).pluck().all()) ins.run(i);
    });
    await t.call('auth.unlock', admin);
    const db = t.core.services.ledger.handle();
    const detail = (q: string) => (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
    expect(detail(plans[0]!)).toContain('USING COVERING INDEX cases_by_community_category');
    expect(detail(plans[1]!)).toContain('USING COVERING INDEX cases_by_status_name');
  }, 30_000);
});

describe('a table the program does not know, with UNIQUE columns', () => {
  // S36-A6 (low): "a plain table the program does not know runs nothing", but its UNIQUE columns bring automatic
  // indexes the check passes (`sqlite_autoindex_…`, no SQL), and the full check (db/ledger-contents.ts) walks each of
  // them: by hand, 300,000 rows × 4 such columns (+100 MB) made the coordinator's sign-in 11.5 s instead of 0.44 s
  // (core thread held; load ≈ 5), at every keyed sign-in after the file changed (a viewer's own sign-in changes it).
  // The same table with CREATE INDEX is refused (foreign indexes).
  // Fixed (db/program-schema.ts): an automatic index goes with its table only when the table is the program's.
  it('S36-A6: refused at the open, its automatic indexes being indexes the program did not make', async () => {
    await locked();
    offline(t, (db) => {
      db.exec(`CREATE TABLE notes_cache (a TEXT UNIQUE, b TEXT UNIQUE, c INTEGER UNIQUE, d TEXT UNIQUE)`);
      db.exec(`INSERT INTO notes_cache VALUES ('x', 'y', 1, 'z')`);
    });
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  }, 30_000);
});
