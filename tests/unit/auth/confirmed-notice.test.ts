/**
 * A coordinator confirmed on 设置 › 用户 by someone else is told once who confirmed them, who confirmed first with the
 * recovery key and who is listed (auth/confirmed-notice.ts), and may check the office's recovery sheet
 * (auth.checkRecoveryKey, recovery-sheet-check.ts) before anything else (issue 19, CR1-U2). The attack itself is in
 * tests/unit/security/coordinator-confirm-attacks.test.ts.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { newRecoveryKey, RECOVERY_SLOT } from '../../../electron/core/db/keyring';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { appendAudit } from '../../../electron/core/audit/audit-log';
import { asWriteDb } from '../../../electron/core/db/types';

/** This file's coordinator-key mode, given to every core it makes: `make` false while a ledger is made as the version before coordinator keys did. */
const keyMode = { make: true, rolesAsFound: false };

let t: TestLedger;
afterEach(() => {
  keyMode.make = true;
  t?.close();
});

const unlock = (username: string, password = PASSWORD) => t.call('auth.unlock', { username, password }, username === ADMIN.username ? 'admin' : username);
const idOf = (name: string) => getUserByName(t.core.services.ledger.handle(), name)!.id;
const recoveryFailures = (): number =>
  (JSON.parse(readFileSync(join(t.dir, THROTTLE_FILE), 'utf8')) as { names: Record<string, { count: number }> }).names[RECOVERY_SLOT]?.count ?? 0;

/** A ledger made before coordinator keys (admin, coordinator 'deputy', clerk 'clerk1'); the admin confirms with the recovery key at 09:05 office time, then 'deputy' at 09:10. */
async function adminConfirmsDeputy(): Promise<void> {
  keyMode.make = false;
  t = await openTestLedger({ now: '2026-12-03T01:00:00.000Z', core: { coordinatorKeys: keyMode } });
  await t.sessionAs('coordinator', 'deputy');
  await t.sessionAs('clerk', 'clerk1');
  for (const s of ['admin', 'deputy', 'clerk1']) await t.call('auth.lock', {}, s);
  keyMode.make = true;
  t.clock.set('2026-12-03T01:05:00.000Z');
  await unlock(ADMIN.username, ADMIN.password);
  await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
  t.clock.set('2026-12-03T01:10:00.000Z');
  await t.call('users.confirmCoordinator', { id: idOf('deputy'), confirm: true, initialPassword: 'deputy-init-1' });
  t.clock.set('2026-12-03T01:12:00.000Z');
}

describe('a coordinator confirmed by someone else (CR1-U2)', () => {
  it('sees once, from the first sign-in, who confirmed them, who confirmed first with the recovery key and who is listed; not after acknowledging', async () => {
    await adminConfirmsDeputy();
    const info = await unlock('deputy', 'deputy-init-1');
    expect(info.user).toMatchObject({ role: 'coordinator', mustChangePassword: true });
    expect(info.keyNotice).toBeNull();
    expect(info.confirmedBy).toMatchObject({
      by: { name: ADMIN.displayName, username: ADMIN.username, at: '2026-12-03 09:10' },
      first: { name: ADMIN.displayName, username: ADMIN.username, at: '2026-12-03 09:05' },
      coordinators: [
        { name: ADMIN.displayName, notAsCoordinator: false },
        { name: '测试coordinator', notAsCoordinator: false },
      ],
    });
    expect(info.confirmedBy!.message).toContain(`${ADMIN.displayName}（账号 admin）于 2026-12-03 09:10 在「设置 › 用户」确认您为统筹负责人`);
    expect(info.confirmedBy!.message).toContain(`本台账第一位确认的统筹负责人是${ADMIN.displayName}（账号 admin），于 2026-12-03 09:05 用恢复密钥确认`);
    // The one who confirmed with the recovery key is told nothing of the kind; 设置 › 用户 › 密钥 names them.
    expect((await t.call('auth.whoami', {}))!.confirmedBy).toBeNull();
    expect((await t.call('users.keyStatus', {})).coordinatorKeyMadeBy).toEqual({
      name: ADMIN.displayName,
      username: ADMIN.username,
      at: '2026-12-03T01:05:00.000Z',
    });
    // Still on the initial password: the sheet check is the one channel besides the password change.
    expect(await t.call('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey }, 'deputy')).toMatchObject({ opens: true });
    expect((await t.fail('auth.acknowledgeConfirmation', {}, 'deputy')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.call('auth.changePassword', { oldPassword: 'deputy-init-1', newPassword: 'deputy-own-1' }, 'deputy');
    expect((await t.call('auth.whoami', {}, 'deputy'))!.confirmedBy).not.toBeNull();
    await t.call('auth.acknowledgeConfirmation', {}, 'deputy');
    expect((await t.call('auth.whoami', {}, 'deputy'))!.confirmedBy).toBeNull();
    const rows = (await t.call('audit.list', { filter: { channel: 'auth.acknowledgeConfirmation' }, offset: 0, limit: 5 })).rows;
    expect(rows.map((r) => JSON.parse(r.after!) as unknown)).toEqual([{ confirmationSeen: true, recoverySheet: 'opens' }]);
    expect((await t.fail('auth.acknowledgeConfirmation', {}, 'deputy')).code).toBe('CONFLICT');
    await t.call('auth.lock', {}, 'deputy');
    expect((await unlock('deputy', 'deputy-own-1')).confirmedBy).toBeNull();
  });

  it('the sheet check: another recovery key does not open, waits and is counted in the recovery key’s throttle; nothing written', async () => {
    await adminConfirmsDeputy();
    await unlock('deputy', 'deputy-init-1');
    const keyring = readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8');
    const before = recoveryFailures();
    const r = await t.call('auth.checkRecoveryKey', { recoveryKey: newRecoveryKey() }, 'deputy');
    expect(r.opens).toBe(false);
    expect(r.message).toContain('有人用另一张恢复密钥把自己确认成了统筹负责人');
    // Too short: the field named once, as the screen names it (it read 「恢复密钥」恢复密钥不完整).
    expect((await t.fail('auth.checkRecoveryKey', { recoveryKey: 'ABCDE' }, 'deputy')).message).toBe(
      '输入有误：「恢复密钥」不完整，请对照打印或抄写的那张纸全部输入。',
    );
    expect(recoveryFailures()).toBe(before + 1);
    expect(readFileSync(join(t.dir, 'taizhang.keyring.json'), 'utf8')).toBe(keyring);
    // The last check is what the acknowledgement records.
    await t.call('auth.changePassword', { oldPassword: 'deputy-init-1', newPassword: 'deputy-own-1' }, 'deputy');
    await t.call('auth.acknowledgeConfirmation', {}, 'deputy');
    const rows = (await t.call('audit.list', { filter: { channel: 'auth.acknowledgeConfirmation' }, offset: 0, limit: 5 })).rows;
    expect(JSON.parse(rows[0]!.after!)).toEqual({ confirmationSeen: true, recoverySheet: 'refused' });
  });

  it('a clerk or a viewer calling the check or the acknowledgement: FORBIDDEN, nothing counted', async () => {
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    const before = recoveryFailures();
    for (const s of ['clerk1', 'viewer1']) {
      expect((await t.fail('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey }, s)).code).toBe('FORBIDDEN');
      expect((await t.fail('auth.acknowledgeConfirmation', {}, s)).code).toBe('FORBIDDEN');
    }
    expect(recoveryFailures()).toBe(before);
    // A coordinator of a ledger made with the key may check the sheet at any time; there is nothing to acknowledge.
    expect((await t.call('auth.checkRecoveryKey', { recoveryKey: t.recoveryKey })).opens).toBe(true);
    expect((await t.fail('auth.acknowledgeConfirmation', {})).code).toBe('CONFLICT');
    expect((await t.call('users.keyStatus', {})).coordinatorKeyMadeBy).toBeNull();
  });

  it('a reset or a promotion by another coordinator is told too; a reset after the acknowledgement asks again; an acknowledgement before one’s own password does not count', async () => {
    t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
    await t.sessionAs('coordinator', 'deputy');
    await t.sessionAs('clerk', 'clerk1');
    expect((await t.call('auth.whoami', {}, 'deputy'))!.confirmedBy).toBeNull();
    await t.call('users.resetPassword', { id: idOf('deputy'), password: 'deputy-init-1' });
    const reset = await unlock('deputy', 'deputy-init-1');
    expect(reset.confirmedBy).toMatchObject({ by: { username: ADMIN.username }, first: null });
    expect(reset.confirmedBy!.message).toContain('在「设置 › 用户」重设了您的密码（您现在用的初始密码是对方设的）');
    expect(reset.confirmedBy!.message).not.toContain('他');
    await t.call('auth.changePassword', { oldPassword: 'deputy-init-1', newPassword: 'deputy-own-1' }, 'deputy');
    await t.call('auth.acknowledgeConfirmation', {}, 'deputy');
    await t.call('users.resetPassword', { id: idOf('deputy'), password: 'deputy-init-2' });
    expect((await unlock('deputy', 'deputy-init-2')).confirmedBy).not.toBeNull();
    // An acknowledgement row written before deputy set their own password (as a forger would append it) does not count.
    await t.call('users.resetPassword', { id: idOf('deputy'), password: 'deputy-init-3' });
    const w = asWriteDb(t.core.services.ledger.handle());
    const row = {
      at: t.clock.nowIso(),
      userId: idOf('deputy'),
      username: 'deputy',
      channel: 'auth.acknowledgeConfirmation',
      entity: 'user',
      entityId: idOf('deputy'),
    };
    w.transaction(() => appendAudit(w, { ...row, after: { confirmationSeen: true } }, null))();
    expect((await unlock('deputy', 'deputy-init-3')).confirmedBy).not.toBeNull();
    // A promotion of the clerk: told at their next sign-in, with their own password; acknowledged, gone.
    await t.call('users.update', { id: idOf('clerk1'), role: 'coordinator' });
    const promoted = await unlock('clerk1');
    expect(promoted.confirmedBy!.message).toContain('在「设置 › 用户」把您改为统筹负责人');
    await t.call('auth.acknowledgeConfirmation', {}, 'clerk1');
    expect((await t.call('auth.whoami', {}, 'clerk1'))!.confirmedBy).toBeNull();
  });
});
