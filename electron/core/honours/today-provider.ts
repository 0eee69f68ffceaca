/**
 * Puts what is owed to the fallen and their families on 今日随访: reports
 * overdue to the required recipients, and family follow-ups that are due.
 * Coordinators only, like the records themselves.
 */
import { registerTodayProvider } from '../caseload/today';
import { OFFICE_LEVEL, spokenDay, type TodayItem } from '../caseload/today-types.shared';
import { honoursDue } from './due';
import { describeElapsed } from './reporting.shared';

registerTodayProvider((db, _today, filter): TodayItem[] => {
  const clock = filter.clock;
  if (filter.role !== 'coordinator' || !clock) return [];
  const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'honours_memorials'`).get();
  if (!exists) return [];
  const due = honoursDue(db, clock, filter.sealer ?? null);
  return [
    ...due.overdueReports.map((r): TodayItem => ({
      kind: 'external',
      area: 'honours',
      key: `memorial-report-${r.memorialId}`,
      title: `牺牲人员情况报告逾期：${r.name}`,
      // Said the way the coordinator would: 「2月16日牺牲，已过 1 天 2 小时，尚未报告：政府、…」. The day named is the
      // one the limit runs from (the death, or when the office learned of it), so 今日随访 adds no 「（应于 …）」.
      detail: `${spokenDay(clock.dayOf(r.clockStartedAt))}${r.clockFrom === 'learned' ? '得知其牺牲' : '牺牲'}，已过 ${describeElapsed(Math.floor(r.elapsedHours))}，尚未报告：${r.missing.join('、')}`,
      dueOn: clock.dayOf(r.clockStartedAt),
      communityName: OFFICE_LEVEL,
      gridName: null,
      link: `#/honours?memorial=${r.memorialId}`,
    })),
    ...due.followUps.map((f): TodayItem => ({
      kind: 'external',
      area: 'honours',
      key: `memorial-followup-${f.memorialId}-${f.kind}-${f.dueOn}`,
      title: `家属慰问关怀：${f.name}`,
      detail: f.what,
      dueOn: f.dueOn,
      communityName: OFFICE_LEVEL,
      gridName: null,
      link: `#/honours?memorial=${f.memorialId}`,
    })),
  ];
});
