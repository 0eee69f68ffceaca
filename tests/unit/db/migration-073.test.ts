/**
 * 073_staff_resident_index on a ledger in use: staff get the column for their ID number under the residents' index
 * purpose and its index, empty (no key here: the upgrade at the next clerk's or coordinator's unlock fills it,
 * tests/unit/rota/observation-match.test.ts); every row stays; until it is filled the rota matches a member under
 * observation by name and masked number, as the version before did.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observationSpans } from '../../../electron/core/rota/staff-queries';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(73);
  m.seedFoundation(l.db);
  m.seedCaseload(l.db);
  // As 019 and 027 left them: the masks in clear, the resident's whole number indexed (a stand-in HMAC).
  l.db.exec(`UPDATE staff SET name = '王桂英', id_number_masked = '1101**********017X' WHERE id = 1`);
  l.db.exec(`UPDATE residents SET id_number_masked = '1101**********017X', id_number_index = randomblob(32) WHERE id = 1`);
});
afterEach(() => l.close());

describe('073_staff_resident_index on an existing ledger', () => {
  it('adds the empty column and its index, keeping every row; the rota matches the old way until the upgrade fills it', () => {
    const staff = l.db.prepare(`SELECT * FROM staff ORDER BY id`).all() as Array<Record<string, unknown>>;
    const added = m.upgradeKeepingRows(l, 73, [...m.FOUNDATION_TABLES.filter((t) => t !== 'staff'), ...m.CASELOAD_TABLES]);
    expect(l.db.prepare(`SELECT * FROM staff ORDER BY id`).all()).toEqual(staff.map((s) => ({ ...s, id_number_resident_index: null })));
    expect(staff).toHaveLength(2);
    expect(added.tables).toEqual({ staff: ['id_number_resident_index'] });
    expect(added.indexes).toEqual(['staff_by_resident_id_index']);
    expect(l.db.prepare(`SELECT count(*) FROM staff WHERE id_number_resident_index IS NOT NULL`).pluck().get()).toBe(0);
    expect(observationSpans(l.db, '2020-02-17', '2020-02-23')).toEqual([{ staffId: 1, start: '2020-02-10', end: '2020-02-23' }]);
    // Filled (here by hand), the whole number decides: another person's index matches no one.
    l.db.exec(`UPDATE staff SET id_number_resident_index = randomblob(32) WHERE id = 1`);
    expect(observationSpans(l.db, '2020-02-17', '2020-02-23')).toEqual([]);
    l.db.exec(`UPDATE staff SET id_number_resident_index = (SELECT id_number_index FROM residents WHERE id = 1), name = '王桂英（护士）' WHERE id = 1`);
    expect(observationSpans(l.db, '2020-02-17', '2020-02-23')).toEqual([{ staffId: 1, start: '2020-02-10', end: '2020-02-23' }]);
    expect(m.planOf(l.db, `SELECT id FROM staff WHERE id_number_resident_index = @i`, { i: Buffer.alloc(32) })).toContain('staff_by_resident_id_index');
  });
});
