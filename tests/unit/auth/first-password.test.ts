/**
 * First-login password change (migration 047): an account a coordinator creates has a password the coordinator
 * knows. Until its user sets their own, the core refuses every channel but auth.changePassword; the setup
 * wizard's coordinator chose theirs and is not asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
  await t.call('users.create', { username: 'liuxy', displayName: '刘晓燕', role: 'clerk', password: PASSWORD });
});
afterEach(() => t.close());

describe('first-login password change', () => {
  it('leaves the setup wizard’s coordinator free to work', async () => {
    expect((await t.call('auth.whoami', {}))!.user.mustChangePassword).toBe(false);
    expect(await t.call('org.communities.list', {})).toEqual([]);
  });

  it('refuses everything but the password change until the new user sets their own, then lets them in', async () => {
    const info = await t.call('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'liuxy');
    expect(info.user.mustChangePassword).toBe(true);
    for (const [channel, input] of [
      ['org.communities.list', {}],
      ['residents.list', {}],
      ['households.save', { communityId: 1, addressText: '幸福路1号' }],
    ] as const) {
      const e = await t.fail(channel, input, 'liuxy');
      expect(e.code, channel).toBe('PASSWORD_CHANGE_REQUIRED');
      expect(e.message).toContain('统筹负责人为您设置的初始密码');
    }
    // Locking and asking who is signed in still work: the screen needs them.
    expect((await t.call('auth.whoami', {}, 'liuxy'))!.user.mustChangePassword).toBe(true);
    expect((await t.fail('auth.changePassword', { oldPassword: PASSWORD, newPassword: PASSWORD }, 'liuxy')).message).toContain('与原密码相同');
    expect((await t.fail('auth.changePassword', { oldPassword: 'not-the-one', newPassword: 'liu-own-secret-9' }, 'liuxy')).code).toBe('WRONG_PASSWORD');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'liu-own-secret-9' }, 'liuxy');
    expect(await t.call('org.communities.list', {}, 'liuxy')).toEqual([]);
    expect((await t.call('auth.whoami', {}, 'liuxy'))!.user.mustChangePassword).toBe(false);
    const row = t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json AS after FROM audit_log WHERE channel = 'auth.changePassword' ORDER BY id DESC LIMIT 1`)
      .get() as { after: string };
    expect(JSON.parse(row.after)).toMatchObject({ passwordChanged: true, initialPasswordReplaced: true });
    // Next time: the new password, and nothing is asked again.
    await t.call('auth.lock', {}, 'liuxy');
    expect((await t.call('auth.unlock', { username: 'liuxy', password: 'liu-own-secret-9' }, 'liuxy')).user.mustChangePassword).toBe(false);
    expect((await t.call('users.list', {})).find((u) => u.username === 'liuxy')!.mustChangePassword).toBe(false);
  });

  it('counts a new password set with the recovery key as the user’s own', async () => {
    const info = await t.call('auth.recover', { username: 'liuxy', recoveryKey: t.recoveryKey, newPassword: 'liu-own-secret-9' }, 'liuxy');
    expect(info.user.mustChangePassword).toBe(false);
    expect(await t.call('org.communities.list', {}, 'liuxy')).toEqual([]);
  });

  it('asks again after a coordinator resets a forgotten password: the old one no longer opens, the open window is closed', async () => {
    await t.call('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'liuxy');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'liu-own-secret-9' }, 'liuxy');
    const liu = (await t.call('users.list', {})).find((u) => u.username === 'liuxy')!;
    expect((await t.fail('users.resetPassword', { id: liu.id, password: 'short' })).code).toBe('BAD_INPUT');
    const reset = await t.call('users.resetPassword', { id: liu.id, password: 'new-initial-77' });
    expect(reset.mustChangePassword).toBe(true);
    expect((await t.fail('org.communities.list', {}, 'liuxy')).code).toBe('UNAUTHENTICATED');
    expect((await t.fail('auth.unlock', { username: 'liuxy', password: 'liu-own-secret-9' }, 'liuxy')).code).toBe('WRONG_PASSWORD');
    expect((await t.call('auth.unlock', { username: 'liuxy', password: 'new-initial-77' }, 'liuxy')).user.mustChangePassword).toBe(true);
    expect((await t.fail('org.communities.list', {}, 'liuxy')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    await t.call('auth.changePassword', { oldPassword: 'new-initial-77', newPassword: 'liu-own-secret-10' }, 'liuxy');
    expect(await t.call('org.communities.list', {}, 'liuxy')).toEqual([]);
    // Not one's own (that is 我的账号), and never for a clerk.
    const admin = (await t.call('users.list', {})).find((u) => u.username === ADMIN.username)!;
    expect((await t.fail('users.resetPassword', { id: admin.id, password: 'another-one-1' })).message).toContain('我的账号');
    expect((await t.fail('users.resetPassword', { id: admin.id, password: 'another-one-1' }, 'liuxy')).code).toBe('FORBIDDEN');
  });

  it('does not ask the coordinator again after a password change of their own', async () => {
    await t.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: 'another-horse-2' });
    expect((await t.call('auth.whoami', {}))!.user.mustChangePassword).toBe(false);
  });
});
