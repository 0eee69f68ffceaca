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
import { offline, swapColumns } from '../security/swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('a write refused after the unlock’s session started', () => {
  it('ends the window’s session; A’s phone never opens as B’s', async () => {
    t = await openTestLedger();
    await t.sessionAs('viewer', 'viewer1');
    const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
    const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
    const a = await t.call('residents.save', { householdId, name: '王大明', phone: '13803711001' });
    const b = await t.call('residents.save', { householdId, name: '李大红', phone: '13903722003' });
    for (const who of ['viewer1', 'admin']) await t.call('auth.lock', {}, who);
    offline(t, (db) => {
      swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a.id, b.id);
      db.prepare(`UPDATE residents SET row_mac = NULL WHERE id IN (?, ?)`).run(a.id, b.id);
      db.prepare(`DELETE FROM meta WHERE key IN ('rows_bound', 'throttle_epoch')`).run();
      db.unsafeMode(true);
      db.pragma('writable_schema = ON');
      db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'meta'`).run(
        `CREATE TABLE meta (\n  key   TEXT PRIMARY KEY,\n  value TEXT NOT NULL CHECK (key <> 'throttle_epoch')\n)`,
      );
      db.pragma('writable_schema = OFF');
    });
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked.ok, JSON.stringify(unlocked)).toBe(false);
    expect(await t.raw('residents.reveal', { residentId: a.id, field: 'phone' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await t.raw('auth.whoami', {})).toMatchObject({ ok: true, value: null });
    expect(t.core.services.ledger.isOpen()).toBe(false);
  });
});
