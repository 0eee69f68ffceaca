import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nextDay, observedHousehold, openOffice, type Office } from './fixture';

let o: Office;
beforeEach(async () => {
  o = await openOffice('2020-02-17T01:00:00.000Z');
});
afterEach(() => o.t.close());

/** The elder's care task this observation started: ending the observation must say what becomes of it. */
const elderCare = async (caseId: number, keep = false) =>
  (await o.t.call('cases.get', { id: caseId })).careTasks.filter((t) => t.triggerCaseId === caseId).map((t) => ({ careTaskId: t.id, keep }));
const check = (caseId: number, checkDate: string, temperature = 36.5, symptoms?: string) => ({
  caseId,
  checkDate,
  temperature,
  method: 'phone' as const,
  checkedBy: '刘晓燕',
  ...(symptoms ? { symptoms } : {}),
});

describe('14-day observation with daily checks', () => {
  it('sets 14 days, counts checks, and shows a missed day as overdue once the day has passed', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    expect(obs.obsEndOn).toBe('2020-02-28');
    expect(obs.dueOn).toBe('2020-02-28');
    await o.t.call('checks.record', check(obs.id, '2020-02-15'));
    await o.t.call('checks.record', check(obs.id, '2020-02-16'));
    let today = await o.t.call('today.list', {});
    expect(today.items.filter((i) => i.kind === 'check_due').map((i) => i.title)).toEqual(['王建华']);
    expect(today.counts.check_overdue).toBe(0);
    await nextDay(o);
    today = await o.t.call('today.list', {});
    const overdue = today.items.find((i) => i.kind === 'check_overdue');
    expect(overdue && overdue.kind === 'check_overdue' ? overdue.overdueDays : -1).toBe(1);
    expect(overdue?.dueOn).toBe('2020-02-17');
    const list = await o.t.call('cases.list', { filter: { overdue: true } });
    expect(list.rows.map((r) => [r.id, r.overdueDays])).toEqual([[obs.id, 1]]);
    await o.t.call('checks.record', check(obs.id, '2020-02-17'));
    expect((await o.t.call('cases.list', { filter: { overdue: true } })).total).toBe(0);
  });

  it('refuses checks in the future, before the start, or with an impossible temperature, writing nothing', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    const future = await o.t.fail('checks.record', check(obs.id, '2020-02-18'));
    expect(future.code).toBe('BAD_INPUT');
    expect(future.message).toContain('「监测日期」');
    expect((await o.t.fail('checks.record', check(obs.id, '2020-02-14'))).message).toContain('早于观察开始日期');
    const hot = await o.t.fail('checks.record', check(obs.id, '2020-02-16', 45));
    expect(hot.message).toContain('「体温」应在 34–43 °C 之间');
    expect(await o.t.call('checks.list', { caseId: obs.id })).toEqual([]);
    await o.t.call('checks.record', check(obs.id, '2020-02-16'));
    expect((await o.t.fail('checks.record', check(obs.id, '2020-02-16', 37))).code).toBe('CONFLICT');
  });

  it('flags a fever and escalates it to a fever-referral case in one step', async () => {
    const { obs, person } = await observedHousehold(o, '2020-02-15');
    const r = await o.t.call('checks.record', check(obs.id, '2020-02-17', 37.3));
    expect(r.flagged).toBe(true);
    const symptom = await o.t.call('checks.record', check(obs.id, '2020-02-16', 36.6, '咳嗽'));
    expect(symptom.flagged).toBe(true);
    const today = await o.t.call('today.list', {});
    expect(today.counts.escalation).toBe(2);
    const referral = await o.t.call('checks.escalate', { checkId: r.check.id });
    expect(referral.category).toBe('fever_referral');
    expect(referral.status).toBe('referral_made');
    expect(referral.residentId).toBe(person.id);
    expect((await o.t.call('today.list', {})).counts.escalation).toBe(1);
    expect((await o.t.fail('checks.escalate', { checkId: r.check.id })).code).toBe('CONFLICT');
  });

  it('changes the length only with a reason, releases only with every check or a reason', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    expect((await o.t.fail('cases.update', { caseId: obs.id, obsDays: 21 })).message).toContain('「原因」必填');
    expect((await o.t.call('cases.update', { caseId: obs.id, obsDays: 21, changeReason: '复查结果待出' })).obsEndOn).toBe('2020-03-06');
    const due = await o.t.fail('cases.update', { caseId: obs.id, dueOn: '2020-02-01' });
    expect(due.message).toContain('「办结期限」2020-02-01 早于登记日期');
    expect((await o.t.fail('cases.update', { caseId: obs.id, obsDays: 10 })).message).toContain('「原因」必填');
    expect((await o.t.call('cases.update', { caseId: obs.id, obsDays: 10, changeReason: '区指挥部通知调整' })).obsEndOn).toBe('2020-02-24');
    const early = await o.t.fail('cases.transition', { caseId: obs.id, to: 'released' });
    expect(early.code).toBe('BAD_INPUT');
    expect(early.message).toContain('「原因」必填');
    expect((await o.t.fail('cases.transition', { caseId: obs.id, to: 'arrived' })).code).toBe('CONFLICT');
    const released = await o.t.call('cases.transition', {
      caseId: obs.id,
      to: 'released',
      reason: '核酸阴性，区卫健委通知解除',
      careTasks: await elderCare(obs.id),
    });
    expect(released.closedOn).toBe('2020-02-17');
    expect((await o.t.fail('checks.record', check(obs.id, '2020-02-17'))).code).toBe('CONFLICT');
    const detail = await o.t.call('cases.get', { id: obs.id });
    expect(detail.timeline.map((e) => e.what).join('|')).toContain('已解除观察');
    // 办理记录 names who did it as colleagues know them, not by the login name.
    expect(detail.timeline.length).toBeGreaterThan(0);
    expect(detail.timeline.filter((e) => e.username === 'admin').every((e) => e.displayName === '王建国')).toBe(true);
    expect(detail.timeline.some((e) => e.displayName === '王建国')).toBe(true);
  });

  it('says in 办理记录 what changed in words, never the column names of the table', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    await o.t.call('cases.update', { caseId: obs.id, riskLevel: 'high', notes: '独居' });
    await o.t.call('cases.update', { caseId: obs.id, obsDays: 21, changeReason: '复查结果待定' });
    const what = (await o.t.call('cases.get', { id: obs.id })).timeline.map((e) => e.what).slice(-2);
    expect(what).toEqual(['修改：风险等级（低 → 高）、备注', '修改：办结期限、备注、观察天数（14 → 21 天）、观察结束日期']);
    expect(what.join('')).not.toMatch(/[A-Za-z_]/);
  });

  it('backfills an observation that started weeks ago, registered on its first day', async () => {
    const { person } = await observedHousehold(o, '2020-02-15');
    const old = await o.t.call('cases.open', { residentId: person.id, category: 'medical_observation', obsStartOn: '2020-01-20' });
    expect([old.openedOn, old.obsEndOn, old.dueOn]).toEqual(['2020-01-20', '2020-02-02', '2020-02-02']);
    expect(old.overdueDays).toBe(14);
  });

  it('releases without a reason once the period is over and every check is in', async () => {
    const { obs } = await observedHousehold(o, '2020-02-15');
    await o.t.call('cases.update', { caseId: obs.id, obsDays: 3, changeReason: '补登：实际观察 3 天' });
    for (const d of ['2020-02-15', '2020-02-16', '2020-02-17']) await o.t.call('checks.record', check(obs.id, d));
    await nextDay(o);
    expect((await o.t.call('cases.transition', { caseId: obs.id, to: 'released', careTasks: await elderCare(obs.id) })).status).toBe('released');
  });
});
