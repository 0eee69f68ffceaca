/**
 * A 发热转诊 opened from an observation that is voided afterwards (作废登记, caseload README): the observation counts
 * nowhere — not on 工作台's 个案分类 nor on 人员排查管控情况汇总表 — its fever no longer waits on 待处置, and the
 * referral, a case of its own, still counts once; its drawer says, in words, that the observation it came from was
 * voided and why (before: nothing about its origin at all).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T02:00:00.000Z');
});
afterEach(() => o.t.close());

const db = () => o.t.core.services.ledger.handle();
const DAY = '2020-02-17';
/** Each category's [在管, 新增] on the day's form, and 工作台's active cases by category. */
async function figures() {
  const form = caseloadSummaryForm.read(db(), { from: DAY, to: DAY, today: DAY }, null);
  const rows = Object.fromEntries(form.slice(0, -1).map((r) => [String(r['category']), [r['active'], r['opened']]]));
  const dash = (await o.t.call('dashboard.summary', {})).caseload!;
  const bars: Record<string, number> = {};
  for (const bar of dash.casesByCategory.bars) for (const [k, n] of Object.entries(bar.counts)) bars[k] = (bars[k] ?? 0) + (n ?? 0);
  return { rows, bars, escalations: dash.escalations };
}

describe('a fever referral whose observation was voided', () => {
  it('counts the referral once and the observation nowhere, and says in its drawer that the observation was voided', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const check = await o.t.call('checks.record', { caseId: obs.id, checkDate: DAY, temperature: 38.4, method: 'phone', checkedBy: '刘晓燕' });
    const referral = await o.t.call('checks.escalate', { checkId: check.check.id });
    expect((await o.t.call('cases.get', { id: referral.id })).referredFrom).toBe(`居家观察个案（编号 ${obs.id}）的健康监测异常`);
    const before = await figures();
    expect(before.rows['发热筛查分诊']).toEqual([1, 1]);
    expect(before.rows['居家观察']).toEqual([1, 0]);
    expect([before.bars['fever_referral'], before.bars['home_observation'], before.escalations]).toEqual([1, 1, 0]);

    await o.t.call('cases.void', { caseId: obs.id, kind: 'duplicate', reason: '与和平社区报表重复' });
    const after = await figures();
    expect(after.rows['发热筛查分诊']).toEqual([1, 1]);
    expect(after.rows['居家观察']).toBeUndefined();
    expect([after.bars['fever_referral'], after.bars['home_observation'] ?? 0, after.escalations]).toEqual([1, 0, 0]);
    expect((await o.t.call('cases.get', { id: referral.id })).referredFrom).toBe(
      `居家观察个案（编号 ${obs.id}）的健康监测异常。该个案已作废（重复登记：与和平社区报表重复），不计入任何统计；本转诊个案仍照常计入，如也属误登，请一并作废`,
    );
    // Restored, the words are as before.
    await o.t.call('cases.restore', { caseId: obs.id, reason: '核实不是重复' });
    expect((await o.t.call('cases.get', { id: referral.id })).referredFrom).toBe(`居家观察个案（编号 ${obs.id}）的健康监测异常`);
  });
});
