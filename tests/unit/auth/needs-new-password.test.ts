/**
 * 设置 › 用户's 「在用（需重设密码）」 (users.list `needsNewPassword`, auth/unpinned-users.ts): a clerk or coordinator
 * whose password pins no key (a promotion by a version before session 22: the key sealed in by a grant, the slot never
 * made anew) is refused the key at every sign-in ('unpinned', db/ledger-pins.ts) until a coordinator resets the
 * password. The list said 「在用」: it read only a rotation's mark (`pinStale`). Now it reads what their sign-in found.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { promoteByGrant } from '../../helpers/promote';
import { recordedPlan, recordedWith, recording } from '../../helpers/recorded-plans';
import { unpinnedHolders } from '../../../electron/core/auth/unpinned-users';

let t: TestLedger;
afterEach(() => t?.close());

const row = async (username: string) => (await t.call('users.list', {})).find((u) => u.username === username)!;
const signIn = (username: string, password: string) => t.call('auth.unlock', { username, password }, username);

/** viewer1 raised to clerk as versions before session 22 did it, then signing in: refused the key, told to ask for a reset. */
async function promotedTheOldWay(): Promise<number> {
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  promoteByGrant(t, 'viewer1');
  const info = await signIn('viewer1', PASSWORD);
  expect(info.keyNotice).toMatchObject({ case: 'promoted', role: 'clerk' });
  await t.call('auth.lock', {}, 'viewer1');
  return (await row('viewer1')).id;
}

describe('「在用（需重设密码）」 for a holder whose password pins no key', () => {
  it('is shown once their sign-in was refused the key, and goes with the reset that fixes it', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    const id = await promotedTheOldWay();
    expect(await row('viewer1')).toMatchObject({ role: 'clerk', needsNewPassword: true });
    // A clerk whose slot pins the key is not flagged.
    expect((await row('clerk1')).needsNewPassword).toBe(false);

    await t.call('users.resetPassword', { id, password: 'reset-by-admin-1' });
    expect((await row('viewer1')).needsNewPassword).toBe(false);
    expect((await signIn('viewer1', 'reset-by-admin-1')).keyNotice).toBeNull();
    expect((await row('viewer1')).needsNewPassword).toBe(false);
  });

  it('goes when their own password change pins the key the ledger holds; a demoted account is not listed as needing one', async () => {
    t = await openTestLedger();
    await promotedTheOldWay();
    await signIn('viewer1', PASSWORD);
    // The admin's window holds the key: the new slot is pinned to it (auth/handlers.ts auth.changePassword).
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'viewer-own-pass-2' }, 'viewer1');
    expect((await row('viewer1')).needsNewPassword).toBe(false);
    await t.call('auth.lock', {}, 'viewer1');
    expect((await signIn('viewer1', 'viewer-own-pass-2')).keyNotice).toBeNull();

    await t.sessionAs('viewer', 'viewer2');
    await t.call('auth.lock', {}, 'viewer2');
    promoteByGrant(t, 'viewer2');
    await signIn('viewer2', PASSWORD);
    expect((await row('viewer2')).needsNewPassword).toBe(true);
    await t.call('users.update', { id: (await row('viewer2')).id, role: 'viewer', ...rotating(ADMIN.password) });
    expect(await row('viewer2')).toMatchObject({ role: 'viewer', needsNewPassword: false });
  });
});

it('reads each holder’s own rows of the audit log by its entity index, never the whole log', async () => {
  t = await openTestLedger();
  await promotedTheOldWay();
  const db = t.core.services.ledger.handle();
  const { spy, seen } = recording(db);
  expect([...unpinnedHolders(spy)]).toHaveLength(1);
  const plan = recordedPlan(db, recordedWith(seen, 'sensitiveKeyRefused'));
  expect(plan).toContain('audit_log_by_entity');
  expect(plan).not.toMatch(/SCAN a\b/);
});
