/**
 * The twenty-third attack run (session 37) on S36-A5's fix (auth/unseen-recovery-sheet.ts): after 更换密钥 stopped right
 * after its switch and was settled, the coordinator is told the office's printed recovery sheet opens nothing until the
 * meta `recovery_sheet_shown` holds a MAC, under the sensitive key held now, of the keyring's recovery slot. Session 36
 * reasoned the replays held (read only); run here. viewer1 offline (database key) keeps what an earlier rotation of the
 * same ledger left (the meta value, the keyring's recovery slot, the printed sheet's) and puts it back after the settle;
 * or brings the meta from another ledger.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RECOVERY_SHEET_SHOWN } from '../../../electron/core/auth/unseen-recovery-sheet';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring, type KeySlot } from '../../../electron/core/db/keyring';
import { ADMIN_NEXT, callsOn, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { ledgerAndRestart } from '../../helpers/restart';
import { offline } from './swap-helpers';
import { stopNextRotationAfterSwitch } from '../../helpers/rotation-stop';

const run = ledgerAndRestart({ withAppDir: true });
let t: TestLedger;
let other: TestLedger | null = null;
afterEach(() => {
  other?.close();
  other = null;
});

type Info = { recoverySheetUnseen: string | null };
const THIRD = 'correct-horse-3';
const coordinator = { username: 'admin', password: THIRD };
const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

const metaOf = (key: string): string | null => {
  let v: string | null = null;
  offline(t, (db) => {
    v = (db.prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(key) as string | undefined) ?? null;
  });
  return v;
};

/**
 * A finished 更换密钥 (its reply showed the sheet: the note written), what it left kept; then a second one stopped right
 * after its switch and settled at the next start's sign-in; every window locked.
 */
async function keptThenSettled(): Promise<{ call: ReturnType<typeof callsOn>['call']; keptSlot: KeySlot; keptNote: string }> {
  t = await run.open();
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
  await t.call('users.rotateKeys', rotating());
  await t.call('auth.lock', {});
  const keptSlot = findSlot(readKeyring(keyringPath()), RECOVERY_SLOT)!;
  const keptNote = metaOf(RECOVERY_SHEET_SHOWN)!;
  expect(keptNote).toMatch(/^[0-9a-f]+$/);
  await t.call('auth.unlock', { username: 'admin', password: ADMIN_NEXT });
  stopNextRotationAfterSwitch();
  expect((await t.raw('users.rotateKeys', rotating(ADMIN_NEXT, THIRD))).ok).toBe(false);
  t.core.close();
  const { call } = callsOn(run.restart());
  const info = (await call('auth.unlock', coordinator)) as Info;
  expect(info.recoverySheetUnseen).toMatch(/打不开台账/);
  await call('auth.lock', {});
  return { call, keptSlot, keptNote };
}

const putBackNote = (value: string) =>
  offline(t, (db) =>
    db.prepare(`INSERT INTO meta (key, value) VALUES (@k, @v) ON CONFLICT (key) DO UPDATE SET value = @v`).run({ k: RECOVERY_SHEET_SHOWN, v: value }),
  );

describe('the unseen recovery sheet notice against what an earlier rotation left', () => {
  it('held: the note from the earlier finished rotation put back: the notice stays', async () => {
    const { call, keptNote } = await keptThenSettled();
    putBackNote(keptNote);
    expect(((await call('auth.unlock', coordinator)) as Info).recoverySheetUnseen).not.toBeNull();
  }, 90_000);

  it('held: the note and the keyring’s recovery slot (the printed sheet’s) both put back: the notice stays', async () => {
    const { call, keptNote, keptSlot } = await keptThenSettled();
    putBackNote(keptNote);
    writeKeyring(keyringPath(), replaceSlot(readKeyring(keyringPath()), keptSlot));
    const info = (await call('auth.unlock', coordinator)) as Info;
    expect(info.recoverySheetUnseen).toMatch(/打不开台账/);
    // And 密钥 names the recovery slot as not the one a key holder vouched for.
    expect(await call('users.keyStatus', {})).toMatchObject({ recoveryChanged: true, recoverySheetUnseen: expect.stringMatching(/打不开台账/) });
  }, 90_000);

  it('held: the note of another ledger (its own recovery slot’s, under its own key) brought in: the notice stays', async () => {
    const { call } = await keptThenSettled();
    other = await openTestLedger();
    await other.call('users.rotateKeys', rotating());
    const foreign = other.core.services.ledger.handle().prepare(`SELECT value FROM meta WHERE key = ?`).pluck().get(RECOVERY_SHEET_SHOWN) as string;
    expect(foreign).toMatch(/^[0-9a-f]+$/);
    putBackNote(foreign);
    expect(((await call('auth.unlock', coordinator)) as Info).recoverySheetUnseen).not.toBeNull();
  }, 90_000);
});
