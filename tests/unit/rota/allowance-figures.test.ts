/**
 * 补助 counted by hand over a 31-day month (March 2020 begins on a Sunday): days × the office's
 * rate in 分, shifts × rate, two shifts on one day are one day, days of leave pay nothing,
 * and a person who left mid-month (set 不在岗 on the 16th) is still paid the shifts worked
 * before leaving, confirmed after the month ends. The expected figures are worked out here,
 * not by the code under test.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceRow } from '../../../electron/core/rota/duty-types.shared';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
let post: number;
const at = (instant: string) => admitAt(t, instant);
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-29T02:00:00.000Z' });
  f = await rotaFixture(t);
  post = (
    await t.call('rota.posts.save', {
      communityId: f.c1,
      name: '入户排查二组',
      kind: 'screening',
      requirements: [
        { shiftId: f.shifts.day, headcount: 3 },
        { shiftId: f.shifts.evening, headcount: 3 },
      ],
    })
  ).id;
});
afterEach(() => t.close());

const MARCH = { from: '2020-03-01', to: '2020-03-31' };
/** The weekdays of March 2020, by hand: 2–6, 9–13, 16–20, 23–27, 30–31. */
const MARCH_WEEKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31].map((d) => `2020-03-${String(d).padStart(2, '0')}`);

describe('补助 over a month, by hand', () => {
  it('pays days × rate and shifts × rate in 分, leave unpaid, and the shifts of someone who left mid-month', async () => {
    expect(MARCH_WEEKDAYS).toHaveLength(22);
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 3333, label: '临时性工作补助' });
    await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 1250, label: '志愿者补贴' });
    // Back-to-back day and evening shifts on one day need no 11-hour gap here (an office setting).
    await t.call('rota.rules.save', { minRestDaysPer7: 1, maxConsecutiveDays: 6, minRestHours: 0 });
    const volunteer = (await t.call('rota.staff.save', { name: '钱志愿', kind: 'volunteer', communityId: f.c1 })).id;
    const [stays, leaves] = [f.workers[0]!, f.workers[1]!];
    const ids: Record<string, number[]> = { stays: [], leaves: [], volunteer: [] };
    const assign = async (who: keyof typeof ids, staffId: number, day: string, shiftId = f.shifts.day) =>
      ids[who]!.push((await t.call('rota.assign', { day, postId: post, shiftId, staffId })).id);
    for (const day of MARCH_WEEKDAYS) {
      await assign('stays', stays, day);
      await assign('leaves', leaves, day);
    }
    // The volunteer: the day and the evening shift of the last day of the month, and one shift on the 1st.
    await assign('volunteer', volunteer, '2020-03-31');
    await assign('volunteer', volunteer, '2020-03-31', f.shifts.evening);
    await assign('volunteer', volunteer, '2020-03-01');
    // Leave for three planned days (10–12), registered after the plan.
    await t.call('rota.leave.add', { staffId: stays, from: '2020-03-10', to: '2020-03-12', reason: '病假' });

    // On the 16th the second worker leaves (不在岗); the month is confirmed on 1 April.
    await at('2020-03-16T02:00:00.000Z');
    const person = (await t.call('rota.staff.list', {})).find((s) => s.id === leaves)!;
    await t.call('rota.staff.save', { id: leaves, name: person.name, kind: person.kind, status: 'inactive' });
    await at('2020-04-01T02:00:00.000Z');

    const rows: AttendanceRow[] = [];
    for (const day of MARCH_WEEKDAYS.concat('2020-03-01')) rows.push(...(await t.call('rota.attendance.list', { day })).rows);
    // Leave days and days after leaving are flagged; the days before leaving (2–13: 10 weekdays) are not.
    const flagged = (staffId: number) => rows.filter((r) => r.staffId === staffId && r.flag !== null).map((r) => r.day);
    expect(flagged(stays)).toEqual(['2020-03-10', '2020-03-11', '2020-03-12']);
    expect(flagged(leaves)).toEqual(MARCH_WEEKDAYS.filter((d) => d >= '2020-03-16'));
    const confirmable = rows.filter((r) => r.flag === null).map((r) => ({ assignmentId: r.assignmentId, status: 'present' as const }));
    await t.call('rota.attendance.confirm', { entries: confirmable });

    const pay = await t.call('rota.allowances', MARCH);
    const row = (staffId: number) => pay.find((r) => r.staffId === staffId)!;
    // 22 weekdays − 3 days of leave = 19 days × 33.33 元 = 633.27 元.
    expect(row(stays)).toMatchObject({ plannedShifts: 22, days: 19, shifts: 19, rateFen: 3333, baseFen: 19 * 3333, totalFen: 63327 });
    // Left on the 16th: 2–6 and 9–13 worked = 10 days × 33.33 元 = 333.30 元; 16–31 (12 weekdays) stay unconfirmed.
    expect(row(leaves)).toMatchObject({ plannedShifts: 22, days: 10, shifts: 10, unconfirmedShifts: 12, baseFen: 33330, totalFen: 33330 });
    // Per shift: three shifts on two days = 3 × 12.50 元 = 37.50 元.
    expect(row(volunteer)).toMatchObject({ plannedShifts: 3, days: 2, shifts: 3, baseFen: 3750, totalFen: 3750 });

    // An adjustment of −0.01 元 on the last day counts; one dated 1 April is outside March.
    await t.call('rota.allowances.adjust', { staffId: stays, day: '2020-03-31', amountFen: -1, reason: '扣减一分（测试）' });
    await t.call('rota.allowances.adjust', { staffId: stays, day: '2020-04-01', amountFen: 500, reason: '四月的' });
    expect((await t.call('rota.allowances', MARCH)).find((r) => r.staffId === stays)).toMatchObject({ adjustmentFen: -1, totalFen: 63326 });
  });
});

/**
 * Half days (rota README, 「半天」): the rota records a half day as a shift of its own hours (上午 08:00–12:00,
 * 下午 14:00–18:00, set by the office), and a rate 按班次 at half a day's amount pays it as half a day. 按出勤天数
 * counts a day with any shift worked as one whole day: there is no 0.5 天. By hand, 50.00 元 a half day:
 * 2 March 上午 only, 3 March 上午 and 下午 = 3 half days = 150.00 元; 按出勤天数 at 100.00 元 the same two days are 2 days = 200.00 元.
 */
describe('半天: half-day shifts and the rate that pays them', () => {
  it('pays a half-day shift 按班次 as one half day, and counts it a whole day 按出勤天数', async () => {
    await t.call('rota.rules.save', { minRestDaysPer7: 1, maxConsecutiveDays: 6, minRestHours: 0 });
    const morning = (await t.call('rota.shifts.save', { name: '上午 08:00–12:00', startMinute: 480, endMinute: 720 })).id;
    const afternoon = (await t.call('rota.shifts.save', { name: '下午 14:00–18:00', startMinute: 840, endMinute: 1080 })).id;
    const requirements = [morning, afternoon].map((shiftId) => ({ shiftId, headcount: 1 }));
    const desk = (await t.call('rota.posts.save', { communityId: f.c1, name: '值班室', kind: 'duty', requirements })).id;
    const halfDays = f.workers[2]!;
    const wholeDays = (await t.call('rota.staff.save', { name: '钱志愿', kind: 'volunteer', communityId: f.c1 })).id;
    const entries: number[] = [];
    for (const staffId of [halfDays, wholeDays]) {
      entries.push((await t.call('rota.assign', { day: '2020-03-02', postId: desk, shiftId: morning, staffId })).id);
      entries.push((await t.call('rota.assign', { day: '2020-03-03', postId: desk, shiftId: morning, staffId })).id);
      entries.push((await t.call('rota.assign', { day: '2020-03-03', postId: desk, shiftId: afternoon, staffId })).id);
    }
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'shift', amountFen: 5000, label: '临时性工作补助（半天）' });
    await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'day', amountFen: 10000, label: '志愿者补贴' });
    await at('2020-03-04T02:00:00.000Z');
    await t.call('rota.attendance.confirm', { entries: entries.map((assignmentId) => ({ assignmentId, status: 'present' as const })) });
    const pay = await t.call('rota.allowances', MARCH);
    expect(pay.find((r) => r.staffId === halfDays)).toMatchObject({ days: 2, shifts: 3, basis: 'shift', baseFen: 15000, totalFen: 15000 });
    expect(pay.find((r) => r.staffId === wholeDays)).toMatchObject({ days: 2, shifts: 3, basis: 'day', baseFen: 20000, totalFen: 20000 });
  });
});
