/** Seeded small rota instances for the generator tests (and the exact-solver comparison). */
import { addDays } from '../../../electron/core/dates.shared';
import type { Demand, GenerateInput } from '../../../electron/core/rota/generator';
import type { PostDef, ShiftDef, StaffDef } from '../../../electron/core/rota/rules';
import { POST_KINDS, STAFF_KINDS, type RotaRules } from '../../../electron/core/rota/types.shared';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const THREE_SHIFTS: ShiftDef[] = [
  { id: 1, startMinute: 480, endMinute: 960 },
  { id: 2, startMinute: 960, endMinute: 1440 },
  { id: 3, startMinute: 0, endMinute: 480 },
];

export function smallInstance(seed: number): GenerateInput {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const from = '2020-02-17';
  const days = int(5, 7);
  const to = addDays(from, days - 1);
  const shifts = THREE_SHIFTS.slice(0, int(1, 3));
  const posts: PostDef[] = Array.from({ length: int(1, 2) }, (_, i) => ({
    id: i + 1,
    communityId: int(1, 2),
    kind: pick(POST_KINDS),
    requiredSkills: r() < 0.2 ? ['驾驶'] : [],
  }));
  const staff: StaffDef[] = Array.from({ length: int(3, 6) }, (_, i) => {
    const unavailable = new Map<string, 'leave'>();
    if (r() < 0.3) unavailable.set(addDays(from, int(0, days - 1)), 'leave');
    const kind = pick(STAFF_KINDS);
    return {
      id: i + 1,
      name: `员${i + 1}`,
      kind,
      isMedical: kind === 'medical',
      skills: r() < 0.5 ? ['驾驶'] : [],
      communityId: r() < 0.15 ? null : int(1, 2),
      unavailable,
    };
  });
  const demands: Demand[] = [];
  for (let d = 0; d < days; d++)
    for (const p of posts) for (const s of shifts) if (r() < 0.7) demands.push({ postId: p.id, shiftId: s.id, day: addDays(from, d), headcount: int(1, 2) });
  const rules: RotaRules = { minRestDaysPer7: int(1, 2), maxConsecutiveDays: int(3, 6), minRestHours: pick([8, 11, 12]) };
  return { from, to, staff, posts, shifts, demands, rules, fixed: [] };
}
