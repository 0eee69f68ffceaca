/**
 * A password set anew by a recovery ends every other window of that user, as 重设密码 does (one rule,
 * endSessionsAfterReset): a window left open would go on with the password its owner just replaced. Windows of
 * other users go on; the recovering window is signed in with the new password.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger } from '../../helpers/ledger';

const NEW_PASSWORD = 'Recovered-2020!';

describe('auth.recover ends the user’s other windows', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('the admin’s other windows are locked; a clerk’s window and the recovering one go on', async () => {
    t = await openTestLedger();
    await t.call('users.create', { username: 'liuxy', displayName: '刘晓燕', role: 'clerk', password: PASSWORD });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password }, 'w2');
    await t.call('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'clerk');
    const sessions = t.core.services.sessions;
    expect(sessions.get('admin')).toBeDefined();
    expect(sessions.get('w2')).toBeDefined();

    await t.call('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: NEW_PASSWORD }, 'w3');

    expect(sessions.get('admin')).toBeUndefined();
    expect(sessions.get('w2')).toBeUndefined();
    expect(await t.call('auth.whoami', {}, 'admin')).toBeNull();
    expect((await t.fail('users.list', {}, 'w2')).code).toBe('UNAUTHENTICATED');
    expect((await t.call('auth.whoami', {}, 'clerk'))?.user.username).toBe('liuxy');
    expect((await t.call('auth.whoami', {}, 'w3'))?.user.username).toBe(ADMIN.username);
  });

  it('a refused recovery (a password used before) ends no window', async () => {
    t = await openTestLedger();
    const r = await t.raw('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: ADMIN.password }, 'w3');
    expect(r.ok === false && r.error.code).toBe('BAD_INPUT');
    expect(t.core.services.sessions.get('admin')).toBeDefined();
  });
});
