import { addDays } from '../../../electron/core/dates.shared';
import { Rng } from '../../../electron/core/demo-kit/random';
import { generateRota, type Demand } from '../../../electron/core/rota/generator';
import type { PostDef, StaffDef } from '../../../electron/core/rota/rules';
import { DEFAULT_RULES, type StaffKind } from '../../../electron/core/rota/types.shared';
import type { BenchPart, BenchRow } from '../types';

const KINDS: StaffKind[] = [
  'community_worker',
  'community_worker',
  'community_worker',
  'medical',
  'police',
  'property',
  'social_worker',
  'volunteer',
  'volunteer',
  'agency_cadre',
];

/** The size: 300 staff, 40 posts, 28 days, 3 shifts, through the pure generator and through rota.generate on the demo ledger. */
export const rotaBench: BenchPart = {
  area: 'rota',
  async run(env) {
    const rng = new Rng(7);
    const from = '2020-02-17';
    const to = addDays(from, 27);
    const staff: StaffDef[] = Array.from({ length: 300 }, (_, i) => {
      const kind = KINDS[i % KINDS.length]!;
      const unavailable = new Map<string, 'leave'>();
      if (rng.chance(0.1)) for (let d = rng.int(0, 20), n = rng.int(1, 5); n > 0; n--, d++) unavailable.set(addDays(from, d), 'leave');
      return {
        id: i + 1,
        name: `员${i + 1}`,
        kind,
        isMedical: kind === 'medical',
        skills: rng.chance(0.3) ? ['驾驶'] : [],
        communityId: kind === 'agency_cadre' ? null : (i % 10) + 1,
        unavailable,
      };
    });
    const posts: PostDef[] = Array.from({ length: 40 }, (_, i) => ({
      id: i + 1,
      communityId: (i % 10) + 1,
      kind: (['checkpoint', 'screening', 'duty', 'followup'] as const)[Math.floor(i / 10)]!,
      requiredSkills: [],
    }));
    const shifts = [
      { id: 1, startMinute: 480, endMinute: 960 },
      { id: 2, startMinute: 960, endMinute: 1440 },
      { id: 3, startMinute: 0, endMinute: 480 },
    ];
    const demands: Demand[] = [];
    for (let d = 0; d < 28; d++)
      for (const p of posts) for (const s of shifts) demands.push({ postId: p.id, shiftId: s.id, day: addDays(from, d), headcount: 1 });
    const t0 = performance.now();
    const out = generateRota({ from, to, staff, posts, shifts, demands, rules: DEFAULT_RULES, fixed: [] });
    const pureMs = performance.now() - t0;
    env.log(
      `  rota: ${out.filled}/${out.required} filled, shifts per person ${out.fairness.minShifts}–${out.fairness.maxShifts} (σ ${out.fairness.stdevShifts})`,
    );

    const today = env.core.services.clock.today();
    const t1 = performance.now();
    const r = await env.core.call('bench', 'rota.generate', { from: today, to: addDays(today, 27), includePublished: true });
    const taskMs = performance.now() - t1;
    if (r.ok !== true) throw new Error(`rota.generate failed: ${JSON.stringify(r)}`);
    const report = r.value as { required: number; filled: number };
    const t2 = performance.now();
    const cal = await env.core.call('bench', 'rota.calendar', { from: today, to: addDays(today, 27) });
    const calMs = performance.now() - t2;
    if (cal.ok !== true) throw new Error('rota.calendar failed');
    const rows: BenchRow[] = [
      { name: `generate 300 staff × 40 posts × 28 days × 3 shifts (pure; ${out.filled}/${out.required} filled)`, value: pureMs / 1000, unit: 's', target: 10 },
      {
        name: `rota.generate on the demo office, 28 days (${report.filled}/${report.required} filled, incl. save + audit)`,
        value: taskMs / 1000,
        unit: 's',
        target: 10,
      },
      { name: 'rota.calendar, 28 days, all communities', value: calMs, unit: 'ms', target: null },
    ];
    return rows;
  },
};
