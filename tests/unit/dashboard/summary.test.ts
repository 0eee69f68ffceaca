/** Every figure of 工作台, counted by hand on the office in office.ts (today is Monday 2020-02-17). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../electron/core/dashboard/types.shared';
import { buildOffice, type Office } from './office';

let o: Office;
let all: DashboardSummary;
let xingfu: DashboardSummary;
beforeAll(async () => {
  o = await buildOffice();
  all = await o.t.call('dashboard.summary', {});
  xingfu = await o.t.call('dashboard.summary', { communityId: o.xingfu });
});
afterAll(() => o?.t.close());

describe('caseload tiles', () => {
  it('counts people observed today, unchecked today and overdue, as the case grid and 今日随访 do', async () => {
    expect(all.today).toBe('2020-02-17');
    // A, B (居家) and C (医学) are observed today; D's period ended, E was released.
    expect(all.caseload?.observing).toEqual({ total: 3, home: 2, medical: 1 });
    // C was checked today; A and B were not.
    expect(all.caseload?.uncheckedToday).toBe(2);
    // B missed 02-16. D was never checked, but D's period has ended: 待解除观察, not 逾期 (w50-import: no check is owed
    // any more). The grid's 逾期 filter finds the same one.
    expect(all.caseload?.checksOverdue).toBe(1);
    expect((await o.t.call('cases.list', { filter: { overdue: true } })).total).toBe(1);
    expect(xingfu.caseload?.observing).toEqual({ total: 2, home: 2, medical: 0 });
    expect(xingfu.caseload?.checksOverdue).toBe(1);
  });

  it('counts open escalations (the dismissed cough is not one) and people with unresolved needs', async () => {
    expect(all.caseload?.escalations).toBe(1);
    expect(all.caseload?.oldestEscalationDay).toBe('2020-02-15');
    expect(all.caseload?.openNeeds).toEqual({ people: 1, needs: 1 });
    const today = await o.t.call('today.list', {});
    // The elder was visited today; the next visit is a week away.
    expect(all.caseload?.careVisitsDue).toBe(0);
    expect(today.counts.care_visit_due).toBe(0);
    expect(xingfu.caseload?.escalations).toBe(1);
    expect(xingfu.caseload?.openNeeds).toEqual({ people: 0, needs: 0 });
  });

  it('charts active cases by category per community, and per grid for one community', () => {
    expect(all.caseload?.casesByCategory).toEqual({
      groupedBy: 'community',
      categories: ['home_observation', 'medical_observation', 'solitary_elderly'],
      bars: [
        { label: '幸福社区', communityId: o.xingfu, gridId: null, counts: { home_observation: 2 }, total: 2 },
        { label: '和平社区', communityId: o.heping, gridId: null, counts: { home_observation: 1, medical_observation: 1, solitary_elderly: 1 }, total: 3 },
      ],
    });
    expect(xingfu.caseload?.casesByCategory).toEqual({
      groupedBy: 'grid',
      categories: ['home_observation'],
      bars: [{ label: '第一网格', communityId: o.xingfu, gridId: o.grid1, counts: { home_observation: 2 }, total: 2 }],
    });
  });

  it('draws 30 days of people under observation, ending today', () => {
    const trend = all.caseload!.observationTrend;
    expect(trend).toHaveLength(30);
    expect(trend[0]).toEqual({ day: '2020-01-19', observing: 0, closed: 0 });
    const at = (day: string) => trend.find((p) => p.day === day)?.observing;
    expect(at('2020-01-20')).toBe(1); // D
    expect(at('2020-02-01')).toBe(2); // D, E
    expect(at('2020-02-02')).toBe(2);
    expect(at('2020-02-03')).toBe(1); // E
    expect(at('2020-02-09')).toBe(1); // E
    // E was released on 02-10, a day of its observation (its check owed, the roster counts it): E and A.
    expect(at('2020-02-10')).toBe(2);
    expect(trend.find((p) => p.day === '2020-02-10')?.closed).toBe(1);
    expect(at('2020-02-11')).toBe(1); // A
    expect(at('2020-02-15')).toBe(2); // A, B
    expect(trend[29]).toEqual({ day: '2020-02-17', observing: 3, closed: 0 }); // A, B, C: the tile's figure (nobody closed today)
    expect(xingfu.caseload!.observationTrend.find((p) => p.day === '2020-01-20')?.observing).toBe(0);
    expect(xingfu.caseload!.observationTrend[29]?.observing).toBe(2);
  });
});

describe('screening coverage', () => {
  it('gives the office coverage, the weakest grids first and every grid for the chart', () => {
    expect(all.coverage).toMatchObject({ households: 8, screened: 4, coveragePct: 50, gridsComplete: 1 });
    expect(all.coverage?.weakest.map((g) => [g.communityName, g.gridName, g.coveragePct])).toEqual([
      ['和平社区', '第一网格', 33.3],
      ['幸福社区', '第一网格', 50],
    ]);
    expect(all.coverage?.grids.map((g) => g.coveragePct)).toEqual([33.3, 50, 100]);
    expect(xingfu.coverage).toMatchObject({ households: 5, screened: 3, coveragePct: 60 });
    expect(xingfu.coverage?.grids.map((g) => g.gridId)).toEqual([o.grid1, o.grid2]);
  });
});

describe('supplies', () => {
  it('counts shortages and gives days of cover per item for the office and for one community', () => {
    // 幸福's masks: 600 used in 7 days = 85.7 a day, 100 left = 1.17 days (shown rounded down: 1.1) < 7: the one shortage.
    expect(all.supplies?.shortRows).toBe(1);
    expect(all.supplies?.first).toEqual({ storeName: '幸福社区', itemName: '口罩', stockOut: '2020-02-18' });
    const masks = all.supplies?.items.find((i) => i.itemName === '口罩');
    // Office: 100 + 500 in the office store = 600 masks at 85.7 a day = 7.0 days; one store short.
    expect(masks).toMatchObject({ stock: 600, burn: 85.7, cover: 7, safetyDays: 7, shortStores: 1 });
    // 和平's suits: 86 left, 14 used in 7 days = 2 a day -> 43 days.
    expect(all.supplies?.items.find((i) => i.itemName === '防护服')).toMatchObject({ stock: 86, burn: 2, cover: 43, shortStores: 0 });
    expect(all.supplies?.items.find((i) => i.itemName === '消毒液')).toMatchObject({ stock: 0, burn: 0, cover: null });
    expect(xingfu.supplies?.items.find((i) => i.itemName === '口罩')).toMatchObject({ stock: 100, burn: 85.7, cover: 1.1, shortStores: 1 });
    expect(xingfu.supplies?.shortRows).toBe(1);
  });
});

describe('rota', () => {
  it('counts open positions in the next 7 days and the daily fill rate over 14, as rota.outlook does', async () => {
    const rota = all.rota!;
    // 7 days: 幸福 2 × 7 + 和平 1 × 5 weekdays = 19 positions, 4 filled.
    expect(rota.unfilledNext7).toBe(15);
    expect(rota.firstGapDay).toBe('2020-02-18');
    // 14 days: 28 + 10 = 38 positions, 4 filled = 10.5 %.
    expect(rota.fillRatePct14).toBe(11);
    expect(rota.days).toHaveLength(14);
    expect(rota.days[0]).toEqual({ day: '2020-02-17', required: 3, filled: 3, ratePct: 100 });
    expect(rota.days[1]).toEqual({ day: '2020-02-18', required: 3, filled: 1, ratePct: 33 });
    expect(rota.days[5]).toEqual({ day: '2020-02-22', required: 2, filled: 0, ratePct: 0 });
    const outlook = await o.t.call('rota.outlook', {});
    expect(outlook.unfilledNext7).toBe(rota.unfilledNext7);
    expect(outlook.requiredNext14).toBe(38);
    expect(xingfu.rota).toMatchObject({ unfilledNext7: 11, fillRatePct14: 11 });
    expect(xingfu.rota?.days[0]).toEqual({ day: '2020-02-17', required: 2, filled: 2, ratePct: 100 });
  });
});

describe('memorials and reports', () => {
  it('shows coordinators the overdue memorial report and the due family visit, by community', () => {
    expect(all.memorials).toEqual({ overdueReports: 1, memorialIds: [o.memorialOverdue], followUpsDue: 1 });
    expect(xingfu.memorials).toEqual({ overdueReports: 0, memorialIds: [], followUpsDue: 0 });
  });

  it('lists the reports due today and overdue, for the whole office whatever the community', () => {
    expect(all.reports).toMatchObject({ scheduled: 3, due: 1, overdue: 1 });
    expect(all.reports?.items.map((i) => [i.title, i.state, i.dueDay])).toEqual([
      ['重点人员周报', 'overdue', '2020-02-17'],
      ['疫情防控日报', 'due', '2020-02-17'],
    ]);
    expect(xingfu.reports).toEqual(all.reports);
  });

  it('hides the memorial figures from viewers and clerks; everything else they see', async () => {
    for (const role of ['viewer', 'clerk'] as const) {
      const session = await o.t.sessionAs(role);
      const s = await o.t.call('dashboard.summary', {}, session);
      expect(s.memorials).toBeNull();
      expect(s.caseload?.observing.total).toBe(3);
      expect(s.reports?.due).toBe(1);
    }
  });

  it('refuses an unknown community with a message naming it', async () => {
    const e = await o.t.fail('dashboard.summary', { communityId: 999 });
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('所选社区');
    expect((await o.t.fail('dashboard.summary', { communityId: 'x' })).message).toContain('社区');
  });
});
