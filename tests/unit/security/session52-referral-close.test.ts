/**
 * The thirty-eighth attack run (issue 19, session 52), target 6: 已办结 on a 发热筛查分诊 case needs 「原因 / 结果说明」
 * (session 51, case-writes.ts transitionCase). Words nobody sees, alone and in a batch. Online as the coordinator.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHousehold, openOffice, type Office } from '../caseload/fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o?.t.close());

const WORDS = '「原因 / 结果说明」必填：发热筛查分诊个案办结时请写明结果（如：排除、确诊、转隔离观察）';

async function referral(since: string, days = ['2020-02-17']): Promise<number[]> {
  const { obs } = await observedHousehold(o, since);
  const ids: number[] = [];
  for (const checkDate of days) {
    const fever = await o.t.call('checks.record', { caseId: obs.id, checkDate, temperature: 38.2, method: 'phone', checkedBy: '刘晓燕' });
    ids.push((await o.t.call('checks.escalate', { checkId: fever.check.id })).id);
  }
  return ids;
}

describe('S52: a fever referral closes on words someone can read', () => {
  it('a full-width space, zero-width characters, a no-break space, alone or mixed: refused as no words (held)', async () => {
    const [id] = (await referral('2020-02-16')) as [number];
    for (const reason of ['\u3000\u3000', '\u200b\u200b', '\u00a0', '\u200b \u3000\ufeff', '\u2060\u180e', '\u3164', '\u2800']) {
      const err = await o.t.fail('cases.transition', { caseId: id, to: 'closed', reason });
      expect([err.code, err.message]).toEqual(['BAD_INPUT', WORDS]);
    }
    const batch = await o.t.fail('cases.bulkTransition', { caseIds: [id], to: 'closed', reason: '\u200b\u3000' });
    expect(batch.message).toBe(`个案编号 ${id}：${WORDS}（整批未修改）`);
    expect((await o.t.call('cases.get', { id })).case.status).toBe('referral_made');
  });

  it('「已转诊待到达 N 人」 counts cases as people: a second open referral for the same person is refused (held)', async () => {
    await expect(referral('2020-02-15', ['2020-02-16', '2020-02-17'])).rejects.toThrow(/已有一个进行中的「发热筛查分诊」个案/);
  });

  it('a punctuation mark alone (「。」「-」「/」) closes it (noted: words, if not a result)', async () => {
    const [id] = (await referral('2020-02-16')) as [number];
    await o.t.call('cases.transition', { caseId: id, to: 'closed', reason: '。' });
    const got = await o.t.call('cases.get', { id });
    expect([got.case.status, got.timeline.at(-1)?.what]).toEqual(['closed', '状态：已转诊待到达 → 已办结（。）']);
  });
});
