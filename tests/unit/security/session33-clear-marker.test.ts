/**
 * The nineteenth attack run (session 33) on `sealClearInPlace` (S32-A4's fix, db/row-binding.ts), with a viewer's
 * password and the files only.
 *
 * The fix refuses to bind again a row whose old clear column holds a value "once the row's stage is bound", and asks
 * that of meta's marker (`rows_bound`), which the database key writes and deletes like any other row: a viewer holds it.
 * S33-A1: with the marker deleted too, S32-A4 is back (the viewer's numbers sealed over the resident's and bound).
 * S33-A1b: the same question (`isBound`: a NULL MAC is "not bound yet" while the marker is absent) lets fold-names'
 * `sealInPlace` find two swapped rows intact and bind them; the binding upgrade, which asks the log instead of the marker,
 * then finds them bound. Only the binding upgrade knows the marker can be deleted (it asks the audit log).
 * Fixed by the lead: a marker deleted while the log records the first binding (or the log no longer holds) is put back
 * before every other sealing upgrade runs (db/row-binding-upgrades.ts bindingMarkerRestore).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ADMIN, openTestLedger, type TestLedger } from '../../helpers/ledger';
import type { Database } from '../../../electron/core/db/types';
import { offline, swapColumns } from './swap-helpers';

let t: TestLedger;
afterEach(() => t?.close());

/**
 * Residents A and B of one household (phones as given), everyone locked, `edit` run on the files with viewer1's slot,
 * then the coordinator's unlock (the sealing upgrades run); what `residents.reveal` of A's `field` answers.
 */
async function forgedThenRevealed(edit: (db: Database, a: number, b: number) => void, field: 'phone' | 'idNumber' = 'phone') {
  t?.close();
  t = await openTestLedger();
  await t.sessionAs('viewer', 'viewer1');
  const { id: communityId } = await t.call('org.communities.save', { name: '东风社区' });
  const { id: householdId } = await t.call('households.save', { communityId, addressText: '路1号' });
  const a = await t.call('residents.save', { householdId, name: '王大明', idNumber: makeIdNumber('410102', '1980-01-01', 77), phone: '13803711001' });
  const b = await t.call('residents.save', { householdId, name: '李大红', phone: '13903722003' });
  for (const who of ['viewer1', undefined]) await t.call('auth.lock', {}, who);
  offline(t, (db) => edit(db, a.id, b.id));
  await t.call('auth.unlock', { username: ADMIN.username, password: ADMIN.password });
  return t.raw('residents.reveal', { residentId: a.id, field });
}

/** Either A's own value, or refused as altered outside the program: never another's. */
function neverAnothers(got: Awaited<ReturnType<typeof forgedThenRevealed>>, real: string): void {
  if (got.ok === false) expect(got.error.code).toBe('LEDGER_DAMAGED');
  else expect(got, JSON.stringify(got)).toMatchObject({ ok: true, value: { value: real } });
}

const dropMarker = (db: Database) => db.prepare(`DELETE FROM meta WHERE key = 'rows_bound'`).run();

/** The second run's swap: the sealed phones exchanged, both MACs cleared, ⼤ (U+2F24) for 大 so fold-names picks them up. */
function swapForFold(db: Database, a: number, b: number): void {
  swapColumns(db, 'residents', ['phone_sealed', 'phone_masked', 'phone_tail_index'], a, b);
  db.prepare(`UPDATE residents SET row_mac = NULL, name = replace(name, '大', '\u2F24') WHERE id IN (?, ?)`).run(a, b);
}

describe('S33-A1: S32-A4 with the binding marker deleted', () => {
  // S33-A1, fixed (bindingMarkerRestore puts the marker back first); was red: the resident's phone opened as the viewer wrote it (13912345678), the ID number likewise.
  it('the viewer’s numbers in the clear columns, meta rows_bound deleted: never opened as the resident’s', async () => {
    const forged = (db: Database, a: number) => {
      db.prepare(`UPDATE residents SET phone = '13912345678', id_number = @id WHERE id = @a`).run({ a, id: makeIdNumber('410102', '1966-06-06', 15) });
      dropMarker(db);
    };
    neverAnothers(await forgedThenRevealed(forged), '13803711001');
    neverAnothers(await forgedThenRevealed(forged, 'idNumber'), makeIdNumber('410102', '1980-01-01', 77));
  });
});

describe('S33-A1b: the binding marker deleted, then fold-names binds swapped rows', () => {
  // S33-A1b, fixed with it; was red: A's phone opened as B's (13903722003).
  it('two residents’ sealed phones swapped, MACs cleared, names written with a radical: never opened as each other’s', async () => {
    neverAnothers(
      await forgedThenRevealed((db, a, b) => {
        swapForFold(db, a, b);
        dropMarker(db);
      }),
      '13803711001',
    );
  });

  it('held: the same swap with the marker left in place is refused (LEDGER_DAMAGED)', async () => {
    expect(await forgedThenRevealed(swapForFold)).toMatchObject({ ok: false, error: { code: 'LEDGER_DAMAGED' } });
  });
});
