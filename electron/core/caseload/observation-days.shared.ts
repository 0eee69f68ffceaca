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
