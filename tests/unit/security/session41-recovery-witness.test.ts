/**
 * The twenty-seventh attack run (session 41) on S40-A1/A2's fix (db/recovery-slot-witness.ts): the audit anchor carries
 * a digest of the recovery slot as the program last left it, and a keyed sign-in (and 设置 › 用户 › 密钥) says
 * 「程序无法确认…恢复密钥那一项…」 when the keyring holds another. The program's own changes are noted in memory
 * (`noteKeyringWritten`: a slot "made anew" when its public key differs from the one it replaced). Tried, as the same PC
 * account with every window locked (the program still running, or started again): silence it by a rollback of the slot
 * to one the program made earlier, of the anchor to one from before the last 更换密钥, a slot spoiled between the
 * program's keyring write and its anchor (a stop after the switch, the program started again); and abuse it: a nag
 * the coordinator cannot end with the sheet in hand.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import { forgetChangesMadeHere } from '../../../electron/core/db/recovery-slot-witness';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, callsOn, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';
import { removeFolder } from '../../helpers/stop-child';
import { recoverClerk } from './spoiled-recovery-sheet';

const THIRD = 'correct-horse-3';
const keyringPath = (t: TestLedger): string => join(t.dir, 'taizhang.keyring.json');
const anchorPath = (t: TestLedger): string => join(t.dir, 'taizhang.anchor.json');
const recoverySlot = (t: TestLedger): KeySlotV2 => findSlot(readKeyring(keyringPath(t)), RECOVERY_SLOT) as KeySlotV2;
const putSlot = (t: TestLedger, slot: KeySlotV2): void => writeKeyring(keyringPath(t), replaceSlot(readKeyring(keyringPath(t)), slot));
const junk = (hex: string): string => ((parseInt(hex.slice(0, 2), 16) ^ 0xff).toString(16).padStart(2, '0') + hex.slice(2)).slice(0, hex.length);
const spoiled = (slot: KeySlotV2): KeySlotV2 => ({ ...slot, privateKey: { ...slot.privateKey, wrapped: junk(slot.privateKey.wrapped) } });

type Seen = { notice: string | null; altered: boolean; changed: boolean; anchor: string | null };

/** The coordinator's sign-in with `password`: the sheet notice, the anchor's finding, 密钥's flags; one keyed write; locked. */
async function coordinatorSees(t: TestLedger, password: string): Promise<Seen> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password })) as unknown as {
    recoverySheetUnseen: string | null;
    anchorFinding: { state: string } | null;
  };
  const s = (await t.call('users.keyStatus', {})) as unknown as { recoverySlotAltered: boolean; recoveryChanged: boolean };
  await t.call('org.communities.save', { name: `社区${Math.random().toString(36).slice(2, 6)}` });
  await t.call('auth.lock', {});
  return { notice: info.recoverySheetUnseen, altered: s.recoverySlotAltered, changed: s.recoveryChanged, anchor: info.anchorFinding?.state ?? null };
}

/** 用恢复密钥核对 in the coordinator's window. */
async function sheetChecks(t: TestLedger, password: string, recoveryKey: string): Promise<boolean> {
  await t.call('auth.unlock', { username: ADMIN.username, password });
  const r = await t.call('auth.checkRecoveryKey', { recoveryKey });
  await t.call('auth.lock', {});
  return r.opens;
}

describe('the slot rolled back to a sheet this process made earlier (the program still running)', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  // S41-A1 (low; S40-A1's warning silenced): every slot a process "made anew" stays the program's for as long as the
  // process runs (recovery-slot-witness.ts `madeAnew` is a set, never pruned). Two 更换密钥 in one run (or a user
  // disabled, then 更换密钥): the first sheet's slot was the program's, so a viewer who kept a copy of the keyring
  // between them puts that slot back, and the sign-in says nothing; the next keyed write anchors it. The office holds
  // only the second sheet (「旧的那张作废」): it opens nothing, and the first opens nothing either (it seals the old
  // database key). Only 密钥's `recoveryChanged` (the vouched public key) shows it, and only if the coordinator looks.
  // Fixed by the lead in session 41: only the newest sheet a process made is the program's.
  it('S41-A1 (fixed): the first of two sheets’ slots put back: the coordinator’s sign-in says the recovery slot was altered', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.lock', {}, 'clerk1');
    await t.call('users.rotateKeys', rotating());
    const first = recoverySlot(t); // viewer keeps a copy of the keyring
    const { recoveryKey } = await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD));
    await t.call('auth.lock', {});
    putSlot(t, first);
    const seen = await coordinatorSees(t, THIRD);
    // It is true: the office's (second) sheet opens nothing now.
    expect(await sheetChecks(t, THIRD, recoveryKey!)).toBe(false);
    await expect(recoverClerk(t, recoveryKey!, 'recovered-pass-1')).rejects.toThrow();
    expect(seen.changed).toBe(true); // 密钥 shows it (the vouched public key)…
    expect(seen).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true }); // …and the sign-in (it did not)
  }, 90_000);

  it('held: a slot of the process’s first sheet spoiled (not put back as it was): said at sign-in', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    const first = recoverySlot(t);
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD));
    await t.call('auth.lock', {});
    putSlot(t, spoiled(first));
    expect(await coordinatorSees(t, THIRD)).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true });
  }, 90_000);
});

describe('the anchor rolled back with the slot', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('held: the slot spoiled and the anchor from before the last 更换密钥 put back: forged (another key), and the sheet words said', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    await t.call('org.communities.save', { name: '旧社区' });
    const oldAnchor = readFileSync(anchorPath(t));
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD));
    await t.call('auth.lock', {});
    putSlot(t, spoiled(recoverySlot(t)));
    writeFileSync(anchorPath(t), oldAnchor);
    const seen = await coordinatorSees(t, THIRD);
    expect(seen.anchor).toBe('forged');
    expect(seen).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true });
  }, 90_000);

  it('held: an anchor from earlier under the same key (rows after its head pass as a viewer’s) still names the good slot', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    const earlier = readFileSync(anchorPath(t));
    await t.call('org.communities.save', { name: '新社区' });
    await t.call('auth.lock', {});
    putSlot(t, spoiled(recoverySlot(t)));
    writeFileSync(anchorPath(t), earlier);
    expect(await coordinatorSees(t, ADMIN_NEXT)).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true });
  }, 90_000);
});

describe('a harmless edit of the slot: a nag the sheet in hand cannot end', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  // S41-A2 (low; a nag that trains the coordinator to ignore the warning): the digest is of the slot's JSON as parsed,
  // so the same slot with its fields in another order is "altered". The words say to check with the office's sheet;
  // the check passes (核对通过), yet every sign-in after says the same words, until a new sheet (更换密钥, every key
  // new, every user's slot rewritten). A viewer can repeat it after each. The fix idea: a passing 用恢复密钥核对 in a
  // session holding the sensitive key lets the next anchor take the slot (the check opened it with today's database
  // key and coordinator pin), or digest the slot's fields in a fixed order.
  // Fixed by the lead in session 41: the digest is of the slot's fields in a fixed order, and a passing check whose slot
  // gives back every key held now makes that slot the program's (the anchor takes it at once).
  it('S41-A2 (fixed): the slot’s fields reordered: the same slot, nothing said', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    const slot = recoverySlot(t) as unknown as Record<string, unknown>;
    putSlot(t, Object.fromEntries(Object.entries(slot).reverse()) as unknown as KeySlotV2);
    expect(await coordinatorSees(t, ADMIN_NEXT)).toMatchObject({ notice: null, altered: false });
  }, 90_000);

  it('S41-A2 (fixed): a field added to the slot; after 用恢复密钥核对 passes, the next sign-in no longer warns', async () => {
    t = await openTestLedger();
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    putSlot(t, { ...recoverySlot(t), comment: 'x' } as KeySlotV2);
    const first = await coordinatorSees(t, ADMIN_NEXT);
    expect(first).toMatchObject({ notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true });
    expect(await sheetChecks(t, ADMIN_NEXT, recoveryKey!)).toBe(true);
    const after = await coordinatorSees(t, ADMIN_NEXT);
    expect(after.notice).toBeNull();
  }, 90_000);
});

describe('a slot spoiled between the program’s keyring write and its anchor (a stop, the program started again)', () => {
  const folders = ledgerAndRestart({ withAppDir: true });

  it('held: 更换密钥 stopped after its switch, the new slot spoiled before the next start: the coordinator is told the sheet is dead; a new sheet ends it', async () => {
    const t = await folders.open();
    stopNextRotationAfterSwitch();
    expect((await t.raw('users.rotateKeys', rotating())).ok).toBe(false);
    t.core.close();
    putSlot(t, spoiled(recoverySlot(t)));
    const { call } = callsOn(folders.restart());
    const info = (await call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as { recoverySheetUnseen: string | null };
    expect(info.recoverySheetUnseen).not.toBeNull();
    const { recoveryKey } = (await call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD))) as { recoveryKey: string };
    await call('auth.lock', {});
    const again = (await call('auth.unlock', { username: ADMIN.username, password: THIRD })) as { recoverySheetUnseen: string | null };
    expect(again.recoverySheetUnseen).toBeNull();
    expect(((await call('auth.checkRecoveryKey', { recoveryKey })) as { opens: boolean }).opens).toBe(true);
  }, 90_000);
});

describe('a restore from a backup made after the slot was spoiled', () => {
  let t: TestLedger;
  let stick = '';
  afterEach(() => {
    t?.close();
    if (stick) removeFolder(stick);
    stick = '';
  });

  it('held: spoiled, warned, a backup made, then a new sheet; the backup restored: the sign-in says the slot was altered and 更换密钥 is due; its new sheet replaces the spoiled slot and checks', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    putSlot(t, spoiled(recoverySlot(t)));
    expect((await coordinatorSees(t, ADMIN_NEXT)).notice).toBe(RECOVERY_SLOT_ALTERED_WORDS);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    stick = mkdtempSync(join(tmpdir(), 'taizhang-stick-'));
    const { path } = await t.call('backup.create', { folder: stick });
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD));
    await t.call('auth.lock', {});
    expect((await coordinatorSees(t, THIRD)).notice).toBeNull();
    await t.call('auth.unlock', { username: ADMIN.username, password: THIRD });
    expect(await t.raw('backup.restore', { path, confirm: true, password: ADMIN_NEXT })).toMatchObject({ ok: true });
    await t.call('auth.lock', {});
    const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as { recoverySheetUnseen: string | null };
    expect((await t.fail('users.keyStatus', {})).code).toBe('PASSWORD_CHANGE_REQUIRED');
    const { recoveryKey } = await t.call('auth.finishRotation', rotating(ADMIN_NEXT, 'correct-horse-4'));
    await t.call('auth.lock', {});
    expect(await coordinatorSees(t, 'correct-horse-4')).toMatchObject({ notice: null, altered: false });
    expect(await sheetChecks(t, 'correct-horse-4', recoveryKey!)).toBe(true);
    // And the sign-in before it said the slot was altered (the backup's anchor names the slot the program left).
    expect(info.recoverySheetUnseen).toBe(RECOVERY_SLOT_ALTERED_WORDS);
  }, 120_000);
});

describe('S41-A1 after the program is started again', () => {
  const folders = ledgerAndRestart({ withAppDir: true });

  // The keyed write after the put-back anchored the first sheet's slot as the program's: a new process (its memory of
  // slots made gone) finds the anchor naming it, and stays silent too. Fixed by the lead in session 41.
  it('S41-A1 (fixed): the first sheet’s slot put back, one keyed write, the program started again: the sign-in says the slot was altered', async () => {
    const t = await folders.open();
    await t.call('users.rotateKeys', rotating());
    const first = recoverySlot(t);
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD));
    await t.call('auth.lock', {});
    putSlot(t, first);
    await coordinatorSees(t, THIRD);
    t.core.close();
    forgetChangesMadeHere();
    const { call } = callsOn(folders.restart());
    const info = (await call('auth.unlock', { username: ADMIN.username, password: THIRD })) as { recoverySheetUnseen: string | null };
    expect(info.recoverySheetUnseen).toBe(RECOVERY_SLOT_ALTERED_WORDS);
  }, 90_000);
});
