/**
 * The thirty-seventh attack run (issue 19, session 51), target 7: the unbound tables (S49/S50's stated limit on the
 * supply tables) tried on the pay sheet instead: 出勤确认 written offline with viewer1's key (the database alone).
 * Held since session 52: every rota_attendance row carries a row MAC (rota/attendance-binding.ts, migration 080).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ATTENDANCE_DAMAGED } from '../../../electron/core/rota/attendance-binding';
import { admitAt, type TestLedger } from '../../helpers/ledger';
import type { RotaFixture } from '../rota/fixture';
import { changedOffline, chenObservedOffice } from '../rota/observed-staff';

let t: TestLedger;
let f: RotaFixture;
beforeEach(async () => {
  ({ t, f } = await chenObservedOffice());
});
afterEach(() => t.close());

const WEEK = { from: '2020-02-17', to: '2020-02-23' };
const payOf = async (staffId: number) => (await t.call('rota.allowances', WEEK)).find((r) => r.staffId === staffId);
const rowOf = async (assignmentId: number) => (await t.call('rota.attendance.list', { day: '2020-02-17' })).rows.find((r) => r.assignmentId === assignmentId);

describe('S51: 出勤确认 written offline', () => {
  it('held: a row inserted into rota_attendance pays nothing; the shift is flagged 出勤记录被改动, and 一键确认 leaves it', async () => {
    const zhang = f.workers[0]!;
    const id = (await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: zhang })).id;
    await changedOffline(
      t,
      `INSERT INTO rota_attendance (assignment_id, day, post_id, shift_id, staff_id, status, confirmed_as, confirmed_by, entered_by, confirmed_at)
       SELECT id, day, post_id, shift_id, staff_id, 'present', 'coordinator', '统筹负责人', '统筹负责人', '2020-02-17T10:00:00.000Z' FROM rota_assignments WHERE id = @id`,
      { id },
    );
    expect(await payOf(zhang)).toMatchObject({ shifts: 0, totalFen: 0, unconfirmedShifts: 1, flaggedShifts: 1 });
    expect(await rowOf(id)).toMatchObject({ status: 'planned', flag: ATTENDANCE_DAMAGED });
    expect((await t.call('audit.list', { filter: { entity: 'rota_attendance' } })).rows).toEqual([]);
    await admitAt(t, '2020-02-18T02:00:00.000Z');
    expect(await t.call('rota.attendance.confirmDay', { day: '2020-02-17' })).toMatchObject({
      confirmed: 0,
      skipped: [expect.objectContaining({ assignmentId: id })],
    });
    // Checked with the post's leader, the coordinator confirms it one by one: bound again, audited, paid.
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }] });
    expect(await rowOf(id)).toMatchObject({ status: 'present', flag: null });
    expect(await payOf(zhang)).toMatchObject({ shifts: 1 });
    const audit = (await t.call('audit.list', { filter: { entity: 'rota_attendance' } })).rows;
    expect(audit).toHaveLength(1);
  }, 60_000);

  it('held: a confirmed row edited offline (缺勤 → 出勤, or another member put on it) is caught and pays nothing', async () => {
    const [zhang, wang] = [f.workers[0]!, f.workers[1]!];
    const id = (await t.call('rota.assign', { day: '2020-02-17', postId: f.screening, shiftId: f.shifts.day, staffId: zhang })).id;
    await admitAt(t, '2020-02-18T02:00:00.000Z');
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'absent' }] });
    expect(await rowOf(id)).toMatchObject({ status: 'absent', flag: null });
    await changedOffline(t, `UPDATE rota_attendance SET status = 'present' WHERE assignment_id = @id`, { id });
    await admitAt(t, '2020-02-18T02:00:00.000Z');
    expect(await rowOf(id)).toMatchObject({ status: 'planned', flag: ATTENDANCE_DAMAGED });
    expect(await payOf(zhang)).toMatchObject({ shifts: 0, totalFen: 0 });
    // The MAC put back as it was, and the member swapped (the row's own staff_id, and the assignment's with it).
    await changedOffline(t, `UPDATE rota_attendance SET status = 'absent', staff_id = @wang WHERE assignment_id = @id`, { id, wang });
    await admitAt(t, '2020-02-18T02:00:00.000Z');
    expect(await rowOf(id)).toMatchObject({ status: 'planned', flag: ATTENDANCE_DAMAGED });
    await changedOffline(t, `UPDATE rota_attendance SET staff_id = @zhang WHERE assignment_id = @id`, { id, zhang });
    await admitAt(t, '2020-02-18T02:00:00.000Z');
    expect(await rowOf(id)).toMatchObject({ status: 'absent', flag: null });
    // The assignment moved to 王芳 offline, its bound 出勤 row left as it was: no longer the row of that shift.
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: id, status: 'present' }] });
    await changedOffline(t, `UPDATE rota_assignments SET staff_id = @wang WHERE id = @id`, { id, wang });
    await admitAt(t, '2020-02-18T02:00:00.000Z');
    expect(await rowOf(id)).toMatchObject({ status: 'planned', flag: ATTENDANCE_DAMAGED });
    expect(await payOf(wang)).toMatchObject({ shifts: 0 });
  }, 60_000);
});
