/**
 * Two 工作台 figures counted by hand. 今日待走访 counts visits due (one elder can be owed two: the weekly visit of
 * her own care case and the daily one while her son is under observation), which is what 今日随访 lists, so the
 * tile says 项, not 人. 14 天到岗率 reads 100 % only when every position is filled: 209 of 210 is 99 %, not the
 * 100 % that rounding gave for 209 of 210 beside 「7 天内缺岗 1 人次」; a person on leave, or 不在岗 from today, fills nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { careLine } from '../../../renderer/src/features/dashboard/format';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let community: number;
beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-17T02:00:00.000Z' }); // Monday
  community = (await t.call('org.communities.save', { name: '幸福社区' })).id;
});
afterAll(() => t?.close());

describe('今日待走访', () => {
  it('counts the visits due, two for one elder, and says 项', async () => {
    const grid = (await t.call('org.grids.save', { communityId: community, name: '第一网格' })).id;
    const house = (await t.call('households.save', { communityId: community, gridId: grid, addressText: '幸福路9号', screeningStatus: 'screened' })).id;
    const elder = (await t.call('residents.save', { householdId: house, name: '王奶奶', idNumber: makeIdNumber('410102', '1940-01-01', 501) })).id;
    const son = (await t.call('residents.save', { householdId: house, name: '王强', idNumber: makeIdNumber('410102', '1970-01-01', 503) })).id;
    await t.call('cases.open', { residentId: elder, category: 'solitary_elderly' });
    await t.call('cases.open', { residentId: son, category: 'home_observation', obsStartOn: '2020-02-17' });
    const today = await t.call('today.list', {});
    const due = today.items.filter((i) => i.kind === 'care_visit_due');
    expect(due.map((i) => i.title)).toEqual(['王奶奶', '王奶奶']);
    const s = await t.call('dashboard.summary', {});
    expect(s.caseload?.careVisitsDue).toBe(2);
    expect(today.counts.care_visit_due).toBe(2);
    // The tile's line (Tiles.tsx) from these figures.
    expect(careLine(s.caseload!.openNeeds.needs, s.caseload!.careVisitsDue)).toBe('今日待走访 2 项');
  });
});

describe('14 天到岗率', () => {
  it('is 100 % only when every position of the 14 days is filled', async () => {
    const [day] = (await t.call('rota.shifts.list', {})).map((x) => x.id) as [number];
    await t.call('rota.posts.save', {
      communityId: community,
      name: '东门卡点',
      kind: 'checkpoint',
      location: '东门',
      requirements: [{ shiftId: day, headcount: 15 }],
    });
    for (let i = 0; i < 21; i++)
      await t.call('rota.staff.save', { name: `值守${String(i + 1).padStart(2, '0')}`, kind: 'community_worker', communityId: community });
    await t.call('rota.generate', { from: '2020-02-17', to: '2020-03-01' });
    let cal = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-03-01' });
    // 14 days × 15 = 210 positions, every one filled.
    expect(cal.assignments).toHaveLength(210);
    expect((await t.call('dashboard.summary', {})).rota).toMatchObject({ unfilledNext7: 0, fillRatePct14: 100, firstGapDay: null });

    // One shift taken off on the 18th: 209 of 210 = 99.5 %, which rounds to 100 %; shown 99 %.
    const off = cal.assignments.find((a) => a.day === '2020-02-18')!;
    await t.call('rota.unassign', { id: off.id });
    expect((await t.call('dashboard.summary', {})).rota).toMatchObject({ unfilledNext7: 1, fillRatePct14: 99, firstGapDay: '2020-02-18' });
    // And one person on leave on the 19th: 208 of 210 = 99.05 % → 99 %.
    const away = cal.assignments.find((a) => a.day === '2020-02-19' && a.staffId !== off.staffId)!;
    await t.call('rota.leave.add', { staffId: away.staffId, from: '2020-02-19', to: '2020-02-19', reason: '事假' });
    let rota = (await t.call('dashboard.summary', {})).rota!;
    expect(rota).toMatchObject({ unfilledNext7: 2, fillRatePct14: 99, firstGapDay: '2020-02-18' });
    expect(rota.days.find((d) => d.day === '2020-02-18')).toMatchObject({ required: 15, filled: 14, ratePct: 93 });

    // A third person leaves today (不在岗): each of their shifts from today on is a position open.
    cal = await t.call('rota.calendar', { from: '2020-02-17', to: '2020-03-01' });
    const leaver = cal.assignments.find((a) => a.staffId !== off.staffId && a.staffId !== away.staffId)!.staffId;
    const theirs = cal.assignments.filter((a) => a.staffId === leaver);
    const person = (await t.call('rota.staff.list', {})).find((x) => x.id === leaver)!;
    await t.call('rota.staff.save', { id: leaver, name: person.name, kind: person.kind, status: 'inactive' });
    rota = (await t.call('dashboard.summary', {})).rota!;
    const inWeek = theirs.filter((a) => a.day <= '2020-02-23').length;
    expect(rota.unfilledNext7).toBe(2 + inWeek);
    expect(rota.fillRatePct14).toBe(Math.round(((208 - theirs.length) / 210) * 100));
  });
});
