/**
 * A 发热筛查分诊 case voided (作废登记): the fever it was opened for goes back to 待处置 on 今日随访 and 工作台, since no
 * referral handles it now (before: the check stayed 已转分诊 under a case that counts nowhere, and the fever was left
 * unhandled: found by w63-figures). Restored, the fever is referred to it again, unless handled meanwhile.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o.t.close());

const DAY = '2020-02-17';
/** 今日随访's fevers waiting (count and the checks listed) and 工作台's. */
async function waiting() {
  const today = await o.t.call('today.list', {});
  const listed = today.items.flatMap((i) => (i.kind === 'escalation' ? [i.checkId] : []));
  return { today: today.counts.escalation, listed, dashboard: (await o.t.call('dashboard.summary', {})).caseload!.escalations };
}
const escalationOf = async (caseId: number, checkId: number) => (await o.t.call('checks.list', { caseId })).find((c) => c.id === checkId)!.escalation;

describe('a fever referral voided', () => {
  it('puts its fever back on 待处置, audited; restored, the fever is referred to it again', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' })).check;
    const referral = await o.t.call('checks.escalate', { checkId: check.id });
    expect(await waiting()).toEqual({ today: 0, listed: [], dashboard: 0 });

    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '转诊登记错了人' });
    expect(await waiting()).toEqual({ today: 1, listed: [check.id], dashboard: 1 });
    expect(await escalationOf(obs.id, check.id)).toBe('open');
    const audited = o.t.core.services.ledger
      .handle()
      .prepare(`SELECT after_json FROM audit_log WHERE entity = 'health_check' AND entity_id = ? ORDER BY id DESC LIMIT 1`)
      .pluck()
      .get(String(check.id)) as string;
    expect(JSON.parse(audited)).toMatchObject({ escalation: 'open', referral_case_id: referral.id });

    await o.t.call('cases.restore', { caseId: referral.id, reason: '核实无误' });
    expect(await waiting()).toEqual({ today: 0, listed: [], dashboard: 0 });
    expect(await escalationOf(obs.id, check.id)).toBe('referred');
  });

  it('a fever handled meanwhile (dismissed) stays as handled when the referral is restored', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' })).check;
    const referral = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.void', { caseId: referral.id, kind: 'mistake', reason: '转诊登记错了人' });
    await o.t.call('checks.dismiss', { checkId: check.id, note: '复测 36.6 °C' });
    expect(await waiting()).toEqual({ today: 0, listed: [], dashboard: 0 });
    await o.t.call('cases.restore', { caseId: referral.id, reason: '核实无误' });
    expect(await escalationOf(obs.id, check.id)).toBe('dismissed');
    expect(await waiting()).toEqual({ today: 0, listed: [], dashboard: 0 });
  });

  it('a fever of an observation voided too stays off 待处置 (the observation counts nowhere)', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' })).check;
    const referral = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.void', { caseId: obs.id, kind: 'duplicate', reason: '重复登记' });
    await o.t.call('cases.void', { caseId: referral.id, kind: 'duplicate', reason: '重复登记' });
    expect(await waiting()).toEqual({ today: 0, listed: [], dashboard: 0 });
  });

  // S46-A1 / S46-A2 (thirty-second attack run): which fever a referral was opened for is kept (075 referral_checks), so a
  // second referral made for the same fever meanwhile no longer hides it from the first one's restore.
  it('the fever referred again, that referral voided too, the first restored: the fever is referred to the first again', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' })).check;
    const first = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.void', { caseId: first.id, kind: 'mistake', reason: '转诊登记错了人' });
    const second = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.void', { caseId: second.id, kind: 'duplicate', reason: '重复登记' });
    expect(await waiting()).toEqual({ today: 1, listed: [check.id], dashboard: 1 });
    await o.t.call('cases.restore', { caseId: first.id, reason: '第一次是对的' });
    expect(await waiting()).toEqual({ today: 0, listed: [], dashboard: 0 });
    const shown = (await o.t.call('checks.list', { caseId: obs.id })).find((c) => c.id === check.id)!;
    expect([shown.escalation, shown.referralCaseId]).toEqual(['referred', first.id]);
  });

  it('the fever referred again and that referral closed: the first is not restored beside it, in words naming it', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = (await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' })).check;
    const first = await o.t.call('checks.escalate', { checkId: check.id });
    await o.t.call('cases.void', { caseId: first.id, kind: 'mistake', reason: '转诊登记错了人' });
    const second = await o.t.call('checks.escalate', { checkId: check.id });
    for (const state of ['open', 'closed'] as const) {
      if (state === 'closed') await o.t.call('cases.transition', { caseId: second.id, to: 'closed', reason: '排除' });
      const refused = await o.t.fail('cases.restore', { caseId: first.id, reason: '核实' });
      expect([state, refused.code, refused.message]).toEqual([
        state,
        'CONFLICT',
        `这条登记所转的发热（${DAY} 的监测）已另外转到发热筛查分诊个案（编号 ${second.id}），不能撤销作废：一次发热只转一个分诊个案。`,
      ]);
    }
    const live = (await o.t.call('cases.list', { filter: { category: 'fever_referral' } })).rows.map((r) => r.id);
    expect(live).toEqual([second.id]);
    expect((await o.t.call('checks.list', { caseId: obs.id })).find((c) => c.id === check.id)!.referralCaseId).toBe(second.id);
  });
});
