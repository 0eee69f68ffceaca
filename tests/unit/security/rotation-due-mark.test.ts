/**
 * Session 17's attack run (docs/security/attack-run-session17.md, S4): with the files and the database key, something
 * holds a rotation off (here a version-1 recovery slot written in place of the real one), the coordinator disables a
 * clerk, and the rotation is left due; offline, the `meta.keys_rotation_due` row is deleted. The rotation owed was
 * forgotten: the key the clerk saved kept opening the ledger after the blocker was cleared. The log's 'due' row,
 * which cannot be removed without the anchor noticing, now keeps it owed.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, openSlotKeys, readKeyring, RECOVERY_SLOT, writeKeyring } from '../../../electron/core/db/keyring';
import { makeSlotV1 } from '../../../electron/core/db/keyslot';
import { openAsViewerOffline } from '../../helpers/attacker';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

/** Offline with the clerk's password: their database key kept, and a version-1 recovery slot of the attacker's own. */
function plantRecoveryBlocker(): Buffer {
  const k = readKeyring(keyringPath());
  const keys = openSlotKeys(k.ledgerId, findSlot(k, 'clerk1')!, PASSWORD)!;
  const slots = k.slots.filter((s) => s.name !== RECOVERY_SLOT);
  writeKeyring(keyringPath(), { ...k, slots: [...slots, makeSlotV1(RECOVERY_SLOT, 'attacker-recovery', { dbKey: keys.dbKey, sensitiveKey: null }, TEST_KDF)] });
  return Buffer.from(keys.dbKey);
}

describe('the rotation-due mark deleted', () => {
  it('the rotation stays owed by the log, and runs once the blocker is cleared: the key the clerk saved stops opening the ledger', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
    const saved = plantRecoveryBlocker();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!.id;
    await t.call('users.disable', { id: clerk, ...rotating() });
    expect((await t.call('users.keyStatus', {})).rotationDue).toMatchObject({ reason: expect.stringContaining('停用') });
    await t.call('auth.lock', {});

    const db = openAsViewerOffline(t.dir);
    db.prepare(`DELETE FROM meta WHERE key = 'keys_rotation_due'`).run();
    db.close();

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    // Before the fix: null, and nothing left to say a rotation was owed.
    expect((await t.call('users.keyStatus', {})).rotationDue).toMatchObject({ reason: expect.stringContaining('停用') });
    // The blocker cleared in the app (a new recovery key); the next coordinator unlock runs the rotation owed.
    await t.call('users.newRecoveryKey', {});
    await t.call('auth.lock', {});
    // Run once the coordinator sets a new password at that sign-in (every rotation ends on one).
    expect((await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).rotationDue).toMatchObject({
      reason: expect.stringContaining('停用'),
    });
    await t.call('auth.finishRotation', rotating());
    expect((await t.call('users.keyStatus', {})).rotationDue).toBeNull();
    expect(t.core.services.ledger.currentKey().equals(saved)).toBe(false);
  });
});
