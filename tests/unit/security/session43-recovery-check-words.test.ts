/**
 * The twenty-ninth attack run (session 43) on 用恢复密钥核对's words (auth/recovery-sheet-check.ts), the doubt session 42
 * left: since eca0c650 the check passes only if the recovery slot gives back every key held now, so a viewer with the
 * keyring file (offline, sealing to the slot's public key) or a damaged byte makes it fail; what does the coordinator
 * then read? The sign-in's warning (RECOVERY_SLOT_ALTERED_WORDS) says 核对不通过 → 生成新的恢复密钥, which is right;
 * the check's own words were the ones meant for an attack on the coordinators' list, or an account's.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SHEET_REFUSED, SHEET_SLOT_DAMAGED, SHEET_SLOT_SPOILED } from '../../../electron/core/auth/recovery-sheet-check';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, newRecoveryKey, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import { sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { THROTTLE_FILE } from '../../../electron/core/db/ledger-files';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = (): string => join(t.dir, 'taizhang.keyring.json');
const recoveryFailures = (): number =>
  (JSON.parse(readFileSync(join(t.dir, THROTTLE_FILE), 'utf8')) as { names: Record<string, { count: number }> }).names[RECOVERY_SLOT]?.count ?? 0;

/** Every bit of a hex string's first byte flipped. */
const flipFirstByte = (hex: string): string => (parseInt(hex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0') + hex.slice(2);

/** A ledger whose sheet the coordinator has (a rotation made it), every window locked; `edit` rewrites the recovery slot offline. */
async function sheetThenEdit(edit: (slot: KeySlotV2, ledgerId: string) => KeySlotV2): Promise<string> {
  t = await openTestLedger();
  const { recoveryKey } = await t.call('users.rotateKeys', rotating());
  await t.call('auth.lock', {});
  const keyring = readKeyring(keyringPath());
  writeKeyring(keyringPath(), replaceSlot(keyring, edit(findSlot(keyring, RECOVERY_SLOT) as KeySlotV2, keyring.ledgerId)));
  return recoveryKey!;
}

/** The coordinator signs in (what the sign-in says of the sheet), checks `recoveryKey`; locked. */
async function check(recoveryKey: string): Promise<{ notice: string | null; opens: boolean; message: string; counted: number }> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as { recoverySheetUnseen: string | null };
  const before = recoveryFailures();
  const r = await t.call('auth.checkRecoveryKey', { recoveryKey });
  const counted = recoveryFailures() - before;
  await t.call('auth.lock', {});
  return { notice: info.recoverySheetUnseen, ...r, counted };
}

describe('用恢复密钥核对 on a slot spoiled outside the program', () => {
  it('control: another sheet (or a mistyped one) is refused with the words for an attack, and counted', async () => {
    await sheetThenEdit((slot) => slot);
    expect(await check(newRecoveryKey())).toMatchObject({ notice: null, opens: false, message: SHEET_REFUSED, counted: 1 });
  }, 90_000);

  // S43-A2 (low; words): the office's own sheet, its slot's coordinator key junked by public key (S42-A3's attack): the
  // check answered SHEET_REFUSED, 「这张恢复密钥不是台账现在认的那一张…说明有人用另一张恢复密钥把自己确认成了统筹负责人…
  // 请不要继续使用台账…联系技术支持」: false (the sheet opened the slot whose pin, in its private key's additional data,
  // names the coordinator key held) and sending the office away from the one thing to do, 生成新的恢复密钥.
  it('S43-A2 (fixed): the slot’s coordinator key junked: the office’s sheet is told it is the right one and the slot must be replaced; not counted', async () => {
    const sheet = await sheetThenEdit((slot, id) => sealKeyToSlot(id, slot, 'coordinator', randomBytes(32)));
    expect(await check(sheet)).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, opens: false, message: SHEET_SLOT_SPOILED, counted: 0 });
    expect(SHEET_SLOT_SPOILED).toMatch(/就是台账现在认的那一张.*封存的密钥已经不是台账现在用的.*生成新的恢复密钥/);
    // A wrong sheet on the same slot still reads as before: only the sheet that opens the slot is told it is the one.
    expect(await check(newRecoveryKey())).toMatchObject({ opens: false, message: SHEET_REFUSED, counted: 1 });
  }, 90_000);

  it('S43-A2 (fixed): the slot’s database key or sensitive key replaced by public key: the same words', async () => {
    for (const which of ['db', 'sensitive'] as const) {
      const sheet = await sheetThenEdit((slot, id) => sealKeyToSlot(id, slot, which, randomBytes(32)));
      expect(await check(sheet)).toMatchObject({ opens: false, message: SHEET_SLOT_SPOILED, counted: 0 });
      t.close();
    }
  }, 120_000);

  // S43-A1 (low; words): a recovery slot no sheet can open (its scrypt N not a power of two: a byte changed) answered the
  // check with LEDGER_DAMAGED 「密钥文件中「#recovery」那一项已损坏，这个账号暂时无法解锁。请统筹负责人为它重设密码…」:
  // the recovery slot named as an account, and a way back (a password reset) that does not exist for it.
  it('S43-A1 (fixed): the slot damaged: the check answers that no sheet opens it and to make a new one, not an account to reset; not counted', async () => {
    const sheet = await sheetThenEdit((slot) => ({ ...slot, kdf: { ...slot.kdf, N: 3 } }));
    const r = await check(sheet);
    expect(r).toMatchObject({ opens: false, message: SHEET_SLOT_DAMAGED, counted: 0 });
    expect(r.message).not.toMatch(/#recovery|重设密码/);
    expect(SHEET_SLOT_DAMAGED).toMatch(/恢复密钥那一项已损坏.*生成新的恢复密钥/);
  }, 90_000);

  it('held (noted): the slot’s private key junked: the office’s sheet opens nothing, which no check can tell from another sheet', async () => {
    const sheet = await sheetThenEdit((slot) => ({ ...slot, privateKey: { ...slot.privateKey, wrapped: flipFirstByte(slot.privateKey.wrapped) } }));
    expect(await check(sheet)).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, opens: false, message: SHEET_REFUSED, counted: 1 });
  }, 90_000);
});
