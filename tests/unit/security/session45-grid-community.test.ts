/**
 * The thirty-first attack run (session 45), target 3 (the post-community refusal of session 44: can the same effect be
 * reached another way?). S45-A1: a grid's community. `org.grids.save` with a grid's id and another community moved the
 * grid and nothing else: its households, their residents, cases and visits kept the old community, so 入户排查覆盖 (and
 * the 入户排查覆盖情况表 of every period, forms already sent included) listed the grid under its new community with no
 * household, the old community's lines had them no more, and the office line still counted them (office ≠ the sum of
 * its communities). No household_moves row either (071). The screen offers no such change; the contract took it from a
 * coordinator's window. Now a grid that holds anything keeps its community, as a planned post does.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { openOffice, type Office } from '../caseload/fixture';

let o: Office;
let third: number;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
  third = (await o.t.call('org.grids.save', { communityId: o.communityId, name: '第三网格' })).id;
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const figures = (asOf: string) => {
  const c = coverageAsOf(db(), { asOf });
  return {
    office: [c.office.loaded, c.office.screened],
    communities: c.communities.map((x) => [x.communityName, x.loaded, x.screened]),
    grids: c.grids.filter((g) => g.loaded > 0).map((g) => [g.communityName, g.gridName, g.loaded, g.screened]),
  };
};
const move = () => o.t.raw('org.grids.save', { id: third, communityId: o.otherCommunityId, name: '第三网格' });

describe('S45-A1: a grid moved to another community once it holds households', () => {
  it('is refused naming the field, the grid and where it counts; coverage of the day already reported reads the same', async () => {
    await o.t.call('households.save', { communityId: o.communityId, gridId: third, addressText: '幸福路1号', screeningStatus: 'screened' });
    await o.t.call('households.save', { communityId: o.communityId, gridId: third, addressText: '幸福路2号' });
    const reported = figures('2020-02-17');
    expect(reported).toEqual({
      office: [2, 1],
      communities: [
        ['幸福社区', 2, 1],
        ['和平社区', 0, 0],
      ],
      grids: [['幸福社区', '第三网格', 2, 1]],
    });
    const r = await move();
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'CONFLICT',
        message:
          '「所属社区」：「第三网格」已有住户、个案或零报告记在幸福社区，入户排查和各报表都按它算在幸福社区，不能改到别的社区。请在和平社区新建一个网格。',
        details: { field: 'communityId' },
      },
    });
    expect(figures('2020-02-17')).toEqual(reported);
    expect((await o.t.call('org.grids.list', { communityId: o.communityId })).map((g) => g.name)).toContain('第三网格');
  }, 60_000);

  it('a grid holding only a zero report keeps its community too', async () => {
    await o.t.call('coverage.zeroReport', { gridId: third });
    expect(await move()).toMatchObject({ ok: false, error: { code: 'CONFLICT', details: { field: 'communityId' } } });
  }, 60_000);

  it('a grid that holds nothing yet may still be corrected to another community, and its other fields save', async () => {
    await o.t.call('households.save', { communityId: o.communityId, gridId: third, addressText: '幸福路1号' });
    const renamed = await o.t.call('org.grids.save', { id: third, communityId: o.communityId, name: '第三网格（东）', households: 40 });
    expect([renamed.name, renamed.households]).toEqual(['第三网格（东）', 40]);
    const empty = (await o.t.call('org.grids.save', { communityId: o.communityId, name: '第四网格' })).id;
    const moved = await o.t.call('org.grids.save', { id: empty, communityId: o.otherCommunityId, name: '第四网格' });
    expect(moved.communityName).toBe('和平社区');
  }, 60_000);
});
