/**
 * 发热 checks and referrals by day, counted by hand in the office's days (Beijing): a fever recorded and referred at
 * 00:10 Beijing (16:10 UTC, still the 1st in UTC) is the 2nd's, on 工作台 (待处置, its oldest day, 个案分类), on 今日随访
 * and on the 上报 form 人员排查管控情况汇总表 for that day, whose 发热筛查分诊 row and 合计 equal the screen's and the rows'.
 * The fever line is the office's (本街道的设置, default 37.3 °C): 37.3 is a fever, 37.2 is not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseloadSummaryForm } from '../../../electron/core/io/export/forms/caseload-summary';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { admitAt, type TestLedger } from '../../helpers/ledger';
import { openOffice } from './fixture';

let t: TestLedger;
const obs: number[] = [];
const db = () => t.core.services.ledger.handle();

beforeAll(async () => {
  const o = await openOffice('2020-03-01T02:00:00.000Z');
  t = o.t;
  for (const [i, name] of ['赵一', '钱二', '孙三'].entries()) {
    const h = await t.call('households.save', { communityId: o.communityId, gridId: o.gridId, addressText: `幸福路${i + 1}号` });
    const r = await t.call('residents.save', { householdId: h.id, name, idNumber: makeIdNumber('410102', '1980-01-01', 101 + i * 10) });
    obs.push((await t.call('cases.open', { residentId: r.id, category: 'home_observation' })).id);
  }
  for (const caseId of obs) await t.call('checks.record', { caseId, checkDate: '2020-03-01', temperature: 36.5, method: 'phone', checkedBy: '刘晓燕' });
});
afterAll(() => t?.close());

/** Counted from the rows: checks flagged on a day, and referrals opened on a day. */
const byHand = (day: string) => ({
  fevers: (db().prepare(`SELECT count(*) AS n FROM health_checks WHERE check_date = @day AND flagged = 1`).get({ day }) as { n: number }).n,
  referrals: (db().prepare(`SELECT count(*) AS n FROM cases WHERE category = 'fever_referral' AND opened_on = @day`).get({ day }) as { n: number }).n,
});

describe('fevers and referrals in the office’s days', () => {
  it('files a fever checked at 00:10 Beijing (16:10 UTC) under the 2nd, and the office’s line: 37.3 is a fever, 37.2 is not', async () => {
    await admitAt(t, '2020-03-01T16:10:00.000Z');
    const day = '2020-03-02';
    const a = await t.call('checks.record', { caseId: obs[0]!, checkDate: day, temperature: 38.2, method: 'phone', checkedBy: '刘晓燕' });
    const b = await t.call('checks.record', { caseId: obs[1]!, checkDate: day, temperature: 37.3, method: 'phone', checkedBy: '刘晓燕' });
    const c = await t.call('checks.record', { caseId: obs[2]!, checkDate: day, temperature: 37.2, method: 'phone', checkedBy: '刘晓燕' });
    expect([a.flagged, b.flagged, c.flagged]).toEqual([true, true, false]);
    expect(byHand(day)).toEqual({ fevers: 2, referrals: 0 });
    expect(byHand('2020-03-01')).toEqual({ fevers: 0, referrals: 0 });
    const dash = (await t.call('dashboard.summary', {})).caseload!;
    expect([dash.escalations, dash.oldestEscalationDay]).toEqual([2, day]);
    const today = await t.call('today.list', {});
    expect([today.today, today.counts.escalation]).toEqual([day, 2]);
  });

  it('opens the referral made at 00:10 on the 2nd; the 上报 form for the 2nd counts it, the 1st’s does not, and 合计 = the rows', async () => {
    const check = db().prepare(`SELECT id FROM health_checks WHERE case_id = @c AND check_date = '2020-03-02'`).get({ c: obs[0]! }) as { id: number };
    const referral = await t.call('checks.escalate', { checkId: check.id });
    expect(referral.openedOn).toBe('2020-03-02');
    expect(byHand('2020-03-02')).toEqual({ fevers: 2, referrals: 1 });
    expect(byHand('2020-03-01').referrals).toBe(0);

    const dash = (await t.call('dashboard.summary', {})).caseload!;
    expect(dash.escalations).toBe(1);
    const onScreen = dash.casesByCategory.bars.reduce((n, bar) => n + (bar.counts.fever_referral ?? 0), 0);
    expect(onScreen).toBe(1);

    const period = (d: string) => ({ from: d, to: d, today: '2020-03-02' });
    const second = caseloadSummaryForm.read(db(), period('2020-03-02'), null);
    const fever = second.filter((r) => r['category'] === '发热筛查分诊');
    expect(fever.map((r) => [r['active'], r['opened'], r['closed']])).toEqual([[1, 1, 0]]);
    const total = second.at(-1)!;
    expect(total['community']).toBe('合计');
    for (const k of ['active', 'opened', 'closed']) expect(total[k], k).toBe(second.slice(0, -1).reduce((n, r) => n + Number(r[k]), 0));
    // 在管 on the form at the day's end = the active cases 工作台 shows by category today.
    expect(total['active']).toBe(dash.casesByCategory.bars.reduce((n, bar) => n + bar.total, 0));

    const first = caseloadSummaryForm.read(db(), period('2020-03-01'), null);
    expect(first.filter((r) => r['category'] === '发热筛查分诊')).toEqual([]);
  });
});
