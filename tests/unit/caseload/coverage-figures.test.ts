/**
 * 入户排查全覆盖 as one figure: screened ÷ max(declared, loaded), 「未录入住户」
 * never complete, households without a grid on their own line, and the same
 * digits on 人员台账, 工作台 and the exported 入户排查覆盖情况表.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formById } from '../../../electron/core/io/export/forms/registry';
import { openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

const formRows = (o: Office, from: string, to: string) => formById('screening-coverage')!.read(o.t.core.services.ledger.handle(), { from, to }, null);

describe('coverage as one figure', () => {
  it('a grid with no household loaded says 未录入住户, is never complete, and the fresh 工作台 does not say 100 %', async () => {
    const s = await o.t.call('coverage.summary', {});
    expect(s.grids.map((g) => [g.gridName, g.coveragePct, g.state])).toEqual([
      ['第一网格', null, 'not_loaded'],
      ['第一网格', null, 'not_loaded'],
    ]);
    expect(s.office).toMatchObject({ households: 0, loaded: 0, coveragePct: null, state: 'not_loaded' });
    const dash = await o.t.call('dashboard.summary', {});
    expect(dash.coverage).toMatchObject({ coveragePct: null, state: 'not_loaded', gridsComplete: 0, gridsNotLoaded: 2 });
    expect(dash.coverage?.weakest).toHaveLength(2);
    // One grid done, the other empty: the office is not complete, the empty grid leads the weakest.
    await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      addressText: '幸福路1号',
      screeningStatus: 'screened',
      screenedOn: '2020-02-16',
    });
    const after = await o.t.call('dashboard.summary', {});
    expect(after.coverage).toMatchObject({ coveragePct: 100, state: 'in_progress', gridsComplete: 1, gridsNotLoaded: 1 });
    expect(after.coverage?.weakest.map((g) => [g.gridId, g.state])).toEqual([[o.otherGridId, 'not_loaded']]);
  });

  it('divides by the declared households when fewer are loaded, and by the loaded ones when more', async () => {
    await o.t.call('org.grids.save', { id: o.gridId, communityId: o.communityId, name: '第一网格', households: 10 });
    for (const n of [1, 2, 3, 4])
      await o.t.call('households.save', {
        communityId: o.communityId,
        gridId: o.gridId,
        addressText: `幸福路${n}号`,
        screeningStatus: 'screened',
        screenedOn: '2020-02-16',
      });
    let g = (await o.t.call('coverage.summary', {})).grids.find((x) => x.gridId === o.gridId)!;
    expect(g).toMatchObject({ declared: 10, loaded: 4, households: 10, screened: 4, notLoaded: 6, coveragePct: 40, state: 'in_progress' });
    await o.t.call('org.grids.save', { id: o.gridId, communityId: o.communityId, name: '第一网格', households: 3 });
    g = (await o.t.call('coverage.summary', {})).grids.find((x) => x.gridId === o.gridId)!;
    expect(g).toMatchObject({ declared: 3, loaded: 4, households: 4, coveragePct: 100, state: 'complete' });
  });

  it('shows a community\u2019s households without a grid as their own line, counted in the community and office', async () => {
    await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      addressText: '幸福路1号',
      screeningStatus: 'screened',
      screenedOn: '2020-02-16',
    });
    await o.t.call('households.save', { communityId: o.communityId, addressText: '幸福村东头', screeningStatus: 'unscreened' });
    const s = await o.t.call('coverage.summary', {});
    const line = s.grids.find((g) => g.communityId === o.communityId && g.gridId === null)!;
    expect(line).toMatchObject({ gridName: '未分网格', loaded: 1, households: 1, screened: 0, coveragePct: 0 });
    expect(s.communities.find((c) => c.communityId === o.communityId)).toMatchObject({ households: 2, screened: 1, coveragePct: 50 });
    expect(s.office).toMatchObject({ loaded: 2, households: 2, screened: 1 });
    const dash = await o.t.call('dashboard.summary', {});
    expect(dash.coverage?.grids.some((g) => g.gridId === null && g.gridName === '未分网格')).toBe(true);
    expect(formRows(o, '2020-02-10', '2020-02-17').some((r) => r.grid === '未分网格' && r.households === 1)).toBe(true);
  });

  it('never rounds up to 100 % while one household is still to visit', async () => {
    await o.t.call('org.grids.save', { id: o.gridId, communityId: o.communityId, name: '第一网格', households: 2000 });
    o.t.core.services.ledger
      .handle()
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1999)
         INSERT INTO households (community_id, grid_id, address_text, address_key, screening_status, screened_on, created_at, updated_at)
         SELECT @c, @g, '幸福路' || i || '号', 'k' || i, 'screened', '2020-02-16', 'x', 'x' FROM n`,
      )
      .run({ c: o.communityId, g: o.gridId });
    // Coverage counts visits (migration 059): each of them screened on the 16th.
    o.t.core.services.ledger
      .handle()
      .prepare(
        `INSERT INTO screening_visits (household_id, community_id, grid_id, visited_on, status, source, created_at, updated_at)
         SELECT id, community_id, grid_id, screened_on, 'screened', 'edit', 'x', 'x' FROM households WHERE address_key LIKE 'k%'`,
      )
      .run();
    const g = (await o.t.call('coverage.summary', {})).grids.find((x) => x.gridId === o.gridId)!;
    expect(g.screened).toBe(1999);
    expect(g.coveragePct).toBe(99.9);
    expect(g.state).toBe('in_progress');
  });

  it('人员台账, 工作台 and the exported form give the same figures to the digit, line by line and in total', async () => {
    await o.t.call('org.grids.save', { id: o.gridId, communityId: o.communityId, name: '第一网格', households: 7 });
    await o.t.call('org.grids.save', { communityId: o.communityId, name: '第二网格', households: 5 });
    const h = (n: number, status: 'screened' | 'not_home' | 'refused' | 'unscreened', gridId: number | null = o.gridId, communityId = o.communityId) =>
      o.t.call('households.save', {
        communityId,
        gridId,
        addressText: `路${n}号`,
        screeningStatus: status,
        ...(status === 'screened' ? { screenedOn: '2020-02-1' + (n % 7) } : {}),
      });
    await h(1, 'screened');
    await h(2, 'screened');
    await h(3, 'not_home');
    await h(4, 'refused');
    await h(5, 'screened', null);
    await h(6, 'screened', o.otherGridId, o.otherCommunityId);
    await h(7, 'unscreened', o.otherGridId, o.otherCommunityId);
    const screen = await o.t.call('coverage.summary', {});
    const dash = (await o.t.call('dashboard.summary', {})).coverage!;
    const form = formRows(o, '2020-02-10', screen.date);
    const key = (communityName: string, gridName: string) => `${communityName}|${gridName}`;
    const fromScreen = new Map(screen.grids.map((g) => [key(g.communityName, g.gridName), [g.households, g.screened, g.coveragePct]]));
    const fromDash = new Map(dash.grids.map((g) => [key(g.communityName, g.gridName), [g.households, g.screened, g.coveragePct]]));
    const lines = form.filter((r) => r.community !== '合计');
    const fromForm = new Map(lines.map((r) => [key(String(r.community), String(r.grid)), [r.households, r.screened, r.coverage]]));
    expect(fromScreen.size).toBe(4);
    expect(fromDash).toEqual(fromScreen);
    expect(fromForm).toEqual(fromScreen);
    const total = form.find((r) => r.community === '合计')!;
    expect([total.households, total.screened, total.coverage]).toEqual([screen.office.households, screen.office.screened, screen.office.coveragePct]);
    expect([dash.households, dash.screened, dash.coveragePct]).toEqual([screen.office.households, screen.office.screened, screen.office.coveragePct]);
    // 7 + 5 (declared, nothing loaded in 第二网格) + 1 unassigned + 2 in 和平: 15 to screen, 4 screened.
    expect(screen.office).toMatchObject({ households: 15, screened: 4, coveragePct: 26.7 });
    expect(lines.find((r) => r.grid === '第二网格')).toMatchObject({ coverage: null, state: '未录入住户' });
  });

  it('the form counts households screened by the end of its period, as the screen would have on that day', async () => {
    await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      addressText: '幸福路1号',
      screeningStatus: 'screened',
      screenedOn: '2020-02-12',
    });
    await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      addressText: '幸福路2号',
      screeningStatus: 'screened',
      screenedOn: '2020-02-16',
    });
    const line = formRows(o, '2020-02-10', '2020-02-14').find((r) => r.grid === '第一网格' && r.community === '幸福社区')!;
    expect(line).toMatchObject({ households: 2, screened: 1, screenedInPeriod: 1, coverage: 50 });
  });
});
