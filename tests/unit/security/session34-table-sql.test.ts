/**
 * The twentieth attack run (session 34), re-trying the lead's schema check (db/program-schema.ts, cbab9adb: indexes,
 * triggers and views compared with what the migrations make; tables' SQL not compared). A table's SQL is rewritten in
 * `sqlite_master` with the database key alone (`unsafeMode`, `writable_schema`): a CHECK constraint changes nothing
 * stored, so the file opens, and SQLite enforces it on every row written, as S34-A7's index did.
 *
 * S34-A9: `audit_log`'s SQL given `CHECK (after_json IS NULL OR after_json NOT LIKE '%"keysRotated":"done"%')`. The
 * ledger opens; the coordinator's 更换密钥 stops right after its switch (the `done` row refused): S34-A7 again, past
 * its fix. 审计核对 not intact, the anchor `forged`, also after the next sign-in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { viewerOffline } from './swap-helpers';

let t: TestLedger;
let appDir = '';
afterEach(() => {
  t?.close();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

/** `table`'s CREATE TABLE given `constraint` before its closing parenthesis, as the file's holder can. */
function withConstraint(db: Database, table: string, constraint: string): void {
  const sql = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?`).pluck().get(table) as string;
  const rewritten = `${sql.slice(0, sql.lastIndexOf(')'))}, ${constraint})`;
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?`).run(rewritten, table);
  db.pragma('writable_schema = OFF');
}

describe('S34-A9: a table’s SQL rewritten with a CHECK constraint', () => {
  // S34-A9, left: tables' SQL is not compared; the rotation stops after its switch as with S34-A7's index.
  it.fails('the ledger is refused for it, or the rotation leaves the log verified', async () => {
    appDir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    t = await openTestLedger({ core: { appDir } });
    await viewerOffline(t, (db) => withConstraint(db, 'audit_log', `CHECK (after_json IS NULL OR after_json NOT LIKE '%"keysRotated":"done"%')`));
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (!unlocked.ok) return expect(unlocked).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    await t.raw('users.rotateKeys', { ...rotating() });
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  });
});
