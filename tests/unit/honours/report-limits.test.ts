/**
 * 上报时限 changed (表彰与纪念's settings): each report is judged on time or late by the limit in force when it was
 * made (076 honours_limits_before), so a period already sent reads as it did (S46-A4), on the submission and a
 * record's 报告情况; what is still untold is overdue by today's limit (the memorials list, 工作台).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { admitAt, openTestLedger, type TestLedger } from '../../helpers/ledger';
import { februarySubmissionMemorials, memorialFields } from './helpers';

let t: TestLedger;
afterEach(() => t?.close());

const RECIPIENTS = ['党委', '政府', '上级民政部门', '上级卫生健康部门'] as const;
const reportLines = () => februarySubmissionMemorials(t).map((m) => [m.姓名, m.报告情况]);
async function deathReportedAfter(name: string, idNumber: string, diedAt: string, hours: number) {
  const m = await t.call('honours.memorials.save', memorialFields({ name, diedAt, idNumber }));
  const reportedAt = new Date(Date.parse(diedAt) + hours * 3_600_000).toISOString();
  for (const recipient of RECIPIENTS) await t.call('honours.reports.add', { memorialId: m.id, recipient, reportedAt, via: '电话报告', reportedBy: '王建国' });
  return m.id;
}

describe('上报时限 changed', () => {
  it('judges each report by the limit in force when it was made, what is untold by today’s', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    // Died 06:30 on the 16th in Beijing, every report 2.5 hours later: on time by the default 24 hours.
    const first = await deathReportedAfter('孙海燕', '410102197803150026', '2020-02-15T22:30:00.000Z', 2.5);
    expect(reportLines()).toEqual([['孙海燕', '已按时全部报告']]);
    // The office shortens its limit to one hour on the 20th; a death on the 21st is reported after 2.5 hours.
    await t.call('honours.settings.update', { reportLimitHours: 1 });
    await admitAt(t, '2020-02-21T06:00:00.000Z');
    const second = await deathReportedAfter('李国强', '410102197005060018', '2020-02-21T02:00:00.000Z', 2.5);
    // An unreported death after the change, 3 hours ago: overdue by the new limit only.
    const third = await t.call('honours.memorials.save', memorialFields({ name: '赵敏', diedAt: '2020-02-21T03:00:00.000Z', idNumber: '41010219880102002X' }));
    expect(reportLines()).toEqual([
      ['孙海燕', '已按时全部报告'],
      ['李国强', `已全部报告（${RECIPIENTS.join('、')}超过时限）`],
      ['赵敏', `未报告：${RECIPIENTS.join('、')}`],
    ]);
    expect((await t.call('honours.memorials.get', { id: first })).reporting).toMatchObject({ late: [], limitHours: 1, complete: true });
    expect((await t.call('honours.memorials.get', { id: second })).reporting).toMatchObject({ late: [...RECIPIENTS], complete: true });
    const listed = await t.call('honours.memorials.list', {});
    expect(listed.map((m) => [m.id, m.overdue])).toEqual(
      expect.arrayContaining([
        [first, false],
        [third.id, true],
      ]),
    );
    expect((await t.call('honours.due', {})).overdueReports.map((r) => r.memorialId)).toEqual([third.id]);
    // Back to 24 hours: reports made under the hour-long limit keep it; the one untold is no longer overdue.
    await t.call('honours.settings.update', { reportLimitHours: 24 });
    expect((await t.call('honours.memorials.get', { id: second })).reporting).toMatchObject({ late: [...RECIPIENTS], limitHours: 24 });
    expect((await t.call('honours.due', {})).overdueReports).toEqual([]);
    expect(reportLines()[1]).toEqual(['李国强', `已全部报告（${RECIPIENTS.join('、')}超过时限）`]);
    const kept = t.core.services.ledger
      .handle()
      .prepare(`SELECT until_at AS untilAt, report_limit_hours AS hours FROM honours_limits_before ORDER BY until_at`)
      .all();
    expect(kept).toEqual([
      { untilAt: '2020-02-20T02:00:00.000Z', hours: 24 },
      { untilAt: '2020-02-21T06:00:00.000Z', hours: 1 },
    ]);
  });

  it('keeps nothing when the limit is saved unchanged or only the first-visit days change', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    await t.call('honours.settings.update', { reportLimitHours: 24 });
    await t.call('honours.settings.update', { firstVisitDays: 5 });
    expect(t.core.services.ledger.handle().prepare(`SELECT count(*) FROM honours_limits_before`).pluck().get()).toBe(0);
  });
});
