/**
 * What the automatic rota hands back from its board (generator.ts): the new assignments (not the fixed ones), each
 * position left open with who was stopped by which rule (counts and the first few), and the fairness achieved.
 */
import { BLOCKED_EXAMPLES, type Board, type GeneratedSlot, type PlainAssignment } from './generator-board';
import { staticBlock, type PostDef, type StaffCalendar } from './rules';
import type { BlockReason, Fairness } from './types.shared';

export function resultOf(
  board: Board,
  input: { fixed: readonly PlainAssignment[] },
  postById: ReadonlyMap<number, PostDef>,
  demandKey: (postId: number, shiftId: number, day: string) => string,
): { assignments: PlainAssignment[]; unfilled: GeneratedSlot[]; fairness: Fairness; required: number; filled: number } {
  const { demands, staff, cal, taken, open, candCache, block } = board;
  const assignments: PlainAssignment[] = [];
  const fixedKeys = new Set(input.fixed.map((f) => `${f.staffId}|${demandKey(f.postId, f.shiftId, f.day)}`));
  demands.forEach((d, di) => {
    for (const si of [...taken[di]!].sort((a, b) => a - b)) {
      const staffId = staff[si]!.id;
      if (!fixedKeys.has(`${staffId}|${demandKey(d.postId, d.shiftId, d.day)}`))
        assignments.push({ staffId, postId: d.postId, shiftId: d.shiftId, day: d.day });
    }
  });
  const unfilled: GeneratedSlot[] = [];
  demands.forEach((d, di) => {
    if (open[di]! <= 0) return;
    const post = postById.get(d.postId)!;
    const byReason = new Map<BlockReason, GeneratedSlot['blocked'][number]>();
    staff.forEach((s, si) => {
      const reason = staticBlock(s, post, d.day) ?? block(si, di) ?? 'busy_elsewhere';
      if (reason === 'other_community') return;
      const group = byReason.get(reason) ?? { reason, count: 0, staffIds: [] };
      byReason.set(reason, group);
      group.count++;
      if (group.staffIds.length < BLOCKED_EXAMPLES) group.staffIds.push(s.id);
    });
    unfilled.push({ demand: d, missing: open[di]!, blocked: [...byReason.values()] });
  });
  const required = demands.reduce((n, d) => n + d.headcount, 0);
  const filled = required - open.reduce((n, o) => n + Math.max(0, o), 0);
  const pool = new Set(candCache.flat());
  return { assignments, unfilled, fairness: fairnessOf([...pool].map((i) => cal[i]!)), required, filled };
}

/** Spread of shifts over everyone who could have worked these posts. */
function fairnessOf(counted: ReadonlyArray<StaffCalendar<number>>): Fairness {
  const shifts = counted.map((c) => c.shifts);
  const n = shifts.length || 1;
  const mean = shifts.reduce((a, b) => a + b, 0) / n;
  const variance = shifts.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
  return {
    people: shifts.length,
    minShifts: shifts.length ? Math.min(...shifts) : 0,
    maxShifts: shifts.length ? Math.max(...shifts) : 0,
    meanShifts: Math.round(mean * 100) / 100,
    stdevShifts: Math.round(Math.sqrt(variance) * 100) / 100,
    maxNights: Math.max(0, ...counted.map((c) => c.nights)),
    maxWeekends: Math.max(0, ...counted.map((c) => c.weekends)),
  };
}
