/**
 * The thirty-second attack run (session 46), target 4: settings other than 办公时区 that move a boundary of a period
 * already reported. 表彰与纪念's 上报时限 (honours.settings.update reportLimitHours) decides 「已按时全部报告」 or
 * 「…超过时限」 on the 牺牲人员及表彰情况 submission. S46-A4 (fixed by the lead): the submission reads the limit as it is now, so a
 * period already sent reads otherwise after the office changes the limit; the reports were on time by the rule then.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { februarySubmissionMemorials, memorialFields } from '../honours/helpers';

let t: TestLedger;
afterEach(() => t?.close());

const reportLines = () => februarySubmissionMemorials(t).map((m) => m.报告情况);

describe('S46-A4: 上报时限 changed after a period’s submission has gone', () => {
  // Fixed by the lead (076 honours_limits_before): each death is judged by the limit in force when its clock started.
  it('the period’s 报告情况 reads as it was sent', async () => {
    t = await openTestLedger({ now: '2020-02-20T02:00:00.000Z' });
    // Died 06:30 on the 16th in Beijing; every report by 09:00 the same morning: 2.5 hours.
    const m = await t.call('honours.memorials.save', memorialFields({ diedAt: '2020-02-15T22:30:00.000Z', idNumber: '410102197803150026' }));
    for (const recipient of ['党委', '政府', '上级民政部门', '上级卫生健康部门'] as const)
      await t.call('honours.reports.add', { memorialId: m.id, recipient, reportedAt: '2020-02-16T01:00:00.000Z', via: '电话报告', reportedBy: '王建国' });
    expect(reportLines()).toEqual(['已按时全部报告']);
    // The submission for the second half of February has gone; in March the office shortens its limit to one hour.
    await t.call('honours.settings.update', { reportLimitHours: 1 });
    expect(reportLines()).toEqual(['已按时全部报告']);
  });
});
