/**
 * The nineteenth attack run (session 33): meta rows the keys' code reads, written with junk offline by a viewer (meta is
 * written with the database key alone). The coordinator's sign-in must still work (RD3 and T1's rule: damage is
 * reported, never every sign-in answering 程序内部出错). Held for each. (Junk in `coordinators_vouched` vouches for
 * nobody: the coordinator signs in as 录入员 and is told, coordinator-key.test.ts's "loud, not quiet" by design.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, rotating, type TestLedger } from '../../helpers/ledger';
import { offline } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('held: junk in the keys’ meta rows, then the coordinator signs in', () => {
  for (const key of ['coordinators_vouched', 'audit_rechained_user_rows', 'sensitive_key_history', 'keys_last_rotation', 'audit_clear_before']) {
    it(`meta ${key}: the coordinator’s sign-in is answered, not INTERNAL`, async () => {
      t = await openTestLedger();
      await t.sessionAs('viewer', 'viewer1');
      await t.call('users.rotateKeys', { ...rotating() });
      for (const s of ['viewer1', 'admin']) await t.call('auth.lock', {}, s);
      offline(t, (db) => db.prepare(`INSERT INTO meta (key, value) VALUES (?, 'junk{') ON CONFLICT(key) DO UPDATE SET value = excluded.value`).run(key));
      const r = await t.raw('auth.unlock', { username: ADMIN.username, password: rotating().newPassword });
      expect(r.ok === false ? r.error.code : 'ok').not.toBe('INTERNAL');
    });
  }
});
