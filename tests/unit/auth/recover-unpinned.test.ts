/**
 * A recovery slot whose pin names no key, given the sensitive key by a grant (sealed to its public key, no secret
 * needed), then used at 「用恢复密钥重设密码」 (auth.recover). The key found in it never counts ('unpinned',
 * db/ledger-pins.ts; session 22, W1 through a promotion): the recovered user gets the database key only, their new slot
 * holds no sensitive key, nothing is sealed under the slot's key, and the refusal is audited. Left untested by the
 * session 22 promote engineer. Both the ledger's own key (a holder's grant) and a key of someone's choosing (sealed
 * in from outside the program) are refused alike: nothing in the folder tells them apart.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, normaliseRecoveryKey, RECOVERY_SLOT, replaceSlot } from '../../../electron/core/db/keyring';
import { openSlot, sealKeyToSlot, slotHoldsSensitive, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { recoverySlotPinnedToNone as pinnedToNone } from '../../helpers/recovery-pinned-to-none';

let t: TestLedger;
afterEach(() => t?.close());

const RECOVERED = 'recovered-pass-1';

const recoverySlotPinnedToNone = (): Promise<string> => pinnedToNone(t);

/** What the recovery slot's secret says it pins: null for none. */
function recoveryPin(secret: string): Buffer | null | undefined {
  const keyring = t.core.services.ledger.keyring();
  const opened = openSlot(keyring.ledgerId, findSlot(keyring, RECOVERY_SLOT)!, normaliseRecoveryKey(secret))!;
  for (const b of [opened.kek, opened.dbKey, opened.sensitiveKey]) b?.fill(0);
  return opened.pin;
}

async function recoverAndCheckRefused(secret: string, username: string): Promise<void> {
  const info = await t.call('auth.recover', { username, recoveryKey: secret, newPassword: RECOVERED }, 'rescuer');
  expect(t.core.services.sessions.get('rescuer')!.sensitive).toBe(false);
  expect(t.core.services.ledger.sealer()).toBeNull();
  // The user's new slot holds the database key only; the recovery slot still pins none.
  const ledger = t.core.services.ledger;
  expect(slotHoldsSensitive(findSlot(ledger.keyring(), username)!)).toBe(false);
  expect(recoveryPin(secret)).toBeNull();
  const refusal = ledger.handle().prepare(`SELECT after_json AS after FROM audit_log WHERE channel = 'auth.recover' ORDER BY id DESC LIMIT 1`).get() as {
    after: string;
  };
  expect(JSON.parse(refusal.after)).toMatchObject({ passwordReset: true, by: 'recovery-key', sensitiveKeyRefused: 'unpinned' });
  expect(info.user.username).toBe(username);
  // Told what happened (w40-rd1; it was the 'refused' notice, a slot nobody vouched for, which is not this one's) and
  // what fixes it: a reset by another key holder, and a new recovery key.
  expect(info.keyNotice?.case).toBe('recovered');
  expect(info.keyNotice?.message).toContain('新密码已设好，但恢复密钥没能交出敏感信息密钥：这张恢复密钥是在没有敏感信息密钥时生成的');
  expect(info.keyNotice?.message).toContain('请另一位持有密钥的统筹负责人在「设置 → 用户」为您重设密码');
  expect(info.keyNotice?.message).toContain('并生成新的恢复密钥');
  const reveal = await t.fail('residents.reveal', { residentId: 1, field: 'phone' }, 'rescuer');
  expect(reveal.code).toBe('FORBIDDEN');
}

describe('auth.recover through a recovery slot pinned to no key', () => {
  it('refuses the key a holder’s grant sealed into it: the recovered coordinator works without the sensitive key', async () => {
    t = await openTestLedger();
    const secret = await recoverySlotPinnedToNone();
    await recoverAndCheckRefused(secret, ADMIN.username);
  });

  it('refuses a key of someone’s choosing sealed into it from outside the program, and seals nothing under it', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    const secret = await recoverySlotPinnedToNone();
    const ledger = t.core.services.ledger;
    const chosen = randomBytes(32);
    const keyring = ledger.keyring();
    const slot = findSlot(keyring, RECOVERY_SLOT) as KeySlotV2;
    ledger.saveKeyring(replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'sensitive', chosen)));
    await recoverAndCheckRefused(secret, 'clerk1');
    // The clerk's own password no longer opens (the recovery replaced it); the admin's still takes the ledger's key.
    expect((await t.fail('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).code).toBe('WRONG_PASSWORD');
    const admin = await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(admin.keyNotice).toBeNull();
    expect(ledger.heldKeys().sensitiveKey!.equals(chosen)).toBe(false);
    // 设置 → 用户 → 密钥 says so until a new recovery key is made (KeysPanel words it; 生成新的恢复密钥 is a rotation).
    expect((await t.call('users.keyStatus', {})).recoveryGaveNoKey).toBe(true);
    await t.call('users.rotateKeys', rotating());
    expect((await t.call('users.keyStatus', {})).recoveryGaveNoKey).toBe(false);
  });
});
