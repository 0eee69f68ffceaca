/**
 * The day a member of staff saved 不在岗 is off duty from: the day the user chose (a coordinator recording on the
 * 20th that someone left on the 12th), else the day already recorded, else today. The allowance and the rotation
 * read it through offDutyOn (assignment-queries.ts): shifts before it stay payable, none from it on.
 */
import { badInput } from '../errors';
import type { ReadDb } from '../db/types';
import { addDays } from '../dates.shared';
import type { Staff, StaffStatus } from './types.shared';

export function offDutyFrom(
  db: ReadDb,
  input: { id?: number | undefined; inactiveFrom?: string | undefined },
  status: StaffStatus,
  before: Staff | undefined,
  today: string,
): string | null {
  if (status !== 'inactive') {
    if (input.inactiveFrom !== undefined) throw badInput('「不在岗日期」只在状态为「不在岗」时填写。', { field: 'inactiveFrom' });
    return null;
  }
  // The contract refuses a day after today (pastDay) or one that does not exist.
  if (input.inactiveFrom === undefined) return before?.status === 'inactive' ? before.inactiveFrom : before ? today : null;
  if (input.id !== undefined) {
    // A shift confirmed as worked on or after the chosen day says the person was on duty then.
    const worked = db
      .prepare(`SELECT max(day) AS day FROM rota_attendance WHERE staff_id = @id AND status = 'present' AND day >= @from`)
      .get({ id: input.id, from: input.inactiveFrom }) as { day: string | null };
    if (worked.day !== null) {
      throw badInput(
        `「不在岗日期」应晚于已确认出勤的 ${worked.day}（填的是 ${input.inactiveFrom}）：请选 ${addDays(worked.day, 1)} 或以后的日期，或先在「出勤确认」中更正那天的出勤。`,
        { field: 'inactiveFrom' },
      );
    }
  }
  return input.inactiveFrom;
}
