/**
 * Which 定期报表 a package answers, chosen on 生成上报包: this week's unsent reports and last week's overdue ones whose
 * forms it carries, or none (临时报送). The core suggests one (the report whose due day lies nearest the period's end,
 * among those whose previous due day it ends after); the screen shows the suggestion preselected and sends the choice.
 * A 更正 answers what its original answered. A package sent without a choice keeps calendar.ts scheduleAnsweredBy.
 */
import type { Clock } from '../../clock';
import { addDays, daysBetween, weekdayMon0 } from '../../dates.shared';
import { badInput } from '../../errors';
import type { ReadDb } from '../../db/types';
import { dueDayThisWeek, stateOf } from './calendar';
import type { AnswerOptions, OpenReport, ReportAnswer } from './contract';
import { getSchedule, listActiveSchedules, sentInWeek } from './queries';

const FIELD = '「对应定期报表」';

/** This week's unsent reports, and last week's for schedules that existed by its due day, in the calendar's order. */
export function openReports(db: ReadDb, clock: Clock): OpenReport[] {
  const today = clock.today();
  const nowTime = clock.wallTime(clock.now()).time;
  const monday = dueDayThisWeek(today, 0);
  const open: OpenReport[] = [];
  for (const s of listActiveSchedules(db)) {
    const dueDay = dueDayThisWeek(today, s.weekday);
    const lastDue = addDays(dueDay, -7);
    const createdOn = clock.wallTime(createdAt(db, s.id)).day;
    if (createdOn <= lastDue && !sentInWeek(db, s.id, addDays(monday, -7), addDays(monday, -1))) {
      open.push({ ...s, dueDay: lastDue, state: 'overdue', lastWeek: true });
    }
    if (!sentInWeek(db, s.id, monday, addDays(monday, 6))) {
      open.push({ ...s, dueDay, state: stateOf(s, dueDay, false, today, nowTime) as OpenReport['state'], lastWeek: false });
    }
  }
  return open;
}

function createdAt(db: ReadDb, id: number): string {
  return (db.prepare('SELECT created_at AS at FROM report_schedules WHERE id = @id').get({ id }) as { at: string }).at;
}

/** The report a package of the earliest export of exactly this period answered (null: none); undefined: never sent. */
function originalAnswer(db: ReadDb, from: string, to: string): ReportAnswer | null | undefined {
  const r = db
    .prepare('SELECT schedule_id AS scheduleId, due_day AS dueDay FROM export_log WHERE period_from = @from AND period_to = @to ORDER BY id LIMIT 1')
    .get({ from, to }) as { scheduleId: number | null; dueDay: string | null } | undefined;
  if (!r) return undefined;
  return r.scheduleId !== null && r.dueDay !== null ? { scheduleId: r.scheduleId, dueDay: r.dueDay } : null;
}

const covers = (r: OpenReport, formIds: readonly string[]) => r.formIds.every((f) => formIds.includes(f));
/**
 * Whether a period ending `periodTo` can be a report's: it ends after the report's previous due day (the rule the
 * suggestion and S48-A3 use). Before, a package of January's first week could answer March's 周报 (S49-A8).
 */
const ofItsWeek = (dueDay: string, periodTo: string) => periodTo > addDays(dueDay, -7);

/** The nearest open report whose previous due day the period ends after; null when none fits (临时报送). */
export function suggestAnswer(open: readonly OpenReport[], formIds: readonly string[], periodTo: string): ReportAnswer | null {
  let best: { r: OpenReport; gap: number } | null = null;
  for (const r of open) {
    if (!covers(r, formIds) || !ofItsWeek(r.dueDay, periodTo)) continue;
    const gap = Math.abs(daysBetween(periodTo, r.dueDay));
    if (!best || gap < best.gap) best = { r, gap };
  }
  return best ? { scheduleId: best.r.id, dueDay: best.r.dueDay } : null;
}

/** What 生成上报包 offers for this period and these forms. */
export function answerOptions(db: ReadDb, clock: Clock, input: { from: string; to: string; formIds: readonly string[] }): AnswerOptions {
  const original = originalAnswer(db, input.from, input.to);
  const open = openReports(db, clock);
  const options = open.filter((r) => covers(r, input.formIds) && ofItsWeek(r.dueDay, input.to));
  if (original !== undefined) {
    const s = original && getScheduleAny(db, original.scheduleId);
    return { options, suggested: original, correction: { answers: original, title: s ? s.title : null } };
  }
  return { options, suggested: suggestAnswer(open, input.formIds, input.to), correction: null };
}

function getScheduleAny(db: ReadDb, id: number): { title: string } | undefined {
  return db.prepare('SELECT title FROM report_schedules WHERE id = @id').get({ id }) as { title: string } | undefined;
}

const same = (a: ReportAnswer | null, b: ReportAnswer | null) => (a === null || b === null ? a === b : a.scheduleId === b.scheduleId && a.dueDay === b.dueDay);

/**
 * The report a package answers by the user's choice (null: 临时报送), refused in Chinese when it is not open: a report
 * that is not there, of another week, already answered, or whose forms the package does not carry. A 更正 answers what
 * its original answered, and only that.
 */
export function chosenAnswer(
  db: ReadDb,
  clock: Clock,
  input: { from: string; to: string; formIds: readonly string[]; answers: ReportAnswer | null },
): ReportAnswer | null {
  const original = originalAnswer(db, input.from, input.to);
  if (original !== undefined) {
    if (same(original, input.answers)) return original;
    const was = original
      ? `「${getScheduleAny(db, original.scheduleId)?.title ?? '定期报表'}」（应报日期 ${original.dueDay}）`
      : '「不对应定期报表（临时报送）」';
    throw badInput(`${FIELD}：这个期间已经上报过，本次是更正，应与原上报包一样对应${was}。`);
  }
  const a = input.answers;
  if (a === null) return null;
  const schedule = getSchedule(db, a.scheduleId);
  if (!schedule) throw badInput(`${FIELD}：没有这项定期报表（可能已删除），请重新选择。`);
  const open = openReports(db, clock).find((r) => r.id === a.scheduleId && r.dueDay === a.dueDay);
  if (!open) {
    throw badInput(
      isAnswered(db, a)
        ? `${FIELD}：「${schedule.title}」应报日期 ${a.dueDay} 的一期已经报送过，请选另一期或「不对应定期报表（临时报送）」。`
        : `${FIELD}：「${schedule.title}」没有应报日期为 ${a.dueDay} 的待报一期（只能选本周或上周未报的一期）。`,
    );
  }
  if (!ofItsWeek(a.dueDay, input.to))
    throw badInput(
      `${FIELD}：上报包的期间到 ${input.to} 为止，在「${schedule.title}」上一期的应报日期 ${addDays(a.dueDay, -7)} 之前，不是应报日期 ${a.dueDay} 这一期的数据：请改期间，或选「不对应定期报表（临时报送）」。`,
    );
  const missing = schedule.formIds.filter((f) => !input.formIds.includes(f));
  if (missing.length > 0) throw badInput(`${FIELD}：「${schedule.title}」要报的表格没有全部勾选，这个上报包不能作为它的报送。`);
  return a;
}

function isAnswered(db: ReadDb, a: ReportAnswer): boolean {
  const monday = addDays(a.dueDay, -weekdayMon0(a.dueDay));
  return sentInWeek(db, a.scheduleId, monday, addDays(monday, 6)) !== undefined;
}
