/**
 * The nineteenth attack run (session 33): a rotation (更换密钥, and 生成新的恢复密钥 since ddc3969) stopped right after its
 * keyring is written (a power cut, the process killed): what does the next start find? The keyring file is the switch
 * (keys/rotation.ts); the steps after it (the unlock throttle's file re-MACed, the new recovery and own slot vouched,
 * the audit anchor re-made under the new key, the retired key noted on this PC) each run once, in this process.
 * Emulated by a test fault right after the switch (tests/helpers/rotation-stop.ts): the files are then as a kill there
 * leaves them (the first step after it failing, as the run did, no longer stops the rotation: keys/after-switch.ts).
 * S33-A3: the anchor is left MACed under the retired key: `forged` for good (a second rotation keeps it, it is "the
 * evidence"), the coordinator told to restore a backup; the new recovery slot, not vouched, is shown as changed by someone.
 */
import { describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_NEXT, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';
import { ledgerAndRestart } from '../../helpers/restart';

let t: TestLedger;
const folders = ledgerAndRestart({ withAppDir: true });

describe('S33-A3: a rotation stopped right after its keyring is written', () => {
  // S33-A3, fixed (auth/stopped-rotation.ts; the new slots vouched in the rekey's transaction). Red before: anchor 'forged', recoveryChanged.
  it('the next start: the coordinator’s new password opens it, the log verifies and no slot is reported changed', async () => {
    t = await folders.open();
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    stopNextRotationAfterSwitch();
    const r = await t.raw('users.rotateKeys', { ...rotating() });
    expect(r.ok).toBe(false);
    t.core.close();
    const { call } = callsOn(folders.restart());
    await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    const verify = (await call('audit.verify', {})) as { intact: boolean; anchor?: { state: string } };
    const status = (await call('users.keyStatus', {})) as { recoveryChanged: boolean };
    // Red before: anchor 'forged' (「锚点文件…签名不对…请从备份恢复后再核对」), left so by a second 更换密钥 too; and the new
    // recovery slot, never vouched, was listed as changed by someone (recoveryChanged).
    expect(verify).toMatchObject({ intact: true, anchor: { state: 'ok' } });
    expect(status.recoveryChanged).toBe(false);
  });
});
