/**
 * 生成新的恢复密钥 (设置 › 用户 › 密钥; since S31-A1's fix a door into 更换密钥's rotation, users.rotateKeys): the new
 * sheet's slot holds the coordinator key as the setup's does. It held the database and sensitive keys only (since CR1, session 24): a
 * recovery through it made the coordinator a slot pinning no coordinator key, and with no slot left pinned to one the
 * ledger read as never given one, asking for the 「台账已升级」 confirmation again (keys.e2e, after CR1-U's fix).
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, RECOVERY_SLOT } from '../../../electron/core/db/keyring';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

describe('a recovery key made on 设置 › 用户 › 密钥', () => {
  it('holds the coordinator key: a recovery through it leaves the coordinator 统筹负责人, nothing to confirm', async () => {
    t = await openTestLedger();
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    const slot = findSlot(readKeyring(join(t.dir, 'taizhang.keyring.json')), RECOVERY_SLOT) as { coordinatorPin?: string; keys: { coordinator?: unknown } };
    expect([typeof slot.coordinatorPin, slot.keys.coordinator !== undefined]).toEqual(['string', true]);
    await t.call('auth.lock', {});
    const info = await t.call('auth.recover', { username: ADMIN.username, recoveryKey: recoveryKey!, newPassword: 'recovered-pass-9' });
    expect([info.user.role, info.keyNotice]).toEqual(['coordinator', null]);
    await t.call('auth.lock', {});
    const again = await t.call('auth.unlock', { username: ADMIN.username, password: 'recovered-pass-9' });
    expect([again.user.role, again.keyNotice]).toEqual(['coordinator', null]);
  });
});
