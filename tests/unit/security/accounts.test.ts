/**
 * Fourth attack run on the accounts added since issue 19: the first-login password change (migration 047)
 * and users.resetPassword. A user on a coordinator-set password reaches nothing but the change; a reset is
 * for coordinators only, audited without the password, never brings a disabled account back, and changes
 * the key slot only together with the rows that record it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { api, type Channel } from '../../../electron/core/api';
import { findSlot } from '../../../electron/core/db/keyring';
import { roleAtLeast } from '../../../electron/core/contract';
import { ADMIN, openTestLedger, PASSWORD, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
});
afterEach(() => t.close());

const userId = async (username: string): Promise<number> => (await t.call('users.list', {})).find((u) => u.username === username)!.id;
const db = () => t.core.services.ledger.handle();

describe('a user still on a coordinator-set password', () => {
  it('is refused every channel but the password change, of every kind (reads, writes, tasks, shell dialogs), whatever the input', async () => {
    await t.call('users.create', { username: 'newcoord', displayName: '新统筹', role: 'coordinator', password: PASSWORD });
    expect((await t.call('auth.unlock', { username: 'newcoord', password: PASSWORD }, 'newcoord')).user.mustChangePassword).toBe(true);
    const reached: string[] = [];
    for (const channel of Object.keys(api) as Channel[]) {
      const spec = api[channel];
      // auth.checkRecoveryKey: the sheet check a confirmed coordinator's notice asks for (CR1-U2); it writes nothing (below).
      if (spec.access === 'public' || channel === 'auth.changePassword' || channel === 'auth.checkRecoveryKey' || !roleAtLeast('coordinator', spec.access))
        continue;
      const r = await t.raw(channel, {}, 'newcoord');
      if (r.ok !== false || r.error.code !== 'PASSWORD_CHANGE_REQUIRED') reached.push(`${channel}: ${JSON.stringify(r).slice(0, 120)}`);
    }
    expect(reached).toEqual([]);
    // Nothing it tried left a trace of its own: only the unlock's rows.
    const rows = db().prepare(`SELECT channel FROM audit_log WHERE username = 'newcoord'`).all() as Array<{ channel: string }>;
    expect(rows.map((r) => r.channel).filter((c) => !c.startsWith('auth.'))).toEqual([]);
  });
});

describe('users.resetPassword', () => {
  beforeEach(async () => {
    await t.call('users.create', { username: 'liuxy', displayName: '刘晓燕', role: 'clerk', password: PASSWORD });
  });

  it('is refused to clerks, viewers and a coordinator who has not yet set their own password', async () => {
    const liu = await userId('liuxy');
    const clerk = await t.sessionAs('clerk');
    const viewer = await t.sessionAs('viewer');
    await t.call('users.create', { username: 'coord2', displayName: '二号统筹', role: 'coordinator', password: PASSWORD });
    await t.call('auth.unlock', { username: 'coord2', password: PASSWORD }, 'coord2');
    expect((await t.fail('users.resetPassword', { id: liu, password: 'taken-over-1' }, clerk)).code).toBe('FORBIDDEN');
    expect((await t.fail('users.resetPassword', { id: liu, password: 'taken-over-1' }, viewer)).code).toBe('FORBIDDEN');
    expect((await t.fail('users.resetPassword', { id: liu, password: 'taken-over-1' }, 'coord2')).code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await t.fail('auth.unlock', { username: 'liuxy', password: 'taken-over-1' }, 'liuxy')).code).toBe('WRONG_PASSWORD');
  });

  it('is audited once, naming who and whom, and the new password is nowhere in the log', async () => {
    const liu = await userId('liuxy');
    await t.call('users.resetPassword', { id: liu, password: 'new-initial-77' });
    const rows = db()
      .prepare(`SELECT username, entity_id AS entityId, after_json AS after FROM audit_log WHERE channel = 'users.resetPassword'`)
      .all() as Array<{
      username: string;
      entityId: string;
      after: string;
    }>;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ username: ADMIN.username, entityId: String(liu) });
    const all = db().prepare(`SELECT coalesce(before_json, '') || coalesce(after_json, '') AS j FROM audit_log`).all() as Array<{ j: string }>;
    expect(all.filter((r) => r.j.includes('new-initial-77'))).toEqual([]);
  });

  it('never brings a disabled account back: refused, no key slot written, the password opens nothing', async () => {
    const liu = await userId('liuxy');
    await t.call('users.disable', { id: liu, ...rotating() });
    expect((await t.fail('users.resetPassword', { id: liu, password: 'revived-pass-1' })).code).toBe('CONFLICT');
    expect(findSlot(t.core.services.ledger.keyring(), 'liuxy')).toBeUndefined();
    expect((await t.fail('auth.unlock', { username: 'liuxy', password: 'revived-pass-1' }, 'liuxy')).code).toBe('WRONG_PASSWORD');
  });

  it('leaves the key slot as it was when the rows that record the reset cannot be written (slot and rows together)', async () => {
    const liu = await userId('liuxy');
    // The reset's own row update fails (as a full disk or a damaged page would make it fail).
    db().exec(`CREATE TEMP TRIGGER reset_fails BEFORE UPDATE OF must_change_password ON users BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
    expect((await t.raw('users.resetPassword', { id: liu, password: 'half-done-pass-1' })).ok).toBe(false);
    db().exec(`DROP TRIGGER temp.reset_fails`);
    // Not reset: no audit row, no must-change flag, so the old password must still be the one that opens.
    expect((await t.fail('auth.unlock', { username: 'liuxy', password: 'half-done-pass-1' }, 'liuxy')).code).toBe('WRONG_PASSWORD');
    expect((await t.call('auth.unlock', { username: 'liuxy', password: PASSWORD }, 'liuxy')).user.username).toBe('liuxy');
  });

  it('a coordinator cannot reset their own password this way, nor be left the last coordinator without one', async () => {
    const me = await userId(ADMIN.username);
    expect((await t.fail('users.resetPassword', { id: me, password: 'self-reset-pass' })).code).toBe('CONFLICT');
    // A second coordinator resets the first: the first is not locked out, they unlock with the new initial one and set their own.
    await t.call('users.create', { username: 'coord2', displayName: '二号统筹', role: 'coordinator', password: PASSWORD });
    await t.call('auth.unlock', { username: 'coord2', password: PASSWORD }, 'coord2');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'coord2-own-pass' }, 'coord2');
    await t.call('users.resetPassword', { id: me, password: 'admin-initial-2' }, 'coord2');
    expect((await t.fail('users.list', {})).code).toBe('UNAUTHENTICATED');
    await t.call('auth.unlock', { username: ADMIN.username, password: 'admin-initial-2' });
    await t.call('auth.changePassword', { oldPassword: 'admin-initial-2', newPassword: 'admin-own-again' });
    expect((await t.call('users.keyStatus', {})).recoveryExists).toBe(true);
    // The reset one still holds the sensitive key: a clerk's ID number still opens for them.
    const c = await t.call('org.communities.save', { name: '东风社区' });
    const r = await t.call('residents.save', { communityId: c.id, name: '张伟', phone: '13803711001' });
    expect((await t.call('residents.reveal', { residentId: r.id, field: 'phone' })).value).toBe('13803711001');
  });
});
