/**
 * Who holds the sensitive key: the first coordinator and the recovery slot from
 * the start, clerks and coordinators created later, never a viewer; a password
 * change keeps it, a demotion to viewer takes it away, a ledger made before
 * sealing existed gets one at the first clerk's or coordinator's unlock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, openSlotKeys, readKeyring } from '../../../electron/core/db/keyring';
import { slotHoldsSensitive } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger, rotating, ROLES_AS_FOUND } from '../../helpers/ledger';
import { keyringBeforeSealing, testSecrets } from '../../helpers/before-sealing';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
afterEach(() => t?.close());

const keysOf = (name: string, secret: string) => {
  const keyring = readKeyring(t.core.services.ledger.paths.keyring);
  const slot = findSlot(keyring, name);
  return slot ? openSlotKeys(keyring.ledgerId, slot, secret) : null;
};

describe('sensitive key in the keyring', () => {
  it('is in the first coordinator slot and the recovery slot, the same key in both', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    const admin = keysOf(ADMIN.username, ADMIN.password)!;
    const recovery = keysOf('#recovery', t.recoveryKey)!;
    expect(admin.sensitiveKey).toHaveLength(32);
    expect(recovery.sensitiveKey!.equals(admin.sensitiveKey!)).toBe(true);
    expect(admin.sensitiveKey!.equals(admin.dbKey)).toBe(false);
  });

  it('is wrapped for a new clerk, never for a new viewer; the viewer session gets no sealer', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    const clerk = await t.sessionAs('clerk', 'clerk1');
    const viewer = await t.sessionAs('viewer', 'viewer1');
    expect(keysOf('clerk1', PASSWORD)!.sensitiveKey).toHaveLength(32);
    const viewerKeys = keysOf('viewer1', PASSWORD)!;
    expect(viewerKeys.dbKey).toHaveLength(32);
    expect(viewerKeys.sensitiveKey).toBeNull();
    expect(slotHoldsSensitive(findSlot(readKeyring(t.core.services.ledger.paths.keyring), 'viewer1')!)).toBe(false);
    expect(t.core.services.sessions.get(clerk)!.sensitive).toBe(true);
    expect(t.core.services.sessions.get(viewer)!.sensitive).toBe(false);
  });

  it('survives a password change, and is taken from a clerk made a viewer', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    await t.sessionAs('clerk', 'clerk1');
    await t.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'another-pass-77' }, 'clerk1');
    expect(keysOf('clerk1', 'another-pass-77')!.sensitiveKey).toHaveLength(32);
    const users = await t.call('users.list', {});
    await t.call('users.update', { id: users.find((u) => u.username === 'clerk1')!.id, role: 'viewer', ...rotating() });
    const after = keysOf('clerk1', 'another-pass-77')!;
    expect(after.dbKey).toHaveLength(32);
    expect(after.sensitiveKey).toBeNull();
  });

  it('is made at the first coordinator unlock of a ledger from before sealing, and that is audited', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    const path = t.core.services.ledger.paths.keyring;
    await t.call('auth.lock', {});
    keyringBeforeSealing(path, testSecrets(t.recoveryKey));
    expect(keysOf(ADMIN.username, ADMIN.password)!.sensitiveKey).toBeNull();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(keysOf(ADMIN.username, ADMIN.password)!.sensitiveKey).toHaveLength(32);
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(true);
    const log = await t.call('audit.list', { filter: { channel: 'auth.unlock' }, offset: 0, limit: 5 });
    expect(JSON.stringify(log)).toContain('sensitiveKeyCreated');
  });
});
