/**
 * 019_sealed_people on a ledger in use: the sealed, masked and index columns
 * are added, the masks and birth years filled from the clear values at once
 * (viewers see masks right after upgrading, before anyone could seal), the
 * reversed copies and their indexes gone; the clear values themselves stay
 * until the sealing upgrade at the first clerk's or coordinator's unlock
 * (tests/unit/caseload/sealed-upgrade.test.ts).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../../electron/core/people/id-number';
import { columnsOf, ledgerBefore, namesOf, seedCaseload, seedFoundation, type LedgerBefore } from '../../helpers/migration';
import { RESIDENT_COLUMNS_019 } from '../../helpers/sealed-residents';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(19);
  seedFoundation(l.db);
  seedCaseload(l.db);
  l.db.prepare(`UPDATE households SET phone = '03716688123' WHERE id = 1`).run();
  l.db.prepare(`UPDATE residents SET birth_date = '1962-03-12' WHERE id = 1`).run();
});
afterEach(() => l.close());

describe('019_sealed_people on an existing ledger', () => {
  it('adds the sealed columns and indexes, drops the reverse-number indexes', () => {
    const before = { residents: columnsOf(l.db, 'residents'), households: columnsOf(l.db, 'households'), cases: l.db.prepare('SELECT * FROM cases').all() };
    expect(l.upgrade()).toEqual([19]);
    expect(columnsOf(l.db, 'residents')).toEqual([...before.residents, ...RESIDENT_COLUMNS_019]);
    expect(columnsOf(l.db, 'households')).toEqual([...before.households, 'phone_sealed', 'phone_masked']);
    const indexes = namesOf(l.db, 'index');
    expect(indexes).not.toContain('residents_by_id_rev');
    expect(indexes).not.toContain('residents_by_phone_rev');
    expect(indexes).toEqual(
      expect.arrayContaining(['residents_by_id_number_index', 'residents_by_id_number_tail', 'residents_by_phone_tail', 'residents_by_birth_year']),
    );
    expect(l.db.prepare('SELECT * FROM cases').all()).toEqual(before.cases);
  });

  it('fills masks and birth years as the code makes them, and empties the reversed copies', () => {
    l.upgrade();
    const r = l.db.prepare(`SELECT * FROM residents WHERE id = 1`).get() as Record<string, unknown>;
    expect(r).toMatchObject({
      id_number: '11010119620312017X',
      id_number_masked: maskIdNumber('11010119620312017X'),
      phone_masked: maskPhone('13900139000'),
      birth_year: 1962,
      id_rev: null,
      phone_rev: null,
      id_number_sealed: null,
    });
    expect(l.db.prepare(`SELECT phone_masked FROM households WHERE id = 1`).get()).toEqual({ phone_masked: maskPhone('03716688123') });
  });
});
