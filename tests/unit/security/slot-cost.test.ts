/**
 * Sixth attack run (C1), a viewer with the ledger folder: a slot's scrypt parameters are read from the keyring as
 * they stand, and the keyring is a file every holder of the folder can write. Setting the coordinator's `p` to a thousand
 * or two (memory stays about as it was; only the time grows, 16 ms a unit at the tests' N on this machine, about
 * 0.85 s at the real N = 2^15) made the coordinator's next sign-in run one scrypt for minutes on the core thread: every
 * window froze with it. N and r grow memory as well (128·N·r bytes). Parameters outside what this program makes
 * (N a power of two from 2^10 to 2^20, r 1–32, at most 256 MB, p 1–4) now say the slot is damaged at once; the
 * other slots open.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findSlot, readKeyring, replaceSlot, writeKeyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
afterEach(() => t?.close());

const costly: Array<[string, (kdf: KeySlotV2['kdf']) => KeySlotV2['kdf']]> = [
  // OpenSSL refuses a p whose buffer (128·r·p) does not fit beside N's in maxmem, which the program sets from N and r:
  // about N + 8192/r, so 2,000 here (half a minute at the tests' N) and some 33,000 at the real N (1,000 of them is 14 minutes).
  ['p = 2000 (half a minute of scrypt at this N)', (kdf) => ({ ...kdf, p: 2000 })],
  // Not tried here: N or r large enough to cost gigabytes (on the code before the fix scrypt would try to allocate them).
  ['N = 2^21 (256 MB at r = 1, above the cap by N alone)', (kdf) => ({ ...kdf, N: 1 << 21, r: 1 })],
  // Seventh attack run (C1b): inside every bound above, 32 times the default's work (N = 2^15, r = 8, p = 1). Before the
  // work cap one sign-in attempt ran 13 s (load 8 on 2 cores), the core blocked; the slot now says it is damaged at once.
  ['N = 2^20, r = 2, p = 4 (within the old bounds, 32 times the default work)', () => ({ N: 1 << 20, r: 2, p: 4 })],
];

describe("a coordinator's slot given costly scrypt parameters", () => {
  for (const [what, edit] of costly) {
    it(`(${what}): the sign-in is told the slot is damaged at once, the core keeps answering`, { timeout: 20_000 }, async () => {
      t = await openTestLedger();
      await t.sessionAs('viewer', 'viewer1');
      for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
      const path = join(t.dir, 'taizhang.keyring.json');
      const keyring = readKeyring(path);
      const slot = findSlot(keyring, ADMIN.username) as KeySlotV2;
      writeKeyring(path, replaceSlot(keyring, { ...slot, kdf: edit(slot.kdf) }));
      const e = await t.fail('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
      expect(e.code).toBe('ACCOUNT_KEY_DAMAGED'); // session 36: that account's, not the ledger's (db/slot-damage.ts)
      expect(e.message).toContain(`「${ADMIN.username}」那一项已损坏`);
      expect((await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1')).user.role).toBe('viewer');
    });
  }
});
