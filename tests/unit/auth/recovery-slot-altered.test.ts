/**
 * S40-A1 (twenty-sixth attack run): the recovery slot spoiled in the keyring file with its public key kept (its wrapped
 * private key junked, or another database key sealed to it) left the sign-in silent and 密钥 all well, while the
 * office's sheet opened nothing. The audit anchor now carries the slot as the program left it
 * (db/recovery-slot-witness.ts); a coordinator's sign-in and 密钥 say when the file holds another. And the other side:
 * nothing the program itself does to the slot (a rotation, a recovery, a password change, a backup restored), in this
 * process or the next, makes it speak.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ANCHOR_PURPOSE } from '../../../electron/core/audit/anchor';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import { sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { forgetChangesMadeHere, recoverySlotDigest } from '../../../electron/core/db/recovery-slot-witness';
import { ADMIN, ADMIN_NEXT, openTestLedger, PASSWORD, rotating, type TestLedger } from '../../helpers/ledger';
import { recoverClerk } from '../security/spoiled-recovery-sheet';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = (): string => join(t.dir, 'taizhang.keyring.json');

/** The recovery slot rewritten in the file, outside the program (the same PC account, every window locked). */
function spoil(edit: (slot: KeySlotV2, ledgerId: string) => KeySlotV2): void {
  const keyring = readKeyring(keyringPath());
  writeKeyring(keyringPath(), replaceSlot(keyring, edit(findSlot(keyring, RECOVERY_SLOT) as KeySlotV2, keyring.ledgerId)));
}

const junk = (hex: string): string => ((parseInt(hex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0') + hex.slice(2)).slice(0, hex.length);

/** The coordinator's sign-in: the sheet notice it gives and 密钥's flag; locked after. */
async function coordinatorSees(password = ADMIN_NEXT): Promise<{ notice: string | null; altered: boolean }> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password })) as unknown as { recoverySheetUnseen: string | null };
  const s = await t.call('users.keyStatus', {});
  await t.call('auth.lock', {});
  return { notice: info.recoverySheetUnseen, altered: s.recoverySlotAltered };
}

/** A ledger with clerk1 whose 更换密钥 showed the office a new sheet; every window locked. */
async function sheetShown(): Promise<string> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.call('auth.lock', {}, 'clerk1');
  const { recoveryKey } = await t.call('users.rotateKeys', rotating());
  await t.call('auth.lock', {});
  return recoveryKey!;
}

const QUIET = { notice: null, altered: false };
const SPOKEN = { notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true };

describe('a recovery slot spoiled outside the program (S40-A1)', () => {
  it('its private key junked: the sign-in and 密钥 say so, at every sign-in, until a new sheet is made', async () => {
    await sheetShown();
    expect(await coordinatorSees()).toEqual(QUIET);
    spoil((slot) => ({ ...slot, privateKey: { ...slot.privateKey, wrapped: junk(slot.privateKey.wrapped) } }));
    expect(await coordinatorSees()).toEqual(SPOKEN);
    // The first sign-in's own audit rows moved the anchor: it kept the slot the program left, not the spoiled one.
    expect(await coordinatorSees()).toEqual(SPOKEN);
    forgetChangesMadeHere(); // and in the program started again
    expect(await coordinatorSees()).toEqual(SPOKEN);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'));
    await t.call('auth.lock', {});
    expect(await coordinatorSees('correct-horse-3')).toEqual(QUIET);
    forgetChangesMadeHere();
    expect(await coordinatorSees('correct-horse-3')).toEqual(QUIET);
  }, 60_000);

  it('another database key sealed to it: said so', async () => {
    await sheetShown();
    spoil((slot, ledgerId) => sealKeyToSlot(ledgerId, slot, 'db', randomBytes(32)));
    expect(await coordinatorSees()).toEqual(SPOKEN);
  }, 60_000);

  it('on a ledger that never rotated (the anchor of its setup names the slot)', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    expect(await coordinatorSees(ADMIN.password)).toEqual(QUIET);
    spoil((slot) => ({ ...slot, salt: junk(slot.salt) }));
    expect(await coordinatorSees(ADMIN.password)).toEqual(SPOKEN);
  }, 60_000);
});

describe('the anchor that carries the slot', () => {
  const anchorPath = (): string => join(t.dir, 'taizhang.anchor.json');

  it('its digest rewritten to name the spoiled slot: the anchor no longer holds (操作日志 says so)', async () => {
    await sheetShown();
    spoil((slot) => ({ ...slot, privateKey: { ...slot.privateKey, wrapped: junk(slot.privateKey.wrapped) } }));
    const anchor = JSON.parse(readFileSync(anchorPath(), 'utf8')) as { recovery: string };
    writeFileSync(anchorPath(), JSON.stringify({ ...anchor, recovery: recoverySlotDigest(readKeyring(keyringPath())) }));
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect((await t.call('audit.verify', {})).anchor).toMatchObject({ state: 'forged' });
    await t.call('auth.lock', {});
  }, 60_000);

  it('one from before this version (no digest) still holds; the next keyed write names the slot as it finds it', async () => {
    t = await openTestLedger();
    await t.call('auth.lock', {});
    const { recovery, ...before } = JSON.parse(readFileSync(anchorPath(), 'utf8')) as { recovery: string; mac: string } & Record<string, unknown>;
    expect(recovery).toBe(recoverySlotDigest(readKeyring(keyringPath())));
    const { mac: _mac, ...fields } = before;
    const sealer = t.core.services.ledger.sealer();
    expect(sealer).toBeNull(); // locked: the old anchor is made with the key read back through a sign-in below
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const key = t.core.services.ledger.sealer()!;
    const oldMac = key.index(ANCHOR_PURPOSE, JSON.stringify([fields.ledgerId, fields.lastId, fields.lastHash, fields.rows, fields.at])).toString('hex');
    await t.call('auth.lock', {});
    writeFileSync(anchorPath(), JSON.stringify({ ...fields, mac: oldMac }));
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect((await t.call('audit.verify', {})).anchor).toMatchObject({ state: 'ok' });
    await t.call('org.communities.save', { name: '幸福社区' });
    await t.call('auth.lock', {});
    expect((JSON.parse(readFileSync(anchorPath(), 'utf8')) as { recovery?: string }).recovery).toBe(recovery);
    expect(await coordinatorSees(ADMIN.password)).toEqual(QUIET);
  }, 60_000);
});

describe('what the program does to the slot says nothing, in this process or the next', () => {
  it('a rotation, a recovery by the sheet, password changes, a user made: quiet', async () => {
    const recoveryKey = await sheetShown();
    expect(await recoverClerk(t, recoveryKey, 'recovered-pass-1')).toBe(true);
    await t.call('auth.unlock', { username: 'clerk1', password: 'recovered-pass-1' }, 'clerk1');
    await t.call('auth.changePassword', { oldPassword: 'recovered-pass-1', newPassword: 'clerk-pass-2' }, 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    await t.call('users.create', { username: 'viewer2', displayName: '测试viewer', role: 'viewer', password: PASSWORD });
    await t.call('auth.lock', {});
    expect(await coordinatorSees()).toEqual(QUIET);
    forgetChangesMadeHere();
    expect(await coordinatorSees()).toEqual(QUIET);
  }, 60_000);
});
