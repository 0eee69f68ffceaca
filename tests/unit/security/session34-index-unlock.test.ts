/**
 * The twentieth attack run (session 34) on S33-A7's fixes: ee308ee9 ends the session when the unlock's checks after
 * the key throw (afterKeyedUnlock), and aed195b3 refuses a ledger holding a trigger the program did not make. An index
 * is no trigger, yet an expression index runs its expression on every row written, and `json('x')` throws: the
 * database key alone (a viewer, offline) makes any chosen write fail without a trigger.
 *
 * S34-A4: the write chosen is `settleFailures`' meta `throttle_epoch` (its row deleted first, an S33-A5 step), which the
 * unlock makes after `startSession` and before `afterKeyedUnlock`'s try. The unlock answers an error, the window's
 * session stands, and none of the sealing upgrades ran: with the binding marker deleted, two residents' phones swapped
 * (MACs cleared) open as each other's: `residents.reveal` of A's phone → B's `13903722003`. S33-A7 without a trigger.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { B_PHONE, twoPhonesSwapped } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('S34-A4: an expression index makes the unlock fail between its session and its checks', () => {
  // S34-A4, fixed by the lead (the index refused at the open: db/program-schema.ts; and settleUnlock ends the session on
  // any throw after it started: auth/settle-unlock.test.ts); was red: the session stood and A's phone opened as B's.
  it('after a failed unlock the window reads nothing; never A’s phone as B’s', async () => {
    await refusedUnlockThenReveal('throttle_epoch');
  });

  it('the same index on the binding marker: the put-back throws inside afterKeyedUnlock, no session (held: ee308ee9)', async () => {
    const { unlocked, got } = await refusedUnlockThenReveal('rows_bound');
    expect(unlocked.ok).toBe(false);
    expect(got).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });
});

/** Phones swapped (MACs cleared), the marker and meta `key` deleted, an index throwing on `key`; the unlock and a reveal after it. */
async function refusedUnlockThenReveal(key: string) {
  t = await openTestLedger();
  const { a } = await twoPhonesSwapped(t, {
    more: (db) => {
      db.prepare(`DELETE FROM meta WHERE key = @key`).run({ key });
      db.exec(`CREATE INDEX meta_keep_off ON meta (json(CASE WHEN key = '${key}' THEN 'x' ELSE '1' END))`);
    },
  });
  const unlocked = await t.raw('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  const got = await t.raw('residents.reveal', { residentId: a, field: 'phone' });
  expect(JSON.stringify(got), JSON.stringify(unlocked)).not.toContain(B_PHONE);
  if (unlocked.ok === false) expect(got).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  return { unlocked, got };
}
