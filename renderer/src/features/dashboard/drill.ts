/**
 * Where each tile and bar of 工作台 leads: the screen's route with its
 * filters in the URL (#/<screen>?<params>). Pure, so a unit test pins every link.
 * Parameters the target screens read: today (kind, communityId), caseload
 * (tab, communityId, gridId, category — one, `observation` for 居家 + 医学观察,
 * or a comma list — status, active, overdue), supplies (tab, item), rota
 * (from, communityId, tab), honours (memorial), export (tab).
 */
import type { CaseCategory } from '../../../../electron/core/caseload/codes.shared';

type Params = Record<string, string | number | null | undefined>;

export function href(screen: string, params: Params = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return `#/${screen}${s ? `?${s}` : ''}`;
}

export interface Scope {
  communityId: number | null;
}

export const drill = {
  escalations: (s: Scope) => href('today', { kind: 'escalation', communityId: s.communityId }),
  overdueChecks: (s: Scope) => href('caseload', { tab: 'cases', overdue: 1, communityId: s.communityId }),
  // 正在观察 counts open cases of both observation kinds observed today (an ended window awaiting release is not one:
  // 待解除观察 counts it); the breakdown links pass one kind.
  observing: (s: Scope, category: CaseCategory | 'observation' = 'observation') =>
    href('caseload', { tab: 'cases', category, observing: 1, communityId: s.communityId }),
  // 发热筛查分诊 cases 已转诊待到达: the grid's 类别 and 状态, exactly the cases the line counts.
  referralsAwaiting: (s: Scope) => href('caseload', { tab: 'cases', category: 'fever_referral', status: 'referral_made', communityId: s.communityId }),
  openNeeds: (s: Scope) => href('today', { kind: 'care_need_open', communityId: s.communityId }),
  releaseDue: (s: Scope) => href('today', { kind: 'release_due', communityId: s.communityId }),
  cases: (communityId: number, gridId: number | null, category: CaseCategory) => href('caseload', { tab: 'cases', communityId, gridId, category, active: 1 }),
  coverage: (s: Scope) => href('caseload', { tab: 'coverage', communityId: s.communityId }),
  grid: (communityId: number, gridId: number | null) => href('caseload', { tab: 'coverage', communityId, gridId }),
  shortages: () => href('supplies', { tab: 'shortages' }),
  supplyItem: (itemId: number) => href('supplies', { tab: 'shortages', item: itemId }),
  rota: (s: Scope, day: string | null) => href('rota', { from: day, communityId: s.communityId }),
  // The first overdue record (the oldest death) opens; the list beside it shows any others.
  memorials: (ids: number[]) => href('honours', { memorial: ids[0] }),
  reports: () => href('export', { tab: 'calendar' }),
};
