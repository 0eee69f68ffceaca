/**
 * Session 19's attack run (docs/security/attack-run-session19.md, T2): single bytes flipped in the keyring, in the
 * name of a slot's public key field or in a sealed key's ephemeral key (a hex digit made a character that is not
 * one), made that user's sign-in answer INTERNAL (内部错误): the key could not be built, and nothing caught it. A
 * wrong password is still WRONG_PASSWORD; a slot that is no longer one is now said as such, naming it, and the
 * other slots open.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const damage: Array<[string, (slot: KeySlotV2) => KeySlotV2]> = [
  // "publicKey" → "Publickey": the field is gone.
  ['the name of its public key field', ({ publicKey: _renamed, ...slot }) => ({ ...slot, PublicKey: _renamed }) as unknown as KeySlotV2],
  ['the ephemeral key of its database key', (slot) => ({ ...slot, keys: { ...slot.keys, db: { ...slot.keys.db, epk: `'${slot.keys.db.epk.slice(1)}` } } })],
  ['its scrypt parameters', (slot) => ({ ...slot, kdf: { ...slot.kdf, N: 1000 } })],
];

describe("a byte flipped in one user's slot", () => {
  for (const [what, edit] of damage) {
    it(`(${what}): that user is told the slot is damaged, the others sign in`, async () => {
      t = await openTestLedger();
      await t.sessionAs('viewer', 'viewer1');
      for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
      const path = join(t.dir, 'taizhang.keyring.json');
      const keyring = readKeyring(path);
      writeKeyring(path, replaceSlot(keyring, edit(findSlot(keyring, ADMIN.username) as KeySlotV2)));
      // Before: INTERNAL.
      const e = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      // Session 36: that account's problem, not the ledger's (db/slot-damage.ts); the only coordinator: the recovery key.
      expect(e.code).toBe('ACCOUNT_KEY_DAMAGED');
      expect(e.message).toContain(`「${ADMIN.username}」那一项已损坏`);
      expect((await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).user.role).toBe('viewer');
    });
  }
});
