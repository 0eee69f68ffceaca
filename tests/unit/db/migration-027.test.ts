/**
 * 027_staff_sealed on a ledger in use: the staff register gains its sealed,
 * masked and keyed-index columns, the masks are filled at once (viewers see
 * them before anyone seals), the clear number's index gives way to the keyed
 * one, and every row is kept (the numbers stay in clear until the sealing upgrade).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maskIdNumber, maskPhone } from '../../../electron/core/people/id-number';
import { FOUNDATION_TABLES, ledgerBefore, planOf, rowsOf, seedFoundation, shapeOf, type LedgerBefore } from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(27);
  seedFoundation(l.db);
  // Odd values the masks must treat exactly as maskIdNumber / maskPhone do: a short number, an empty phone.
  l.db
    .prepare(`INSERT INTO staff (id, name, kind, phone, id_number, created_at, updated_at) VALUES (3, '短号', 'volunteer', '66881', '1234567', @now, @now)`)
    .run({ now: '2020-02-17T00:00:00.000Z' });
  l.db
    .prepare(`INSERT INTO staff (id, name, kind, phone, id_number, created_at, updated_at) VALUES (4, '空号', 'volunteer', '', NULL, @now, @now)`)
    .run({ now: '2020-02-17T00:00:00.000Z' });
});
afterEach(() => l.close());

describe('027_staff_sealed on an existing ledger', () => {
  it('adds the columns, fills the masks as the code makes them, keeps every row', () => {
    const before = l.db.prepare(`SELECT id, phone, id_number AS idNumber FROM staff ORDER BY id`).all() as Array<{
      id: number;
      phone: string | null;
      idNumber: string | null;
    }>;
    const shape = shapeOf(l.db);
    const rows = rowsOf(
      l.db,
      FOUNDATION_TABLES.filter((t) => t !== 'staff'),
    );
    expect(l.upgrade()).toEqual([27]);
    const now = shapeOf(l.db);
    for (const [table, cols] of Object.entries(shape.tables)) expect(now.tables[table]!.slice(0, cols.length), table).toEqual(cols);
    expect(now.tables.staff!.slice(shape.tables.staff!.length)).toEqual([
      'id_number_sealed',
      'id_number_masked',
      'id_number_index',
      'phone_sealed',
      'phone_masked',
    ]);
    // The one index that goes is the clear number's (a viewer could read it as it is); the keyed one replaces it.
    expect(shape.indexes.filter((i) => !now.indexes.includes(i))).toEqual(['staff_by_id_number']);
    expect(now.indexes.filter((i) => !shape.indexes.includes(i))).toEqual(['staff_by_id_number_index']);
    expect(
      rowsOf(
        l.db,
        FOUNDATION_TABLES.filter((t) => t !== 'staff'),
      ),
    ).toEqual(rows);
    const after = l.db.prepare(`SELECT id, phone, id_number AS idNumber, phone_masked AS pm, id_number_masked AS im FROM staff ORDER BY id`).all();
    expect(after).toEqual(before.map((r) => ({ ...r, pm: maskPhone(r.phone) || null, im: maskIdNumber(r.idNumber) || null })));
  });

  it('drops the clear number’s index; the keyed index serves the duplicate check', () => {
    l.upgrade();
    expect(l.db.prepare(`SELECT name FROM sqlite_master WHERE name = 'staff_by_id_number'`).get()).toBeUndefined();
    expect(planOf(l.db, `SELECT id FROM staff WHERE id_number_index = @i AND id != 0`, { i: Buffer.alloc(16) })).toContain('staff_by_id_number_index');
  });
});
