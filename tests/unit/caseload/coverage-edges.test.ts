/**
 * 入户排查覆盖率 counted by hand at its edges: 不在家 and 拒绝配合 visits are not screened (they wait for a revisit),
 * a household with nobody living in it is still a household to screen, the denominator is the larger of the
 * households declared and those on the ledger at every level, a community with nothing loaded has no figure,
 * and a form for a past period counts visits made by its last day only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';

let t: TestLedger;
let xingfu: number;
beforeAll(async () => {
  t = await openTestLedger({ now: '2020-02-10T02:00:00.000Z' });
  xingfu = (await t.call('org.communities.save', { name: '幸福社区', households: 10 })).id;
  await t.call('org.communities.save', { name: '和平社区' });
  const g1 = (await t.call('org.grids.save', { communityId: xingfu, name: '第一网格', households: 4 })).id;
  const g2 = (await t.call('org.grids.save', { communityId: xingfu, name: '第二网格' })).id;
  const house = (gridId: number | undefined, addressText: string, screeningStatus: 'screened' | 'not_home' | 'refused' | 'unscreened', screenedOn?: string) =>
    t.call('households.save', { communityId: xingfu, ...(gridId ? { gridId } : {}), addressText, screeningStatus, ...(screenedOn ? { screenedOn } : {}) });
  // 第一网格 (4 declared): screened 02-05, not at home 02-06, refused on 02-12 (after the first week).
  const lived = (await house(g1, '幸福路1号', 'screened', '2020-02-05')).id;
  await t.call('residents.save', { householdId: lived, name: '郑一', idNumber: makeIdNumber('410102', '1980-01-01', 401) });
  await house(g1, '幸福路2号', 'not_home', '2020-02-06');
  // 第二网格 (nothing declared): an empty flat screened 02-07, and one not visited.
  await house(g2, '幸福路3号', 'screened', '2020-02-07');
  await house(g2, '幸福路4号', 'unscreened');
  // No grid: one household screened on 02-12.
  await admitAt(t, '2020-02-12T02:00:00.000Z');
  await house(g1, '幸福路5号', 'refused', '2020-02-12');
  await house(undefined, '幸福路6号', 'screened', '2020-02-12');
});
afterAll(() => t?.close());

describe('入户排查覆盖率', () => {
  it('screened ÷ max(declared, loaded): 不在家 and 拒绝 are not screened, an empty flat is a household', async () => {
    const s = await t.call('coverage.summary', {});
    const grid = (name: string) => s.grids.find((g) => g.gridName === name)!;
    // 第一网格: 1 of max(4, 3) = 25.0 %, 2 waiting for a revisit, 1 declared but not loaded.
    expect(grid('第一网格')).toMatchObject({ households: 4, loaded: 3, screened: 1, notHome: 1, refused: 1, unscreened: 0, notLoaded: 1, coveragePct: 25 });
    // 第二网格: the empty flat counts, 1 of 2 = 50.0 %.
    expect(grid('第二网格')).toMatchObject({ households: 2, screened: 1, unscreened: 1, coveragePct: 50, state: 'in_progress' });
    expect(grid('未分网格')).toMatchObject({ households: 1, screened: 1, coveragePct: 100, state: 'complete' });
    // 幸福社区: max(10 declared, 4 + 2 + 1) = 10; screened 3 → 30.0 %. 和平社区: nothing loaded, no figure.
    expect(s.communities.map((c) => [c.communityName, c.households, c.screened, c.coveragePct, c.state])).toEqual([
      ['幸福社区', 10, 3, 30, 'in_progress'],
      ['和平社区', 0, 0, null, 'not_loaded'],
    ]);
    expect(s.office).toMatchObject({ households: 10, screened: 3, coveragePct: 30 });
    // 工作台 shows the same figure.
    expect((await t.call('dashboard.summary', {})).coverage).toMatchObject({ households: 10, screened: 3, coveragePct: 30 });
  });

  it('as of a past day counts only the visits made by then (a form for the first week, made later)', () => {
    const db = t.core.services.ledger.handle();
    const week = coverageAsOf(db, { asOf: '2020-02-09', periodFrom: '2020-02-03' });
    const grid = (name: string) => week.grids.find((g) => g.gridName === name)!;
    // By 02-09: screened 02-05 and 02-07; not at home 02-06. The refusal and the screening of 02-12 had not happened.
    expect(grid('第一网格')).toMatchObject({ screened: 1, notHome: 1, refused: 0, unscreened: 1, screenedInPeriod: 1 });
    expect(grid('未分网格')).toMatchObject({ screened: 0, unscreened: 1 });
    expect(week.office).toMatchObject({ households: 10, screened: 2, notHome: 1, refused: 0, coveragePct: 20 });
  });
});
