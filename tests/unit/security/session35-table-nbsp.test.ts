/**
 * The twenty-first attack run (session 35) on the lead's S34-A9 fix as it stood on lead67 (a934169a…b4dc9eac, not
 * landed during the run): db/table-sql.ts makes "runs of whitespace" one space with JavaScript's `\s`, which takes
 * U+00A0 (and other Unicode spaces) for whitespace; SQLite does not: any byte ≥ 0x80 is part of an identifier. So
 * `username TEXT\u00A0NOT\u00A0NULL\u00A0UNIQUE COLLATE NOCASE` compares equal to the program's clause, and SQLite
 * reads one type name, "TEXT NOT NULL UNIQUE": the NOT NULL and the UNIQUE are gone. With the automatic index's row
 * deleted too (a missing program index is not refused), a second `admin` row (id -1, a viewer) comes first in the
 * table scan `getUserByName` then makes: the coordinator signs in on it. Offline, viewer1's database key.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('S35-A3: a table’s constraints merged into its type name with U+00A0', () => {
  // S35-A3 (medium), fixed by the lead before S34-A9's fix landed: db/table-sql.ts takes only SQLite's whitespace for
  // whitespace, and a missing UNIQUE index of the program's is refused (db/program-schema.ts).
  it('S35-A3: refused at the open, or the coordinator signs in on row 1 as the coordinator', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
    offline(t, (db) => {
      const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE name = 'users'`).pluck().get() as string;
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_master SET sql = ? WHERE name = 'users'`).run(
        sql.replace('TEXT NOT NULL UNIQUE COLLATE', 'TEXT\u00A0NOT\u00A0NULL\u00A0UNIQUE COLLATE'),
      );
      db.prepare(`DELETE FROM sqlite_master WHERE name = 'sqlite_autoindex_users_1'`).run();
      db.pragma('writable_schema = OFF');
    });
    offline(t, (db) => {
      db.prepare(
        `INSERT INTO users (id, username, display_name, role, disabled, created_at, updated_at) VALUES (-1, 'admin', '王建国', 'viewer', 0, '2020-02-17T01:00:00.000Z', '2020-02-17T01:00:00.000Z')`,
      ).run();
    });
    const opened = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (!opened.ok) return expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    expect(opened).toMatchObject({ ok: true, value: { user: { id: 1, role: 'coordinator' } } });
  }, 30_000);
});
