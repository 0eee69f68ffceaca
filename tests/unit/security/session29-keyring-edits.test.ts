/**
 * The fifteenth attack run (session 29, docs/security/attack-run-session29.md): offline keyring edits by someone with
 * the files and a viewer's password (so the database key): duplicate slot names, slots reordered. `findSlot` takes the
 * first slot of a name; a rotation walks every slot.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, type Keyring } from '../../../electron/core/db/keyring';
import { makeSlot, openSlotKeys } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, TEST_KDF, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const path = () => join(t.dir, 'taizhang.keyring.json');
const keyring = (): Keyring => JSON.parse(readFileSync(path(), 'utf8')) as Keyring;
const ATTACKER = 'viewer-own-pass-9';

/** The viewer, offline: a second slot named `name`, of a password they chose, put after the real one. */
function plantDuplicate(name: string): void {
  const k = keyring();
  const viewerDb = openSlotKeys(k.ledgerId, findSlot(k, 'viewer1')!, PASSWORD)!.dbKey;
  // A key of their own where the sensitive key goes: the slot "holds" one (slotHoldsSensitive).
  const twin = makeSlot(k.ledgerId, name, ATTACKER, { dbKey: viewerDb, sensitiveKey: Buffer.alloc(32, 7) }, TEST_KDF);
  k.slots.push(twin);
  writeFileSync(path(), JSON.stringify(k, null, 2));
}

/** Every slot named `name` the attacker's password opens, with the keys it gives. */
const attackerOpens = (name: string) =>
  keyring()
    .slots.filter((s) => s.name === name)
    .map((s) => openSlotKeys(keyring().ledgerId, s, ATTACKER))
    .filter((k) => k !== null);

describe('a second slot of a clerk’s name, planted after theirs by a viewer', () => {
  // S29-A1: the rotation judged a name by its first slot (auth/keys.ts entitlement → findSlot) and walked every slot
  // (keys/rotation.ts); replaceSlot kept the last of a name: the planted twin got the new database key and the new
  // sensitive key, and pushed the clerk's own slot out. Now a keyring with two slots of one name is refused wherever it
  // is read (db/keyring.ts refuseTwinSlots, LEDGER_DAMAGED, naming the slot) and never written: no rotation runs on it.
  const damaged = /密钥文件（taizhang\.keyring\.json）中「clerk1」有两项：它在本程序之外被改动过/;

  it('S29-A1: 更换密钥 gives the planted twin neither new key (planted while the coordinator’s window is open: refused)', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
    const before = t.core.services.ledger.heldKeys();
    const keys = { db: Buffer.from(before.dbKey), sensitive: Buffer.from(before.sensitiveKey!) };
    plantDuplicate('clerk1');
    const planted = readFileSync(path(), 'utf8');

    const refused = await t.fail('users.rotateKeys', rotating());
    expect(refused.code).toBe('LEDGER_DAMAGED');
    expect(refused.message).toMatch(damaged);
    // No new keys anywhere: the ledger's are the ones before, the keyring as planted, the twin holds its own dummy.
    const held = t.core.services.ledger.heldKeys();
    expect(held.dbKey.equals(keys.db) && held.sensitiveKey!.equals(keys.sensitive)).toBe(true);
    expect(readFileSync(path(), 'utf8')).toBe(planted);
    expect(attackerOpens('clerk1').some((k) => k.sensitiveKey?.equals(keys.sensitive))).toBe(false);
    // Nor does the clerk's sign-in go through the planted keyring.
    expect((await t.fail('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).code).toBe('LEDGER_DAMAGED');
  });

  it('S29-A1: 停用 of the viewer who planted it (its rotation) leaves them neither new key (planted offline: the ledger refuses to open)', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
    await t.call('auth.lock', {});
    plantDuplicate('clerk1');
    const planted = readFileSync(path(), 'utf8');

    // The coordinator cannot sign in to disable anyone on this keyring: told why, before any password is judged.
    const status = await t.call('setup.status', {}, 'x');
    expect(status.problem?.code).toBe('LEDGER_DAMAGED');
    expect(status.problem?.message).toMatch(damaged);
    const refused = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(refused.code).toBe('LEDGER_DAMAGED');
    expect(t.core.services.ledger.isOpen()).toBe(false);
    expect(readFileSync(path(), 'utf8')).toBe(planted);
    // The viewer's own sign-in is refused the same way.
    expect((await t.fail('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).code).toBe('LEDGER_DAMAGED');
  });

  // S29-A1 (addendum, on 262cb94): rotation.ts made the rotating user's slot anew only for the exact name; a twin `ADMIN`
  // was resealed with admin's entitlement (database, sensitive and coordinator key) and replaceSlot (sameUsername) then
  // dropped admin's new slot for it, locking the coordinator out (red on a73219a before the fix: the twin held all three
  // new keys, admin's new password WRONG_PASSWORD). Twins are now refused as sameUsername compares them.
  it('S29-A1: a twin in other letter case of the rotating coordinator: 更换密钥 refused, no key moves, the keyring untouched', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    await t.call('auth.lock', {}, 'viewer1');
    const before = t.core.services.ledger.heldKeys();
    const keys = { db: Buffer.from(before.dbKey), sensitive: Buffer.from(before.sensitiveKey!) };
    plantDuplicate('ADMIN');
    const planted = readFileSync(path(), 'utf8');

    expect((await t.fail('users.rotateKeys', rotating())).code).toBe('LEDGER_DAMAGED');
    expect(readFileSync(path(), 'utf8')).toBe(planted);
    const held = t.core.services.ledger.heldKeys();
    expect(held.dbKey.equals(keys.db) && held.sensitiveKey!.equals(keys.sensitive)).toBe(true);
    expect(attackerOpens('ADMIN').some((k) => k.sensitiveKey?.equals(keys.sensitive))).toBe(false);
    await t.call('auth.lock', {});
    expect((await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password })).code).toBe('LEDGER_DAMAGED');
  });
});
