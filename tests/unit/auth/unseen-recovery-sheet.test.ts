/**
 * auth/unseen-recovery-sheet.ts: 更换密钥 stopped right after its switch and settled at the next unlock
 * (auth/stopped-rotation.ts) made a new recovery key nobody saw; the printed sheet opens nothing. The coordinator is
 * told at sign-in and on 设置 › 用户 › 密钥 until a new sheet is made. Red before: no field said it (the settle was
 * silent about the sheet). The stop emulated as stopped-rotation.test.ts does (a stop right after the switch; a fresh Core).
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { NO_RECOVERY_SLOT_WORDS, RECOVERY_NOTICE_NAME, recoveryNoticeName } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, RECOVERY_SLOT, replaceSlot } from '../../../electron/core/db/keyring';
import { sealKeyToSlot, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, callsOn, rotating, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';
import { offline } from '../security/swap-helpers';

const folders = ledgerAndRestart({ withAppDir: true });
let t: TestLedger;

type Info = { recoverySheetUnseen: string | null };

async function ledger(): Promise<void> {
  t = await folders.open();
  await t.call('org.communities.save', { name: '幸福社区' });
}

/** 更换密钥 stopped right after its keyring is written, then the next start, the coordinator on the new password. */
async function stoppedThenSettled() {
  stopNextRotationAfterSwitch();
  expect((await t.raw('users.rotateKeys', rotating())).ok).toBe(false);
  t.core.close();
  const core = folders.restart();
  const { call, fail } = callsOn(core);
  const info = (await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as Info;
  return { core, call, fail, info };
}

describe('a stopped rotation’s recovery key, never shown', () => {
  it('is said at sign-in and on 密钥 after the settle: the printed sheet indeed opens nothing', async () => {
    await ledger();
    const printed = t.recoveryKey;
    const { call, fail, info } = await stoppedThenSettled();
    const steps = ((await call('audit.list', { filter: { channel: 'keys.rotate' }, offset: 0, limit: 5 })) as { rows: Array<{ after: string }> }).rows;
    expect(steps[0]!.after).toContain('settled');
    expect(info.recoverySheetUnseen).toMatch(/王建国做的更换密钥在中途中断.*打不开台账.*生成新的恢复密钥/);
    // The notice's name on screen says the same: void (SignInNotices names it by these words).
    expect(recoveryNoticeName(info.recoverySheetUnseen!)).toBe(RECOVERY_NOTICE_NAME.void);
    expect(((await call('users.keyStatus', {})) as Info).recoverySheetUnseen).toBe(info.recoverySheetUnseen);
    // What the words claim: the sheet the office holds no longer opens the ledger.
    await call('auth.lock', {});
    const refused = await fail('auth.recover', { username: ADMIN.username, recoveryKey: printed, newPassword: 'correct-horse-9' });
    expect(refused.code).toBe('WRONG_PASSWORD');
  });

  it('ends once a new recovery key is made (生成新的恢复密钥 is a rotation, its sheet shown)', async () => {
    await ledger();
    const { call } = await stoppedThenSettled();
    const done = (await call('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'))) as { recoveryKey: string | null };
    expect(done.recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(((await call('users.keyStatus', {})) as Info).recoverySheetUnseen).toBeNull();
    await call('auth.lock', {});
    expect(((await call('auth.unlock', { username: ADMIN.username, password: 'correct-horse-3' })) as Info).recoverySheetUnseen).toBeNull();
  });

  it('says nothing after a rotation that finished', async () => {
    await ledger();
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })).recoverySheetUnseen).toBeNull();
    expect((await t.call('users.keyStatus', {})).recoverySheetUnseen).toBeNull();
  });

  it('a note a viewer writes offline (any MAC: no sensitive key) does not end it (S36-A5; the forged `done` row: security/session36-recovery-sheet)', async () => {
    await ledger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    const { call } = await stoppedThenSettled();
    await call('auth.lock', {});
    offline(t, (db) => db.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('recovery_sheet_shown', @v)`).run({ v: '00'.repeat(32) }));
    const info = (await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as Info;
    expect(info.recoverySheetUnseen).toMatch(/打不开台账/);
    expect(((await call('users.keyStatus', {})) as Info).recoverySheetUnseen).toBe(info.recoverySheetUnseen);
  });

  // A keyless recovery deletes the note (auth/recover.ts, S37-A2), which alone would bring this notice's story back on
  // any ledger that ever had a settled stop: 「那次更换…没能显示出来」 about a sheet that was shown long since. 密钥's
  // 「恢复密钥没能交出…」 says what is true then, with the same advice. Red before: both notices at once.
  it('after a new sheet, a recovery that gave no key raises 恢复密钥没能交出… (at the sign-in and on 密钥), not this notice again', async () => {
    await ledger();
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    const { core, call } = await stoppedThenSettled();
    const { recoveryKey } = (await call('users.rotateKeys', rotating(ADMIN_NEXT, 'correct-horse-3'))) as { recoveryKey: string };
    expect(((await call('users.keyStatus', {})) as Info).recoverySheetUnseen).toBeNull();
    await call('auth.lock', {});
    // A key of someone's choosing sealed into that very slot by its public key: a recovery through it gives no key.
    const l = core.services.ledger;
    const keyring = l.keyring();
    l.saveKeyring(replaceSlot(keyring, sealKeyToSlot(keyring.ledgerId, findSlot(keyring, RECOVERY_SLOT) as KeySlotV2, 'sensitive', randomBytes(32))));
    await call('auth.recover', { username: 'clerk1', recoveryKey, newPassword: 'recovered-pass-1' }, 'rescuer');
    await call('auth.lock', {}, 'rescuer');
    const info = (await call('auth.unlock', { username: ADMIN.username, password: 'correct-horse-3' })) as Info;
    // The sign-in says that recovery's story (S38-A4: it said nothing, and an appended row silenced it); 密钥 says it
    // once, as recoveryGaveNoKey's paragraph.
    expect(info.recoverySheetUnseen).toMatch(/^上次用恢复密钥重设密码时，恢复密钥没能交出敏感信息密钥/);
    // Named for what is true: the sheet still opens the ledger (before: 「恢复密钥已作废」, the stopped rotation's name).
    expect(recoveryNoticeName(info.recoverySheetUnseen!)).toBe(RECOVERY_NOTICE_NAME.keyless);
    expect(await call('users.keyStatus', {})).toMatchObject({ recoveryGaveNoKey: true, recoverySheetUnseen: null });
  });
});

// S39-A2 (twenty-fifth attack run): the keyring holds no recovery slot (taken out of the file with every window
// locked). 密钥 said 「已经没有恢复密钥那一项」; the sign-in said nothing, and taking the slot out after a keyless
// recovery silenced that recovery's words. Red before: null.
describe('no recovery slot in the keyring', () => {
  it('is said at the coordinator’s sign-in, named for what is true, until a new sheet is made', async () => {
    await ledger();
    const printed = t.recoveryKey;
    await t.call('auth.lock', {});
    const l = t.core.services.ledger;
    const keyring = l.keyring();
    l.saveKeyring({ ...keyring, slots: keyring.slots.filter((s) => s.name !== RECOVERY_SLOT) });
    const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })) as unknown as Info;
    expect(info.recoverySheetUnseen).toBe(NO_RECOVERY_SLOT_WORDS);
    expect(recoveryNoticeName(info.recoverySheetUnseen!)).toBe(RECOVERY_NOTICE_NAME.missing);
    expect(await t.call('users.keyStatus', {})).toMatchObject({ recoveryExists: false });
    // What the words claim: the office's sheet opens nothing.
    await t.call('auth.lock', {});
    expect((await t.raw('auth.recover', { username: ADMIN.username, recoveryKey: printed, newPassword: 'correct-horse-9' })).ok).toBe(false);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    const after = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as Info;
    expect(after.recoverySheetUnseen).toBeNull();
  });
});
