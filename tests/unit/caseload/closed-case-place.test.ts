/**
 * A household (or a resident) that moves to another community takes its open cases along, and leaves its closed ones
 * where they were counted: before, every case moved, so 人员排查管控情况汇总表 for an earlier period, already sent,
 * changed its communities' figures after the fact.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ID_A, ID_ELDER, nextDay, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-10T02:00:00.000Z');
});
afterEach(() => o.t.close());

const placeOf = async (caseId: number) => {
  const c = (await o.t.call('cases.get', { id: caseId })).case;
  return [c.communityId, c.gridId];
};

describe('a move keeps the closed cases where they were', () => {
  it('a household moves: its open case follows, its closed one stays in the old community and grid', async () => {
    const h = await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路1号' });
    const a = await o.t.call('residents.save', { householdId: h.id, name: '王建华', idNumber: ID_A });
    const b = await o.t.call('residents.save', { householdId: h.id, name: '王桂英', idNumber: ID_ELDER });
    const closed = await o.t.call('cases.open', { residentId: a.id, category: 'fever_referral' });
    await o.t.call('cases.transition', { caseId: closed.id, to: 'closed', reason: '排除' });
    const open = await o.t.call('cases.open', { residentId: b.id, category: 'solitary_elderly' });
    await nextDay(o, 4);
    await o.t.call('households.save', { id: h.id, communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '幸福路1号' });
    expect(await placeOf(open.id)).toEqual([o.otherCommunityId, o.otherGridId]);
    expect(await placeOf(closed.id)).toEqual([o.communityId, o.gridId]);
  });

  it('a resident moves on their own: the same', async () => {
    const a = await o.t.call('residents.save', { communityId: o.communityId, gridId: o.gridId, name: '王建华', idNumber: ID_A });
    const closed = await o.t.call('cases.open', { residentId: a.id, category: 'returnee' });
    await o.t.call('cases.transition', { caseId: closed.id, to: 'closed', reason: '已离开' });
    const open = await o.t.call('cases.open', { residentId: a.id, category: 'psychological_support' });
    await o.t.call('residents.save', { id: a.id, communityId: o.otherCommunityId, gridId: o.otherGridId, name: '王建华', idNumber: ID_A });
    expect(await placeOf(open.id)).toEqual([o.otherCommunityId, o.otherGridId]);
    expect(await placeOf(closed.id)).toEqual([o.communityId, o.gridId]);
  });
});
