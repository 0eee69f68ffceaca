/** Short Chinese dates for tiles and axes, from YYYY-MM-DD strings (no Date parsing of day strings). */
import { weekdayMon0 } from '../../../../electron/core/dates.shared';

const WEEKDAYS = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];

/** '2020-02-17' -> '2月17日' */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** '2020-02-17' -> '2/17' (chart axes) */
export function axisDay(day: string): string {
  return `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;
}

/** '2020-02-17' -> '2020年2月17日 星期一' */
export function fullDay(day: string): string {
  return `${day.slice(0, 4)}年${monthDay(day)} ${WEEKDAYS[weekdayMon0(day)]}`;
}

/** '2020-02-17' -> '周一' */
export function shortWeekday(day: string): string {
  return `周${WEEKDAYS[weekdayMon0(day)]!.slice(2)}`;
}

/** One decimal only where it says something: 50 -> '50', 33.3 -> '33.3'. */
export function pct(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

/**
 * The 困难群众 tile's line: open needs, and the care visits due today. A visit is a care task, and one person can
 * be owed two (her own care case's visit and the daily one while a housemate is observed), as 今日随访 lists
 * them: so 项, not 人.
 */
export function careLine(openNeeds: number, visitsDue: number): string {
  return `${openNeeds > 0 ? `${openNeeds} 项需求 · ` : ''}今日待走访 ${visitsDue} 项`;
}
