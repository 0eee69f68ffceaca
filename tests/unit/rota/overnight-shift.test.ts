/**
 * A night shift across midnight (夜班 20:00–次日 08:00, checkpoints kept in two 12-hour shifts): saved as one shift
 * (migration 081), one shift on the day it starts for 补助 — not two shifts on two days, as when it had to be entered
 * in two halves — and its end the next morning for the rules: no 08:00 shift the same morning (同一时间), no shift
 * within the rest hours after it. A shift ending when it starts is refused, naming 结束时间.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { rotaFixture, type RotaFixture } from './fixture';

let t: TestLedger;
let f: RotaFixture;
beforeEach(async () => {
  t = await openTestLedger({ now: '2020-02-29T02:00:00.000Z' });
  f = await rotaFixture(t);
});
afterEach(() => t.close());

/** 幸福路卡口, one person a shift for each of `shiftIds`; `id`: the post to change. */
const checkpointPost = (shiftIds: number[], id?: number) =>
  t.call('rota.posts.save', {
    ...(id !== undefined ? { id } : {}),
    communityId: f.c1,
    name: '幸福路卡口',
    kind: 'screening',
    requirements: shiftIds.map((shiftId) => ({ shiftId, headcount: 1 })),
  });

const checkpoint12h = async () => {
  const night = await t.call('rota.shifts.save', { name: '卡口夜班', startMinute: 20 * 60, endMinute: 8 * 60 });
  const morning = await t.call('rota.shifts.save', { name: '卡口白班', startMinute: 8 * 60, endMinute: 20 * 60 });
  const post = await checkpointPost([night.id, morning.id]);
  return { night: night.id, morning: morning.id, post: post.id };
};

describe('a shift across midnight', () => {
  it('is saved as one shift ending the next day; one ending when it starts is refused by its field', async () => {
    const night = await t.call('rota.shifts.save', { name: '夜班 20:00–次日08:00', startMinute: 1200, endMinute: 480 });
    expect(night).toMatchObject({ startMinute: 1200, endMinute: 480 });
    await expect(t.call('rota.shifts.save', { name: '全天', startMinute: 480, endMinute: 480 })).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('「结束时间」不能与「开始时间」相同') },
    });
  });

  it('ends the next morning for the rules: the same worker cannot take that morning or the hours after it', async () => {
    const s = await checkpoint12h();
    await t.call('rota.rules.save', { minRestDaysPer7: 1, maxConsecutiveDays: 6, minRestHours: 11 });
    const worker = f.workers[0]!;
    await t.call('rota.assign', { day: '2020-03-02', postId: s.post, shiftId: s.night, staffId: worker });
    // 08:00 on the 3rd is when the night ends: a 08:00–20:00 the same morning is within the 11 hours after it.
    await expect(t.call('rota.assign', { day: '2020-03-03', postId: s.post, shiftId: s.morning, staffId: worker })).rejects.toMatchObject({
      message: expect.stringContaining('两班之间不足 11 小时'),
    });
    // With no rest rule the same morning still overlaps nothing (08:00 ends, 08:00 starts), while a 00:00–08:00 would.
    await t.call('rota.rules.save', { minRestDaysPer7: 1, maxConsecutiveDays: 6, minRestHours: 0 });
    const early = await t.call('rota.shifts.save', { name: '凌晨班', startMinute: 0, endMinute: 480 });
    await checkpointPost([s.night, s.morning, early.id], s.post);
    await expect(t.call('rota.assign', { day: '2020-03-03', postId: s.post, shiftId: early.id, staffId: worker })).rejects.toMatchObject({
      message: expect.stringContaining('同一时间已有班次'),
    });
    await t.call('rota.assign', { day: '2020-03-03', postId: s.post, shiftId: s.morning, staffId: worker });
  });

  it('is paid as one shift and one day, on the day it starts', async () => {
    const s = await checkpoint12h();
    await t.call('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' });
    await t.call('rota.rates.save', { staffKind: 'volunteer', basis: 'shift', amountFen: 3000, label: '志愿者补贴' });
    const volunteer = (await t.call('rota.staff.save', { name: '钱志愿', kind: 'volunteer', communityId: f.c1 })).id;
    const worker = f.workers[0]!;
    await t.call('rota.assign', { day: '2020-03-02', postId: s.post, shiftId: s.night, staffId: worker });
    await t.call('rota.assign', { day: '2020-03-04', postId: s.post, shiftId: s.night, staffId: volunteer });
    await admitAt(t, '2020-03-06T02:00:00.000Z');
    for (const day of ['2020-03-02', '2020-03-04']) {
      const rows = (await t.call('rota.attendance.list', { day })).rows;
      await t.call('rota.attendance.confirm', { entries: rows.map((r) => ({ assignmentId: r.assignmentId, status: 'present' as const })) });
    }
    const pay = await t.call('rota.allowances', { from: '2020-03-01', to: '2020-03-31' });
    // By hand: one night each = 1 day × 100 元 for the worker, 1 shift × 30 元 for the volunteer.
    expect(pay.find((r) => r.staffId === worker)).toMatchObject({ plannedShifts: 1, days: 1, shifts: 1, totalFen: 10000 });
    expect(pay.find((r) => r.staffId === volunteer)).toMatchObject({ plannedShifts: 1, days: 1, shifts: 1, totalFen: 3000 });
    // The night of the 2nd is on the 2nd's calendar, not the 3rd's.
    expect((await t.call('rota.attendance.list', { day: '2020-03-03' })).rows).toEqual([]);
  });
});
