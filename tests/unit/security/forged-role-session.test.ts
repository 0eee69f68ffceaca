/**
 * Session 15's attack run (docs/security/attack-run-session15.md, A1): a viewer
 * with the files and their own password writes `role = 'coordinator'` into
 * their `users` row, then unlocks in the app. The key stayed sealed (role-forgery.test.ts),
 * but the session ran as a coordinator: it reset the real coordinator's password
 * (the new slot lacked the sensitive key), made coordinators and disabled the clerk.
 * A role above viewer now counts only for an unlock that opened the sensitive key.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyring = () => readKeyring(join(t.dir, 'taizhang.keyring.json'));
const keysOf = (name: string, secret: string) => openSlotKeys(keyring().ledgerId, findSlot(keyring(), name)!, secret);

/** The viewer's offline step: their own password, the database key, one UPDATE. */
function forgeRole(username: string, role: string): void {
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keysOf(username, PASSWORD)!.dbKey);
  db.prepare(`UPDATE users SET role = @role WHERE username = @username`).run({ role, username });
  db.close();
}

describe('a role written into the users table with the database key alone', () => {
  it('gives a viewer session, not a coordinator one: no password reset, no new coordinator, no disabling', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    const users = await t.call('users.list', {});
    const id = (name: string) => users.find((u) => u.username === name)!.id;
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
    forgeRole('viewer1', 'coordinator');

    const info = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(info.user.role).toBe('viewer');
    expect(t.core.services.sessions.get('viewer1')!.role).toBe('viewer');
    expect((await t.call('auth.whoami', {}, 'viewer1'))!.user.role).toBe('viewer');
    for (const [channel, input] of [
      ['users.resetPassword', { id: id(ADMIN.username), password: 'taken-over-2020' }],
      ['users.create', { username: 'mole', displayName: '某人', role: 'coordinator', password: 'mole-password-1' }],
      ['users.disable', { id: id('clerk1') }],
      ['settings.update', { idleLockMinutes: 16 }],
      ['audit.list', { offset: 0, limit: 5 }],
    ] as const) {
      expect((await t.fail(channel, input, 'viewer1')).code, channel).toBe('FORBIDDEN');
    }
    expect(findSlot(keyring(), 'mole')).toBeUndefined();
    expect(keysOf(ADMIN.username, ADMIN.password)!.sensitiveKey).toHaveLength(32);
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
  });

  it('a clerk row forged the same way runs as a viewer; real clerks and coordinators keep their roles', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.sessionAs('clerk', 'clerk1');
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
    forgeRole('viewer1', 'clerk');
    expect((await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).user.role).toBe('viewer');
    expect((await t.fail('residents.list', { filter: { q: '1234' } }, 'viewer1')).code).toBe('FORBIDDEN');
    expect((await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).user.role).toBe('clerk');
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).user.role).toBe('coordinator');
  });
});
