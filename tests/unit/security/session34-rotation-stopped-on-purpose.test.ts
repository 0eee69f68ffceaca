/**
 * The twentieth attack run (session 34): S33-A3 (a rotation stopped right after its keyring is written leaves the
 * anchor `forged` for good) was found as a crash. A viewer can set it off on purpose: an expression index (the database
 * key alone, offline; the ledger opens as before, only triggers are listed) that throws on the rotation's `done` row,
 * the first write after the switch.
 *
 * S34-A7: the coordinator's 更换密钥 answers INTERNAL after its switch; 审计核对 then says the chain is not intact and the
 * anchor `forged` (「…签名不对…请从备份恢复后再核对」), also after the next sign-in with the new password, and 恢复密钥 is
 * listed as changed by someone. False tamper evidence on demand: every later real finding reads the same, and the
 * coordinator is sent to a backup, losing the work since. Whatever settles such a rotation (w52-keys, S33-A3) must not
 * turn this into a way to re-anchor a log the viewer cut (the last item of this run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { viewerOffline } from './swap-helpers';

let t: TestLedger;
let appDir = '';
afterEach(() => {
  t?.close();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

const STOP_AT_DONE = `CREATE INDEX audit_keep_off ON audit_log (json(CASE WHEN after_json LIKE '%"keysRotated":"done"%' THEN 'x' ELSE '1' END))`;

describe('S34-A7: a rotation stopped after its switch, on purpose', () => {
  // S34-A7, fixed by the lead (db/program-schema.ts: a ledger holding an index the program did not make is not opened);
  // was red: the index was not refused and the rotation stopped after its keyring was written (S33-A3's state). A crash
  // there is S33-A3's own test.
  it('the ledger is refused for the index, or the rotation leaves the log verified and no slot reported changed', async () => {
    appDir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
    // The app's own folder, as electron/main always gives it (a stopped rotation's note lives there).
    t = await openTestLedger({ core: { appDir } });
    await viewerOffline(t, (db) => db.exec(STOP_AT_DONE));
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    if (!unlocked.ok) return expect(unlocked).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
    await t.raw('users.rotateKeys', { ...rotating() });
    await t.call('auth.lock', {});
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    expect((await t.call('users.keyStatus', {})).recoveryChanged).toBe(false);
  });
});
