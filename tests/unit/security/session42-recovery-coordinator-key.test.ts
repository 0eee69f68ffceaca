/**
 * The twenty-eighth attack run (session 42) on S41-A2's fix: a passing 用恢复密钥核对 makes the slot it opened the
 * program's (noteSlotOpenedBySheet) and rewrites the anchor's digest of it, when "the slot gives back every key held
 * now". auth/recovery-sheet-check.ts compares the database key, the pin and the sensitive key; not the coordinator key
 * the slot holds. That key is sealed to the slot's public key, which anyone with the keyring file can do (a viewer,
 * offline): junk sealed in its place is dropped at the open (the pin does not name it), so the slot opens with no
 * coordinator key, and the check still passes.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import { sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = (): string => join(t.dir, 'taizhang.keyring.json');

/** The coordinator signs in: what the sign-in says of the sheet; then 用恢复密钥核对 with `recoveryKey` if given; locked. */
async function signIn(recoveryKey?: string): Promise<{ notice: string | null; opens?: boolean }> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as { recoverySheetUnseen: string | null };
  const opens = recoveryKey ? (await t.call('auth.checkRecoveryKey', { recoveryKey })).opens : undefined;
  await t.call('auth.lock', {});
  return { notice: info.recoverySheetUnseen, ...(opens === undefined ? {} : { opens }) };
}

describe('the coordinator key in the recovery slot replaced offline', () => {
  // S42-A3 (medium-low): before the fix the check answered 核对通过 (opens: true), took the slot as the program's and
  // rewrote the anchor's digest, so the next sign-in said nothing; auth.recover with the office's sheet then signed the
  // only coordinator in as a clerk (keyNotice 'unvouched', no coordinator key held): 「所有统筹负责人都忘记密码时将无法
  // 找回」, the very harm the warning is there for, silenced by following its words.
  it('S42-A3 (fixed): the slot’s coordinator key junked: the sign-in warns, 用恢复密钥核对 does not pass, the warning stands', async () => {
    t = await openTestLedger();
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    const keyring = readKeyring(keyringPath());
    const slot = findSlot(keyring, RECOVERY_SLOT) as KeySlotV2;
    expect(slot.keys.coordinator).toBeDefined();
    writeKeyring(keyringPath(), replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'coordinator', randomBytes(32))));
    const first = await signIn(recoveryKey!);
    expect(first.notice).toBe(RECOVERY_SLOT_ALTERED_WORDS);
    expect(first.opens).toBe(false);
    // And the warning stands: the slot is still not the office's (it was silenced, and the sheet then restored the only
    // coordinator as a clerk, 'unvouched', with no coordinator key).
    expect((await signIn()).notice).toBe(RECOVERY_SLOT_ALTERED_WORDS);
  }, 90_000);

  // S42-A4 (low): the check answered 核对通过 (the sensitive key was asked only before taking the slot as the office's),
  // while the sign-in kept saying the slot was altered; the warning's words lead to 生成新的恢复密钥 only when the check
  // does not pass, and the sheet would restore no sensitive key (every sealed value unreadable to the recovered user).
  it('S42-A4 (fixed): the slot’s sensitive key junked: 用恢复密钥核对 does not say 核对通过 of a slot that restores no sensitive key', async () => {
    t = await openTestLedger();
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    const keyring = readKeyring(keyringPath());
    const slot = findSlot(keyring, RECOVERY_SLOT) as KeySlotV2;
    writeKeyring(keyringPath(), replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, slot, 'sensitive', randomBytes(32))));
    const first = await signIn(recoveryKey!);
    expect(first).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, opens: false });
    expect((await signIn()).notice).toBe(RECOVERY_SLOT_ALTERED_WORDS);
  }, 90_000);
});
