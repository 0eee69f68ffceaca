/**
 * Session 17's attack run (docs/security/attack-run-session17.md, S2): offline, with the files and a viewer's
 * password only, the viewer writes a role above viewer into their own `users` row and adds a dummy
 * `keys.sensitive` entry (any bytes) to their own slot. The next key holder's unlock took the slot for one that
 * holds the key already and vouched the forged role as found (auth/keys.ts grantPendingKeys, the step for ledgers
 * from before roles were sealed); the dummy removed again, the unlock after that gave the viewer's slot the
 * sensitive key, and the viewer unlocked as coordinator, holding it. The only trace was 「把敏感信息密钥交给了…」.
 * Fixed: roles are taken as found only at the upgrade's unlock (a holder's own slot sealed in the older layout).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Keyring } from '../../../electron/core/db/keyring';
import type { KeySlotV2 } from '../../../electron/core/db/keyslot';
import { ADMIN, PASSWORD, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

const keyringPath = () => join(t.dir, 'taizhang.keyring.json');

/** The viewer's own slot given a dummy `keys.sensitive` (a copy of its sealed database key), or that dummy removed. */
function dummySensitive(present: boolean): void {
  const k = JSON.parse(readFileSync(keyringPath(), 'utf8')) as Keyring;
  const slot = k.slots.find((s) => s.name === 'viewer1') as KeySlotV2;
  if (present) slot.keys.sensitive = { ...slot.keys.db };
  else delete slot.keys.sensitive;
  writeFileSync(keyringPath(), JSON.stringify(k, null, 2));
}

async function adminUnlockAndLock(): Promise<void> {
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  await t.call('auth.lock', {});
}

describe('a viewer who forged their role and put a dummy sensitive key in their own slot', () => {
  for (const role of ['coordinator', 'clerk'] as const) {
    it(`as ${role}: two holder unlocks later the viewer still gets no key and no role above viewer`, async () => {
      t = await openTestLedger();
      await t.sessionAs('clerk', 'clerk1');
      await t.sessionAs('viewer', 'viewer1');
      for (const s of ['clerk1', 'viewer1', 'admin']) await t.call('auth.lock', {}, s);
      offline(t, (db) => db.prepare(`UPDATE users SET role = @role WHERE username = 'viewer1'`).run({ role }));
      dummySensitive(true);
      await adminUnlockAndLock();
      dummySensitive(false);
      await adminUnlockAndLock();
      // Before the fix: the second unlock sealed the sensitive key to the viewer's slot; the viewer unlocked as `role`.
      const slot = (JSON.parse(readFileSync(keyringPath(), 'utf8')) as Keyring).slots.find((s) => s.name === 'viewer1') as KeySlotV2;
      expect(slot.keys.sensitive).toBeUndefined();
      const unlocked = await t.call('auth.unlock', { username: 'viewer1', password: PASSWORD }, 'viewer1');
      expect(unlocked.user.role).toBe('viewer');
      expect(t.core.services.sessions.get('viewer1')!.sensitive).toBe(false);
      // The office is told: the forged role is refused at the grant (not vouched), the honest clerk keeps the key.
      await t.call('auth.unlock', { username: 'clerk1', password: PASSWORD }, 'clerk1');
      expect(t.core.services.sessions.get('clerk1')!.sensitive).toBe(true);
    });
  }
});
