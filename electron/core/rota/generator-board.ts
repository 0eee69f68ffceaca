/**
 * What the automatic rota (generator.ts) works on and hands back: the demand, the assignments, an unfilled slot, and
 * the board the planner places people on, which its repair search (generator-repair.ts) and its result
 * (generator-result.ts) read. No I/O.
 */
import type { StaffCalendar, StaffDef } from './rules';
import type { BlockReason } from './types.shared';

export interface Demand {
  postId: number;
  shiftId: number;
  day: string;
  headcount: number;
}

export interface PlainAssignment {
  staffId: number;
  postId: number;
  shiftId: number;
  day: string;
}

export interface GeneratedSlot {
  demand: Demand;
  missing: number;
  /**
   * Per rule that stopped them, the staff who could take the post in principle (static rules): how many, and the first
   * few in staff order (the report's examples). Not each person: an over-subscribed month's positions times its staff
   * ran to millions of entries carried back from the planner thread (S45-A2: 500 posts, 600 staff, 63 days: 8.1 million).
   */
  blocked: Array<{ reason: BlockReason; count: number; staffIds: number[] }>;
}

/** How many people an unfilled position names per rule (generate.ts shows three). */
export const BLOCKED_EXAMPLES = 3;

/** The planner's board: each demand's open count and who holds it, each person's calendar; the moves on it. */
export interface Board {
  demands: readonly Demand[];
  staff: readonly StaffDef[];
  cal: ReadonlyArray<StaffCalendar<number>>;
  /** Per demand, the staff (by index) holding it. */
  taken: ReadonlyArray<Set<number>>;
  /** Per demand, the positions still open. */
  open: readonly number[];
  /** Per demand, its day's index on the calendars. */
  dayOf: readonly number[];
  /** Per demand, who could take it (static rules). */
  candCache: ReadonlyArray<readonly number[]>;
  block(si: number, di: number): BlockReason | null;
  place(si: number, di: number): void;
  unplace(si: number, di: number): void;
  /** The lightest-loaded person free for it, or null. */
  best(di: number, keepRest?: boolean): number | null;
}
