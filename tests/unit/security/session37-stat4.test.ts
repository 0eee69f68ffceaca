/**
 * The twenty-third attack run (session 37) on what session 36 left untried: `sqlite_stat4` (this build of SQLite has
 * SQLITE_ENABLE_STAT4), the planner's samples, a plain table the database key writes like `sqlite_stat1`. Offline with
 * viewer1's key: junk samples (not a record SQLite can read), and samples that tell the planner the grid's indexes
 * match everything, beside stat1 saying so too. A plan changes speed, never results; asked here: does the ledger still
 * open, and do two grid plans stay on their covering indexes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };
const plans = [
  `SELECT id FROM cases WHERE community_id = 1 AND category = 'home_observation' ORDER BY opened_on DESC LIMIT 100`,
  `SELECT id FROM cases WHERE status = 'observing' ORDER BY resident_name LIMIT 100`,
];

async function locked(): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
}

const detail = (q: string): string => {
  const db = t.core.services.ledger.handle();
  return (db.prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
};

describe('sqlite_stat4 planted', () => {
  it('held: junk samples (random bytes, huge counts): the ledger opens, the grid plans stay on their indexes', async () => {
    await locked();
    offline(t, (db) => {
      db.exec(`ANALYZE`);
      expect(db.prepare(`SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat4'`).pluck().get()).toBe(1);
      const ins = db.prepare(`INSERT INTO sqlite_stat4 VALUES ('cases', ?, ?, ?, ?, randomblob(64))`);
      for (const i of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`).pluck().all())
        for (let k = 0; k < 24; k++) ins.run(i, '999999999 999999999', '0 0', '0 0');
    });
    const opened = await t.raw('auth.unlock', admin);
    expect(opened).toMatchObject({ ok: true });
    expect(detail(plans[0]!)).toContain('USING COVERING INDEX cases_by_community_category');
    expect(detail(plans[1]!)).toContain('USING COVERING INDEX cases_by_status_name');
    expect((await t.call('cases.list', {})).total).toBe(0);
  }, 30_000);

  it('held: stat1 and stat4 both saying every index of cases matches every row: the plans stay', async () => {
    await locked();
    offline(t, (db) => {
      db.exec(`ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'cases'`);
      const ins1 = db.prepare(`INSERT INTO sqlite_stat1 VALUES ('cases', ?, '1000000 1000000 1000000 1000000 1000000 1000000 1000000')`);
      const names = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`).pluck().all();
      for (const i of names) ins1.run(i);
      db.exec(`UPDATE sqlite_stat4 SET neq = '1000000 1000000', nlt = '0 0', ndlt = '0 0' WHERE tbl = 'cases'`);
    });
    expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
    expect(detail(plans[0]!)).toContain('USING COVERING INDEX cases_by_community_category');
    expect(detail(plans[1]!)).toContain('USING COVERING INDEX cases_by_status_name');
  }, 30_000);
});
