/**
 * A rotation left due (auth/keys.ts rotateOrMarkDue): the clerk `leaver` disabled while the viewer `viewer1`'s slot was
 * in the layout of before the upgrade (which holds a rotation off), then viewer1 signed in once. The coordinator's next
 * sign-in (on ADMIN_NEXT) carries `rotationDue` and finishes it with auth.finishRotation. Every session locked after.
 */
import { findSlot, openSlotKeys, readKeyring } from '../../electron/core/db/keyring';
import { makeSlotV1 } from '../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, PASSWORD, rotating, TEST_KDF, type TestLedger } from './ledger';

export async function leaveRotationDue(t: TestLedger): Promise<void> {
  await t.sessionAs('clerk', 'leaver');
  await t.sessionAs('viewer', 'viewer1');
  await t.call('auth.changePassword', { oldPassword: ADMIN.password, newPassword: ADMIN_NEXT });
  const ledger = t.core.services.ledger;
  const k = readKeyring(ledger.paths.keyring);
  const viewerKeys = openSlotKeys(k.ledgerId, findSlot(k, 'viewer1')!, PASSWORD)!;
  ledger.saveKeyring({ ...k, slots: k.slots.map((s) => (s.name === 'viewer1' ? makeSlotV1('viewer1', PASSWORD, viewerKeys, TEST_KDF) : s)) });
  const leaver = (await t.call('users.list', {})).find((u) => u.username === 'leaver')!.id;
  await t.call('users.disable', { id: leaver, ...rotating(ADMIN_NEXT, 'correct-horse-3') });
  for (const s of ['admin', 'viewer1']) await t.call('auth.lock', {}, s);
  await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
  await t.call('auth.lock', {}, 'viewer1');
}
