/**
 * 今日随访 items: a union of kinds. Every item carries the same display
 * fields (so the screen can show any kind), plus what its one-click action needs.
 * Other areas add a kind by extending `TodayItem` with their own member and
 * registering a provider in today.ts (e.g. honours: memorial report deadlines).
 */
import { daysBetween } from '../dates.shared';
import type { CaseCategory } from './codes.shared';

/** The community an item that belongs to the office itself carries (honours reports, family visits): the screen shows it as 「—」, the printed list gives it a 街道本级事项 sheet. */
export const OFFICE_LEVEL = '—';

interface TodayBase {
  /** Unique across the list, stable between refreshes (for row identity). */
  key: string;
  title: string;
  detail: string;
  /** The day it was due; earlier than today means late. */
  dueOn: string;
  communityName: string;
  gridName: string | null;
}

export type TodayItem =
  | (TodayBase & { kind: 'check_due'; caseId: number; category: CaseCategory; phone: string })
  | (TodayBase & { kind: 'check_overdue'; caseId: number; category: CaseCategory; phone: string; overdueDays: number })
  | (TodayBase & {
      kind: 'release_due';
      caseId: number;
      category: CaseCategory;
      obsEndOn: string;
      obsDays: number;
      careTasks: Array<{ careTaskId: number; residentName: string; reason: string }>;
      /** Open care cases opened for dependants because of this observation: keep (default) or close with the release. */
      careCases: Array<{ careCaseId: number; residentName: string; category: CaseCategory }>;
    })
  | (TodayBase & { kind: 'escalation'; checkId: number; caseId: number; temperature: number | null; symptoms: string | null })
  /** standalone: a task no case or observation ends (kept after an observation): 「不再需要照料」 ends it. */
  | (TodayBase & { kind: 'care_visit_due'; careTaskId: number; residentId: number; standalone: boolean })
  | (TodayBase & { kind: 'care_need_open'; visitId: number; residentId: number })
  | (TodayBase & { kind: 'screening_revisit'; householdId: number })
  | (TodayBase & { kind: 'external'; area: string; link: string | null });

export type TodayKind = TodayItem['kind'];
export const TODAY_KINDS: readonly TodayKind[] = [
  'escalation',
  'check_overdue',
  'check_due',
  'release_due',
  'care_visit_due',
  'care_need_open',
  'screening_revisit',
  'external',
];
export const TODAY_KIND_LABELS: Record<TodayKind, string> = {
  escalation: '体温/症状异常',
  check_overdue: '逾期未监测',
  check_due: '今日待监测',
  release_due: '待解除观察',
  care_visit_due: '待走访照料',
  care_need_open: '未解决需求',
  screening_revisit: '入户排查复访',
  external: '其他事项',
};

export interface TodayList {
  today: string;
  items: TodayItem[];
  /** Count per kind, before the per-kind limit. */
  counts: Record<TodayKind, number>;
}

/** 「3月10日」: a day as people say it about this week's work, in a line and in its late note alike. */
export function spokenDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** Whether a line already names the day, as 2020-03-10 or as 3月10日 (not 13月10日's tail). */
function namesDay(text: string, day: string): boolean {
  return text.includes(day) || new RegExp(`(^|[^0-9])${spokenDay(day)}`).test(text);
}

/**
 * What 今日随访 adds after a late item's detail, as a person says it: 「（应于 3月10日，已逾期 3 天）」. Nothing
 * when the detail already names that day (逾期未监测's 「首次 …」, a need's visit day, an agreed follow-up day, a
 * death's day): saying it twice muddles the line. Escalations and releases say their own day and are not "late" in
 * that sense.
 */
export function lateNote(item: TodayItem, today: string): string | null {
  if (item.dueOn >= today || item.kind === 'escalation' || item.kind === 'release_due') return null;
  return namesDay(item.detail, item.dueOn) ? null : `（应于 ${spokenDay(item.dueOn)}，已逾期 ${daysBetween(item.dueOn, today)} 天）`;
}
