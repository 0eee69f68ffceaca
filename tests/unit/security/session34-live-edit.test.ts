/**
 * The twentieth attack run (session 34): the database key's edits made while a key holder's session is open, not
 * offline. The ledger runs in WAL mode with normal locking, so another process holding the key (a viewer's password,
 * the same office PC, the same account's files) writes the file between the app's statements, and the app reads it
 * at once. S33-A1's fix (bindingMarkerRestore) and aed195b3's trigger check run at the unlock only.
 *
 * S34-A2: two residents' phones swapped with their MACs cleared and the binding marker deleted while the coordinator's
 * window is signed in: `residents.reveal` of A's phone in that window opens B's `13903722003` (a NULL MAC is "not bound
 * yet" while the marker is absent). The same swap with the marker left: refused (held).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { B_PHONE, twoPhonesSwapped } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

async function swappedLive(deleteMarker: boolean): Promise<number> {
  t = await openTestLedger();
  // The coordinator's window stays signed in: the edit is made beside it, through another connection.
  return (await twoPhonesSwapped(t, { lockFirst: false, keepMarker: !deleteMarker })).a;
}

describe('the database key’s edits while a coordinator’s session is open', () => {
  // S34-A2, left: the marker is asked at each read, put back only at an unlock; A's phone opens as B's.
  it.fails('phones swapped, MACs cleared, marker deleted: A’s phone never opens as B’s', async () => {
    const a = await swappedLive(true);
    const got = await t.raw('residents.reveal', { residentId: a, field: 'phone' });
    expect(JSON.stringify(got)).not.toContain(B_PHONE);
  });

  it('the same with the marker left: refused (held, the row MAC)', async () => {
    const a = await swappedLive(false);
    const got = await t.raw('residents.reveal', { residentId: a, field: 'phone' });
    expect(JSON.stringify(got)).not.toContain(B_PHONE);
    expect(got).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  });
});
