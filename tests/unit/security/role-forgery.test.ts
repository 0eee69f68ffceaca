/**
 * Separation at rest (issue 19 item 2) against a viewer who can write the
 * ledger folder (a shared PC, one Windows account): with the database key
 * their password unwraps, they change their own row in `users`, then wait for
 * a clerk or coordinator to unlock. The sensitive key must not follow.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { openSlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { INITIAL_PASSWORD } from '../../helpers/promote';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const viewerKeys = (name = 'viewer1') => {
  const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
  return openSlotKeys(keyring.ledgerId, findSlot(keyring, name)!, PASSWORD)!;
};

describe('a viewer who rewrites their own role with the database key', () => {
  it('is not given the sensitive key at the next coordinator unlock', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const db = openEncrypted(join(t.dir, 'taizhang.db'), viewerKeys().dbKey);
    db.prepare(`UPDATE users SET role = 'clerk' WHERE username = 'viewer1'`).run();
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('auth.lock', {});
    expect(viewerKeys().sensitiveKey).toBeNull();
  });

  it('a forged coordinator session cannot mint a slot holding the sensitive key while a real coordinator is unlocked', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const db = openEncrypted(join(t.dir, 'taizhang.db'), viewerKeys().dbKey);
    db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'viewer1'`).run();
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    await t.raw('users.create', { username: 'mole', displayName: '某人', role: 'clerk', password: 'mole-password-1' }, 'viewer1');
    const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    const mole = findSlot(keyring, 'mole');
    if (mole) expect(openSlotKeys(keyring.ledgerId, mole, 'mole-password-1')!.sensitiveKey).toBeNull();
  });
});

describe('roles sealed with the sensitive key', () => {
  it('a ledger from before role seals: holders keep the key, a role forged before the upgrade is given nothing', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const db = openEncrypted(join(t.dir, 'taizhang.db'), viewerKeys().dbKey);
    db.prepare(`UPDATE users SET role_sealed = NULL`).run();
    db.prepare(`UPDATE users SET role = 'clerk' WHERE username = 'viewer1'`).run();
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(viewerKeys().sensitiveKey).toBeNull();
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
  });

  // Since session 22 a promotion makes the slot anew with a one-time password (auth/user-handlers.ts), and a role no
  // key holder set (this forged one) counts as 只读查看: setting it again is a promotion.
  it('a promotion by a coordinator holding the key gives it at once, with a new password; a role seal copied from another row does not open as theirs', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    const users = await t.call('users.list', {});
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.lock', {});
    const db = openEncrypted(join(t.dir, 'taizhang.db'), viewerKeys().dbKey);
    db.prepare(`UPDATE users SET role = 'clerk', role_sealed = (SELECT role_sealed FROM users WHERE username = 'clerk1') WHERE username = 'viewer1'`).run();
    db.close();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(viewerKeys().sensitiveKey).toBeNull();
    const id = users.find((u) => u.username === 'viewer1')!.id;
    expect((await t.fail('users.update', { id, role: 'clerk' })).code).toBe('BAD_INPUT');
    await t.call('users.update', { id, role: 'clerk', initialPassword: INITIAL_PASSWORD, password: ADMIN.password });
    const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
    expect(openSlotKeys(keyring.ledgerId, findSlot(keyring, 'viewer1')!, INITIAL_PASSWORD)!.sensitiveKey).toHaveLength(32);
  });
});
