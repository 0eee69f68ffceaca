/**
 * A window ended by another window's change to its user is told at once (a `locked` event with the reason), not at
 * its next call: 重设密码, a recovery, 停用, a role changed, a promotion (its slot made anew with a new initial
 * password). One rule, auth/user-handlers.ts endSessionsOf; the renderer's sentence for each reason is
 * renderer/src/app/lock-notice.ts. Other users' windows and the window that made the change hear nothing.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEvent } from '../../../electron/core/api';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let events: { sessionId: string | null; event: CoreEvent }[];
afterEach(() => t?.close());

/** A ledger whose core's events are heard; `liuxy` (录入员) signed in twice, `zhaom` (录入员) once. */
async function twoClerks(): Promise<void> {
  events = [];
  t = await openTestLedger({ core: { emit: (sessionId, event) => events.push({ sessionId, event }) } });
  await t.sessionAs('clerk', 'liuxy');
  await t.call('auth.unlock', { username: 'liuxy', password: 'password-1234' }, 'liuxy-2');
  await t.sessionAs('clerk', 'zhaom');
  events = [];
}

const idOf = (name: string) => getUserByName(t.core.services.ledger.handle(), name)!.id;
const locks = () => events.filter((e) => e.event.type === 'locked').map((e) => [e.sessionId, (e.event as { reason: string }).reason]);

describe('windows ended by another window’s change are told why', () => {
  it('重设密码: both of the clerk’s windows, password-reset', async () => {
    await twoClerks();
    await t.call('users.resetPassword', { id: idOf('liuxy'), password: 'initial-pass-9' });
    expect(locks()).toEqual([
      ['liuxy', 'password-reset'],
      ['liuxy-2', 'password-reset'],
    ]);
    expect((await t.fail('users.list', {}, 'liuxy')).code).toBe('UNAUTHENTICATED');
  });

  it('a recovery: the user’s other windows, password-recovered; the recovering window is not told', async () => {
    await twoClerks();
    await t.call('auth.recover', { username: 'liuxy', recoveryKey: t.recoveryKey, newPassword: 'Recovered-2020!' }, 'w9');
    expect(locks()).toEqual([
      ['liuxy', 'password-recovered'],
      ['liuxy-2', 'password-recovered'],
    ]);
    expect((await t.call('auth.whoami', {}, 'w9'))?.user.username).toBe('liuxy');
  });

  it('停用: user-disabled', async () => {
    await twoClerks();
    await t.call('users.disable', { id: idOf('liuxy'), ...rotating() });
    expect(locks()).toEqual([
      ['liuxy', 'user-disabled'],
      ['liuxy-2', 'user-disabled'],
    ]);
  });

  it('a role changed (录入员 → 统筹负责人): role-changed', async () => {
    await twoClerks();
    await t.call('users.update', { id: idOf('liuxy'), role: 'coordinator' });
    expect(locks()).toEqual([
      ['liuxy', 'role-changed'],
      ['liuxy-2', 'role-changed'],
    ]);
  });

  it('a promotion from 只读查看 (its slot made anew): password-reset', async () => {
    await twoClerks();
    await t.sessionAs('viewer', 'sunq');
    events = [];
    await t.call('users.update', { id: idOf('sunq'), role: 'clerk', initialPassword: 'initial-pass-9', password: ADMIN.password });
    expect(locks()).toEqual([['sunq', 'password-reset']]);
  });

  it('a change that ends no window tells none (a display name)', async () => {
    await twoClerks();
    await t.call('users.update', { id: idOf('liuxy'), displayName: '刘晓燕' });
    expect(locks()).toEqual([]);
  });
});
