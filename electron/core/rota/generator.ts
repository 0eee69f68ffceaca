/**
 * The automatic rota: a pure, deterministic function from staff, posts,
 * shifts, demand and fixed assignments to new assignments, unfilled slots
 * with reasons, and the fairness achieved. No I/O, no clock, no randomness.
 *
 * Method: positions are filled scarcest first (fewest people who could ever
 * take them), each by the eligible person with the lightest load so far,
 * first keeping everyone's planned rest days free (rules.ts restRotation),
 * then with them; then every position still open gets a repair search
 * (generator-repair.ts); a small instance is then finished exactly
 * (exact-search.ts); generator-result.ts reads the outcome off the board.
 */
import { addDays, daysBetween, weekdayMon0 } from '../dates.shared';
import { branchAndBound } from './exact-search';
import type { Board, Demand, GeneratedSlot, PlainAssignment } from './generator-board';
import { repairOpen } from './generator-repair';
import { resultOf } from './generator-result';
import { isNightShift, restRotation, staticBlock, StaffCalendar, type PostDef, type ShiftDef, type StaffDef } from './rules';
import type { BlockReason, Fairness, RotaRules } from './types.shared';

export type { Demand, GeneratedSlot, PlainAssignment } from './generator-board';
export { BLOCKED_EXAMPLES } from './generator-board';

export interface GenerateInput {
  from: string;
  to: string;
  staff: readonly StaffDef[];
  posts: readonly PostDef[];
  shifts: readonly ShiftDef[];
  demands: readonly Demand[];
  rules: RotaRules;
  /** Assignments that stay (published weeks, manual ones, days just outside the range). */
  fixed: readonly PlainAssignment[];
  /** Links in a repair chain; 3 is plenty for real rosters. */
  repairDepth?: number;
  /** Instances with at most this many open positions are finished by exhaustive search (0: never). */
  exactUpTo?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateOutput {
  assignments: PlainAssignment[];
  unfilled: GeneratedSlot[];
  fairness: Fairness;
  required: number;
  filled: number;
}

const PAD = 8;

export function generateRota(input: GenerateInput): GenerateOutput {
  const base = addDays(input.from, -PAD);
  const horizon = daysBetween(base, input.to) + PAD + 1;
  const idx = (day: string) => daysBetween(base, day);
  const shiftById = new Map(input.shifts.map((s) => [s.id, s]));
  const postById = new Map(input.posts.map((p) => [p.id, p]));
  const demands = input.demands.filter((d) => shiftById.has(d.shiftId) && postById.has(d.postId) && d.day >= input.from && d.day <= input.to);
  const flagsOf = (d: Demand | PlainAssignment) => {
    const wd = weekdayMon0(d.day);
    return { night: isNightShift(shiftById.get(d.shiftId)!), weekend: wd >= 5 };
  };
  const cal = input.staff.map(() => new StaffCalendar<number>(horizon, input.rules));
  // Each demand's day index and flags, worked out once: the placing loops ask them per candidate, and reading the day
  // string each time (a regular expression and a Date) was half of a big office's planning time (attack run 29, S43-A3).
  const dayOf = demands.map((d) => idx(d.day));
  const flagsAt = demands.map(flagsOf);
  const staffIdx = new Map(input.staff.map((s, i) => [s.id, i]));

  // Fixed assignments occupy calendars (key -1: never moved) and count toward their demand.
  const demandKey = (postId: number, shiftId: number, day: string) => `${day}|${postId}|${shiftId}`;
  const demandIndex = new Map(demands.map((d, i) => [demandKey(d.postId, d.shiftId, d.day), i]));
  const taken = demands.map(() => new Set<number>());
  const fixedCount = demands.map(() => 0);
  const fixedTaken = demands.map(() => new Set<number>());
  for (const f of input.fixed) {
    const si = staffIdx.get(f.staffId);
    const shift = shiftById.get(f.shiftId);
    const dIdx = idx(f.day);
    if (si === undefined || !shift || dIdx < -1 || dIdx > horizon) continue;
    cal[si]!.add(dIdx, shift, -1, flagsOf(f));
    const di = demandIndex.get(demandKey(f.postId, f.shiftId, f.day));
    if (di !== undefined) {
      fixedCount[di]!++;
      taken[di]!.add(si);
      fixedTaken[di]!.add(si);
    }
  }

  // People who could ever take each post (static rules bar the day).
  const eligibleByPost = new Map<number, number[]>();
  for (const p of input.posts) {
    const anyDay = input.staff.flatMap((s, i) => (staticBlock({ ...s, unavailable: new Map() }, p, '') === null ? [i] : []));
    eligibleByPost.set(p.id, anyDay);
  }
  const candidates = (di: number): number[] => {
    const d = demands[di]!;
    const post = postById.get(d.postId)!;
    return eligibleByPost.get(d.postId)!.filter((i) => !input.staff[i]!.unavailable.has(d.day) && staticBlock(input.staff[i]!, post, d.day) === null);
  };
  const candCache = demands.map((_, di) => candidates(di));
  const open = demands.map((d, di) => Math.max(0, d.headcount - fixedCount[di]!));

  const block = (si: number, di: number): BlockReason | null => {
    if (taken[di]!.has(si)) return 'overlap';
    const d = demands[di]!;
    return cal[si]!.block(dayOf[di]!, shiftById.get(d.shiftId)!);
  };
  const place = (si: number, di: number) => {
    const d = demands[di]!;
    cal[si]!.add(dayOf[di]!, shiftById.get(d.shiftId)!, di, flagsAt[di]!);
    taken[di]!.add(si);
    open[di]!--;
  };
  const unplace = (si: number, di: number) => {
    cal[si]!.remove(dayOf[di]!, di, flagsAt[di]!);
    taken[di]!.delete(si);
    open[di]!++;
  };
  const own = (si: number, di: number) => input.staff[si]!.communityId === postById.get(demands[di]!.postId)!.communityId;
  // Lightest load first; own community before outsiders; nights and weekends spread; id breaks ties.
  const score = (si: number, di: number) => {
    const c = cal[si]!;
    const f = flagsAt[di]!;
    return c.shifts * 1000 + (own(si, di) ? 0 : 500) + (f.night ? c.nights * 40 : 0) + (f.weekend ? c.weekends * 40 : 0);
  };
  const rotation = restRotation(input.staff, input.rules.minRestDaysPer7);
  const dayNumbers = demands.map((d) => rotation.dayNumber(d.day));
  const best = (di: number, keepRest = false): number | null => {
    let pick: number | null = null;
    let pickScore = Infinity;
    for (const si of candCache[di]!) {
      if ((keepRest && rotation.isRest(si, dayNumbers[di]!)) || block(si, di) !== null) continue;
      const s = score(si, di);
      if (s < pickScore || (s === pickScore && input.staff[si]!.id < input.staff[pick!]!.id)) {
        pick = si;
        pickScore = s;
      }
    }
    return pick;
  };

  const order = demands
    .map((_, i) => i)
    .sort((a, b) => {
      const da = demands[a]!;
      const db = demands[b]!;
      return (
        candCache[a]!.length - candCache[b]!.length ||
        (da.day < db.day ? -1 : da.day > db.day ? 1 : 0) ||
        shiftById.get(da.shiftId)!.startMinute - shiftById.get(db.shiftId)!.startMinute ||
        da.postId - db.postId
      );
    });
  const total = order.length;
  for (const keepRest of [true, false])
    order.forEach((di, n) => {
      while (open[di]! > 0) {
        const si = best(di, keepRest);
        if (si === null) break;
        place(si, di);
      }
      if (keepRest && n % 200 === 0) input.onProgress?.(n, total * 2);
    });

  const board: Board = { demands, staff: input.staff, cal, taken, open, dayOf, candCache, block, place, unplace, best };
  repairOpen(board, order, input.repairDepth ?? 3, (n) => input.onProgress?.(total + n, total * 2));

  // Small instances are finished exactly; large ones keep the greedy + repair result.
  const openPositions = demands.reduce((n, d, di) => n + Math.max(0, d.headcount - fixedCount[di]!), 0);
  if (open.some((o) => o > 0) && openPositions <= (input.exactUpTo ?? 60)) {
    const mine = demands.flatMap((_, di) => [...taken[di]!].filter((si) => !fixedTaken[di]!.has(si)).map((si) => [si, di] as [number, number]));
    for (const [si, di] of mine) unplace(si, di);
    // Chronological branching: the day-window rules prune early.
    const byTime = demands.map((_, i) => i).filter((di) => candCache[di]!.length > 0);
    byTime.sort(
      (a, b) =>
        dayOf[a]! * 1440 + shiftById.get(demands[a]!.shiftId)!.startMinute - (dayOf[b]! * 1440 + shiftById.get(demands[b]!.shiftId)!.startMinute) || a - b,
    );
    const positions = byTime.flatMap((di) => Array.from({ length: open[di]! }, () => di));
    const better = branchAndBound({ positions, candidates: (di) => candCache[di]!, block, place, unplace }, mine.length, 300_000);
    for (const [si, di] of better ?? mine) place(si, di);
  }
  return resultOf(board, input, postById, demandKey);
}
