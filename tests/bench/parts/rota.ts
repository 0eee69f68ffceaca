import { addDays } from '../../../electron/core/dates.shared';
import { generateRota } from '../../../electron/core/rota/generator';
import { DEFAULT_RULES } from '../../../electron/core/rota/types.shared';
import { officeInstance } from '../../helpers/rota-office';
import type { BenchPart, BenchRow } from '../types';

/** The size: 300 staff, 40 posts, 28 days, 3 shifts, through the pure generator and through rota.generate on the demo ledger. */
export const rotaBench: BenchPart = {
  area: 'rota',
  async run(env) {
    const { from, to, staff, posts, shifts, demands } = officeInstance({ staff: 300, posts: 40, perShift: 1, days: 28 }, '2020-02-17');
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
