import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeElapsed, REQUIRED_RECIPIENTS, reportingStatus, type ReportMoment } from '../../../electron/core/honours/reporting.shared';

const DIED = '2020-02-10T14:30:00.000Z';
const hoursAfter = (h: number) => new Date(Date.parse(DIED) + h * 3_600_000).toISOString();

describe('reporting timeline (pure, injected clock)', () => {
  it('is not overdue within the limit even with nothing reported, and says how long it has been', () => {
    const s = reportingStatus(DIED, [], 24, hoursAfter(23.9));
    expect(s).toMatchObject({ overdue: false, complete: false, elapsedHours: 23, deadline: hoursAfter(24) });
    expect(s.missing).toEqual([...REQUIRED_RECIPIENTS]);
  });

  it('is overdue after the limit while any required recipient is untold, naming them in order', () => {
    const reports: ReportMoment[] = [
      { recipient: '政府', reportedAt: hoursAfter(2) },
      { recipient: '党委', reportedAt: hoursAfter(1) },
    ];
    const s = reportingStatus(DIED, reports, 24, hoursAfter(25));
    expect(s.overdue).toBe(true);
    expect(s.missing).toEqual(['上级民政部门', '上级卫生健康部门']);
    expect(s.elapsedHours).toBe(25);
  });

  it('clears once every recipient is told, and remembers who was told late', () => {
    const reports: ReportMoment[] = [
      { recipient: '党委', reportedAt: hoursAfter(1) },
      { recipient: '政府', reportedAt: hoursAfter(1) },
      { recipient: '上级民政部门', reportedAt: hoursAfter(3) },
      { recipient: '上级卫生健康部门', reportedAt: hoursAfter(30) },
    ];
    const s = reportingStatus(DIED, reports, 24, hoursAfter(40));
    expect(s).toMatchObject({ overdue: false, complete: true, missing: [], late: ['上级卫生健康部门'] });
  });

  it('honours a configured limit', () => {
    const reports: ReportMoment[] = [{ recipient: '党委', reportedAt: hoursAfter(1) }];
    expect(reportingStatus(DIED, reports, 12, hoursAfter(13)).overdue).toBe(true);
    expect(reportingStatus(DIED, reports, 48, hoursAfter(13)).overdue).toBe(false);
  });

  it('two reports to the same recipient count once, the earliest decides lateness', () => {
    const reports: ReportMoment[] = [
      { recipient: '党委', reportedAt: hoursAfter(30) },
      { recipient: '党委', reportedAt: hoursAfter(2) },
    ];
    const s = reportingStatus(DIED, reports, 24, hoursAfter(31));
    expect(s.missing).toHaveLength(3);
    expect(s.late).toEqual([]);
  });

  it('property: overdue exactly when something is missing and the deadline has passed', () => {
    fc.assert(
      fc.property(fc.subarray([...REQUIRED_RECIPIENTS]), fc.integer({ min: 1, max: 168 }), fc.integer({ min: 0, max: 400 }), (told, limit, nowH) => {
        const s = reportingStatus(
          DIED,
          told.map((recipient) => ({ recipient, reportedAt: hoursAfter(0.5) })),
          limit,
          hoursAfter(nowH),
        );
        expect(s.overdue).toBe(told.length < REQUIRED_RECIPIENTS.length && nowH > limit);
        expect(s.missing.length + told.length).toBe(REQUIRED_RECIPIENTS.length);
      }),
    );
  });

  it('describes elapsed time in days and hours', () => {
    expect(describeElapsed(7)).toBe('7 小时');
    expect(describeElapsed(48)).toBe('2 天');
    expect(describeElapsed(77)).toBe('3 天 5 小时');
  });
});
