/**
 * db/planner-stats.ts: statistics tables planted in a ledger (the program runs no ANALYZE) are dropped at its open,
 * and the grids' plans are the ones their indexes give (S39-A4: `unordered` put every page on a sort of every row).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline } from '../security/swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const admin = { username: ADMIN.username, password: ADMIN.password };
const GRID = `SELECT id FROM cases WHERE status = 'observing' ORDER BY resident_name LIMIT 100`;
const plan = (): string =>
  (t.core.services.ledger.handle().prepare(`EXPLAIN QUERY PLAN ${GRID}`).all() as Array<{ detail: string }>).map((r) => r.detail).join('; ');
const tables = (): string[] => t.core.services.ledger.handle().prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[];

/** Every window locked; `plant` run offline with viewer1's database key; the coordinator signs in again. */
async function planted(plant: (db: Database) => void): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
  offline(t, plant);
  expect(await t.raw('auth.unlock', admin)).toMatchObject({ ok: true });
}

const unordered = (db: Database): void => void db.exec(`ANALYZE; UPDATE sqlite_stat1 SET stat = '1000000 10 10 10 10 unordered' WHERE tbl = 'cases'`);

describe('planner statistics put in a ledger outside the program', () => {
  it('`unordered` for every index of cases: dropped at the open, the grid takes its order from its index again', async () => {
    await planted(unordered);
    expect(tables().filter((n) => n.startsWith('sqlite_stat'))).toEqual([]);
    expect(plan()).toContain('USING COVERING INDEX cases_by_status_name');
    expect(plan()).not.toContain('TEMP B-TREE');
  }, 30_000);

  it('under a name in capitals (SQLite finds its statistics without regard to case): dropped too', async () => {
    await planted((db) => {
      unordered(db);
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.exec(
        `UPDATE sqlite_master SET name = 'SQLITE_STAT1', tbl_name = 'SQLITE_STAT1', sql = replace(sql, 'sqlite_stat1', 'SQLITE_STAT1') WHERE name = 'sqlite_stat1'`,
      );
      db.pragma('writable_schema = OFF');
    });
    expect(tables().filter((n) => /^sqlite_stat/i.test(n))).toEqual([]);
    expect(plan()).not.toContain('TEMP B-TREE');
  }, 30_000);

  it('a ledger with none: its schema and plans untouched, and it still opens and verifies', async () => {
    await planted(() => undefined);
    expect(plan()).toContain('USING COVERING INDEX cases_by_status_name');
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true });
  }, 30_000);
});
