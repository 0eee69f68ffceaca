/**
 * An unlock whose writes after the session started fail ends without a session (auth/session-start.ts settleUnlock).
 * The schema check (db/program-schema.ts) refuses foreign triggers, indexes and views at the open, but a table's own
 * SQL is not compared (an older ledger's tables differ in their text), so with the database key alone (a viewer,
 * offline, writable_schema) a CHECK can still be put on `meta` that refuses the throttle's epoch: the first write after
 * the session starts (S34-A4's road, without an index). Before settleUnlock the session stood and no sealing upgrade
 * had run: two residents' phones swapped offline with their MACs cleared opened as each other's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { twoPhonesSwapped } from '../security/swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('a write refused after the unlock’s session started', () => {
  it('ends the window’s session; A’s phone never opens as B’s', async () => {
    t = await openTestLedger();
    const { a } = await twoPhonesSwapped(t, {
      more: (db) => {
        db.prepare(`DELETE FROM meta WHERE key = 'throttle_epoch'`).run();
        db.unsafeMode(true);
        db.pragma('writable_schema = ON');
        db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'meta'`).run(
          `CREATE TABLE meta (\n  key   TEXT PRIMARY KEY,\n  value TEXT NOT NULL CHECK (key <> 'throttle_epoch')\n)`,
        );
        db.pragma('writable_schema = OFF');
      },
    });
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked.ok, JSON.stringify(unlocked)).toBe(false);
    expect(await t.raw('residents.reveal', { residentId: a, field: 'phone' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.raw('auth.whoami', {})).toMatchObject({ ok: true, value: null });
    expect(t.core.services.ledger.isOpen()).toBe(false);
  });
});
