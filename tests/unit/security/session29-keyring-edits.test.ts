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
import { getUserByName } from '../../../electron/core/auth/user-queries';
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
  // S29-A1: the rotation judges a name by its first slot (auth/keys.ts entitlement → findSlot) and walks every slot
  // (keys/rotation.ts); replaceSlot keeps the last of a name. The planted twin gets the new database key and the new
  // sensitive key, and pushes the clerk's own slot out.
  it.fails('S29-A1: 更换密钥 gives the planted twin neither new key', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
    plantDuplicate('clerk1');

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    await t.call('users.rotateKeys', rotating());
    const held = t.core.services.ledger.heldKeys();
    const got = attackerOpens('clerk1');
    expect(got.some((k) => k.dbKey.equals(held.dbKey))).toBe(false);
    expect(got.some((k) => k.sensitiveKey?.equals(held.sensitiveKey!))).toBe(false);
    // The clerk's own password still opens their slot.
    await t.call('auth.lock', {});
    expect((await t.raw('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1')).ok).toBe(true);
  });

  it.fails('S29-A1: 停用 of the viewer who planted it (its rotation) leaves them neither new key', async () => {
    t = await openTestLedger();
    await t.sessionAs('clerk', 'clerk1');
    await t.sessionAs('viewer', 'viewer1');
    for (const s of ['clerk1', 'viewer1']) await t.call('auth.lock', {}, s);
    await t.call('auth.lock', {});
    plantDuplicate('clerk1');

    await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const id = getUserByName(t.core.services.ledger.handle(), 'viewer1')!.id;
    await t.call('users.disable', { id, ...rotating() });
    const held = t.core.services.ledger.heldKeys();
    const got = attackerOpens('clerk1');
    expect(got.some((k) => k.dbKey.equals(held.dbKey))).toBe(false);
    expect(got.some((k) => k.sensitiveKey?.equals(held.sensitiveKey!))).toBe(false);
  });
});
