/**
 * Session 15's attack run (docs/security/attack-run-session15.md, K2 and K3):
 * a rotation re-sealed the new keys to every slot in the keyring, the new
 * sensitive key to every slot that merely had a `keys.sensitive` entry. A viewer
 * who can write the folder added such an entry to their own slot, or a whole
 * slot for nobody, and the coordinator's 「更换密钥」 (or a disable) handed them
 * both new keys. A rotation now re-seals to enabled users and the recovery slot
 * only, and the sensitive key only to vouched clerks and coordinators.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, RECOVERY_SLOT, type Keyring } from '../../../electron/core/db/keyring';
import { makeSlot, openSlotKeys, type KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, ADMIN_NEXT, PASSWORD, TEST_KDF, openTestLedger, type TestLedger, rotating } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const path = () => join(t.dir, 'taizhang.keyring.json');
const keyring = (): Keyring => JSON.parse(readFileSync(path(), 'utf8')) as Keyring;
const keysOf = (name: string, secret: string) => openSlotKeys(keyring().ledgerId, findSlot(keyring(), name)!, secret);

describe('a key rotation after a viewer wrote the keyring', () => {
  it('gives the new keys to no slot the viewer planted and the new sensitive key to no viewer', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);

    // Offline, with the viewer's password only: a present-looking sensitive entry and a slot for nobody.
    const k = keyring();
    const viewerDb = keysOf('viewer1', PASSWORD)!.dbKey;
    const own = findSlot(k, 'viewer1') as KeySlotV2;
    own.keys.sensitive = { ...own.keys.db };
    const rogue = makeSlot(k.ledgerId, 'zz-nobody', 'rogue-pass-1', { dbKey: viewerDb, sensitiveKey: null }, TEST_KDF);
    rogue.keys.sensitive = { ...rogue.keys.db };
    k.slots.push(rogue);
    writeFileSync(path(), JSON.stringify(k, null, 2));

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const { recoveryKey } = await t.call('users.rotateKeys', { ...rotating() });
    await t.call('auth.lock', {});

    const admin = keysOf(ADMIN.username, ADMIN_NEXT)!;
    expect(findSlot(keyring(), 'zz-nobody')).toBeUndefined();
    expect(keysOf('viewer1', PASSWORD)).toEqual({ dbKey: admin.dbKey, sensitiveKey: null });
    expect(admin.dbKey.equals(viewerDb)).toBe(false);
    for (const [name, secret] of [
      ['clerk1', PASSWORD],
      // The recovery slot made afresh for the rotation's new recovery key (session 21).
      [RECOVERY_SLOT, recoveryKey!],
    ] as const) {
      const held = keysOf(name, secret)!;
      expect(held.dbKey.equals(admin.dbKey), name).toBe(true);
      expect(held.sensitiveKey?.equals(admin.sensitiveKey!), name).toBe(true);
    }
  });
});
