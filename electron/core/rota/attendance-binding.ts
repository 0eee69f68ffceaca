/**
 * 出勤确认 bound to the shift it pays (migration 080; issue 19, the thirty-seventh attack run's stated limit, S51
 * target 7). An attendance row holds nothing sealed, but it is pay: with the database key alone (a viewer's password,
 * offline) a row inserted into rota_attendance, or one turned from 缺勤 to 出勤, paid the shift on 补助发放表 with no
 * audit row saying who confirmed it. So every row carries a row MAC (db/row-binding.ts) over its id and what decides
 * pay: the assignment, day, post, shift, person, status, and who confirmed it (as leader or coordinator, the leader,
 * the name). attendance.ts, its one writer, binds each row it writes in the transaction of its audit row.
 *
 * Checked wherever attendance is counted with the window's key (clerk and coordinator sessions): the 出勤确认 list,
 * the pay figures (rota.allowances) and 补助发放表. A row without a MAC after its stage's marker, with a wrong one, or
 * no longer matching its assignment (the assignment's person or day changed offline) is counted as not confirmed, flagged
 * with ATTENDANCE_DAMAGED, and never paid. A viewer holds no key and cannot tell: a viewer's window counts rows as
 * stored (viewers see the list, not the pay: rota.allowances is a clerk's channel).
 */
import type { BindingStage, RowBinding } from '../db/row-binding';
import { rowIntact } from '../db/row-binding';
import type { Sealer } from '../db/sealer';
import type { ReadDb } from '../db/types';
import { AppError } from '../errors';

/** Attendance is bound from migration 080: an older ledger's rows are bound at the next clerk's or coordinator's unlock. */
export const ATTENDANCE_STAGE: BindingStage = {
  key: 'attendance_bound',
  name: 'attendance.bound',
  setupFlag: 'attendanceBound',
  text: 'attendance bound v1',
};

export const ATTENDANCE_BINDING: RowBinding = {
  table: 'rota_attendance',
  label: '出勤确认',
  columns: ['assignment_id', 'day', 'post_id', 'shift_id', 'staff_id', 'status', 'confirmed_as', 'leader_staff_id', 'confirmed_by'],
  sealed: [],
  everyRow: true,
  stage: ATTENDANCE_STAGE,
};

/** The flag of a shift whose attendance row was changed outside the program, in the damaged member's words. */
export const ATTENDANCE_DAMAGED = '出勤记录被改动（本程序之外改过，不计补助；请从备份恢复，或核实后逐个重新确认为出勤或缺勤）';

/** Attendance is written only by a session that can bind it (clerks and coordinators hold the key; viewers write nothing). */
export function attendanceSealer(sealer: Sealer | null): Sealer {
  if (sealer === null) throw new AppError('FORBIDDEN', '这次登录没有打开敏感信息密钥，不能确认出勤。请用录入员或统筹负责人的密码重新解锁。');
  return sealer;
}

/** Whether an attendance row is as the program wrote it; true without a key (a viewer's window cannot tell). */
export function attendanceIntact(db: ReadDb, sealer: Sealer | null, attendanceId: number): boolean {
  return sealer === null || rowIntact(db, sealer, ATTENDANCE_BINDING, attendanceId);
}
