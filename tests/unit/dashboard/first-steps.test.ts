/** 工作台's first-run checklist ticks itself as the ledger fills, step by step. */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';

describe('first steps', () => {
  let t: TestLedger;
  afterEach(() => t?.close());

  it('answers what a new ledger holds yet, and ticks each step when it is done', async () => {
    t = await openTestLedger();
    const none = { communities: false, grids: false, households: false, staff: false, posts: false, schedules: false };
    expect(await t.call('dashboard.firstSteps', {})).toEqual(none);

    const community = await t.call('org.communities.save', { name: '幸福社区' });
    expect(await t.call('dashboard.firstSteps', {})).toEqual({ ...none, communities: true });
    await t.call('org.grids.save', { communityId: community.id, name: '第一网格' });
    await t.call('households.save', { communityId: community.id, addressText: '幸福路1号' });
    await t.call('rota.staff.save', { name: '张伟', kind: 'community_worker', communityId: community.id });
    await t.call('rota.posts.save', {
      communityId: community.id,
      name: '北门卡点',
      kind: 'checkpoint',
      location: '北门',
      requirements: [{ shiftId: 1, headcount: 1 }],
    });
    expect(await t.call('dashboard.firstSteps', {})).toEqual({ communities: true, grids: true, households: true, staff: true, posts: true, schedules: false });
    await t.call('export.schedules.save', {
      title: '疫情防控日报',
      recipient: '区疫情防控指挥部',
      formIds: ['caseload-summary'],
      weekday: 0,
      dueTime: '17:00',
    });
    expect(Object.values(await t.call('dashboard.firstSteps', {})).every(Boolean)).toBe(true);
  });

  it('is open to every role, viewers included', async () => {
    t = await openTestLedger();
    const viewer = await t.sessionAs('viewer');
    expect((await t.call('dashboard.firstSteps', {}, viewer)).communities).toBe(false);
  });
});
