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
 *
 * S34-A9 (re-try of the lead's schema check): the same stop through `audit_log`'s own SQL rewritten with a CHECK
 * constraint (tables' SQL is not compared; nothing stored changes, so the file opens). 更换密钥 answers CONFLICT
 * 「与已有记录冲突…本次操作没有保存」 although its keys were switched; the log is then not intact, the anchor `forged`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../../electron/core/db/types';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { viewerOffline, withConstraint } from './swap-helpers';

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
    await rotationAfter((db) => db.exec(STOP_AT_DONE));
  });
});

describe('S34-A9: a table’s SQL rewritten with a CHECK constraint (re-try of the schema check, cbab9adb)', () => {
  // S34-A9: tables' SQL was not compared; the rotation stopped after its switch (CONFLICT) as with S34-A7's index, and
  // the next sign-in settled that stop (auth/stopped-rotation.ts, w52-keys). Fixed in session 35 (lead): the table's
  // CHECK is refused at the open (db/program-schema.ts with db/table-sql.ts; db/program-schema.test.ts shows it red before).
  it('the ledger is refused for it, or the rotation leaves the log verified', async () => {
    await rotationAfter((db) => withConstraint(db, 'audit_log', `CHECK (after_json IS NULL OR after_json NOT LIKE '%"keysRotated":"done"%')`));
  });
});

/** `edit` made offline with viewer1's key; then the coordinator's 更换密钥 and next sign-in: refused at the open, or sound. */
async function rotationAfter(edit: (db: Database) => void): Promise<void> {
  appDir = mkdtempSync(join(tmpdir(), 'taizhang-app-'));
  // The app's own folder, as electron/main always gives it (a stopped rotation's note lives there).
  t = await openTestLedger({ core: { appDir } });
  await viewerOffline(t, edit);
  const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  if (!unlocked.ok) return void expect(unlocked).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  await t.raw('users.rotateKeys', { ...rotating() });
  await t.call('auth.lock', {});
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
  expect(await t.call('audit.verify', {})).toMatchObject({ intact: true, anchor: { state: 'ok' } });
  expect((await t.call('users.keyStatus', {})).recoveryChanged).toBe(false);
}
