/** Shapes of the printed roster and the dashboard figures. Pure TypeScript. */
export interface RosterCell {
  /** away: the person can no longer work the shift (请假 added later, 不在岗, 记录被改动): printed beside the name, not counted as filling it. */
  names: Array<{ name: string; phone: string; override: string | null; away: RosterAway | null }>;
  /**
   * Positions the post's requirement for that day and shift leaves open (those away do not fill one, as on the calendar):
   * printed 「缺 N 人」, so a gap is not read as a post that does not run.
   */
  missing: number;
}

export interface RosterCommunity {
  communityId: number;
  communityName: string;
  days: string[];
  shifts: Array<{ id: number; name: string }>;
  posts: Array<{ id: number; name: string; kindLabel: string; location: string; cells: Record<string, RosterCell> }>;
  /** Day → 带班领导 (first leader on duty that day), or '' when none. */
  leaders: Record<string, string>;
  overrides: Array<{ day: string; name: string; post: string; reason: string }>;
}

/**
 * The printed roster's phones: masked by default, as every personal number; in full only when whoever prints it
 * chooses 「印完整电话」 (a roster is posted to be rung), and that print is audited (rota.roster's auditRead).
 */
export const ROSTER_PHONES = ['masked', 'full'] as const;
export type RosterPhones = (typeof ROSTER_PHONES)[number];

export interface Roster {
  officeName: string;
  from: string;
  to: string;
  phones: RosterPhones;
  /** How many people on duty the roster names (their phones are what a full print reveals). */
  people: number;
  communities: RosterCommunity[];
}

export interface RotaOutlook {
  /** Open positions (headcount not covered) in the next 7 days from today. */
  unfilledNext7: number;
  /** Covered / required positions over the next 14 days, 0–1 (1 when nothing is required). */
  fillRateNext14: number;
  requiredNext14: number;
}

/** Why a name on the roster fills no position: leave added later, no longer on duty, a row changed outside the program. */
export type RosterAway = '请假' | '不在岗' | '记录被改动';
export const DAMAGED_ON_ROSTER: RosterAway = '记录被改动';
