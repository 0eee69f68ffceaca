/**
 * A household's move leaves its earlier 入户排查 where it was: two ledgers built through the channels by the same steps,
 * day by day, one of them with households moved in the second week (to another community, to another grid of the
 * same community, one refused and moved, one revisited after its move). The first week's 入户排查覆盖情况表 (from
 * export.write's package) and 排查覆盖 as of each day before the moves are the same in both:
 * a form already sent reads the same next week. After the moves a household counts, with every visit it had by then,
 * where it is on the form's last day (electron/core/caseload/README.md). Red before (migration 059's trigger moved the
 * visits, and the households counted where they are now): the first week's form differed between the two ledgers.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { sentForms, type Figures } from './sent-forms';

const WEEK1 = { from: '2020-02-03', to: '2020-02-09' };
const WEEK2 = { from: '2020-02-10', to: '2020-02-16' };
/** The ledgers hold households only: the form that counts them. */
const FORMS = ['screening-coverage'];
const DAYS_BEFORE_MOVES = ['2020-02-03', '2020-02-04', '2020-02-06', '2020-02-09', '2020-02-11'];

const folders: string[] = [];
const ledgers: TestLedger[] = [];

interface Place {
  communityId: number;
  gridId: number;
}

/** The office through two weeks; with `moves`, three households move on 12 February. */
async function build(moves: boolean) {
  const t = await openTestLedger({ now: '2020-02-01T01:00:00.000Z' });
  ledgers.push(t);
  const at = (instant: string) => admitAt(t, instant);
  const xingfu = (await t.call('org.communities.save', { name: '幸福社区' })).id;
  const heping = (await t.call('org.communities.save', { name: '和平社区' })).id;
  const x1: Place = { communityId: xingfu, gridId: (await t.call('org.grids.save', { communityId: xingfu, name: '第一网格' })).id };
  const x2: Place = { communityId: xingfu, gridId: (await t.call('org.grids.save', { communityId: xingfu, name: '第二网格' })).id };
  const h1: Place = { communityId: heping, gridId: (await t.call('org.grids.save', { communityId: heping, name: '第一网格' })).id };
  const house = async (place: Place, addressText: string) => ({ id: (await t.call('households.save', { ...place, addressText })).id, place, addressText });
  type House = Awaited<ReturnType<typeof house>>;
  const visit = (h: House, screeningStatus: 'screened' | 'not_home' | 'refused', screenedOn: string) =>
    t.call('households.save', { id: h.id, ...h.place, addressText: h.addressText, screeningStatus, screenedOn, screenedBy: '刘网格' });
  const move = async (h: House, place: Place) => {
    if (!moves) return;
    h.place = place;
    await t.call('households.save', { id: h.id, ...place, addressText: h.addressText });
  };
  const a = await house(x1, '幸福路1号');
  const b = await house(x1, '幸福路2号');
  const c = await house(x2, '幸福路3号');
  const d = await house(h1, '和平路1号');
  await house(x1, '幸福路4号'); // never visited
  await at('2020-02-04T02:00:00.000Z');
  await visit(a, 'screened', '2020-02-04');
  await visit(b, 'not_home', '2020-02-04');
  await visit(c, 'refused', '2020-02-04');
  await visit(d, 'screened', '2020-02-04');
  await at('2020-02-12T02:00:00.000Z');
  await move(a, h1); // to another community, screened before
  await move(b, x2); // to another grid of the same community, not at home before
  await move(c, h1); // refused before
  await at('2020-02-13T02:00:00.000Z');
  await visit(b, 'screened', '2020-02-13'); // revisited where it is now
  await at('2020-02-16T15:30:00.000Z'); // 23:30 in Beijing on the second week's last day
  return { t, places: { x1, x2, h1 } };
}

const forms = (t: TestLedger, period: { from: string; to: string }) => sentForms(t, period, FORMS, folders);

const coverageOn = (t: TestLedger, asOf: string) => coverageAsOf(t.core.services.ledger.handle(), { asOf, periodFrom: WEEK1.from });

type Built = Awaited<ReturnType<typeof build>>;
let still: Built;
let moved: Built;
let week1: [Figures, Figures];
let week2: [Figures, Figures];

beforeAll(async () => {
  still = await build(false);
  moved = await build(true);
  week1 = [await forms(still.t, WEEK1), await forms(moved.t, WEEK1)];
  week2 = [await forms(still.t, WEEK2), await forms(moved.t, WEEK2)];
}, 240_000);
afterAll(() => {
  for (const t of ledgers) t.close();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

describe('入户排查 after a household moves: the earlier period’s figures stay', () => {
  it('the moves change the second week’s coverage (so the comparison below can fail)', () => {
    expect(week2[1]['screening-coverage']).not.toEqual(week2[0]['screening-coverage']);
  });

  it('the first week’s 入户排查覆盖情况表 is the same in both ledgers', () => {
    expect(week1[1]).toEqual(week1[0]);
  });

  it('排查覆盖 as of each day before the moves is the same in both ledgers', () => {
    for (const day of DAYS_BEFORE_MOVES) expect(coverageOn(moved.t, day), day).toEqual(coverageOn(still.t, day));
  });

  it('after the moves each household counts where it is, with the visits it had: counted by hand', () => {
    const { x1, x2, h1 } = moved.places;
    const grid = (p: Place) => {
      const g = coverageAsOf(moved.t.core.services.ledger.handle(), { asOf: WEEK2.to, periodFrom: WEEK2.from }).grids.find((l) => l.gridId === p.gridId)!;
      return { loaded: g.loaded, screened: g.screened, screenedInPeriod: g.screenedInPeriod, notHome: g.notHome, refused: g.refused, unscreened: g.unscreened };
    };
    // 幸福 第一网格: only 幸福路4号 is left there, never visited.
    expect(grid(x1)).toEqual({ loaded: 1, screened: 0, screenedInPeriod: 0, notHome: 0, refused: 0, unscreened: 1 });
    // 幸福 第二网格: 幸福路2号 (moved in, screened on the 13th there); 幸福路3号 moved out.
    expect(grid(x2)).toEqual({ loaded: 1, screened: 1, screenedInPeriod: 1, notHome: 0, refused: 0, unscreened: 0 });
    // 和平 第一网格: 和平路1号 and 幸福路1号 screened (before the move: it was screened), 幸福路3号 refused.
    expect(grid(h1)).toEqual({ loaded: 3, screened: 2, screenedInPeriod: 0, notHome: 0, refused: 1, unscreened: 0 });
  });
});
