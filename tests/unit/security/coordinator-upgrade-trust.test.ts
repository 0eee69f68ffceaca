/**
 * Tenth attack run (session 24), on CR1's fix (w40-cr1): the upgrade trusts the roles as found (CR1-U). A clerk who
 * wrote `role = 'coordinator'` into their own row before the upgrade (CR1 as the ninth run made it, with the role
 * seal re-made under the sensitive key every clerk holds) is listed among the coordinators by the first coordinator
 * unlock after it (`trustedAsFound`), signs in as 统筹负责人 with no notice and resets the real coordinator's
 * password. Signed in first themselves, their own unlock makes the coordinator key and their slot holds it.
 * Left (auth/*, w40-cr1's): see docs/security/attack-run-session24.md for what would close it.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { vouchRole } from '../../../electron/core/auth/vouched-roles';
import { getUserByName } from '../../../electron/core/auth/user-queries';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { coordinatorKeyTestHooks } from '../../../electron/core/db/keyslot-coordinator';
import { openEncrypted } from '../../../electron/core/db/open';
import { makeSealer } from '../../../electron/core/db/sealer';
import { asWriteDb } from '../../../electron/core/db/types';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => {
  coordinatorKeyTestHooks.make = true;
  t?.close();
});

/** A ledger made before coordinator keys, its clerk made coordinator offline (CR1) before the upgrade. */
async function editedBeforeUpgrade(): Promise<void> {
  coordinatorKeyTestHooks.make = false;
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  for (const s of ['admin', 'clerk1']) await t.call('auth.lock', {}, s);
  const keyring = readKeyring(join(t.dir, 'taizhang.keyring.json'));
  const keys = openSlotKeys(keyring.ledgerId, findSlot(keyring, 'clerk1')!, PASSWORD)!;
  const db = openEncrypted(join(t.dir, 'taizhang.db'), keys.dbKey);
  db.prepare(`UPDATE users SET role = 'coordinator' WHERE username = 'clerk1'`).run();
  vouchRole(asWriteDb(db), makeSealer(keys.sensitiveKey!), getUserByName(db, 'clerk1')!);
  db.close();
  coordinatorKeyTestHooks.make = true;
}

describe('the upgrade to coordinator keys, on a ledger a clerk edited before it', () => {
  it.fails('the real coordinator upgrades: the clerk stays 录入员 and cannot reset their password (CR1-U, left)', async () => {
    await editedBeforeUpgrade();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    // Today: role 'coordinator', keyNotice null, and the reset answers ok.
    expect((await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).user.role).toBe('clerk');
    expect((await t.raw('users.resetPassword', { id: 1, password: 'taken-over-1234' }, 'clerk1')).ok).toBe(false);
  });

  it.fails('the clerk signs in first after the upgrade: their unlock does not make the coordinator key for their slot (CR1-U, left)', async () => {
    await editedBeforeUpgrade();
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    // Today: their slot carries the coordinator pin, made by their own unlock.
    expect((findSlot(readKeyring(join(t.dir, 'taizhang.keyring.json')), 'clerk1') as { coordinatorPin?: string }).coordinatorPin).toBeUndefined();
  });
});
