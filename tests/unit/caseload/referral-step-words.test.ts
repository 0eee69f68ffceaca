/**
 * The words typed in the drawer's 「原因 / 结果说明」 for a step that does not close the case (a fever referral's
 * 已转诊待到达 → 已到达医疗机构: which hospital, when) are kept with the step and said in 办理记录, as the closing step's
 * result is; before, the case had no column for them and they were dropped without a word.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openOffice, observedHousehold, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o?.t.close());

describe('a fever referral’s steps, in words', () => {
  it('keeps the hospital typed on 已到达医疗机构 and the result on 已办结, each in 办理记录', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const fever = await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 37.8, method: 'phone', checkedBy: '刘晓燕' });
    expect(fever.flagged).toBe(true);
    const referral = await o.t.call('checks.escalate', { checkId: fever.check.id });
    await o.t.call('cases.transition', { caseId: referral.id, to: 'arrived', reason: '区人民医院发热门诊，14:30 到达' });
    await o.t.call('cases.transition', { caseId: referral.id, to: 'closed', reason: '核酸阴性，返回居家观察' });
    const steps = (await o.t.call('cases.get', { id: referral.id })).timeline.map((e) => e.what);
    expect(steps).toEqual([
      '登记发热筛查分诊个案',
      '状态：已转诊待到达 → 已到达医疗机构（区人民医院发热门诊，14:30 到达）',
      '状态：已到达医疗机构 → 已办结（核酸阴性，返回居家观察）',
    ]);
    const after = await o.t.call('cases.get', { id: referral.id });
    expect([after.case.status, after.case.closedOn]).toEqual(['closed', '2020-02-17']);
    // The observation it came from goes on: still 观察中, its fever marked referred.
    const origin = await o.t.call('cases.get', { id: obs.id });
    expect(origin.case.status).toBe('observing');
    expect(origin.checks.find((k) => k.checkDate === '2020-02-17')?.escalation).toBe('referred');
  });

  it('says no words for a step taken without any', async () => {
    const { obs } = await observedHousehold(o, '2020-02-16');
    const fever = await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 38.1, method: 'phone', checkedBy: '刘晓燕' });
    const referral = await o.t.call('checks.escalate', { checkId: fever.check.id });
    await o.t.call('cases.transition', { caseId: referral.id, to: 'arrived', reason: '  ' });
    const steps = (await o.t.call('cases.get', { id: referral.id })).timeline.map((e) => e.what);
    expect(steps.at(-1)).toBe('状态：已转诊待到达 → 已到达医疗机构');
  });

  it('refuses 已办结 with no result typed, naming 「原因 / 结果说明」, alone and in a batch; the words then close it', async () => {
    const { obs } = await observedHousehold(o, '2020-02-16');
    const fever = await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' });
    const referral = await o.t.call('checks.escalate', { checkId: fever.check.id });
    const words = '「原因 / 结果说明」必填：发热筛查分诊个案办结时请写明结果（如：排除、确诊、转隔离观察）';
    for (const reason of [undefined, null, '   ']) {
      const err = await o.t.fail('cases.transition', { caseId: referral.id, to: 'closed', reason });
      expect([err.code, err.message]).toEqual(['BAD_INPUT', words]);
    }
    const batch = await o.t.fail('cases.bulkTransition', { caseIds: [referral.id], to: 'closed' });
    expect(batch.message).toBe(`个案编号 ${referral.id}：${words}（整批未修改）`);
    expect((await o.t.call('cases.get', { id: referral.id })).case.status).toBe('referral_made');
    // Arrived first, the same: the outcome is what closes it.
    await o.t.call('cases.transition', { caseId: referral.id, to: 'arrived' });
    expect((await o.t.fail('cases.transition', { caseId: referral.id, to: 'closed' })).message).toBe(words);
    await o.t.call('cases.transition', { caseId: referral.id, to: 'closed', reason: '排除' });
    const after = await o.t.call('cases.get', { id: referral.id });
    expect([after.case.status, after.case.closedOn, after.timeline.at(-1)?.what]).toEqual(['closed', '2020-02-17', '状态：已到达医疗机构 → 已办结（排除）']);
  });
});
