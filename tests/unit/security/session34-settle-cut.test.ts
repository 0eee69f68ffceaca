/**
 * The twentieth attack run (session 34), its last item: can a viewer, offline, have a rotation's end "settled" over a
 * log they cut, laundering the cut into a re-made anchor? The cut: the audit log's last rows deleted (the guard
 * trigger dropped and put back with its own SQL, so the program's trigger list still matches). Then the coordinator's
 * 更换密钥, plain or stopped right after its switch (emulated as S33-A3's test does: the first step after the keyring is
 * written throws, then a fresh Core on the folders), and two sign-ins. Held when 审计核对 never answers `ok` over the
 * shortened log.
 */
import { describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, ADMIN_NEXT, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { viewerOffline } from './swap-helpers';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';
import { ledgerAndRestart } from '../../helpers/restart';

let t: TestLedger;
const folders = ledgerAndRestart({ withAppDir: true });

/** Deletes the log's last `n` rows, the append-only guard dropped and put back as it was. */
function cutTail(db: Database, n: number): void {
  const guard = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'audit_log_no_delete'`).pluck().get() as string;
  db.exec('DROP TRIGGER audit_log_no_delete');
  db.prepare(`DELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log ORDER BY id DESC LIMIT ?)`).run(n);
  db.exec(guard);
}

async function cutThenRotate(stop: boolean): Promise<string> {
  // The app's own folder, as electron/main always gives it (a stopped rotation's note lives there).
  t = await folders.open();
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  await t.call('households.save', { communityId, addressText: '路1号' });
  await viewerOffline(t, (db) => cutTail(db, 2));
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  if (stop) stopNextRotationAfterSwitch();
  await t.raw('users.rotateKeys', { ...rotating() });
  t.core.close();
  const { call } = callsOn(folders.restart());
  for (const window of ['first', 'second']) await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT }, window);
  return ((await call('audit.verify', {}, 'second')) as { anchor?: { state: string } }).anchor?.state ?? 'none';
}

describe('a cut log, then a rotation and its settling', () => {
  it('a plain 更换密钥 after the cut: the anchor is not re-made over it (never `ok`)', async () => {
    expect(['forged', 'cut']).toContain(await cutThenRotate(false));
  });

  it('the rotation stopped right after its switch, then two sign-ins on a fresh start: never `ok` over the cut log', async () => {
    expect(['forged', 'cut']).toContain(await cutThenRotate(true));
  });
});
