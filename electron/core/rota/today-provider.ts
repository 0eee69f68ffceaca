/**
 * Puts staff whose psychological assessment asked for a follow-up (需关注 /
 * 需心理疏导) on 今日随访 from the follow-up day until they are assessed again.
 * Clerks and coordinators only: an assessment is not for every viewer.
 */
import { registerTodayProvider } from '../caseload/today';
import type { TodayItem } from '../caseload/today-types.shared';
import { ASSESSMENT_LABELS, type AssessmentOutcome } from './types.shared';

registerTodayProvider((db, today, filter): TodayItem[] => {
  if (filter.role !== 'clerk' && filter.role !== 'coordinator') return [];
  const rows = db
    .prepare(
      `SELECT a.staff_id AS staffId, s.name, a.assessed_on AS assessedOn, a.outcome, a.follow_up_on AS followUpOn, c.name AS communityName
       FROM staff_assessments a JOIN staff s ON s.id = a.staff_id LEFT JOIN communities c ON c.id = s.community_id
       WHERE a.follow_up_on IS NOT NULL AND a.follow_up_on <= @today AND s.status = 'active'
         ${filter.communityId !== undefined ? 'AND s.community_id = @communityId' : ''}
         AND NOT EXISTS (SELECT 1 FROM staff_assessments later WHERE later.staff_id = a.staff_id AND (later.assessed_on > a.assessed_on OR (later.assessed_on = a.assessed_on AND later.id > a.id)))
       ORDER BY a.follow_up_on, a.id`,
    )
    .all({ today, communityId: filter.communityId ?? null }) as Array<{
    staffId: number;
    name: string;
    assessedOn: string;
    outcome: AssessmentOutcome;
    followUpOn: string;
    communityName: string | null;
  }>;
  return rows.map((r): TodayItem => ({
    kind: 'external',
    area: 'rota',
    key: `staff-assessment-${r.staffId}-${r.followUpOn}`,
    title: `心理健康随访：${r.name}`,
    detail: `${r.assessedOn} 评估为「${ASSESSMENT_LABELS[r.outcome]}」，约定 ${r.followUpOn} 随访；随访后请在「人员」中登记新的评估`,
    dueOn: r.followUpOn,
    communityName: r.communityName ?? '—',
    gridName: null,
    link: `#/staff?staff=${r.staffId}`,
  }));
});
