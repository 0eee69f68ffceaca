/**
 * 不在岗 from a chosen day, counted by hand: a coordinator records on Friday 20 March 2020 that 王 left on Thursday
 * the 12th. 王 was planned every weekday of March; the weekdays before the 12th are 2–6, 9–11: 8 days × 33.33 元 =
 * 266.64 元. Recorded "from today" (the 20th) as before, the 12th, 13th and 16–19th (6 more weekdays) stayed
 * confirmable and were paid: 14 days, 466.62 元. The day may not be after today, must exist, goes only with 不在岗,
 * and may not come before a shift confirmed as worked; the audit row names it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttendanceRow } from '../../../electron/core/rota/duty-types.shared';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
let post: number;
let wang: number;
const MARCH_WEEKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31].map((d) => `2020-03-${String(d).padStart(2, '0')}`);

beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-29T02:00:00.000Z' });
  f = await rotaFixture(t);
  post = (
    await t.call('rota.posts.save', { communityId: f.c1, name: '入户排查二组', kind: 'screening', requirements: [{ shiftId: f.shifts.day, headcount: 3 }] })
  ).id;
  await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 3333, label: '临时性工作补助' });
  wang = f.workers[1]!;
  for (const day of MARCH_WEEKDAYS) await t.call('rota.assign', { day, postId: post, shiftId: f.shifts.day, staffId: wang });
  await admitAt(t, '2020-03-20T02:00:00.000Z');
});
afterEach(() => t.close());

const saveWang = async (extra: Record<string, unknown>) => {
  const person = (await t.call('rota.staff.list', {})).find((s) => s.id === wang)!;
  return t.raw('rota.staff.save', { id: wang, name: person.name, kind: person.kind, ...extra });
};
async function attendance(): Promise<AttendanceRow[]> {
  const rows: AttendanceRow[] = [];
  for (const day of MARCH_WEEKDAYS.filter((d) => d <= '2020-03-20'))
    rows.push(...(await t.call('rota.attendance.list', { day })).rows.filter((r) => r.staffId === wang));
  return rows;
}

describe('不在岗 from a chosen day', () => {
  it('is the day the allowance and the rota count from, shown on the staff record and in the audit row', async () => {
    expect((await saveWang({ status: 'inactive', inactiveFrom: '2020-03-12' })).ok).toBe(true);
    expect((await t.call('rota.staff.list', {})).find((s) => s.id === wang)).toMatchObject({ status: 'inactive', inactiveFrom: '2020-03-12' });
    const rows = await attendance();
    // From the 12th every planned shift is flagged (不在岗) and fills no position; 2–11 are not.
    expect(rows.filter((r) => r.flag !== null).map((r) => r.day)).toEqual(MARCH_WEEKDAYS.filter((d) => d >= '2020-03-12' && d <= '2020-03-20'));
    await t.call('rota.attendance.confirm', {
      entries: rows.filter((r) => r.flag === null).map((r) => ({ assignmentId: r.assignmentId, status: 'present' as const })),
    });
    await admitAt(t, '2020-04-01T02:00:00.000Z');
    const pay = (await t.call('rota.allowances', { from: '2020-03-01', to: '2020-03-31' })).find((r) => r.staffId === wang)!;
    expect(pay).toMatchObject({ plannedShifts: 22, days: 8, baseFen: 8 * 3333, totalFen: 26664 });
    const audit = (await t.call('audit.list', { filter: { entity: 'staff' } })).rows.find(
      (r) => r.entityId === String(wang) && r.after?.includes('inactiveFrom'),
    );
    expect(JSON.parse(audit!.after!)).toMatchObject({ status: 'inactive', inactiveFrom: '2020-03-12' });
    expect(JSON.parse(audit!.before!)).toMatchObject({ status: 'active', inactiveFrom: null });
  });

  it('defaults to today, and keeps the recorded day when saved again without one', async () => {
    await saveWang({ status: 'inactive' });
    expect((await t.call('rota.staff.list', {})).find((s) => s.id === wang)?.inactiveFrom).toBe('2020-03-20');
    await saveWang({ status: 'inactive', inactiveFrom: '2020-03-12' });
    await saveWang({ status: 'inactive', skills: ['驾驶'] });
    expect((await t.call('rota.staff.list', {})).find((s) => s.id === wang)?.inactiveFrom).toBe('2020-03-12');
    await saveWang({ status: 'active' });
    expect((await t.call('rota.staff.list', {})).find((s) => s.id === wang)?.inactiveFrom).toBeNull();
  });

  it('refuses a day after today, one that does not exist, one without 不在岗, and one before a shift confirmed as worked', async () => {
    const error = async (extra: Record<string, unknown>) => {
      const r = await saveWang(extra);
      return r.ok ? null : r.error.message;
    };
    expect(await error({ status: 'inactive', inactiveFrom: '2020-03-21' })).toMatch(/不在岗日期.*不能晚于今天/);
    expect(await error({ status: 'inactive', inactiveFrom: '2020-02-30' })).toMatch(/不在岗日期.*不是真实存在的日期/);
    expect(await error({ status: 'active', inactiveFrom: '2020-03-12' })).toBe('「不在岗日期」只在状态为「不在岗」时填写。');
    const rows = await attendance();
    const the13th = rows.find((r) => r.day === '2020-03-13')!;
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: the13th.assignmentId, status: 'present' }] });
    expect(await error({ status: 'inactive', inactiveFrom: '2020-03-12' })).toBe(
      '「不在岗日期」应晚于已确认出勤的 2020-03-13（填的是 2020-03-12）：请选 2020-03-14 或以后的日期，或先在「出勤确认」中更正那天的出勤。',
    );
    expect(await error({ status: 'inactive', inactiveFrom: '2020-03-14' })).toBeNull();
  });
});
