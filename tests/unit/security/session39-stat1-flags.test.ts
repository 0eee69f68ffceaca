/**
 * The twenty-fifth attack run (session 39) on what session 38 left untried: `sqlite_stat1` rows beyond a count.
 * SQLite reads words after an index's counts in `stat` (analyze.c decodeIntArray): `unordered` (the index is not used
 * to give an ORDER BY its order), `noskipscan`, `sz=N` (its row size, which weighs a covering scan against the table).
 * Session 36 and 37 planted counts (every index unselective) and stat4 samples: the grid plans stayed. Asked here:
 * do these words move a grid's plan off the index that gives it its order? Offline with viewer1's database key.
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

const detail = (q: string): string =>
  (t.core.services.ledger.handle().prepare(`EXPLAIN QUERY PLAN ${q}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');

/** Every index of cases given `stat` in sqlite_stat1 (after ANALYZE made the table), every window locked; the coordinator signs in. */
async function plantedThenSignedIn(stat: string): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  offline(t, (db) => {
    db.exec(`ANALYZE; DELETE FROM sqlite_stat1 WHERE tbl = 'cases'`);
    const ins = db.prepare(`INSERT INTO sqlite_stat1 VALUES ('cases', ?, ?)`);
    for (const i of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cases' AND sql IS NOT NULL`).pluck().all())
      ins.run(i, stat);
  });
  expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
}

describe('sqlite_stat1 rows with the words SQLite reads after the counts', () => {
  it('held: `sz=1` (every index row said tiny) leaves the grid plans on their covering indexes, in their order', async () => {
    await plantedThenSignedIn('1000000 10 10 10 10 sz=1');
    for (const q of plans) expect(detail(q)).not.toContain('TEMP B-TREE');
    expect(detail(plans[1]!)).toContain('USING COVERING INDEX cases_by_status_name');
  }, 30_000);

  // S39-A4 (low; denial): `unordered` after the counts tells SQLite the index may not give an ORDER BY its order. The
  // grids keep their covering index for the WHERE but sort every matching row in a temporary B-tree for each page
  // (LIMIT 100): the plan the project's rule ("an index for every grid's filter and sort, with a test on the query plan")
  // exists to keep. The program never runs ANALYZE, so a sqlite_stat1 in the file was put there outside it. Fixed by the
  // lead (db/planner-stats.ts: planner statistics dropped at the open); red before, as it.fails.
  it('S39-A4: `unordered` planted for every index of cases: the grid plans still take their order from the index', async () => {
    await plantedThenSignedIn('1000000 10 10 10 10 unordered');
    for (const q of plans) expect(detail(q)).not.toContain('TEMP B-TREE');
  }, 30_000);
});
