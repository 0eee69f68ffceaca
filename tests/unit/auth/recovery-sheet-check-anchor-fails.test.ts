/**
 * 用恢复密钥核对 passes on an altered recovery slot and rewrites the anchor's digest of it (S41-A2). When that anchor
 * cannot be written (the disk full), the check still passes: the sheet did open the slot. This process knows the slot
 * (nothing said at its next sign-in), and its next keyed write puts it in the anchor, so a program started after that
 * write says nothing either.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { forgetChangesMadeHere } from '../../../electron/core/db/recovery-slot-witness';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

const disk = vi.hoisted(() => ({ fullFor: null as string | null }));
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const renameSync: typeof fs.renameSync = (from, to) => {
    if (disk.fullFor !== null && String(to).endsWith(disk.fullFor))
      throw Object.assign(new Error('ENOSPC: no space left on device, rename'), { code: 'ENOSPC' });
    fs.renameSync(from, to);
  };
  return { ...fs, default: { ...fs, renameSync }, renameSync };
});

let t: TestLedger;
afterEach(() => {
  disk.fullFor = null;
  t?.close();
});

const keyringPath = (): string => join(t.dir, 'taizhang.keyring.json');
const recoverySlot = (): KeySlotV2 => findSlot(readKeyring(keyringPath()), RECOVERY_SLOT) as KeySlotV2;

/** The coordinator's sign-in notice, then one keyed write (the anchor moves), then locked. */
async function coordinatorSees(): Promise<string | null> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT })) as unknown as { recoverySheetUnseen: string | null };
  await t.call('org.communities.save', { name: `社区${Math.random().toString(36).slice(2, 6)}` });
  await t.call('auth.lock', {});
  return info.recoverySheetUnseen;
}

/** A new sheet, its slot then given a field outside the program (said at sign-in), the coordinator signed in. */
async function signedInOnAlteredSlot(): Promise<string> {
  t = await openTestLedger();
  const { recoveryKey } = await t.call('users.rotateKeys', rotating());
  await t.call('auth.lock', {});
  writeKeyring(keyringPath(), replaceSlot(readKeyring(keyringPath()), { ...recoverySlot(), note: '某人加的' } as KeySlotV2));
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
  return recoveryKey!;
}

describe('用恢复密钥核对 when the anchor cannot be written', () => {
  it('passes; the next write carries the slot into the anchor', async () => {
    const recoveryKey = await signedInOnAlteredSlot();

    disk.fullFor = 'taizhang.anchor.json';
    const r = await t.raw('auth.checkRecoveryKey', { recoveryKey });
    expect(r).toMatchObject({ ok: true, value: { opens: true } });
    await t.call('auth.lock', {});
    disk.fullFor = null;

    expect(await coordinatorSees()).toBeNull(); // this process knows the slot; its write anchors it
    forgetChangesMadeHere();
    expect(await coordinatorSees()).toBeNull(); // started again: the anchor names the slot
  }, 90_000);

  it('a program started again before any write warns once more (the anchor was not rewritten)', async () => {
    const recoveryKey = await signedInOnAlteredSlot();
    disk.fullFor = 'taizhang.anchor.json';
    expect(await t.call('auth.checkRecoveryKey', { recoveryKey })).toMatchObject({ opens: true });
    await t.call('auth.lock', {});
    disk.fullFor = null;
    forgetChangesMadeHere();
    expect(await coordinatorSees()).toBe(RECOVERY_SLOT_ALTERED_WORDS);
  }, 90_000);
});
