/**
 * The exact reference: the same rules as a 0-1 program (CPLEX LP text)
 * solved by HiGHS. Used by tests only, to prove the generator fills as many
 * slots as is possible at all.
 */
import highsLoader from 'highs';
import { daysBetween } from '../../../electron/core/dates.shared';
import type { GenerateInput } from '../../../electron/core/rota/generator';
import { staticBlock } from '../../../electron/core/rota/rules';

export async function maxFillable(input: GenerateInput): Promise<number> {
  const highs = await highsLoader();
  const shift = new Map(input.shifts.map((s) => [s.id, s]));
  const post = new Map(input.posts.map((p) => [p.id, p]));
  const vars: Array<{ name: string; si: number; di: number; day: number; start: number; end: number }> = [];
  input.demands.forEach((d, di) => {
    input.staff.forEach((s, si) => {
      if (staticBlock(s, post.get(d.postId)!, d.day) !== null) return;
      const day = daysBetween(input.from, d.day);
      const sh = shift.get(d.shiftId)!;
      vars.push({ name: `x_${si}_${di}`, si, di, day, start: day * 1440 + sh.startMinute, end: day * 1440 + sh.endMinute });
    });
  });
  if (vars.length === 0) return 0;
  const rows: string[] = [];
  let n = 0;
  input.demands.forEach((d, di) => {
    const xs = vars.filter((v) => v.di === di).map((v) => v.name);
    if (xs.length) rows.push(` c${n++}: ${xs.join(' + ')} <= ${d.headcount}`);
  });
  const rest = input.rules.minRestHours * 60;
  const days = daysBetween(input.from, input.to) + 1;
  const wNames = new Set<string>();
  input.staff.forEach((_, si) => {
    const mine = vars.filter((v) => v.si === si);
    for (let a = 0; a < mine.length; a++)
      for (let b = a + 1; b < mine.length; b++) {
        const x = mine[a]!;
        const y = mine[b]!;
        if (x.start < y.end + rest && y.start < x.end + rest) rows.push(` c${n++}: ${x.name} + ${y.name} <= 1`);
      }
    for (const v of mine) {
      rows.push(` c${n++}: ${v.name} - w_${si}_${v.day} <= 0`);
      wNames.add(`w_${si}_${v.day}`);
    }
    const w = (d: number) => (wNames.has(`w_${si}_${d}`) ? `w_${si}_${d}` : null);
    const windowRow = (len: number, max: number) => {
      for (let s = 0; s + len <= days; s++) {
        const ws = Array.from({ length: len }, (_, k) => w(s + k)).filter((x): x is string => x !== null);
        if (ws.length > max) rows.push(` c${n++}: ${ws.join(' + ')} <= ${max}`);
      }
    };
    windowRow(Math.min(7, days), 7 - input.rules.minRestDaysPer7);
    windowRow(input.rules.maxConsecutiveDays + 1, input.rules.maxConsecutiveDays);
  });
  const lp = [
    'Maximize',
    ` obj: ${vars.map((v) => v.name).join(' + ')}`,
    'Subject To',
    ...rows,
    'Binary',
    ...vars.map((v) => ` ${v.name}`),
    ...[...wNames].map((w) => ` ${w}`),
    'End',
  ].join('\n');
  const result = highs.solve(lp);
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return Math.round(result.ObjectiveValue);
}
