/**
 * Usernames that differ only by case, width or surrounding spaces name one
 * account (auth/username.shared.ts): a coordinator cannot create a second
 * account that shadows an existing one or its key slot, and the person signs
 * in, recovers and is reset, disabled and throttled as that one account.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findSlot, removeSlot, replaceSlot, type KeySlot } from '../../../electron/core/db/keyring';
import { usernameKey } from '../../../electron/core/auth/username.shared';
import { openTestLedger, PASSWORD, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
beforeEach(async () => {
  t = await openTestLedger();
  await t.call('users.create', { username: 'zhang', displayName: '张伟', role: 'clerk', password: PASSWORD });
});
afterEach(() => t.close());

const keyring = () => t.core.services.ledger.keyring();
/** The slots that name zhang, however written. */
const zhangSlots = () => keyring().slots.filter((s) => usernameKey(s.name) === 'zhang');
const VARIANTS = ['Zhang', 'ZHANG', 'ｚｈａｎｇ', 'Ｚｈａｎｇ', ' zhang ', '\u3000zhang'];

describe('one account per username, whatever its case, width or spaces', () => {
  it('refuses a second account named zhang in any form, naming 用户名, and leaves the one slot as it was', async () => {
    const before = JSON.stringify(zhangSlots());
    for (const name of VARIANTS) {
      const e = await t.fail('users.create', { username: name, displayName: '冒名', role: 'coordinator', password: 'shadow-pass-1' });
      expect(e.code, name).toBe('CONFLICT');
      expect(e.message, name).toContain('「用户名」');
      expect(e.message, name).toContain('已有账号「zhang」');
    }
    expect(zhangSlots()).toHaveLength(1);
    expect(JSON.stringify(zhangSlots())).toBe(before);
    expect((await t.call('users.list', {})).filter((u) => usernameKey(u.username) === 'zhang')).toHaveLength(1);
    // The shadow's password opens nothing; zhang's still opens zhang's slot.
    expect((await t.fail('auth.unlock', { username: 'ZHANG', password: 'shadow-pass-1' }, 'x')).code).toBe('WRONG_PASSWORD');
    expect((await t.call('auth.unlock', { username: 'zhang', password: PASSWORD }, 'z')).user.role).toBe('clerk');
  });

  it('refuses it while zhang is disabled too (the name stays his in the log)', async () => {
    const id = (await t.call('users.list', {})).find((u) => u.username === 'zhang')!.id;
    await t.call('users.disable', { id, ...rotating() });
    expect((await t.fail('users.create', { username: 'ZHANG', displayName: '冒名', role: 'clerk', password: 'shadow-pass-1' })).code).toBe('CONFLICT');
    expect(zhangSlots()).toHaveLength(0);
  });

  it('keeps a new name as typed, full-width letters made ordinary and spaces trimmed', async () => {
    const u = await t.call('users.create', { username: ' Ｌｉｕｘｙ ', displayName: '刘晓燕', role: 'viewer', password: PASSWORD });
    expect(u.username).toBe('Liuxy');
    expect(findSlot(keyring(), 'liuxy')?.name).toBe('Liuxy');
  });

  it('signs zhang in under any form of his name, as zhang', async () => {
    for (const [i, name] of VARIANTS.entries()) {
      const s = await t.call('auth.unlock', { username: name, password: PASSWORD }, `w${i}`);
      expect(s.user.username, name).toBe('zhang');
    }
  });

  it('counts wrong passwords under every form of the name as one: no fresh count by changing case or width', async () => {
    t.core.services.failureDelayBaseMs = 3000;
    const [wrong, other] = await Promise.all([
      t.raw('auth.unlock', { username: 'zhang', password: 'wrong-pass-1' }, 'a'),
      t.raw('auth.unlock', { username: 'ｚＨａｎｇ', password: PASSWORD }, 'b'),
    ]);
    expect(wrong.ok === false && wrong.error.code).toBe('WRONG_PASSWORD');
    expect(other.ok === false && other.error.code).toBe('LOCKED');
  });

  it('recovers, resets and changes the one slot, never adding a second', async () => {
    const r = await t.call('auth.recover', { username: 'ＺＨＡＮＧ', recoveryKey: t.recoveryKey, newPassword: 'zhang-own-pass-2' }, 'r');
    expect(r.user.username).toBe('zhang');
    expect(zhangSlots()).toHaveLength(1);
    expect((await t.call('auth.unlock', { username: 'Zhang', password: 'zhang-own-pass-2' }, 'r2')).user.username).toBe('zhang');
    const id = (await t.call('users.list', {})).find((u) => u.username === 'zhang')!.id;
    await t.call('users.resetPassword', { id, password: 'reset-pass-3' });
    expect(zhangSlots()).toHaveLength(1);
    await t.call('auth.unlock', { username: ' ZHANG ', password: 'reset-pass-3' }, 'r3');
    await t.call('auth.changePassword', { oldPassword: 'reset-pass-3', newPassword: 'zhang-own-pass-4' }, 'r3');
    expect(zhangSlots()).toHaveLength(1);
    expect((await t.call('auth.unlock', { username: 'zhang', password: 'zhang-own-pass-4' }, 'r4')).user.username).toBe('zhang');
  });

  it('a slot written under another form of the name replaces the one slot, never sits beside it', () => {
    const ring = keyring();
    const mine = findSlot(ring, 'zhang')!;
    const shadow = { ...mine, name: 'ZHANG' } as KeySlot;
    const after = replaceSlot(ring, shadow);
    expect(after.slots.filter((s) => usernameKey(s.name) === 'zhang')).toEqual([shadow]);
    expect(after.slots).toHaveLength(ring.slots.length);
    expect(findSlot(ring, 'Ｚｈａｎｇ')).toBe(mine);
    expect(removeSlot(ring, ' zHANG').slots.some((s) => usernameKey(s.name) === 'zhang')).toBe(false);
  });
});
