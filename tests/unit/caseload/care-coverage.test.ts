import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextDay, observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice();
});
afterEach(() => o.t.close());

describe('linked care', () => {
  it('creates a care task for the solitary elder of an observed household; an open need stays until resolved', async () => {
    const { elder, obs } = await observedHousehold(o);
    let today = await o.t.call('today.list', {});
    const task = today.items.find((i) => i.kind === 'care_visit_due');
    expect(task?.title).toBe(elder.name);
    if (task?.kind !== 'care_visit_due') throw new Error('no care task');
    await o.t.call('care.visits.record', {
      careTaskId: task.careTaskId,
      visitDate: '2020-02-17',
      visitedBy: '刘晓燕',
      needs: '降压药快吃完了',
      needsOpen: true,
    });
    today = await o.t.call('today.list', {});
    expect(today.counts.care_visit_due).toBe(0);
    const need = today.items.find((i) => i.kind === 'care_need_open');
    if (need?.kind !== 'care_need_open') throw new Error('need not visible');
    await nextDay(o);
    today = await o.t.call('today.list', {});
    expect(today.counts.care_visit_due).toBe(1);
    expect(today.counts.care_need_open).toBe(1);
    await o.t.call('care.needs.resolve', { visitId: need.visitId, actions: '社区医生送药上门' });
    expect((await o.t.call('today.list', {})).counts.care_need_open).toBe(0);
    // Ending the observation asks about the elder's care; here it ends with it.
    const ask = await o.t.fail('cases.transition', { caseId: obs.id, to: 'referred', reason: '转医学观察点' });
    expect(ask.message).toContain('「照料任务」请逐项确定');
    await o.t.call('cases.transition', { caseId: obs.id, to: 'referred', reason: '转医学观察点', careTasks: [{ careTaskId: task.careTaskId, keep: false }] });
    expect((await o.t.call('today.list', {})).counts.care_visit_due).toBe(0);
  });
});

describe('screening coverage and zero reports', () => {
  it('counts households per grid, community and office, and files a zero report only when nothing is new', async () => {
    await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路1号', screeningStatus: 'screened' });
    await o.t.call('households.save', {
      communityId: o.communityId,
      gridId: o.gridId,
      addressText: '幸福路2号',
      screeningStatus: 'not_home',
      revisitOn: '2020-02-17',
    });
    await o.t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: '幸福路3号' });
    await o.t.call('households.save', { communityId: o.otherCommunityId, gridId: o.otherGridId, addressText: '和平路1号', screeningStatus: 'screened' });
    const s = await o.t.call('coverage.summary', {});
    expect(s.office).toMatchObject({ households: 4, loaded: 4, screened: 2, notHome: 1, unscreened: 1, coveragePct: 50, state: 'in_progress' });
    expect(s.communities.find((c) => c.communityId === o.communityId)?.coveragePct).toBe(33.3);
    expect(s.grids.find((g) => g.gridId === o.otherGridId)?.coveragePct).toBe(100);
    expect((await o.t.call('today.list', {})).counts.screening_revisit).toBe(1);
    await o.t.call('coverage.zeroReport', { gridId: o.otherGridId });
    expect((await o.t.call('coverage.summary', {})).grids.find((g) => g.gridId === o.otherGridId)?.zeroReportFiled).toBe(true);
    await observedHousehold(o, '2020-02-17');
    const busy = await o.t.fail('coverage.zeroReport', { gridId: o.gridId });
    expect(busy.code).toBe('CONFLICT');
  });
});
