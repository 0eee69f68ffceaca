/**
 * Keyring version 2 (a key pair per slot) from a version-1 keyring: nobody is
 * locked out, each slot is converted at its own next unlock, the sensitive key
 * ends in exactly the clerks', coordinators' and recovery slots, and a slot
 * that should hold it is given it without a password (audited).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import { isV2, makeSlotV1, openSlotKeys, slotHoldsSensitive, type SlotKeys } from '../../../electron/core/db/keyslot';
import { openEncrypted } from '../../../electron/core/db/open';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, rotating, type TestLedger, ROLES_AS_FOUND } from '../../helpers/ledger';

// These ledgers predate coordinator keys; the coordinator's role counts as it did then (the recovery key's
// confirmation, CR1-U's fix, is tested in tests/unit/auth/coordinator-upgrade.test.ts).

let t: TestLedger;
afterEach(() => t?.close());

const ID = '410102199003071234';

const keyringOf = (): Keyring => readKeyring(t.core.services.ledger.paths.keyring);
function keysOf(name: string, secret: string): SlotKeys | null {
  const k = keyringOf();
  const slot = findSlot(k, name);
  return slot ? openSlotKeys(k.ledgerId, slot, secret) : null;
}

/**
 * Rewrites the keyring exactly as the previous version (main before keyring
 * version 2) wrote it: every slot wrapped under scrypt(secret), the sensitive
 * key beside the database key where `holdsSensitive` says, version 1, no keyId.
 */
function asVersion1(secrets: Record<string, string>, holdsSensitive: (name: string) => boolean): void {
  const k = keyringOf();
  const slots = k.slots.map((s) => {
    const keys = openSlotKeys(k.ledgerId, s, secrets[s.name]!)!;
    return makeSlotV1(s.name, secrets[s.name]!, { dbKey: keys.dbKey, sensitiveKey: holdsSensitive(s.name) ? keys.sensitiveKey : null }, TEST_KDF);
  });
  const { keyId: _none, ...rest } = k;
  // Nor had that version vouched for any slot's public key (migration 064 finds none).
  const db = openEncrypted(t.core.services.ledger.paths.db, openSlotKeys(k.ledgerId, k.slots[0]!, secrets[k.slots[0]!.name]!)!.dbKey);
  db.prepare(`DELETE FROM slot_keys`).run();
  db.close();
  writeFileSync(t.core.services.ledger.paths.keyring, JSON.stringify({ ...rest, version: 1, slots }, null, 2));
}

async function lockAll(...sessions: string[]): Promise<void> {
  for (const s of sessions) await t.call('auth.lock', {}, s);
}

describe('keyring version 2 from a version-1 keyring', () => {
  it('unlocks a coordinator, a clerk, a viewer and the recovery key, converting each slot; the sensitive key only where it belongs', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    const sealed = t.core.services.ledger.sealer()!.seal('test.id_number', ID);
    await lockAll('admin', 'clerk1', 'viewer1');
    const secrets = { [ADMIN.username]: ADMIN.password, clerk1: PASSWORD, viewer1: PASSWORD, [RECOVERY_SLOT]: t.recoveryKey };
    asVersion1(secrets, (name) => name !== 'viewer1');
    expect(JSON.parse(readFileSync(t.core.services.ledger.paths.keyring, 'utf8')).version).toBe(1);
    expect(keyringOf().slots.some(isV2)).toBe(false);

    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
    expect(isV2(findSlot(keyringOf(), 'viewer1')!)).toBe(true);
    expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.ledger.sealer()!.open('test.id_number', sealed)).toBe(ID);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await lockAll('admin', 'clerk1', 'viewer1');
    // The recovery slot converts at its next use (here: a clerk who forgot the password).
    await t.call('auth.recover', { username: 'clerk1', recoveryKey: t.recoveryKey, newPassword: 'new-pass-2020' }, 'clerk1');
    expect(t.core.services.ledger.sealer()!.open('test.id_number', sealed)).toBe(ID);

    const after = keyringOf();
    // Written as version 3 since slots are pinned (db/keyslot.ts), 4 since pins name a public key (db/coordinator-pin.ts): an older program refuses it rather than misread it.
    expect(JSON.parse(readFileSync(t.core.services.ledger.paths.keyring, 'utf8')).version).toBe(4);
    expect(after.slots.every(isV2)).toBe(true);
    expect(after.slots.filter(slotHoldsSensitive).map((s) => s.name)).toEqual(expect.arrayContaining([ADMIN.username, 'clerk1', RECOVERY_SLOT]));
    expect(after.slots.filter(slotHoldsSensitive)).toHaveLength(3);
    const admin = keysOf(ADMIN.username, ADMIN.password)!;
    for (const [name, secret] of [
      ['clerk1', 'new-pass-2020'],
      [RECOVERY_SLOT, t.recoveryKey],
    ] as const) {
      const k = keysOf(name, secret)!;
      expect(k.dbKey.equals(admin.dbKey)).toBe(true);
      expect(k.sensitiveKey!.equals(admin.sensitiveKey!)).toBe(true);
    }
    expect(keysOf('viewer1', PASSWORD)).toEqual({ dbKey: admin.dbKey, sensitiveKey: null });
  });

  // Since session 22 the key granted counts only after a reset: clerk1's first unlock converted the slot to version 3
  // pinned to no key, and a pin naming none never counts a key sealed in later (db/ledger-pins.ts; W1 through a
  // promotion). Before, clerk1 took the granted key at the next sign-in.
  it('gives the sensitive key to a clerk whose slot predates it, at the next unlock of a holder, and audits who gave it; it counts after a reset', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    await t.sessionAs('clerk', 'clerk1');
    await lockAll('admin', 'clerk1');
    asVersion1({ [ADMIN.username]: ADMIN.password, clerk1: PASSWORD, [RECOVERY_SLOT]: t.recoveryKey }, (name) => name !== 'clerk1');
    await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(false);
    await lockAll('clerk1');
    expect(slotHoldsSensitive(findSlot(keyringOf(), 'clerk1')!)).toBe(false);

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(slotHoldsSensitive(findSlot(keyringOf(), 'clerk1')!)).toBe(true);
    const log = await t.call('audit.list', { filter: { channel: 'keys.grant' }, offset: 0, limit: 5 });
    expect(log.rows.map((r) => r.summary)).toEqual(['王建国 把敏感信息密钥交给了「测试clerk」']);
    expect(JSON.stringify(log.rows)).toContain(ADMIN.username);
    const refused = await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(false);
    expect(refused.keyNotice?.case).toBe('promoted');
    const clerk = (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!;
    await t.call('users.resetPassword', { id: clerk.id, password: 'reset-pass-77' });
    await t.call('auth.unlock', { username: 'clerk1', password: 'reset-pass-77' }, 'clerk1');
    expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
  });

  it('gives it to a viewer promoted to clerk at once; a coordinator makes a new recovery key that holds it', async () => {
    t = await openTestLedger(ROLES_AS_FOUND);
    await t.sessionAs('viewer', 'viewer1');
    const viewer = (await t.call('users.list', {})).find((u) => u.username === 'viewer1')!;
    // Not the password they had (auth/password-reuse.ts): a promotion's initial one is new.
    await t.call('users.update', { id: viewer.id, role: 'clerk', initialPassword: 'promoted-pass-1', password: ADMIN.password });
    expect(keysOf('viewer1', 'promoted-pass-1')!.sensitiveKey).toHaveLength(32);

    // A ledger upgraded from before sealing: the recovery slot never got the sensitive key.
    await lockAll('admin');
    asVersion1({ [ADMIN.username]: ADMIN.password, viewer1: 'promoted-pass-1', [RECOVERY_SLOT]: t.recoveryKey }, (name) => name !== RECOVERY_SLOT);
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(await t.call('users.keyStatus', {})).toMatchObject({
      recoveryHoldsSensitive: false,
      recoveryUpgraded: false,
      notSignedInSinceUpgrade: ['测试viewer'],
    });
    expect((await t.fail('users.rotateKeys', rotating(), 'viewer1')).code).toBe('UNAUTHENTICATED');
    // 生成新的恢复密钥 is a rotation (S31-A1): it waits for the viewer's first sign-in (their old-layout slot would be
    // locked out), not for the old-layout recovery slot, which it makes afresh.
    expect(await t.fail('users.rotateKeys', rotating())).toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('「viewer1」') });
    await t.call('auth.unlock', { username: 'viewer1', password: 'promoted-pass-1' }, 'viewer1');
    const { recoveryKey } = await t.call('users.rotateKeys', rotating());
    expect(recoveryKey).not.toBe(t.recoveryKey);
    expect(await t.call('users.keyStatus', {})).toMatchObject({ recoveryHoldsSensitive: true, recoveryUpgraded: true });
    expect(JSON.stringify(await t.call('audit.list', { filter: {}, offset: 0, limit: 50 }))).not.toContain(recoveryKey);
    await lockAll('admin');
    expect((await t.fail('auth.recover', { username: ADMIN.username, recoveryKey: t.recoveryKey, newPassword: 'another-pass-1' })).code).toBe('WRONG_PASSWORD');
    await new Promise((r) => setTimeout(r, 20));
    await t.call('auth.recover', { username: ADMIN.username, recoveryKey: recoveryKey!, newPassword: 'another-pass-1' });
    expect(t.core.services.sessions.get('admin')!.sensitive).toBe(true);
  });
});
