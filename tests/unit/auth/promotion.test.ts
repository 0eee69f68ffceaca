/**
 * A promotion from 只读查看 (auth/user-handlers.ts, users.update; issue 19, W1 through a promotion): made like
 * 重设密码, the slot anew with a one-time password pinned to the ledger's key, from a session holding the key, the
 * coordinator's own password confirming it. One that fails changes nothing: not the role, not a byte of the keyring.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, type Keyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';
import { INITIAL_PASSWORD, promote } from '../../helpers/promote';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');
const userOf = async (username: string) => (await t.call('users.list', {})).find((u) => u.username === username)!;

describe('a failed promotion changes nothing', () => {
  it('without the initial password, without or with a wrong own password, of a disabled user, from a session without the key', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.sessionAs('viewer', 'gone');
    await t.sessionAs('coordinator', 'deputy');
    const viewer1 = await userOf('viewer1');
    await t.call('users.disable', { id: (await userOf('gone')).id, ...rotating() });
    // deputy's session without the sensitive key: their slot stripped of it, signed in again.
    await t.call('auth.lock', {}, 'deputy');
    const k = JSON.parse(readFileSync(keyringPath(), 'utf8')) as Keyring;
    delete (findSlot(k, 'deputy') as KeySlotV2).keys.sensitive;
    writeFileSync(keyringPath(), JSON.stringify(k, null, 2));
    await t.call('auth.unlock', { username: 'deputy', password: PASSWORD }, 'deputy');
    const keyringBefore = readFileSync(keyringPath(), 'utf8');

    const id = viewer1.id;
    const noInitial = await t.fail('users.update', { id, role: 'clerk', password: ADMIN.password });
    expect(noInitial).toMatchObject({ code: 'BAD_INPUT', details: { fields: ['initialPassword'] } });
    expect(noInitial.message).toContain('「新的初始密码」请输入');
    const noOwn = await t.fail('users.update', { id, role: 'clerk', initialPassword: INITIAL_PASSWORD });
    expect(noOwn).toMatchObject({ code: 'WRONG_PASSWORD', message: '「您的密码」请输入：改为录入员要用它确认。' });
    const wrongOwn = await t.fail('users.update', { id, role: 'coordinator', initialPassword: INITIAL_PASSWORD, password: 'not-my-pass-1' });
    expect(wrongOwn.code).toBe('WRONG_PASSWORD');
    const disabled = await t.fail('users.update', {
      id: (await userOf('gone')).id,
      role: 'clerk',
      initialPassword: INITIAL_PASSWORD,
      password: ADMIN.password,
    });
    expect(disabled).toMatchObject({ code: 'CONFLICT', message: '这个账号已停用，不能改为录入员。需要时请为他另建账号。' });
    const keyless = await t.fail('users.update', { id, role: 'clerk', initialPassword: INITIAL_PASSWORD, password: PASSWORD }, 'deputy');
    // The router refuses it first, with the sign-in's key notice (a session without the key acts as 只读查看).
    expect(keyless).toMatchObject({ code: 'FORBIDDEN', details: { noSensitiveKey: 'waiting' } });

    expect(readFileSync(keyringPath(), 'utf8')).toBe(keyringBefore);
    expect(await userOf('viewer1')).toMatchObject({ role: 'viewer', mustChangePassword: false });
    expect((await userOf('gone')).role).toBe('viewer');
    // Their own password still opens, their window stayed open.
    expect(t.core.services.sessions.get('viewer1')).toBeDefined();
    await t.call('auth.lock', {}, 'viewer1');
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
  });
});

describe('a promotion', () => {
  it('makes the slot anew with the one-time password, pinned, audited, the promoted user’s window closed', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await promote(t, 'viewer1', 'coordinator');
    expect(t.core.services.sessions.get('viewer1')).toBeUndefined();
    expect(await userOf('viewer1')).toMatchObject({ role: 'coordinator', mustChangePassword: true });
    const log = await t.call('audit.list', { filter: { channel: 'users.update' }, offset: 0, limit: 5 });
    expect(log.rows).toHaveLength(2);
    expect(JSON.stringify(log.rows)).not.toContain(INITIAL_PASSWORD);
    expect((await t.fail('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).code).toBe('WRONG_PASSWORD');
    await new Promise((r) => setTimeout(r, 20));
    const info = await t.call('auth.unlock', { username: 'viewer1', password: INITIAL_PASSWORD }, 'viewer1');
    expect(info).toMatchObject({ keyNotice: null, user: { role: 'coordinator', mustChangePassword: true } });
    expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(true);
  });

  it('clerk to coordinator is no promotion from 只读查看: no password asked, the slot kept, the coordinator key sealed to it', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    const slotOf = (raw: string) =>
      (JSON.parse(raw) as { slots: Array<{ name: string; keys: Record<string, unknown> }> }).slots.find((s) => s.name === 'clerk1')!;
    const before = slotOf(readFileSync(keyringPath(), 'utf8'));
    await t.call('users.update', { id: (await userOf('clerk1')).id, role: 'coordinator' });
    const after = slotOf(readFileSync(keyringPath(), 'utf8'));
    // Same key pair, password and keys; only the coordinator key added (issue 19, CR1: it vouches for the new role).
    const { coordinator, ...kept } = after.keys;
    expect(coordinator).toBeDefined();
    expect({ ...after, keys: kept }).toEqual(before);
    expect(await userOf('clerk1')).toMatchObject({ role: 'coordinator', mustChangePassword: false });
    await t.call('auth.lock', {}, 'clerk1');
    const info = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(info).toMatchObject({ keyNotice: null, user: { role: 'coordinator' } });
  });
});
