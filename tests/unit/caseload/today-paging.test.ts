/**
 * 今日随访 with more people than one page (the screen's first page is 8 of each
 * kind, the print's 2,000): counts come whole from the core, and paging one kind
 * from `offset` reaches every item once, so nobody is silently dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import type { TodayKind } from '../../../electron/core/caseload/today-types.shared';
import { openOffice, type Office } from './fixture';

const PEOPLE = 310;
let o: Office;
const opened: number[] = [];
const inOther: number[] = [];

beforeAll(async () => {
  o = await openOffice(); // 2020-02-17, 09:00 in 郑州
  const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路1号' });
  const other = await o.t.call('households.save', { communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '和平路2号' });
  for (let n = 1; n <= PEOPLE; n++) {
    // Every tenth in the other community, so the community filter has something to leave out.
    const inOtherCommunity = n % 10 === 0;
    const r = await o.t.call('residents.save', {
      householdId: inOtherCommunity ? other.id : h.id,
      name: `观察${n}`,
      idNumber: makeIdNumber('410102', '1980-01-01', n),
    });
    // From 02-15 with no check: overdue since 02-15 and due today, so two kinds of 310 each.
    const c = await o.t.call('cases.open', { residentId: r.id, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
    opened.push(c.id);
    if (inOtherCommunity) inOther.push(c.id);
  }
}, 120_000);
afterAll(() => o.t.close());

async function everyPage(kind: TodayKind, limit: number, communityId?: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = await o.t.call('today.list', { kind, offset, limit, ...(communityId ? { communityId } : {}) });
    const mine = page.items.map((i) => {
      expect(i.kind).toBe(kind);
      return 'caseId' in i ? i.caseId : -1;
    });
    ids.push(...mine);
    if (mine.length < limit) return ids;
  }
}

describe('today.list pages honestly', () => {
  it('the first page holds at most `limit` of each kind and the whole count', async () => {
    const first = await o.t.call('today.list', { limit: 8 });
    expect(first.counts.check_overdue).toBe(PEOPLE);
    expect(first.counts.check_due).toBe(PEOPLE);
    expect(first.items.filter((i) => i.kind === 'check_overdue')).toHaveLength(8);
    expect(first.items.filter((i) => i.kind === 'check_due')).toHaveLength(8);
    // The default (300) is less than there are: the counts say so, the items do not pretend otherwise.
    const old = await o.t.call('today.list', {});
    expect(old.items.filter((i) => i.kind === 'check_due')).toHaveLength(300);
    expect(old.counts.check_due).toBe(PEOPLE);
  });

  it('paging one kind from offset reaches all 310 people, each once', async () => {
    for (const kind of ['check_overdue', 'check_due'] as const) {
      for (const limit of [8, 300]) {
        const ids = await everyPage(kind, limit);
        expect(ids).toHaveLength(PEOPLE);
        expect(new Set(ids).size).toBe(PEOPLE);
        expect([...ids].sort((a, b) => a - b)).toEqual([...opened].sort((a, b) => a - b));
      }
    }
  });

  it('a page of one kind lists that kind only, and still counts every kind', async () => {
    const page = await o.t.call('today.list', { kind: 'check_due', offset: 300, limit: 20 });
    expect(page.items).toHaveLength(PEOPLE - 300);
    expect(page.counts.check_overdue).toBe(PEOPLE);
  });

  it('with a community chosen, its count and pages agree; the other community is left out', async () => {
    const ids = await everyPage('check_overdue', 50, o.communityId);
    const mine = opened.filter((id) => !inOther.includes(id));
    expect((await o.t.call('today.list', { communityId: o.communityId, limit: 1 })).counts.check_overdue).toBe(mine.length);
    expect([...ids].sort((a, b) => a - b)).toEqual(mine);
  });

  it('逾期未监测 counts the same people as the case grid’s 只看逾期未监测 (the screen’s link to all of them)', async () => {
    const today = await o.t.call('today.list', { limit: 1 });
    const grid = await o.t.call('cases.list', { filter: { overdue: true }, offset: 0, limit: 1 });
    expect(grid.total).toBe(today.counts.check_overdue);
    const here = await o.t.call('cases.list', { filter: { overdue: true, communityId: o.otherCommunityId }, offset: 0, limit: 1 });
    expect(here.total).toBe((await o.t.call('today.list', { communityId: o.otherCommunityId, limit: 1 })).counts.check_overdue);
  });
});
