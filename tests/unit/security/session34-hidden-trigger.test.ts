/**
 * The twentieth attack run (session 34) on S33-A7's fix (aed195b3, db/program-triggers.ts: a ledger holding a trigger
 * the program did not make is not opened). The check lists the triggers as `sqlite_master` rows `WHERE type =
 * 'trigger'`. SQLite builds its schema from each row's `sql` text, and compares a row's type with what that text makes
 * without regard to case; `=` does not. With the database key alone (a viewer, offline) and the schema made writable
 * (`unsafeMode`, `writable_schema`: any SQLite build lets the file's holder do it), a row typed `TRIGGER` is a live
 * trigger the check never sees.
 *
 * S34-A1: S33-A7's attack through the hidden trigger, made quiet: every insert of the binding marker deleted at once
 * (no error, so the unlock goes through). Two residents' phones swapped offline with their MACs cleared: the
 * coordinator unlocks, and `residents.reveal` of A's phone opens B's `13903722003`: the second run's row swap, back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { B_PHONE, twoPhonesSwapped } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

/** Puts `sql` (a CREATE TRIGGER) into the schema as a row of type `type`, as the file's holder can. */
function plantTrigger(db: Database, name: string, table: string, sql: string, type = 'TRIGGER'): void {
  db.unsafeMode(true);
  db.pragma('writable_schema = ON');
  db.prepare(`INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)`).run(type, name, table, sql);
  db.pragma('writable_schema = OFF');
}

const QUIET = `CREATE TRIGGER keep_off AFTER INSERT ON meta WHEN NEW.key = 'rows_bound' BEGIN DELETE FROM meta WHERE key = 'rows_bound'; END`;

async function swappedWith(type: string): Promise<{ a: number; b: number }> {
  t = await openTestLedger();
  return twoPhonesSwapped(t, { more: (db) => plantTrigger(db, 'keep_off', 'meta', QUIET, type) });
}

describe('S34-A1: a trigger whose schema row is typed TRIGGER', () => {
  // S34-A1, fixed by the lead (db/program-schema.ts: a schema row of any case of type is asked, odd types refused); was
  // red: program-triggers.ts listed `type = 'trigger'` only, the unlock went through and A's phone opened as B's.
  it('is refused like any foreign trigger; A’s phone never opens as B’s', async () => {
    const { a } = await swappedWith('TRIGGER');
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    const got = await t.raw('residents.reveal', { residentId: a, field: 'phone' });
    expect(JSON.stringify(got), JSON.stringify(unlocked)).not.toContain(B_PHONE);
    expect(unlocked).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringContaining('keep_off') } });
  });

  it('typed `trigger` the same quiet trigger is refused (held: aed195b3)', async () => {
    const { a } = await swappedWith('trigger');
    const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
    expect(unlocked).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED', message: expect.stringContaining('keep_off') } });
    expect(await t.raw('residents.reveal', { residentId: a, field: 'phone' })).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});
