/**
 * 轮休 and 连续上班天数 per person, recounted by hand from rota_assignments on small ledgers with the edges a month
 * brings: a rota generated February then March (the rule sees across the 1st), a day of leave, a tighter office
 * setting, a manual assignment that would make a seventh day in a row over the month's end. The rule is the office's
 * (本街道的设置: 排班规则); the recount is plain arithmetic on the rows, not rota/rules.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays, eachDay } from '../../../electron/core/dates.shared';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

describe('轮休 and days in a row, recounted across a month’s end', () => {
  let t: TestLedger;
  let f: RotaFixture;
  const db = () => t.core.services.ledger.handle();
  beforeEach(async () => {
    t = await openTestLedger({ now: '2020-02-10T02:00:00.000Z' });
    f = await rotaFixture(t);
  });
  afterEach(() => t.close());

  /** Each person's worst run of days on duty and fewest rest days in any 7 over [from, to], from the rows. */
  const recount = (from: string, to: string) => {
    const rows = db().prepare(`SELECT DISTINCT staff_id AS s, day FROM rota_assignments`).all() as Array<{ s: number; day: string }>;
    const on = new Map<number, Set<string>>();
    for (const r of rows) on.set(r.s, (on.get(r.s) ?? new Set()).add(r.day));
    const days = eachDay(from, to);
    const out = new Map<number, { longestRun: number; fewestRest: number; days: number }>();
    for (const [s, set] of on) {
      let run = 0;
      let longestRun = 0;
      for (const d of days) longestRun = Math.max(longestRun, (run = set.has(d) ? run + 1 : 0));
      let fewestRest = 7;
      for (let i = 0; i + 7 <= days.length; i++) fewestRest = Math.min(fewestRest, days.slice(i, i + 7).filter((d) => !set.has(d)).length);
      out.set(s, { longestRun, fewestRest, days: days.filter((d) => set.has(d)).length });
    }
    return out;
  };

  it('keeps the office’s 轮休 across the 1st when February and March are generated one after the other', async () => {
    await t.call('rota.generate', { from: '2020-02-17', to: '2020-02-29' });
    await t.call('rota.generate', { from: '2020-03-01', to: '2020-03-14' });
    const people = recount('2020-02-17', '2020-03-14');
    expect(
      [...people.values()].some((p) => p.days >= 12),
      'the checkpoint keeps its few people busy',
    ).toBe(true);
    for (const [s, p] of people) {
      expect(p.longestRun, `人员 ${s}`).toBeLessThanOrEqual(6);
      expect(p.fewestRest, `人员 ${s}`).toBeGreaterThanOrEqual(1);
    }
    const cal = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-03-14' });
    expect(cal.assignments.filter((a) => a.problems.length > 0)).toEqual([]);
  });

  it('keeps a tighter setting (2 rest days in 7, 3 days in a row) across the 1st, and nobody works a day of leave', async () => {
    await t.call('rota.rules.save', { minRestDaysPer7: 2, maxConsecutiveDays: 3, minRestHours: 11 });
    await t.call('rota.leave.add', { staffId: f.workers[1]!, from: '2020-03-02', to: '2020-03-02', reason: '事假' });
    await t.call('rota.generate', { from: '2020-02-17', to: '2020-02-29' });
    await t.call('rota.generate', { from: '2020-03-01', to: '2020-03-14' });
    for (const [s, p] of recount('2020-02-17', '2020-03-14')) {
      expect(p.longestRun, `人员 ${s}`).toBeLessThanOrEqual(3);
      expect(p.fewestRest, `人员 ${s}`).toBeGreaterThanOrEqual(2);
    }
    const onLeave = db().prepare(`SELECT count(*) AS n FROM rota_assignments WHERE staff_id = @s AND day = '2020-03-02'`).get({ s: f.workers[1]! }) as {
      n: number;
    };
    expect(onLeave.n).toBe(0);
  });

  it('refuses a seventh day in a row that starts in February, by hand, and names the rule; the 1st after a rest day is fine', async () => {
    const w = f.workers[2]!;
    for (const day of eachDay('2020-02-24', '2020-02-29')) await t.call('rota.assign', { day, postId: f.screening, shiftId: f.shifts.day, staffId: w });
    expect(recount('2020-02-24', '2020-03-01').get(w)!.longestRun).toBe(6);
    const seventh = await t.core.call('admin', 'rota.assign', { day: '2020-03-01', postId: f.screening, shiftId: f.shifts.day, staffId: w });
    expect(seventh.ok).toBe(false);
    expect(JSON.stringify(seventh)).toContain('已连续工作 6 天');
    // A rest day on the 1st: the 2nd starts a new run.
    await t.call('rota.assign', { day: '2020-03-02', postId: f.screening, shiftId: f.shifts.day, staffId: w });
    expect(recount('2020-02-24', '2020-03-02').get(w)).toEqual({ longestRun: 6, fewestRest: 1, days: 7 });
  });

  it('marks on the calendar a run made before the office tightened its rule, on every day of it', async () => {
    const w = f.workers[3]!;
    const days = eachDay('2020-02-26', '2020-03-02');
    for (const day of days) await t.call('rota.assign', { day, postId: f.screening, shiftId: f.shifts.day, staffId: w });
    await t.call('rota.rules.save', { minRestDaysPer7: 1, maxConsecutiveDays: 4, minRestHours: 11 });
    const cal = await t.call('rota.calendar', { from: '2020-02-24', to: addDays('2020-03-02', 2) });
    const marked = cal.assignments.filter((a) => a.staffId === w && a.problems.length > 0).map((a) => a.day);
    // 6 days in a row where the office now allows 4: each of them is part of the run too long.
    expect(recount('2020-02-24', '2020-03-04').get(w)!.longestRun).toBe(6);
    expect(marked).toEqual(days);
  });
});
