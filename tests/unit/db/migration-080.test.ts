/**
 * 080_attendance_row_mac on a ledger in use: rota_attendance gains `row_mac` (rota/attendance-binding.ts), empty until
 * the attendance binding upgrade runs at the next clerk's or coordinator's unlock (tests/unit/security/
 * attendance-binding-upgrade.test.ts); nothing else changes, every 出勤确认 is kept and the pay reads as before.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAllowances } from '../../../electron/core/rota/reports';
import * as m from '../../helpers/migration';

let l: m.LedgerBefore;
beforeEach(() => {
  l = m.ledgerBefore(80);
  m.seedFoundation(l.db);
  const now = { now: m.MIGRATION_NOW };
  const shift = l.db.prepare(`SELECT min(id) FROM rota_shifts`).pluck().get() as number;
  const post = Number(
    l.db.prepare(`INSERT INTO rota_posts (community_id, name, kind, created_at, updated_at) VALUES (1, '东门卡点', 'checkpoint', @now, @now)`).run(now)
      .lastInsertRowid,
  );
  for (const [id, day] of [
    [1, '2020-02-10'],
    [2, '2020-02-11'],
  ] as const)
    l.db
      .prepare(`INSERT INTO rota_assignments (id, day, post_id, shift_id, staff_id, source, created_at) VALUES (@id, @day, @post, @shift, 1, 'manual', @now)`)
      .run({ id, day, post, shift, ...now });
  l.db
    .prepare(
      `INSERT INTO rota_attendance (assignment_id, day, post_id, shift_id, staff_id, status, confirmed_as, confirmed_by, entered_by, confirmed_at)
       SELECT id, day, post_id, shift_id, staff_id, CASE id WHEN 1 THEN 'present' ELSE 'absent' END, 'coordinator', '王建国', '王建国', @now FROM rota_assignments`,
    )
    .run(now);
});
afterEach(() => l.close());

describe('080_attendance_row_mac on an existing ledger', () => {
  it('adds row_mac to rota_attendance and nothing else; every row is kept, with no MAC yet, and the pay reads the same', () => {
    const tables = [...m.FOUNDATION_TABLES, 'rota_shifts', 'rota_posts', 'rota_assignments', 'rota_attendance'];
    const shape = m.shapeOf(l.db);
    const before = m.rowsOf(l.db, tables);
    const pay = computeAllowances(l.db, '2020-02-01', '2020-02-29');
    expect(l.upgrade()).toEqual([80]);
    const now = m.shapeOf(l.db);
    const added = Object.entries(now.tables).flatMap(([t, cols]) => cols.slice(shape.tables[t]?.length ?? 0).map((c) => `${t}.${c}`));
    expect(added).toEqual(['rota_attendance.row_mac']);
    expect(now.indexes).toEqual(shape.indexes);
    expect(now.triggers).toEqual(shape.triggers);
    const after = m.rowsOf(l.db, tables);
    expect(after.rota_attendance!.map((r) => (r as { row_mac: unknown }).row_mac)).toEqual([null, null]);
    expect(after.rota_attendance!.map((r) => ({ ...(r as object), row_mac: undefined }))).toEqual(
      before.rota_attendance!.map((r) => ({ ...(r as object), row_mac: undefined })),
    );
    for (const t of tables.filter((x) => x !== 'rota_attendance')) expect(after[t], t).toEqual(before[t]);
    // Without the key (as here, and in a viewer's window) nothing is checked: the shift confirmed 出勤 still counts.
    expect(computeAllowances(l.db, '2020-02-01', '2020-02-29')).toEqual(pay);
    expect(pay.map((r) => [r.name, r.shifts, r.plannedShifts])).toEqual([['刘洋', 1, 2]]);
  });
});
