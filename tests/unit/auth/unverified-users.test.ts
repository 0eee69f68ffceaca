/**
 * 设置 → 用户 names the clerks and coordinators no key holder vouched for (auth/unverified-users.ts): a slot made
 * without the key, and a role written into the file. Before session 18 a clerk of a ledger from before sealing who
 * signed in after the coordinator (the usual order after the upgrade) stayed keyless for good, told their slot
 * "may have been changed", and the coordinator was told nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { asWriteDb } from '../../../electron/core/db/types';
import { keyringBeforeSealing, testSecrets } from '../../helpers/before-sealing';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating, ROLES_AS_FOUND } from '../../helpers/ledger';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
afterEach(() => t?.close());

const sensitiveOf = (session: string): boolean => t.core.services.sessions.get(session)!.sensitive;
const idOf = async (username: string): Promise<number> => (await t.call('users.list', {})).find((u) => u.username === username)!.id;

describe('clerks and coordinators no key holder vouched for', () => {
  it('a clerk of a ledger from before sealing who signs in after the coordinator is listed, and a reset gives them the key', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    // As the versions before sealing left it: no role vouched, no public key vouched, every slot in the old layout.
    const w = asWriteDb(t.core.services.ledger.handle());
    w.prepare('UPDATE users SET role_sealed = NULL').run();
    w.prepare('DELETE FROM slot_keys').run();
    await t.call('auth.lock', {});
    keyringBeforeSealing(t.core.services.ledger.paths.keyring, testSecrets(t.recoveryKey));

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(sensitiveOf('admin')).toBe(true);
    const clerk = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(clerk.keyNotice?.case).toBe('refused');
    expect(sensitiveOf('clerk1')).toBe(false);
    await t.call('auth.lock', {}, 'clerk1');

    const status = await t.call('users.keyStatus', {});
    expect(status.unverifiedUsers).toEqual(['测试clerk']);
    expect(status.unvouchedRoles).toEqual([]);
    expect(status.changedUsers).toEqual([]);

    await t.call('users.resetPassword', { id: await idOf('clerk1'), password: 'new-pass-2020' });
    expect((await t.call('users.keyStatus', {})).unverifiedUsers).toEqual([]);
    const again = await t.call('auth.unlock', { username: 'clerk1', password: 'new-pass-2020' }, 'clerk1');
    expect(again.user.role).toBe('clerk');
    expect(again.keyNotice).toBeNull();
    expect(sensitiveOf('clerk1')).toBe(true);
  });

  it('a role written into the file is listed apart (to be disabled, not reset), and no longer once disabled', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    const w = asWriteDb(t.core.services.ledger.handle());
    w.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'viewer1'`).run();

    const forged = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(forged.user.role).toBe('viewer');
    await t.call('auth.lock', {}, 'viewer1');
    const status = await t.call('users.keyStatus', {});
    expect(status.unvouchedRoles).toEqual([{ name: '测试viewer', role: 'coordinator' }]);
    expect(status.unverifiedUsers).toEqual([]);

    await t.call('users.disable', { id: await idOf('viewer1'), ...rotating() });
    expect((await t.call('users.keyStatus', {})).unvouchedRoles).toEqual([]);
  });

  it('a viewer session is told nothing of it (the channel is the coordinator’s)', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    const viewer = await t.sessionAs('viewer', 'viewer1');
    expect((await t.fail('users.keyStatus', {}, viewer)).code).toBe('FORBIDDEN');
  });
});
