/**
 * A shift is confirmed as worked once it has begun by the office's clock, never in advance (w66 walk W1): at 10:00
 * 「确认当天全部出勤」 marked the 中班 16:00–24:00 as worked, and at 01:30 (17:30 UTC, the office's new day) the 早班
 * 08:00–16:00; the pay sheet then paid shifts nobody had worked yet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-19T02:00:00.000Z' }); // Wednesday 2020-02-19, 10:00 in 郑州
  f = await rotaFixture(t);
});
afterEach(() => t.close());

const assign = async (day: string, shiftId: number, staffId: number) => (await t.call('rota.assign', { day, postId: f.screening, shiftId, staffId })).id;
const statusOf = async (day: string, id: number) => (await t.call('rota.attendance.list', { day })).rows.find((r) => r.assignmentId === id)!.status;

describe('出勤确认 before a shift begins', () => {
  it('at 10:00 confirms the 早班 and the 夜班, and leaves the 中班 16:00–24:00 planned, saying why', async () => {
    const early = await assign('2020-02-19', f.shifts.day, f.workers[0]!);
    const late = await assign('2020-02-19', f.shifts.evening, f.workers[1]!);
    const night = await assign('2020-02-19', f.shifts.night, f.workers[2]!);
    const done = await t.call('rota.attendance.confirmDay', { day: '2020-02-19' });
    expect(done.confirmed).toBe(2);
    expect(done.skipped).toEqual([expect.objectContaining({ assignmentId: late, why: '16:00 才开始' })]);
    expect([await statusOf('2020-02-19', early), await statusOf('2020-02-19', night), await statusOf('2020-02-19', late)]).toEqual([
      'present',
      'present',
      'planned',
    ]);
    const e = await t.fail('rota.attendance.confirm', { entries: [{ assignmentId: late, status: 'present' }] });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('「中班 16:00–24:00」16:00 才开始，还不能确认为出勤');
    // Someone who will not come may be put down as absent before the shift; after it begins, worked.
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: late, status: 'absent', note: '家中有事' }] });
    await admitAt(t, '2020-02-19T08:00:00.000Z'); // 16:00 in 郑州
    await t.call('rota.attendance.confirm', { entries: [{ assignmentId: late, status: 'present' }] });
    expect(await statusOf('2020-02-19', late)).toBe('present');
  });

  it("at 01:30 the office's new day (17:30 UTC the day before) confirms only the 夜班 of that day", async () => {
    await admitAt(t, '2020-02-19T17:30:00.000Z'); // 2020-02-20 01:30 in 郑州
    const early = await assign('2020-02-20', f.shifts.day, f.workers[0]!);
    const night = await assign('2020-02-20', f.shifts.night, f.workers[2]!);
    const done = await t.call('rota.attendance.confirmDay', { day: '2020-02-20' });
    expect(done).toMatchObject({ confirmed: 1, skipped: [{ assignmentId: early, why: '08:00 才开始' }] });
    expect(await statusOf('2020-02-20', night)).toBe('present');
    // A past day is whole: every shift of yesterday may be confirmed.
    const yesterday = await assign('2020-02-19', f.shifts.evening, f.workers[1]!);
    expect((await t.call('rota.attendance.confirmDay', { day: '2020-02-19' })).confirmed).toBe(1);
    expect(await statusOf('2020-02-19', yesterday)).toBe('present');
  });
});
