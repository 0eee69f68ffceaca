/** Every tile and bar of 工作台 opens its screen with the filter in the URL, as the screens read it. */
import { describe, expect, it } from 'vitest';
import { drill, href } from '../../../renderer/src/features/dashboard/drill';

const office = { communityId: null };
const xingfu = { communityId: 3 };

describe('drill-down links', () => {
  it('carries the community and the figure’s own filter', () => {
    expect(drill.overdueChecks(office)).toBe('#/caseload?tab=cases&overdue=1');
    expect(drill.overdueChecks(xingfu)).toBe('#/caseload?tab=cases&overdue=1&communityId=3');
    expect(drill.observing(xingfu, 'medical_observation')).toBe('#/caseload?tab=cases&category=medical_observation&observing=1&communityId=3');
    // 正在观察 itself: both observation kinds, observed today (open, window not ended).
    expect(drill.observing(office)).toBe('#/caseload?tab=cases&category=observation&observing=1');
    expect(drill.cases(3, null, 'solitary_elderly')).toBe('#/caseload?tab=cases&communityId=3&category=solitary_elderly&active=1');
    expect(drill.cases(3, 7, 'home_observation')).toBe('#/caseload?tab=cases&communityId=3&gridId=7&category=home_observation&active=1');
    expect(drill.coverage(xingfu)).toBe('#/caseload?tab=coverage&communityId=3');
    expect(drill.grid(3, 7)).toBe('#/caseload?tab=coverage&communityId=3&gridId=7');
    expect(drill.escalations(office)).toBe('#/today?kind=escalation');
    expect(drill.openNeeds(xingfu)).toBe('#/today?kind=care_need_open&communityId=3');
    // 已转诊待到达 (under 体温/症状异常待处置): the grid's 类别 and 状态.
    expect(drill.referralsAwaiting(xingfu)).toBe('#/caseload?tab=cases&category=fever_referral&status=referral_made&communityId=3');
  });

  it('opens supplies, rota, honours and export where the figure points', () => {
    expect(drill.shortages()).toBe('#/supplies?tab=shortages');
    expect(drill.supplyItem(2)).toBe('#/supplies?tab=shortages&item=2');
    expect(drill.rota(xingfu, '2020-02-18')).toBe('#/rota?from=2020-02-18&communityId=3');
    expect(drill.rota(office, null)).toBe('#/rota');
    expect(drill.memorials([5, 9])).toBe('#/honours?memorial=5');
    expect(drill.memorials([])).toBe('#/honours');
    expect(drill.reports()).toBe('#/export?tab=calendar');
    expect(href('dashboard', { communityId: '' })).toBe('#/dashboard');
  });
});
