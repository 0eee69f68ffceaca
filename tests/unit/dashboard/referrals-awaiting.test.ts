/**
 * 工作台's line 「已转诊待到达 N 人」 under 体温/症状异常待处置, on a real ledger: N = the 发热筛查分诊 cases still 已转诊待到达
 * counted from the rows by a query of its own, = the rows of the case grid its link opens (the link's own filter, read as
 * the grid reads it), for the office and for one community; an arrived, a closed and a voided referral are not among them.
 * Again at 17:30 UTC, the office's next day (01:30 Beijing): a referral made then is the next day's and counted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { drill } from '../../../renderer/src/features/dashboard/drill';
import { choiceFrom, filterOf } from '../../../renderer/src/features/caseload/case-grid-filter';
import { admitAt, type TestLedger } from '../../helpers/ledger';
import { openOffice, type Office } from '../caseload/fixture';

let o: Office;
let t: TestLedger;
const referrals: Record<string, number> = {};

/** An observed person in a community, a fever recorded on `day`, referred now (the referral is the office's day it is made): its id. */
async function referred(name: string, n: number, communityId: number, gridId: number, day: string): Promise<number> {
  const h = await t.call('households.save', { communityId, gridId, addressText: `${name}家` });
  const r = await t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', '1980-01-01', 100 + n * 10) });
  const obs = await t.call('cases.open', { residentId: r.id, category: 'home_observation', obsStartOn: '2020-02-15', openedOn: '2020-02-15' });
  const fever = await t.call('checks.record', { caseId: obs.id, checkDate: day, temperature: 38.3, method: 'phone', checkedBy: '刘晓燕' });
  return (await t.call('checks.escalate', { checkId: fever.check.id })).id;
}

/** Counted from the cases table alone: 发热筛查分诊, 已转诊待到达, not voided. */
const byHand = (communityId?: number) =>
  (
    t.core.services.ledger
      .handle()
      .prepare(
        `SELECT count(*) AS n FROM cases WHERE category = 'fever_referral' AND status = 'referral_made' AND voided_at IS NULL AND (@c IS NULL OR community_id = @c)`,
      )
      .get({ c: communityId ?? null }) as { n: number }
  ).n;

/** The grid the line's link opens: its URL's filter as the case grid reads it, then cases.list. */
async function gridRows(communityId: number | null): Promise<string[]> {
  const link = drill.referralsAwaiting({ communityId });
  const filter = filterOf(choiceFrom(new URLSearchParams(link.split('?')[1])));
  const page = await t.call('cases.list', { filter, limit: 100 });
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((r) => r.name).sort();
}

const line = async (communityId?: number) => (await t.call('dashboard.summary', communityId === undefined ? {} : { communityId })).caseload!.referralsAwaiting;

beforeAll(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
  t = o.t;
  referrals['赵一'] = await referred('赵一', 1, o.communityId, o.gridId, '2020-02-16');
  referrals['钱二'] = await referred('钱二', 2, o.otherCommunityId, o.otherGridId, '2020-02-17');
  referrals['孙三'] = await referred('孙三', 3, o.communityId, o.gridId, '2020-02-17');
  referrals['李四'] = await referred('李四', 4, o.communityId, o.gridId, '2020-02-17');
  referrals['周五'] = await referred('周五', 5, o.otherCommunityId, o.otherGridId, '2020-02-17');
  await t.call('cases.transition', { caseId: referrals['孙三']!, to: 'arrived', reason: '区人民医院发热门诊' });
  await t.call('cases.transition', { caseId: referrals['李四']!, to: 'closed', reason: '排除' });
  await t.call('cases.void', { caseId: referrals['周五']!, kind: 'mistake', reason: '登记错人' });
});
afterAll(() => t?.close());

describe('工作台: 已转诊待到达', () => {
  it('counts the referrals not yet arrived as the rows do and as the grid its link opens lists them, office and community', async () => {
    expect(byHand()).toBe(2);
    expect(await line()).toEqual({ people: 2, oldestDay: '2020-02-17' });
    expect(await gridRows(null)).toEqual(['赵一', '钱二'].sort());
    expect(byHand(o.communityId)).toBe(1);
    expect(await line(o.communityId)).toEqual({ people: 1, oldestDay: '2020-02-17' });
    expect(await gridRows(o.communityId)).toEqual(['赵一']);
    expect(await line(o.otherCommunityId)).toEqual({ people: 1, oldestDay: '2020-02-17' });
    expect(await gridRows(o.otherCommunityId)).toEqual(['钱二']);
  });

  it('at 17:30 UTC (01:30 Beijing, the 18th) counts a referral made then, dated the 18th; an arrival takes one off', async () => {
    await admitAt(t, '2020-02-17T17:30:00.000Z');
    const early = await referred('吴六', 6, o.communityId, o.gridId, '2020-02-18');
    expect((await t.call('cases.get', { id: early })).case.openedOn).toBe('2020-02-18');
    expect([byHand(), (await line()).people]).toEqual([3, 3]);
    expect(await gridRows(null)).toEqual(['吴六', '赵一', '钱二'].sort());
    expect(await line(o.communityId)).toEqual({ people: 2, oldestDay: '2020-02-17' });
    expect(await gridRows(o.communityId)).toEqual(['吴六', '赵一'].sort());
    await t.call('cases.transition', { caseId: referrals['赵一']!, to: 'arrived' });
    expect(await line(o.communityId)).toEqual({ people: 1, oldestDay: '2020-02-18' });
    expect([byHand(o.communityId), (await gridRows(o.communityId)).length]).toEqual([1, 1]);
  });
});
