/**
 * A coordinator away while another rotates the keys (db/coordinator-lineage.ts, CR1-Q): their sign-in walks the
 * signed links from the key their pin names to the one sealed to them now. A colleague's rotations, one or two, read
 * as the routine 'rotated' (a reset fixes it); the kept key removed, or the links, read as 'unvouched'.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, PASSWORD, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

/** coord2 is made, signs in once, and is away while the admin rotates `times` times. */
async function awayWhileRotated(times: number): Promise<void> {
  t = await openTestLedger();
  await t.sessionAs('coordinator', 'coord2');
  await t.call('auth.lock', {}, 'coord2');
  const passwords = [ADMIN.password, ADMIN_NEXT, 'correct-horse-3'];
  for (let i = 0; i < times; i++) await t.call('users.rotateKeys', rotating(passwords[i], passwords[i + 1]));
  expect(readKeyring(keyringPath()).coordinatorLineage).toHaveLength(times);
}

const coord2Notice = async () => (await t.call('auth.unlock', { username: 'coord2', password: PASSWORD }, 'coord2')).keyNotice;

describe('a coordinator away during rotations', () => {
  it('one rotation by a colleague: the routine notice, a reset fixes it', async () => {
    await awayWhileRotated(1);
    expect(await coord2Notice()).toMatchObject({ case: 'rotated' });
  });

  it('two rotations by a colleague: the links are walked through the key they never held', async () => {
    await awayWhileRotated(2);
    expect(await coord2Notice()).toMatchObject({ case: 'rotated' });
  });

  it('the kept key removed from their slot, or the links from the keyring: not vouched', async () => {
    await awayWhileRotated(1);
    const k = readKeyring(keyringPath());
    const slot = findSlot(k, 'coord2') as KeySlotV2;
    expect(slot.keys.coordinatorPinned).toBeDefined();
    const { coordinatorPinned: _gone, ...keys } = slot.keys;
    writeKeyring(keyringPath(), replaceSlot(k, { ...slot, keys }));
    expect(await coord2Notice()).toMatchObject({ case: 'unvouched' });
    await t.call('auth.lock', {}, 'coord2');
    writeKeyring(keyringPath(), { ...k, coordinatorLineage: [] });
    const notice = await coord2Notice();
    expect(notice).toMatchObject({ case: 'unvouched' });
    // The words say what is known (the file's records do not lead back) and both causes, not only a usurper.
    expect(notice?.message).toContain('taizhang.keyring.json 里的更换记录连不回');
    expect(notice?.message).toContain('记录在本程序之外被删改过');
    expect(notice?.message).toContain('请不要让别人为您重设密码');
  });
});
