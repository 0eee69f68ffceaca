/**
 * The nineteenth attack run (session 33) on S33-A1's fix (f900327c, bindingMarkerRestore: a binding marker deleted
 * outside the program is put back first of all the sealing upgrades). The database key (a viewer's, offline) also
 * creates triggers: one that refuses the marker's INSERT makes that upgrade, and with it the unlock's sealing upgrades,
 * fail.
 *
 * S33-A7: the coordinator's unlock then answers CONFLICT (「与已有记录冲突…」), yet the window's session stands: its
 * reads run with the marker absent, where a NULL row MAC is "not bound yet", and two residents' phones swapped offline
 * (MACs cleared) open as each other's. The second run's row swap, back through the unlock's error path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { offline, swapColumns } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('S33-A7: a foreign trigger makes the unlock’s sealing upgrades fail', () => {
  // S33-A7, fixed (the unlock ends without a session; a foreign trigger refuses the open: db/program-schema.ts); was red: the unlock CONFLICT, then residents.reveal of A's phone → B's 13903722003 in that window.
  it('after a refused unlock, the window reads nothing; never A’s phone as B’s', async () => {
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
      db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();
      db.exec(`CREATE TRIGGER keep_off BEFORE INSERT ON meta WHEN NEW.key = 'rows_bound' BEGIN SELECT RAISE(ABORT, 'no'); END`);
    });
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const got = await t.raw('residents.reveal', { residentId: a.id, field: 'phone' });
    expect(JSON.stringify(got), JSON.stringify(unlocked)).not.toContain('13903722003');
    if (unlocked.ok === false) expect(got).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
