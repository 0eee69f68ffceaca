/**
 * The thirty-seventh attack run (issue 19, session 51), target 4: the words typed for a step that does not close a
 * case, kept in the step's audit row and said in 办理记录 (caseload/case-writes.ts, session 50). Online as the
 * coordinator and a viewer through Core.call.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { openOffice, observedHousehold, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o?.t.close());

async function referral(): Promise<number> {
  const { obs } = await observedHousehold(o, '2020-02-15');
  const fever = await o.t.call('checks.record', { caseId: obs.id, checkDate: '2020-02-17', temperature: 37.8, method: 'phone', checkedBy: '刘晓燕' });
  return (await o.t.call('checks.escalate', { checkId: fever.check.id })).id;
}

describe('S51: a step’s words', () => {
  it('held (w70-privacy): an ID number and a phone typed into 「原因 / 结果说明」 are kept as typed, and a viewer sees them masked', async () => {
    const id = await referral();
    const someone = makeIdNumber('410102', '1980-03-04', 77);
    await o.t.call('cases.transition', { caseId: id, to: 'arrived', reason: `陪同人 ${someone}，电话 13803711077` });
    expect((await o.t.call('cases.get', { id })).timeline.map((e) => e.what).at(-1)).toContain('13803711077');
    const viewer = await o.t.sessionAs('viewer', 'viewer9');
    const seen = (await o.t.call('cases.get', { id }, viewer)).timeline.map((e) => e.what);
    expect(seen.at(-1)).not.toContain(someone);
    expect(seen.at(-1)).toContain(`陪同人 ${someone.slice(0, 4)}**********${someone.slice(-4)}，电话 138****1077`);
  });

  it('held: words longer than 500 characters are refused naming 原因 / 结果说明; nothing written', async () => {
    const id = await referral();
    const e = await o.t.fail('cases.transition', { caseId: id, to: 'arrived', reason: '很'.repeat(501) });
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toContain('原因 / 结果说明');
    expect((await o.t.call('cases.get', { id })).case.status).not.toBe('arrived');
  });

  it('held: a viewer cannot take the step', async () => {
    const id = await referral();
    const viewer = await o.t.sessionAs('viewer', 'viewer9');
    expect((await o.t.fail('cases.transition', { caseId: id, to: 'arrived', reason: '区人民医院' }, viewer)).code).toBe('FORBIDDEN');
  });
});
