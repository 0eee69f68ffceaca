/**
 * 岗位的社区: a post moved to another community by rota.posts.save with its id took its shifts along, so the rosters,
 * attendance and pay sheets of months already paid counted them for the new community after the fact. A post that
 * has been planned keeps its community (the save is refused in words: 新建一个岗位 in the other community); a post
 * never planned may still be corrected. Red before: the save went through and last month's roster changed.
 * A post stood down (停用) after it was worked stays on the roster of the days it was planned on, owing no one: red
 * before, the roster left it out, shifts and people.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { postOf, postSaveOf, rotaFixture } from './fixture';

const opened: TestLedger[] = [];
afterEach(() => opened.splice(0).forEach((l) => l.close()));

/** Monday 17 February 2020, the rota fixture's office; `worker` plans its 入户排查组 on a day. */
async function office() {
  const t = await openTestLedger();
  opened.push(t);
  const f = await rotaFixture(t);
  const plan = (day: string, worker = 0) => t.call('rota.assign', { day, postId: f.screening, shiftId: f.shifts.day, staffId: f.workers[worker]! });
  const FEB = { from: '2020-02-01', to: '2020-02-29' };
  const rosters = async () => [await t.call('rota.roster', { ...FEB, communityId: f.c1 }), await t.call('rota.roster', { ...FEB, communityId: f.c2 })];
  const move = async (communityId: number) => postSaveOf(await postOf(t, f.screening), { communityId });
  return { t, f, plan, rosters, move };
}

describe('rota: a post’s community once it has shifts', () => {
  it('planned: moving it to another community is refused, naming its first shift; rosters and the post stay', async () => {
    const { t, f, plan, rosters, move } = await office();
    await plan('2020-02-17');
    await plan('2020-02-19', 1);
    const before = await rosters();
    const e = await t.fail('rota.posts.save', await move(f.c2));
    expect([e.code, e.message]).toEqual([
      'CONFLICT',
      '「社区」：「入户排查组」从 2020-02-17 起已排过班，这些班次、考勤和补助都算在幸福社区，不能改到别的社区。请在和平社区新建一个岗位。',
    ]);
    expect((await postOf(t, f.screening)).communityId).toBe(f.c1);
    expect(await rosters()).toEqual(before);
  });

  it('planned: other changes to the post (its name) still save', async () => {
    const { t, f, plan } = await office();
    await plan('2020-02-17');
    await t.call('rota.posts.save', postSaveOf(await postOf(t, f.screening), { name: '入户排查一组' }));
    expect(await postOf(t, f.screening)).toMatchObject({ name: '入户排查一组', communityId: f.c1 });
  });

  it('never planned (or its shifts removed): a wrong community is corrected', async () => {
    const { t, f, plan, move } = await office();
    await t.call('rota.unassign', { id: (await plan('2020-02-18')).id });
    await t.call('rota.posts.save', await move(f.c2));
    expect((await postOf(t, f.screening)).communityId).toBe(f.c2);
  });
});

describe('rota: a post stood down after it was worked', () => {
  it('the roster of the days it was planned still prints it and its people; no 缺 N 人 once it is stood down', async () => {
    const { t, f, plan, rosters } = await office();
    await plan('2020-02-17');
    const was = (await rosters())[0]!.communities[0]!.posts.find((p) => p.id === f.screening)!;
    await t.call('rota.posts.save', postSaveOf(await postOf(t, f.screening), { active: false }));
    const now = (await rosters())[0]!.communities[0]!.posts.find((p) => p.id === f.screening);
    expect(now?.cells['2020-02-17|' + f.shifts.day]).toEqual(was.cells['2020-02-17|' + f.shifts.day]);
    // Not planned on the 18th and no longer staffed: nothing owed.
    expect(now?.cells['2020-02-18|' + f.shifts.day]).toBeUndefined();
  });
});
