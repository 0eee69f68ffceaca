/**
 * Tenth attack run (session 24), on CR1's fix (w40-cr1): the upgrade trusts the roles as found (CR1-U). A clerk who
 * wrote `role = 'coordinator'` into their own row before the upgrade (CR1 as the ninth run made it, with the role
 * seal re-made under the sensitive key every clerk holds) is listed among the coordinators by the first coordinator
 * unlock after it (`trustedAsFound`), signs in as 统筹负责人 with no notice and resets the real coordinator's
 * password. Signed in first themselves, their own unlock makes the coordinator key and their slot holds it.
 * Closed by w41-cr1u (auth/coordinator-upgrade.ts): no unlock makes the key; the first coordinator confirms with the
 * recovery key, and only they are listed. The attacks are kept as they ran.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring } from '../../../electron/core/db/keyring';
import { forgeCoordinatorRow } from '../../helpers/forged-coordinator';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

/** This file's coordinator-key mode, given to every core it makes: `make` false while a ledger is made as the version before coordinator keys did. */
const keyMode = { make: true, rolesAsFound: false };

let t: TestLedger;
afterEach(() => {
  keyMode.make = true;
  t?.close();
});

/** A ledger made before coordinator keys, its clerk made coordinator offline (CR1) before the upgrade. */
async function editedBeforeUpgrade(): Promise<void> {
  keyMode.make = false;
  t = await openTestLedger({ core: { coordinatorKeys: keyMode } });
  await t.sessionAs('clerk', 'clerk1');
  for (const s of ['admin', 'clerk1']) await t.call('auth.lock', {}, s);
  forgeCoordinatorRow(t.dir, 'clerk1', PASSWORD);
  keyMode.make = true;
}

describe('the upgrade to coordinator keys, on a ledger a clerk edited before it', () => {
  it('the real coordinator upgrades: the clerk stays 录入员 and cannot reset their password (CR1-U)', async () => {
    await editedBeforeUpgrade();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('auth.confirmCoordinator', { recoveryKey: t.recoveryKey, password: ADMIN.password });
    // Before the fix: role 'coordinator', keyNotice null, and the reset answered ok.
    expect((await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).user.role).toBe('clerk');
    expect((await t.raw('users.resetPassword', { id: 1, password: 'taken-over-1234' }, 'clerk1')).ok).toBe(false);
  });

  it('the clerk signs in first after the upgrade: their unlock does not make the coordinator key for their slot (CR1-U)', async () => {
    await editedBeforeUpgrade();
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    // Before the fix: their slot carried the coordinator pin, made by their own unlock.
    expect((findSlot(readKeyring(join(t.dir, 'taizhang.keyring.json')), 'clerk1') as { coordinatorPin?: string }).coordinatorPin).toBeUndefined();
  });
});
