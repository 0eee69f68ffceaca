/**
 * An observation window in the office's days, counted by hand: a case opened at 23:30 in Beijing (15:30 UTC) starts
 * that Beijing day; 14 days from 2020-02-16 run through the leap day 2020-02-29 (16–29 February is 14 days), and the
 * window ends at midnight Beijing time, not UTC. 工作台, 今日随访 and the case grid say the same at each instant. Then
 * the office's time zone is changed in 设置 (Asia/Urumqi, UTC+6): "today" follows it at once, and so does every figure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachDay } from '../../../electron/core/dates.shared';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let caseId: number;
let communityId: number;

beforeAll(async () => {
  // 2020-02-16 23:30 in Beijing.
  t = await openTestLedger({ now: '2020-02-16T15:30:00.000Z' });
  communityId = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const gridId = (await t.call('org.grids.save', { communityId, name: '第一网格' })).id;
  const householdId = (await t.call('households.save', { communityId, gridId, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
  const resident = await t.call('residents.save', { householdId, name: '赵一', idNumber: makeIdNumber('410102', '1980-01-01', 101) });
  caseId = (await t.call('cases.open', { residentId: resident.id, category: 'home_observation' })).id;
});
afterAll(() => t?.close());

const figures = async () => {
  const dash = (await t.call('dashboard.summary', {})).caseload!;
  const today = await t.call('today.list', {});
  const row = (await t.call('cases.list', { filter: { category: 'home_observation' } })).rows.find((r) => r.id === caseId)!;
  return {
    today: today.today,
    observing: dash.observing.total,
    uncheckedToday: dash.uncheckedToday,
    overdue: dash.checksOverdue,
    awaitingRelease: dash.awaitingRelease,
    todayKinds: today.items.filter((i) => 'caseId' in i && i.caseId === caseId).map((i) => i.kind),
    overdueDays: row.overdueDays,
    obsEnded: row.obsEnded,
  };
};

describe('an observation window in the office’s days', () => {
  it('starts on the Beijing day the case was opened (23:30 there is 15:30 UTC) and runs 14 days through 29 February', async () => {
    const row = (await t.call('cases.list', { filter: { category: 'home_observation' } })).rows.find((r) => r.id === caseId)!;
    expect([row.openedOn, row.obsStartOn, row.obsDays, row.obsEndOn]).toEqual(['2020-02-16', '2020-02-16', 14, '2020-02-29']);
    expect(await figures()).toEqual({
      today: '2020-02-16',
      observing: 1,
      uncheckedToday: 1,
      overdue: 0,
      awaitingRelease: 0,
      todayKinds: ['check_due'],
      overdueDays: 0,
      obsEnded: false,
    });
  });

  it('counts the days missed through yesterday, in Beijing days', async () => {
    // Checked on the 16th and the 17th only; on the 20th at 07:59 Beijing (19th 23:59 UTC) the 18th and 19th are missed.
    await t.call('checks.record', { caseId, checkDate: '2020-02-16', temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
    await admitAt(t, '2020-02-17T02:00:00.000Z');
    await t.call('checks.record', { caseId, checkDate: '2020-02-17', temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
    await admitAt(t, '2020-02-19T23:59:00.000Z');
    expect(await figures()).toMatchObject({
      today: '2020-02-20',
      observing: 1,
      uncheckedToday: 1,
      overdue: 1,
      overdueDays: 2,
      todayKinds: ['check_overdue', 'check_due'],
    });
  });

  it('is still running on the leap day until midnight Beijing time, and awaits release from 1 March', async () => {
    // 2020-02-29 23:59 in Beijing (15:59 UTC): the window's last day, every day checked (the missed ones entered late).
    await admitAt(t, '2020-02-29T15:59:00.000Z');
    for (const checkDate of eachDay('2020-02-18', '2020-02-29'))
      await t.call('checks.record', { caseId, checkDate, temperature: 36.6, method: 'phone', checkedBy: '刘晓燕' });
    expect(await figures()).toMatchObject({
      today: '2020-02-29',
      observing: 1,
      uncheckedToday: 0,
      overdue: 0,
      awaitingRelease: 0,
      overdueDays: 0,
      obsEnded: false,
    });
    // A minute later it is 1 March in Beijing (still the 29th in UTC): 观察期已满, 待解除观察.
    await admitAt(t, '2020-02-29T16:00:00.000Z');
    expect(await figures()).toMatchObject({
      today: '2020-03-01',
      observing: 0,
      uncheckedToday: 0,
      overdue: 0,
      awaitingRelease: 1,
      obsEnded: true,
      todayKinds: ['release_due'],
    });
  });

  it('follows a time zone changed in 设置 at once: at 16:30 UTC it is still the 29th in Urumqi, the window’s last day', async () => {
    await admitAt(t, '2020-02-29T16:30:00.000Z');
    // The 29th again in Urumqi: a change that takes the office's day back, confirmed (settings/handlers.ts).
    await t.call('settings.update', { timeZone: 'Asia/Urumqi', confirmDayBack: true });
    expect(await figures()).toMatchObject({ today: '2020-02-29', observing: 1, awaitingRelease: 0, obsEnded: false });
    await t.call('settings.update', { timeZone: 'Asia/Shanghai' });
    expect(await figures()).toMatchObject({ today: '2020-03-01', observing: 0, awaitingRelease: 1 });
  });
});
