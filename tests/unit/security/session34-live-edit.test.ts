/**
 * The twentieth attack run (session 34): the database key's edits made while a key holder's session is open, not
 * offline. The ledger runs in WAL mode with normal locking, so another process holding the key (a viewer's password,
 * the same office PC, the same account's files) writes the file between the app's statements, and the app reads it
 * at once. S33-A1's fix (bindingMarkerRestore) and aed195b3's trigger check run at the unlock only.
 *
 * S34-A2: two residents' phones swapped with their MACs cleared and the binding marker deleted while the coordinator's
 * window is signed in: `residents.reveal` of A's phone in that window opens B's `13903722003` (a NULL MAC is "not bound
 * yet" while the marker is absent). The same swap with the marker left: refused (held).
 *
 * Fixed by the lead: the program's connection holds the file exclusively while it is open (db/open.ts `exclusive`):
 * the edit beside the open session is refused (its connection waits SQLite's busy timeout, 5 s, then 「台账文件正被另一个
 * 程序打开」), with or without the marker.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { B_PHONE, twoPhonesSwapped } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

describe('the database key’s edits while a coordinator’s session is open', () => {
  // S34-A2, fixed by the lead (the file held exclusively); was red: the edit went in beside the session, the marker was
  // absent, and A's phone opened as B's.
  for (const keepMarker of [false, true])
    it(`phones swapped, MACs cleared${keepMarker ? '' : ', marker deleted'}, beside the open session: the edit is refused; A’s phone is A’s`, async () => {
      t = await openTestLedger();
      // The coordinator's window stays signed in: the edit is tried beside it, through another connection.
      await expect(twoPhonesSwapped(t, { lockFirst: false, keepMarker })).rejects.toThrow(/台账文件正被另一个程序打开/);
      const a = t.core.services.ledger.handle().prepare(`SELECT id FROM residents WHERE name = '王大明'`).get() as { id: number };
      const got = await t.raw('residents.reveal', { residentId: a.id, field: 'phone' });
      expect(JSON.stringify(got)).not.toContain(B_PHONE);
      expect(got).toMatchObject({ ok: true, value: { value: '13803711001' } });
    }, 30_000);
});
