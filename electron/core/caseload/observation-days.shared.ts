/**
 * The days a person is under observation: from obs_start_on through the last observed day, which is the planned
 * end, or the day the observation was closed (解除 / 转诊) when that came first. The closing day is one of them:
 * its check is owed (解除 asks a reason when it is missing, case-writes.ts), the observation roster counts it as a
 * check day and the 30-day trend on 工作台 counts the person on it. One rule, here, for all three.
 */
export function lastObservedDay(obsEndOn: string, closedOn: string | null): string {
  return closedOn !== null && closedOn < obsEndOn ? closedOn : obsEndOn;
}

/** lastObservedDay in SQL, for the cases table under `alias`. */
export const lastObservedDaySql = (alias: string): string => `min(${alias}.obs_end_on, coalesce(${alias}.closed_on, ${alias}.obs_end_on))`;

/**
 * 逾期未监测, one rule for 今日随访, the case grid's filter and 工作台's tile (cases under `alias`, `@today` bound; open
 * observations only): a day of the window already past has no check, and the window is still running. A window already
 * ended is 待解除观察 (obs_end_on < @today), its missed days said there: an old sheet imported today listed a 2020
 * observation as 「漏查 14 天」, as if fourteen visits were owed now.
 */
export const checksOverdueSql = (alias: string): string => `${alias}.first_missing_check_on < @today AND ${alias}.obs_end_on >= @today`;

/**
 * The days of an open observation missed so far, in SQL for the cases table under `alias` (`@today` bound): the days
 * of its window already past (through yesterday, never past its planned end) less the days with a check among them.
 * A window that ended years ago (an old sheet imported today) counts its own days, never today's distance from it.
 */
export const missedDaysSql = (alias: string): string => {
  const lastPast = `min(${alias}.obs_end_on, date(@today, '-1 day'))`;
  return `((julianday(${lastPast}) - julianday(${alias}.obs_start_on) + 1)
           - (SELECT count(*) FROM health_checks k WHERE k.case_id = ${alias}.id AND k.check_date BETWEEN ${alias}.obs_start_on AND ${lastPast}))`;
};

/**
 * An ended window's missed days as the screens say them (今日随访's 待解除观察, the case drawer): the window's days with no
 * check in the ledger. Not 「漏查」: no check can be owed any more, and an old sheet's people may have been checked on paper.
 */
export const missedInEndedWindow = (days: number): string => (days > 0 ? `期内 ${days} 天无监测记录` : '');

/** 「观察期已满」 and its missed days, if any: the case drawer's line and the grid's 漏查天数 tooltip. */
export const endedWindowText = (days: number): string => ['观察期已满', missedInEndedWindow(days)].filter(Boolean).join('，');
