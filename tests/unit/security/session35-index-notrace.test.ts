/**
 * The twenty-first attack run (session 35), S35-A1 without a trace but the index's contents, for whoever fixes it:
 * the program's index dropped, a foreign one of the same shape made (SQLite reuses the freed pages), and its schema row
 * renamed to the program's name with the program's own SQL (writable_schema). The row then holds the program's name,
 * SQL and, here, the very root page it had before; `PRAGMA quick_check` answers `ok` (no page left unused, which the
 * rootpage redirect of session35-index-rootpage leaves). Only `integrity_check` sees it; `REINDEX` heals it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

/** `target` rebuilt from `columns` under its own name and SQL; returns its root page before and after. */
function rebuiltInPlace(db: Database, target: string, table: string, columns: string): { before: number; after: number } {
  const { sql, rootpage: before } = db.prepare(`SELECT sql, rootpage FROM sqlite_master WHERE type = 'index' AND name = ?`).get(target) as {
    sql: string;
    rootpage: number;
  };
  db.exec(`DROP INDEX ${target}; CREATE INDEX attacker_shape ON ${table} (${columns})`);
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_master SET name = ?, sql = ? WHERE name = 'attacker_shape'`).run(target, sql);
  db.pragma('writable_schema = OFF');
  const after = db.prepare(`SELECT rootpage FROM sqlite_master WHERE name = ?`).pluck().get(target) as number;
  return { before, after };
}

describe('S35-A1 without a trace: the program’s index rebuilt from another expression under its own name and SQL', () => {
  // S35-A1 (medium), fixed by the lead (db/ledger-contents.ts: integrity_check, not quick_check, when the file is not
  // the one the program closed); was: as session35-index-rootpage, with quick_check clean and the same root page.
  it('S35-A1 (no trace): refused at the open, or the stock check still says 100', async () => {
    t = await openTestLedger();
    const itemId = (await t.call('supplies.items.list', {})).find((i) => i.name === '口罩')!.id;
    await t.call('supplies.receive', { storeId: 0, itemId, day: t.clock.today(), quantity: 100, sourceKind: 'upstream', sourceName: '区卫健委' });
    await t.sessionAs('viewer', 'viewer1');
    for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
    let roots = { before: 0, after: -1 };
    let quick = '';
    offline(t, (db) => {
      roots = rebuiltInPlace(db, 'supply_movements_stock', 'supply_movements', 'store_id, item_id, delta * 10');
    });
    offline(t, (db) => {
      quick = String(db.pragma('quick_check', { simple: true }));
    });
    // What the file shows of it: nothing but the contents (asserted here so a fix is not tested against a weaker form).
    expect(roots.after).toBe(roots.before);
    expect(quick).toBe('ok');
    const opened = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (!opened.ok) return expect(opened).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    const issued = await t.raw('supplies.issue', { storeId: 0, itemId, day: t.clock.today(), quantity: 900, recipient: '卡点' });
    expect(issued).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { stock: 100 } } });
  }, 30_000);
});
