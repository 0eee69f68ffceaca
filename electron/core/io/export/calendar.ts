/** The reporting calendar: this week's due day for each recurring report and whether it was sent. */
import type { Clock } from '../../clock';
import { addDays, weekdayMon0 } from '../../dates.shared';
import type { ReadDb } from '../../db/types';
import type { ReportSchedule, ScheduleState, ScheduleStatus } from './contract';
import { listActiveSchedules, sentInWeek } from './queries';

/** The day of this (Monday-first) week on which a report with that weekday falls. */
export function dueDayThisWeek(today: string, weekday: number): string {
  return addDays(today, weekday - weekdayMon0(today));
}

export function stateOf(s: Pick<ReportSchedule, 'dueTime'>, dueDay: string, sent: boolean, today: string, nowTime: string): ScheduleState {
  if (sent) return 'sent';
  if (dueDay < today || (dueDay === today && nowTime > s.dueTime)) return 'overdue';
  return dueDay === today ? 'due' : 'upcoming';
}

export function scheduleStatuses(db: ReadDb, clock: Clock): ScheduleStatus[] {
  const today = clock.today();
  // Due times (HH:mm) are the office's wall clock.
  const nowTime = clock.wallTime(clock.now()).time;
  const monday = dueDayThisWeek(today, 0);
  const sunday = addDays(monday, 6);
  return listActiveSchedules(db).map((s) => {
    const dueDay = dueDayThisWeek(today, s.weekday);
    const sent = sentInWeek(db, s.id, monday, sunday);
    return { ...s, dueDay, state: stateOf(s, dueDay, sent !== undefined, today, nowTime), sentLogId: sent?.id ?? null, sentAt: sent?.at ?? null };
  });
}

/**
 * An export without an explicit report counts for the first of this week's unsent ones whose forms it covers, if its
 * period ends after that report's previous due day. A period that ended by then is for an earlier report, or a 更正 of
 * one: last week's overdue Friday report sent on Monday, or February's figures sent again in March, were recorded as
 * answering this week's and the calendar read 已报 before this week's report had gone. A late sender whose period runs
 * to the day they send still answers this week's.
 */
export function scheduleAnsweredBy(db: ReadDb, clock: Clock, formIds: readonly string[], periodTo: string): { scheduleId: number; dueDay: string } | null {
  const hit = scheduleStatuses(db, clock).find((s) => s.state !== 'sent' && s.formIds.every((f) => formIds.includes(f)) && periodTo > addDays(s.dueDay, -7));
  return hit ? { scheduleId: hit.id, dueDay: hit.dueDay } : null;
}
