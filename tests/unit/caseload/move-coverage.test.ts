/**
 * 入户排查覆盖 as of a day counts a household where it was on that day (migration 071, household-moves.repo.ts), with
 * every visit it had by then: a household moved twice, counted by hand as of each day; one community's coverage is
 * the office's lines for it; a save that does not move the household keeps no move; the moves after a day are found
 * on their index and the lines and the moved households' visits on screening_visits_coverage.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { recordedPlan, recording } from '../../helpers/recorded-plans';
import { nextDay, openOffice, type Office } from './fixture';

let o: Office;
let secondGrid: number;
beforeEach(async () => {
  o = await openOffice('2020-02-03T02:00:00.000Z');
  secondGrid = (await o.t.call('org.grids.save', { communityId: o.communityId, name: '第二网格' })).id;
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
/** Each grid's [loaded, screened, notHome] as of a day, by grid id; lines with nothing loaded left out. */
const lines = (asOf: string, communityId?: number) =>
  Object.fromEntries(
    coverageAsOf(db(), { asOf, communityId })
      .grids.filter((g) => g.loaded > 0)
      .map((g) => [g.gridId, [g.loaded, g.screened, g.notHome]]),
  );

describe('coverage after moves', () => {
  it('a household moved twice counts, as of each day, where it was then, with the visits it had by then', async () => {
    const save = (communityId: number, gridId: number, extra: Record<string, unknown> = {}) =>
      o.t.call('households.save', { id: h, communityId, gridId, addressText: '幸福路1号', ...extra });
    const h = (await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路1号' })).id;
    await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路2号' });
    await save(o.communityId, o.gridId, { screeningStatus: 'not_home', screenedOn: '2020-02-03' });
    await nextDay(o, 2); // 02-05
    await save(o.communityId, secondGrid);
    await nextDay(o); // 02-06
    await save(o.communityId, secondGrid, { screeningStatus: 'screened', screenedOn: '2020-02-06' });
    await nextDay(o, 2); // 02-08
    await save(o.otherCommunityId, o.otherGridId);
    await save(o.otherCommunityId, o.otherGridId, { headName: '王建华' }); // not a move
    expect(db().prepare(`SELECT moved_on AS day FROM household_moves ORDER BY id`).pluck().all()).toEqual(['2020-02-05', '2020-02-08']);
    expect(lines('2020-02-04')).toEqual({ [o.gridId]: [2, 0, 1] });
    expect(lines('2020-02-05')).toEqual({ [o.gridId]: [1, 0, 0], [secondGrid]: [1, 0, 1] });
    expect(lines('2020-02-07')).toEqual({ [o.gridId]: [1, 0, 0], [secondGrid]: [1, 1, 0] });
    expect(lines('2020-02-08')).toEqual({ [o.gridId]: [1, 0, 0], [o.otherGridId]: [1, 1, 0] });
    // One community's coverage is the office's lines for it, as of any day.
    for (const day of ['2020-02-04', '2020-02-05', '2020-02-07', '2020-02-08']) {
      const office = coverageAsOf(db(), { asOf: day });
      for (const communityId of [o.communityId, o.otherCommunityId]) {
        const one = coverageAsOf(db(), { asOf: day, communityId });
        expect(one.grids, `${day} ${communityId}`).toEqual(office.grids.filter((g) => g.communityId === communityId));
        expect(one.communities, `${day} ${communityId}`).toEqual(office.communities.filter((c) => c.communityId === communityId));
      }
    }
  });

  it('reads the moves after the day on household_moves_by_day, the lines and the moved household on screening_visits_coverage', async () => {
    const h = (await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路1号', screeningStatus: 'screened' })).id;
    await nextDay(o);
    await o.t.call('households.save', { id: h, communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '幸福路1号' });
    const { spy, seen } = recording(db());
    coverageAsOf(spy, { asOf: '2020-02-03' });
    const plan = (fragment: string) =>
      recordedPlan(
        db(),
        seen.find((s) => s.sql.includes(fragment))!,
      );
    expect(plan('FROM household_moves m')).toContain('household_moves_by_day');
    expect(plan('AS screenedInPeriod')).toContain('USING COVERING INDEX screening_visits_coverage');
    expect(plan('AND household_id = @householdId')).toContain(
      'SEARCH screening_visits USING COVERING INDEX screening_visits_coverage (community_id=? AND grid_id=? AND household_id=? AND visited_on<?)',
    );
  });
});
