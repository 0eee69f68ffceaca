/**
 * 004_rota on a ledger made by 003 and in use: staff already registered keep
 * every field and get the new ones empty (not a leader, no insurance, no
 * note); the three usual shifts and two allowance rates are there to start.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  columnsOf,
  expectAdditive,
  FOUNDATION_TABLES,
  ledgerBefore,
  MIGRATION_NOW,
  planOf,
  rowsOf,
  seedFoundation,
  shapeOf,
  type LedgerBefore,
} from '../../helpers/migration';

let l: LedgerBefore;
beforeEach(() => {
  l = ledgerBefore(4);
  seedFoundation(l.db);
});
afterEach(() => l.close());

describe('004_rota on an existing ledger', () => {
  it('extends staff, keeping each person’s fields, with the new fields empty', () => {
    const before = shapeOf(l.db);
    const oldColumns = columnsOf(l.db, 'staff');
    const staffBefore = rowsOf(l.db, ['staff']).staff;
    const others = FOUNDATION_TABLES.filter((t) => t !== 'staff');
    const rows = rowsOf(l.db, others);
    expect(l.upgrade()).toEqual([4]);
    const added = expectAdditive(before, shapeOf(l.db));
    expect(added.tables.staff).toEqual(['is_leader', 'insurer', 'insurance_policy', 'insurance_from', 'insurance_to', 'note']);
    expect(Object.keys(added.tables).sort()).toEqual(
      [
        'rota_allowance_adjustments',
        'rota_allowance_rates',
        'rota_assignments',
        'rota_post_shifts',
        'rota_posts',
        'rota_published_weeks',
        'rota_shifts',
        'staff',
        'staff_assessments',
        'staff_leave',
      ].sort(),
    );
    expect(rowsOf(l.db, others)).toEqual(rows);
    const staffAfter = l.db.prepare(`SELECT * FROM staff ORDER BY id`).all() as Record<string, unknown>[];
    expect(staffAfter.map((s) => Object.fromEntries(oldColumns.map((c) => [c, s[c]])))).toEqual(staffBefore);
    for (const s of staffAfter)
      expect([s.is_leader, s.insurer, s.insurance_policy, s.insurance_from, s.insurance_to, s.note]).toEqual([0, null, null, null, null, '']);
    expect(planOf(l.db, `SELECT id FROM staff WHERE id_number = @n`, { n: '110101198001010011' })).toContain('staff_by_id_number');
  });

  it('starts with the three usual shifts and the two allowance rates, and links leave to existing staff', () => {
    l.upgrade();
    expect(l.db.prepare(`SELECT start_minute AS s, end_minute AS e FROM rota_shifts ORDER BY sort_order`).all()).toEqual([
      { s: 480, e: 960 },
      { s: 960, e: 1440 },
      { s: 0, e: 480 },
    ]);
    expect(l.db.prepare(`SELECT staff_kind AS kind, basis, amount_fen AS fen FROM rota_allowance_rates ORDER BY staff_kind`).all()).toEqual([
      { kind: 'community_worker', basis: 'day', fen: 10000 },
      { kind: 'volunteer', basis: 'shift', fen: 3000 },
    ]);
    const leave = l.db.prepare(`INSERT INTO staff_leave (staff_id, from_day, to_day, created_at) VALUES (1, @from, @to, @now)`);
    leave.run({ from: '2020-02-10', to: '2020-02-12', now: MIGRATION_NOW });
    expect(() => leave.run({ from: '2020-02-12', to: '2020-02-10', now: MIGRATION_NOW })).toThrow(/CHECK/);
    expect(l.db.pragma('foreign_key_check')).toEqual([]);
  });
});
