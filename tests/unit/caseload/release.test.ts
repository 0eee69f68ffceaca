/**
 * An observation whose period has ended does not go silent: it is
 * 「待解除观察」 on 今日随访 and 工作台 until released or extended with a
 * reason, and releasing asks what happens to each care task it started.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextDay, observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

describe('待解除观察', () => {
  it('lists an ended observation on 今日随访 and counts it on 工作台 until it is released', async () => {
    // Started 02-03 for 14 days: last day 02-16, today 02-17.
    const { obs } = await observedHousehold(o, '2020-02-03');
    const today = await o.t.call('today.list', {});
    expect(today.counts.release_due).toBe(1);
    const item = today.items.find((i) => i.kind === 'release_due');
    if (item?.kind !== 'release_due') throw new Error('not listed');
    expect(item).toMatchObject({ caseId: obs.id, obsEndOn: '2020-02-16', title: '王建华' });
    expect(item.careTasks.map((t) => t.residentName)).toEqual(['王桂英']);
    const dash = await o.t.call('dashboard.summary', {});
    expect(dash.caseload?.awaitingRelease).toBe(1);
    // It is no longer "observed today", and it has not vanished either.
    expect(dash.caseload?.observing.total).toBe(0);
    expect((await o.t.call('dashboard.summary', { communityId: o.otherCommunityId })).caseload?.awaitingRelease).toBe(0);
  });

  it('releasing asks about each linked care task; kept care goes on after the observation', async () => {
    const { obs, elder } = await observedHousehold(o, '2020-02-03');
    const task = (await o.t.call('cases.get', { id: obs.id })).careTasks.find((t) => t.triggerCaseId === obs.id)!;
    const ask = await o.t.fail('cases.transition', { caseId: obs.id, to: 'released', reason: '补登' });
    expect(ask.code).toBe('BAD_INPUT');
    expect(ask.message).toContain('王桂英');
    // Nothing changed by the refused call.
    expect((await o.t.call('cases.get', { id: obs.id })).case.status).toBe('observing');
    await o.t.call('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks: [{ careTaskId: task.id, keep: true }] });
    const today = await o.t.call('today.list', {});
    expect(today.counts.release_due).toBe(0);
    const care = today.items.find((i) => i.kind === 'care_visit_due');
    if (care?.kind !== 'care_visit_due') throw new Error('care ended');
    expect(care).toMatchObject({ residentId: elder.id, standalone: true });
    expect(care.detail).toContain('观察结束后继续照料');
    expect((await o.t.call('dashboard.summary', {})).caseload?.awaitingRelease).toBe(0);
    // A kept task ends only when someone says why.
    expect((await o.t.fail('care.tasks.close', { careTaskId: task.id, reason: ' ' })).code).toBe('BAD_INPUT');
    await o.t.call('care.tasks.close', { careTaskId: task.id, reason: '子女已返家照顾' });
    expect((await o.t.call('today.list', {})).counts.care_visit_due).toBe(0);
  });

  it('extending an ended observation needs a reason and takes it off the list until the new end', async () => {
    const { obs } = await observedHousehold(o, '2020-02-03');
    expect((await o.t.fail('cases.update', { caseId: obs.id, obsDays: 21 })).message).toContain('「原因」必填');
    await o.t.call('cases.update', { caseId: obs.id, obsDays: 21, changeReason: '同住人确诊，区疾控要求延长' });
    expect((await o.t.call('today.list', {})).counts.release_due).toBe(0);
    await nextDay(o, 7);
    expect((await o.t.call('today.list', {})).counts.release_due).toBe(1);
  });

  it('released early without a reason: the refusal names the window not over, and past days unchecked, not today’s check', async () => {
    // 14 days from 02-05: day 13 today (02-17), the end 02-18; checked 02-05 … 02-16, today's not yet.
    const { obs } = await observedHousehold(o, '2020-02-05');
    const check = (checkDate: string) => o.t.call('checks.record', { caseId: obs.id, checkDate, temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
    for (let d = 5; d <= 16; d++) await check(`2020-02-${String(d).padStart(2, '0')}`);
    const early = await o.t.fail('cases.transition', { caseId: obs.id, to: 'released' });
    expect(early.message).toBe('「原因」必填：观察期到 2020-02-18 才满');
    // Tomorrow, the last day: 02-17 passed unchecked, and that is the reason now.
    await nextDay(o);
    const both = await o.t.fail('cases.transition', { caseId: obs.id, to: 'released' });
    expect(both.message).toBe('「原因」必填：观察期内 2020-02-17 起有未完成的健康监测');
  });

  it('refuses a decision about a task the observation did not start', async () => {
    const { obs } = await observedHousehold(o, '2020-02-03');
    const e = await o.t.fail('cases.transition', { caseId: obs.id, to: 'released', reason: '补登', careTasks: [{ careTaskId: 999, keep: true }] });
    expect(e.message).toContain('编号 999');
  });
});
