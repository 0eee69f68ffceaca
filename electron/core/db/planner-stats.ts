/**
 * The query planner's statistics (`sqlite_stat1`, `sqlite_stat4`, and the older stat2/stat3) are never made by this
 * program: it runs no ANALYZE, so every grid's plan is the one its index gives and the query-plan tests check. A
 * statistics table in a ledger was put there outside the program (the database key opens the file: a viewer's
 * password, offline). SQLite reads it whenever it loads the schema, and the words after an index's counts steer the
 * plan: `unordered` put every grid page on a sort of every matching row (twenty-fifth attack run, S39-A4).
 *
 * So at every open of a ledger they are dropped, and the schema read again (`PRAGMA writable_schema = RESET`: the
 * connection drops what it loaded, the planner's statistics with it; `ANALYZE sqlite_schema` would make the tables
 * afresh, and a plain DROP leaves the loaded statistics steering). Dropped rather than refused:
 * they change no stored value, only how fast it is found, and refusing the ledger would hand whoever planted them a
 * way to shut the office out of its own ledger.
 */
import { AppError } from '../errors';
import type { Database } from './types';

const STATISTICS = /^sqlite_stat[1-4]$/i;

/** Names of the statistics tables in `db` (as SQLite compares names: ASCII case folded). */
export function plannerStatisticsTables(db: Database): string[] {
  return (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]).filter((n) => STATISTICS.test(n));
}

/** Drops every statistics table and reloads the planner's statistics; returns the names dropped. */
export function dropPlannerStatistics(db: Database): string[] {
  const found = plannerStatisticsTables(db);
  if (found.length === 0) return found;
  try {
    db.transaction(() => {
      for (const name of found) db.exec(`DROP TABLE "${name.replace(/"/g, '""')}"`);
    })();
    db.pragma('writable_schema = RESET');
  } catch (e) {
    throw new AppError(
      'LEDGER_DAMAGED',
      `台账文件里有不是本程序建立的查询统计表（${found.join('、')}），而且无法删除：台账在本程序之外被改动过。请从备份恢复。`,
      { plannerStatistics: found, reason: e instanceof Error ? e.message.slice(0, 200) : String(e) },
    );
  }
  return found;
}
