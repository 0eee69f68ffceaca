/**
 * Session 17's attack run (docs/security/attack-run-session17.md, S3): with the files and the database key (a
 * viewer, or a clerk about to be disabled), a version-1 slot for a made-up name is added to the keyring. Every
 * version-1 slot counted as a user not signed in since the keyring upgrade, so every rotation waited for it: the
 * disable of the clerk left the rotation due for ever, 「更换密钥」 was refused, and the key the clerk saved
 * before still opened the ledger. A slot of no enabled user is dropped by a rotation anyway: it no longer blocks.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, openSlotKeys, readKeyring, writeKeyring } from '../../../electron/core/db/keyring';
import { makeSlotV1 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

/** Offline with the clerk's password: their database key kept, and a version-1 slot for a name nobody has. */
function plantGhost(): Buffer {
  const k = readKeyring(keyringPath());
  const keys = openSlotKeys(k.ledgerId, findSlot(k, 'clerk1')!, PASSWORD)!;
  writeKeyring(keyringPath(), { ...k, slots: [...k.slots, makeSlotV1('ghost', 'ghost-pass-1', { dbKey: keys.dbKey, sensitiveKey: null }, TEST_KDF)] });
  return Buffer.from(keys.dbKey);
}

async function ledgerWithClerk(): Promise<number> {
  t = await openTestLedger();
  await t.sessionAs('clerk', 'clerk1');
  await t.sessionAs('viewer', 'viewer1');
  for (const s of ['clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
  return (await t.call('users.list', {})).find((u) => u.username === 'clerk1')!.id;
}

describe('a version-1 slot for a made-up name', () => {
  it('does not hold off the rotation of a disable: the key the clerk saved stops opening the ledger, the slot is dropped', async () => {
    const clerk = await ledgerWithClerk();
    await t.call('auth.lock', {});
    const saved = plantGhost();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('users.disable', { id: clerk, ...rotating() });
    // Before the fix: rotationDue 「停用了…」 for ever, waiting for 「ghost」; the keys unchanged.
    expect((await t.call('users.keyStatus', {})).rotationDue).toBeNull();
    expect(t.core.services.ledger.currentKey().equals(saved)).toBe(false);
    expect(findSlot(readKeyring(keyringPath()), 'ghost')).toBeUndefined();
  });

  it('does not refuse 「更换密钥」', async () => {
    await ledgerWithClerk();
    await t.call('auth.lock', {});
    plantGhost();
    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    // Before the fix: CONFLICT 「账号「ghost」自升级以来还没有登录过」.
    expect(await t.call('users.rotateKeys', { ...rotating() })).toMatchObject({ rotated: true });
    await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
  });
});
