/**
 * The twentieth attack run (session 34), its last item: can a viewer, offline, have a rotation's end "settled" over a
 * log they cut, laundering the cut into a re-made anchor? The cut: the audit log's last rows deleted (the guard
 * trigger dropped and put back with its own SQL, so the program's trigger list still matches). Then the coordinator's
 * 更换密钥, plain or stopped right after its switch by S34-A7's index, and the next sign-in. Held when 审计核对 never
 * answers `ok` over the shortened log.
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

const STOP_AT_DONE = `CREATE INDEX audit_keep_off ON audit_log (json(CASE WHEN after_json LIKE '%"keysRotated":"done"%' THEN 'x' ELSE '1' END))`;

/** Deletes the log's last `n` rows, the append-only guard dropped and put back as it was. */
function cutTail(db: Database, n: number): void {
  const guard = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_delete'`).pluck().get() as string;
  db.exec('DROP TRIGGER audit_log_no_delete');
  db.prepare(`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT ?)`).run(n);
  db.exec(guard);
}

async function cutThenRotate(stop: boolean): Promise<{ state: string; rows: number }> {
  appDir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
  // The app's own folder, as electron/main always gives it (a stopped rotation's note lives there).
  t = await openTestLedger({ core: { appDir } });
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  await t.call('households.save', { communityId, addressText: '路1号' });
  await viewerOffline(t, (db) => {
    cutTail(db, 2);
    if (stop) db.exec(STOP_AT_DONE);
  });
  const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  // The index is refused at the open since the lead's schema check (db/program-schema.ts): nothing to settle.
  if (!unlocked.ok) return { state: unlocked.error.code, rows: 0 };
  await t.raw('users.rotateKeys', { ...rotating() });
  await t.call('auth.lock', {});
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
  await t.call('auth.lock', {});
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
  const v = await t.call('audit.verify', {});
  return { state: v.anchor?.state ?? 'none', rows: v.rows };
}

describe('a cut log, then a rotation and its settling', () => {
  it('a plain 更换密钥 after the cut: the anchor is not re-made over it (never `ok`)', async () => {
    expect(['forged', 'cut']).toContain((await cutThenRotate(false)).state);
  });

  it('the rotation stopped after its switch (S34-A7’s index), then two sign-ins: never `ok` over the cut log', async () => {
    expect(['LEDGER_DAMAGED', 'forged', 'cut']).toContain((await cutThenRotate(true)).state);
  });
});
