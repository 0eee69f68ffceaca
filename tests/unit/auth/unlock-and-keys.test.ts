import { afterEach, describe, expect, it } from 'vitest';
import { failureDelayMs, MAX_DELAY_MS } from '../../../electron/core/unlock-throttle';
import { normaliseRecoveryKey } from '../../../electron/core/db/keyring';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

describe('setup, unlock, recovery, passwords', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('reports status before and after setup, and refuses a second setup', async () => {
    t = await openTestLedger();
    const s = await t.call('setup.status', {});
    expect(s).toMatchObject({ initialized: true, problem: null });
    const again = await t.fail('setup.init', { office: { name: '另一个街道' }, admin: { ...ADMIN } });
    expect(again.code).toBe('CONFLICT');
  });

  it('shows a recovery key of at least 128 bits, grouped for reading', async () => {
    t = await openTestLedger();
    expect(t.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    // 32 base-32 characters = 160 bits
    expect(t.recoveryKey.replace(/-/g, '')).toHaveLength(32);
  });

  it('answers a wrong password with WRONG_PASSWORD after a delay that grows', async () => {
    t = await openTestLedger();
    t.core.services.failureDelayBaseMs = 40;
    await t.call('auth.lock', {});
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      const e = await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-one' });
      times.push(performance.now() - start);
      expect(e.code).toBe('WRONG_PASSWORD');
      expect(e.message).toContain('不正确');
    }
    // Each reply waited at least its delay (40, 80, 160 ms): lower bounds only. The first attempt's own time is not
    // below the third's on a loaded machine (480 ms against 308 at load 13, its scrypt the pool's first work).
    expect(times[0]!).toBeGreaterThanOrEqual(35);
    expect(times[1]!).toBeGreaterThanOrEqual(75);
    expect(times[2]!).toBeGreaterThanOrEqual(155);
    expect(failureDelayMs(400, 1)).toBe(400);
    expect(failureDelayMs(400, 4)).toBe(3200);
    expect(failureDelayMs(400, 40)).toBe(MAX_DELAY_MS);
  });

  it('logs repeated failures in the audit log at the next unlock', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-one' });
    await t.fail('auth.unlock', { username: ADMIN.username, password: 'wrong-two' });
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const log = await t.call('audit.list', { filter: { channel: 'auth.unlock.failures' }, offset: 0, limit: 10 });
    expect(log.total).toBe(1);
    expect(JSON.parse(log.rows[0]!.after!)).toMatchObject({ failedAttempts: 2 });
  });

  it('resets a forgotten password with the recovery key, typed loosely', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const typed = t.recoveryKey.toLowerCase().replace(/-/g, ' ');
    expect(normaliseRecoveryKey(typed)).toBe(t.recoveryKey);
    const s = await t.call('auth.recover', { username: ADMIN.username, recoveryKey: typed, newPassword: 'new-password-99' });
    expect(s.user.username).toBe(ADMIN.username);
    await t.call('auth.lock', {});
    expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('WRONG_PASSWORD');
    await t.call('auth.unlock', { username: ADMIN.username, password: 'new-password-99' });
    expect((await t.fail('auth.recover', { username: ADMIN.username, recoveryKey: 'AAAA-BBBB-CCCC-DDDD', newPassword: 'whatever-123' }, 'x')).code).toBe(
      'WRONG_PASSWORD',
    );
  });

  it('changes a password by rewriting only that user’s slot', async () => {
    t = await openTestLedger();
    const clerk = await t.sessionAs('clerk', 'clerk1');
    const before = t.core.services.ledger.keyring().slots;
    expect((await t.fail('auth.changePassword', { oldPassword: 'nope-nope', newPassword: 'changed-pass-1' }, clerk)).code).toBe('WRONG_PASSWORD');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'changed-pass-1' }, clerk);
    const after = t.core.services.ledger.keyring().slots;
    expect(after.find((s) => s.name === 'admin')).toEqual(before.find((s) => s.name === 'admin'));
    expect(after.find((s) => s.name === 'clerk1')).not.toEqual(before.find((s) => s.name === 'clerk1'));
    await t.call('auth.lock', {}, clerk);
    await t.call('auth.unlock', { username: 'clerk1', password: 'changed-pass-1' }, clerk);
  });

  it('locks after the idle minutes set, and closes the ledger when nobody is left', async () => {
    t = await openTestLedger();
    await t.call('settings.update', { idleLockMinutes: 5 });
    t.clock.set(new Date(t.clock.now().getTime() + 4 * 60_000));
    await t.call('org.communities.list', {});
    t.clock.set(new Date(t.clock.now().getTime() + 6 * 60_000));
    const e = await t.fail('org.communities.list', {});
    expect(e.code).toBe('LOCKED');
    expect(e.message).toContain('5 分钟');
    expect(t.core.services.ledger.isOpen()).toBe(false);
    expect((await t.fail('org.communities.list', {})).code).toBe('UNAUTHENTICATED');
  });

  it('removes a disabled user’s slot so the password no longer opens anything', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'leaver');
    const users = await t.call('users.list', {});
    const leaver = users.find((u) => u.username === 'leaver')!;
    await t.call('users.disable', { id: leaver.id, ...rotating() });
    expect(t.core.services.ledger.keyring().slots.map((s) => s.name)).not.toContain('leaver');
    expect((await t.fail('org.communities.list', {}, 'leaver')).code).toBe('UNAUTHENTICATED');
    expect((await t.fail('auth.unlock', { username: 'leaver', password: PASSWORD }, 'leaver')).code).toBe('WRONG_PASSWORD');
  });

  it('never leaves the office without a coordinator', async () => {
    t = await openTestLedger();
    const admin = (await t.call('users.list', {}))[0]!;
    expect((await t.fail('users.update', { id: admin.id, role: 'clerk' })).code).toBe('CONFLICT');
    expect((await t.fail('users.disable', { id: admin.id, ...rotating() })).code).toBe('CONFLICT');
  });
});
