/**
 * A household screened in a period stays screened in that period (migration 059, screening-visits.repo.ts):
 * a later 无人在家 or 拒绝配合 no longer takes it out of 已排查, counted by hand on a ledger of one grid. The
 * household's own columns still show its latest visit by day, and a form for a past day ignores later visits.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coverageAsOf } from '../../../electron/core/caseload/coverage';
import { countedAs } from '../../../electron/core/caseload/screening-status.shared';
import { formById } from '../../../electron/core/io/export/forms/registry';
import { openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const visit = (id: number, screeningStatus: 'screened' | 'not_home' | 'refused' | 'unscreened', screenedOn?: string, screenedBy?: string) =>
  o.t.call('households.save', {
    id,
    communityId: o.communityId,
    screeningStatus,
    ...(screenedOn ? { screenedOn } : {}),
    ...(screenedBy ? { screenedBy } : {}),
  });
const household = async (n: number) => (await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: `幸福路${n}号` })).id;
const line = (asOf: string, periodFrom?: string) => coverageAsOf(db(), { asOf, periodFrom }).grids.find((g) => g.gridId === o.gridId)!;
const visitsOf = (id: number) =>
  db().prepare(`SELECT visited_on AS day, status, visited_by AS who FROM screening_visits WHERE household_id = @id ORDER BY visited_on`).all({ id });
const formLine = (from: string, to: string) =>
  formById('screening-coverage')!
    .read(db(), { from, to }, null)
    .find((r) => r.community === '幸福社区' && r.grid === '第一网格')!;

describe('screening visits kept', () => {
  it('screened on the 3rd, not at home on the 6th: 已排查 1, 其中本期 1, 不在家 0 on the screen, 工作台 and the form alike', async () => {
    const h = await household(1);
    await visit(h, 'screened', '2020-02-03', '刘网格');
    await visit(h, 'not_home', '2020-02-06', '陈志愿');
    expect(visitsOf(h)).toEqual([
      { day: '2020-02-03', status: 'screened', who: '刘网格' },
      { day: '2020-02-06', status: 'not_home', who: '陈志愿' },
    ]);
    // The household shows its latest visit (the grid and the revisit list read it).
    expect(await o.t.call('households.get', { id: h })).toMatchObject({ screeningStatus: 'not_home', screenedOn: '2020-02-06', screenedBy: '陈志愿' });
    expect(line('2020-02-07', '2020-02-01')).toMatchObject({ loaded: 1, screened: 1, screenedInPeriod: 1, notHome: 0, refused: 0, unscreened: 0 });
    const screen = (await o.t.call('coverage.summary', {})).grids.find((g) => g.gridId === o.gridId)!;
    expect(screen).toMatchObject({ screened: 1, notHome: 0, coveragePct: 100 });
    const dash = (await o.t.call('dashboard.summary', {})).coverage!.grids.find((g) => g.gridId === o.gridId)!;
    expect([dash.screened, dash.coveragePct]).toEqual([1, 100]);
    expect(formLine('2020-02-01', '2020-02-07')).toMatchObject({ households: 1, screened: 1, screenedInPeriod: 1, coverage: 100 });
  });

  it('screened in one week and refused in the next: screened as of the second week, not in its 其中本期', async () => {
    const h = await household(1);
    await visit(h, 'screened', '2020-02-03');
    await visit(h, 'refused', '2020-02-10');
    expect(line('2020-02-07', '2020-02-01')).toMatchObject({ screened: 1, screenedInPeriod: 1, refused: 0 });
    expect(line('2020-02-14', '2020-02-08')).toMatchObject({ screened: 1, screenedInPeriod: 0, refused: 0, unscreened: 0 });
    expect(formLine('2020-02-08', '2020-02-14')).toMatchObject({ screened: 1, screenedInPeriod: 0 });
    // Before the first visit nothing had happened; between them only the screening had.
    expect(line('2020-02-02', '2020-02-01')).toMatchObject({ screened: 0, refused: 0, unscreened: 1 });
  });

  it('the 入户排查 grid counts each 排查状态 choice as 排查覆盖 does, and says when a later visit followed a screening', async () => {
    const [a, b, c, d, e] = [await household(1), await household(2), await household(3), await household(4), await household(5)];
    await visit(a, 'screened', '2020-02-03');
    await visit(a, 'not_home', '2020-02-06'); // screened, then nobody at home: still 已排查
    await visit(b, 'screened', '2020-02-04');
    await visit(c, 'not_home', '2020-02-05');
    await visit(d, 'screened', '2020-02-03');
    await visit(d, 'refused', '2020-02-10'); // screened, then refused: still 已排查
    void e; // never visited
    const ids = async (screeningStatus: 'screened' | 'not_home' | 'refused' | 'unscreened') => {
      const page = await o.t.call('households.list', { filter: { screeningStatus }, offset: 0, limit: 50 });
      // The renderer's rule for a row (screening-status.shared.ts) says the same as the SQL filter that listed it.
      for (const row of page.rows) expect(countedAs(row), `住户 ${row.id}`).toBe(screeningStatus);
      return { total: page.total, ids: page.rows.map((r) => r.id).sort((x, y) => x - y) };
    };
    const screen = (await o.t.call('coverage.summary', {})).grids.find((g) => g.gridId === o.gridId)!;
    expect(screen).toMatchObject({ screened: 3, notHome: 1, refused: 0, unscreened: 1 });
    expect(await ids('screened')).toEqual({ total: screen.screened, ids: [a, b, d] });
    expect(await ids('not_home')).toEqual({ total: screen.notHome, ids: [c] });
    expect(await ids('refused')).toEqual({ total: screen.refused, ids: [] });
    expect(await ids('unscreened')).toEqual({ total: screen.unscreened, ids: [e] });
    // The row still shows its latest visit, and the day it was screened.
    expect(await o.t.call('households.get', { id: a })).toMatchObject({ screeningStatus: 'not_home', screenedOn: '2020-02-06', lastScreenedOn: '2020-02-03' });
    expect(await o.t.call('households.get', { id: c })).toMatchObject({ screeningStatus: 'not_home', lastScreenedOn: null });
  });

  it('counts 不在家 and 拒绝 for households not screened by the day, by their latest visit by then', async () => {
    const a = await household(1);
    const b = await household(2);
    const c = await household(3);
    await visit(a, 'not_home', '2020-02-03');
    await visit(a, 'refused', '2020-02-05');
    await visit(b, 'not_home', '2020-02-04');
    await visit(c, 'refused', '2020-02-04');
    await visit(c, 'screened', '2020-02-09');
    // As of 02-04: a not home, b not home, c refused. As of 02-06: a refused. As of 02-10: c screened since the 9th.
    expect(line('2020-02-04')).toMatchObject({ screened: 0, notHome: 2, refused: 1, unscreened: 0 });
    expect(line('2020-02-06')).toMatchObject({ screened: 0, notHome: 1, refused: 2 });
    expect(line('2020-02-10', '2020-02-08')).toMatchObject({ screened: 1, screenedInPeriod: 1, notHome: 1, refused: 1 });
  });

  it('the screen corrects its row: the same day again, a day moved earlier, 未排查 withdraws the latest visit', async () => {
    const h = await household(1);
    await visit(h, 'screened', '2020-02-03');
    await visit(h, 'not_home', '2020-02-10');
    // A correction of the 10th's outcome, then its day moved to the 9th: still two visits.
    await visit(h, 'refused', '2020-02-10');
    await visit(h, 'refused', '2020-02-09');
    expect(visitsOf(h)).toEqual([
      { day: '2020-02-03', status: 'screened', who: null },
      { day: '2020-02-09', status: 'refused', who: null },
    ]);
    // 未排查 on the row withdraws the visit it shows; the household then shows the one before.
    await visit(h, 'unscreened');
    expect(visitsOf(h)).toEqual([{ day: '2020-02-03', status: 'screened', who: null }]);
    expect(await o.t.call('households.get', { id: h })).toMatchObject({ screeningStatus: 'screened', screenedOn: '2020-02-03' });
    // Each visit written is in the audit log.
    const audited = db().prepare(`SELECT count(*) AS n FROM audit_log WHERE entity = 'screening_visit'`).get() as { n: number };
    expect(audited.n).toBe(6);
  });

  it('households.visits lists the visits the household panel shows, the latest first, with where each came from', async () => {
    const h = await household(1);
    await visit(h, 'screened', '2020-02-03', '刘网格');
    await visit(h, 'not_home', '2020-02-06', '陈志愿');
    expect(await o.t.call('households.visits', { householdId: h })).toEqual([
      { visitedOn: '2020-02-06', status: 'not_home', visitedBy: '陈志愿', result: null, source: 'edit', sourceFile: null },
      { visitedOn: '2020-02-03', status: 'screened', visitedBy: '刘网格', result: null, source: 'edit', sourceFile: null },
    ]);
    expect((await o.t.fail('households.visits', { householdId: 9999 })).message).toContain('住户（编号 9999）');
  });

  it('a household that moves to another grid takes its visits with it', async () => {
    const h = await household(1);
    await visit(h, 'screened', '2020-02-03');
    const g2 = (await o.t.call('org.grids.save', { communityId: o.communityId, name: '第二网格' })).id;
    await o.t.call('households.save', { id: h, communityId: o.communityId, gridId: g2 });
    const s = coverageAsOf(db(), { asOf: '2020-02-17' });
    expect(s.grids.map((g) => [g.gridName, g.loaded, g.screened])).toEqual([
      ['第一网格', 0, 0],
      ['第二网格', 1, 1],
      ['第一网格', 0, 0],
    ]);
  });
});
