/**
 * The recovery-slot witness (db/recovery-slot-witness.ts) after the twenty-seventh attack run: S41-A1 (a sheet this
 * process made earlier, put back after a newer one, passed as the program's) and S41-A2 (the slot's fields reordered, or
 * a field added, warned at every sign-in even after 用恢复密钥核对 passed). And the upgrade: an anchor written by session
 * 40's program (the slot's digest as parsed) still names the slot it named.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { anchorOf, anchorText } from '../../../electron/core/audit/anchor';
import { RECOVERY_SLOT_ALTERED_WORDS } from '../../../electron/core/auth/recovery-notice.shared';
import { findSlot, readKeyring, RECOVERY_SLOT, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { forgetChangesMadeHere } from '../../../electron/core/db/recovery-slot-witness';
import { ADMIN, ADMIN_NEXT, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const THIRD = 'correct-horse-3';
const keyringPath = (): string => join(t.dir, 'taizhang.keyring.json');
const recoverySlot = (): KeySlotV2 => findSlot(readKeyring(keyringPath()), RECOVERY_SLOT) as KeySlotV2;
/** The recovery slot written into the file outside the program (the same PC account, every window locked). */
const putSlot = (slot: KeySlotV2): void => writeKeyring(keyringPath(), replaceSlot(readKeyring(keyringPath()), slot));

/** The coordinator's sign-in: the sheet notice and 密钥's flag; one keyed write (the anchor moves); locked after. */
async function coordinatorSees(password: string): Promise<{ notice: string | null; altered: boolean }> {
  const info = (await t.call('auth.unlock', { username: ADMIN.username, password })) as unknown as { recoverySheetUnseen: string | null };
  const s = await t.call('users.keyStatus', {});
  await t.call('org.communities.save', { name: `社区${Math.random().toString(36).slice(2, 6)}` });
  await t.call('auth.lock', {});
  return { notice: info.recoverySheetUnseen, altered: s.recoverySlotAltered };
}

const QUIET = { notice: null, altered: false };
const SPOKEN = { notice: RECOVERY_SLOT_ALTERED_WORDS, altered: true };

describe('S41-A1: only the newest sheet this process made is the program’s', () => {
  it('the first of two sheets’ slots put back: said at sign-in, in this process and the next', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    const first = recoverySlot();
    await t.call('users.rotateKeys', rotating(ADMIN_NEXT, THIRD));
    await t.call('auth.lock', {});
    expect(await coordinatorSees(THIRD)).toEqual(QUIET);
    putSlot(first);
    expect(await coordinatorSees(THIRD)).toEqual(SPOKEN);
    forgetChangesMadeHere();
    expect(await coordinatorSees(THIRD)).toEqual(SPOKEN);
  }, 90_000);
});

describe('S41-A2: a harmless edit of the slot', () => {
  it('its fields in another order: the same slot, nothing said', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    putSlot(Object.fromEntries(Object.entries(recoverySlot()).reverse()) as unknown as KeySlotV2);
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(QUIET);
    forgetChangesMadeHere();
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(QUIET);
  }, 90_000);

  it('a field added: said, until 用恢复密钥核对 passes on it; then quiet, in the program started again too', async () => {
    t = await openTestLedger();
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    putSlot({ ...recoverySlot(), note: '某人加的' } as KeySlotV2);
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(SPOKEN);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    expect((await t.call('auth.checkRecoveryKey', { recoveryKey: recoveryKey! })).opens).toBe(true);
    await t.call('auth.lock', {});
    forgetChangesMadeHere(); // started again before any write: the anchor itself took the slot the sheet opened
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(QUIET);
  }, 90_000);

  it('a wrong sheet checked on an altered slot: still said', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    await t.call('auth.lock', {});
    putSlot({ ...recoverySlot(), note: '某人加的' } as KeySlotV2);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN_NEXT });
    const r = await t.raw('auth.checkRecoveryKey', { recoveryKey: 'AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH' });
    expect(r).not.toMatchObject({ ok: true, value: { opens: true } });
    await t.call('auth.lock', {});
    forgetChangesMadeHere();
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(SPOKEN);
  }, 90_000);
});

describe('an anchor of session 40 (the slot’s digest as parsed)', () => {
  it('still names the slot it named: nothing said, in this process or the next', async () => {
    t = await openTestLedger();
    await t.call('users.rotateKeys', rotating());
    const keyring = readKeyring(keyringPath());
    const asParsed = createHash('sha256')
      .update(JSON.stringify(findSlot(keyring, RECOVERY_SLOT)))
      .digest('hex')
      .slice(0, 32);
    const ledger = t.core.services.ledger;
    const anchor = anchorOf(ledger.handle(), keyring.ledgerId, ledger.sealer()!, '2026-12-06T00:00:00.000Z', asParsed)!;
    await t.call('auth.lock', {});
    writeFileSync(join(t.dir, 'taizhang.anchor.json'), anchorText(anchor));
    forgetChangesMadeHere();
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(QUIET);
    forgetChangesMadeHere();
    expect(await coordinatorSees(ADMIN_NEXT)).toEqual(QUIET);
  }, 90_000);
});
