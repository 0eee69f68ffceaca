/**
 * Which 排查状态 a household counts under, for the renderer's rows: the same rule people-queries.ts
 * STATUS_AS_COVERAGE_COUNTS writes in SQL for the grid's filter and coverage.ts counts for 排查覆盖 — screened once
 * (by today) is 已排查, even if a later visit found nobody at home. screening-visits.test holds the two to one answer.
 */
import type { ScreeningStatus } from './codes.shared';

interface HouseholdScreening {
  /** The latest visit's status (the household's own column). */
  screeningStatus: ScreeningStatus;
  /** The day of its last visit that screened it, if any (households.list / households.get). */
  lastScreenedOn: string | null;
}

/** Whether a household whose latest visit found nobody (or a refusal) was screened on an earlier one: it counts as covered. */
export const screenedBefore = (h: HouseholdScreening): boolean => h.screeningStatus !== 'screened' && Boolean(h.lastScreenedOn);

/** The 排查状态 filter a household is listed under. */
export const countedAs = (h: HouseholdScreening): ScreeningStatus => (h.screeningStatus === 'screened' || h.lastScreenedOn ? 'screened' : h.screeningStatus);
