/**
 * The caseload's figures for 工作台. Every count uses the same rule as the
 * screen it drills into (今日随访, the case grid's 逾期 filter), so the number
 * on the tile is the number of rows the coordinator finds after the click.
 */
import { careTaskOwed, liveCase } from '../caseload/case-void';
import { CASE_CATEGORIES, type CaseCategory } from '../caseload/codes.shared';
import { checksOverdueSql, lastObservedDay } from '../caseload/observation-days.shared';
import { addDays, eachDay } from '../dates.shared';
import type { ReadDb } from '../db/types';
import type { CaseBar, CaseloadFigures } from './types.shared';

/** Days shown on the observation trend, ending today. */
export const TREND_DAYS = 30;

/**
 * The community condition, with a unary + so SQLite keeps driving from the
 * small partial index of the item (active observations, open escalations…)
 * rather than walking every case of the community.
 */
const byCommunity = (alias: string, communityId: number | undefined) => (communityId === undefined ? '' : ` AND +${alias}.community_id = @communityId`);

/** Active observations (partial index cases_active_observation): observing today, unchecked today, overdue. */
export function observationCounts(db: ReadDb, today: string, communityId?: number) {
  const row = db
    .prepare(
      `SELECT
         coalesce(sum(c.obs_start_on <= @today AND c.obs_end_on >= @today AND c.category = 'home_observation'), 0) AS home,
         coalesce(sum(c.obs_start_on <= @today AND c.obs_end_on >= @today AND c.category = 'medical_observation'), 0) AS medical,
         coalesce(sum(c.obs_start_on <= @today AND c.obs_end_on >= @today AND coalesce(c.last_check_on, '') < @today), 0) AS unchecked,
         coalesce(sum(${checksOverdueSql('c')}), 0) AS overdue,
         coalesce(sum(c.obs_end_on < @today), 0) AS ended
       FROM cases c
       WHERE c.closed_on IS NULL AND c.obs_start_on IS NOT NULL AND ${liveCase('c')}${byCommunity('c', communityId)}`,
    )
    .get({ today, communityId }) as { home: number; medical: number; unchecked: number; overdue: number; ended: number };
  return {
    observing: { total: row.home + row.medical, home: row.home, medical: row.medical },
    uncheckedToday: row.unchecked,
    checksOverdue: row.overdue,
    awaitingRelease: row.ended,
  };
}

/** Open escalations (partial index health_checks_open_escalations) and the day of the oldest. */
export function escalationCounts(db: ReadDb, communityId?: number): { escalations: number; oldestEscalationDay: string | null } {
  const row = db
    .prepare(
      `SELECT count(*) AS n, min(k.check_date) AS oldest FROM health_checks k CROSS JOIN cases c ON c.id = k.case_id WHERE k.escalation = 'open' AND ${liveCase('c')}${byCommunity('c', communityId)}`,
    )
    .get({ communityId }) as { n: number; oldest: string | null };
  return { escalations: row.n, oldestEscalationDay: row.oldest };
}

/**
 * 发热筛查分诊 cases 已转诊待到达 (sent to a fever clinic, not yet arrived): the grid's rows for 类别 发热筛查分诊 and 状态
 * 已转诊待到达 (voided ones left out, as the grid does), and the day the oldest was registered. cases_by_category
 * (category, status, opened_on) finds them; the community by a unary + so that index stays the one read.
 */
export function referralCounts(db: ReadDb, communityId?: number): CaseloadFigures['referralsAwaiting'] {
  const row = db
    .prepare(
      `SELECT count(*) AS n, min(c.opened_on) AS oldest FROM cases c WHERE c.category = 'fever_referral' AND c.status = 'referral_made' AND ${liveCase('c')}${byCommunity('c', communityId)}`,
    )
    .get({ communityId }) as { n: number; oldest: string | null };
  return { people: row.n, oldestDay: row.oldest };
}

/** Unresolved needs from care visits (partial index care_visits_open_needs) and care visits due. */
export function careCounts(db: ReadDb, today: string, communityId?: number): { openNeeds: { people: number; needs: number }; careVisitsDue: number } {
  const needs = db
    .prepare(
      `SELECT count(DISTINCT v.resident_id) AS people, count(*) AS needs FROM care_visits v CROSS JOIN residents r ON r.id = v.resident_id WHERE v.needs_status = 'open'${byCommunity('r', communityId)}`,
    )
    .get({ communityId }) as { people: number; needs: number };
  const due = db
    .prepare(
      `SELECT count(*) AS n FROM care_tasks t CROSS JOIN residents r ON r.id = t.resident_id WHERE t.status = 'open' AND t.next_visit_on <= @today AND ${careTaskOwed('t')}${byCommunity('r', communityId)}`,
    )
    .get({ today, communityId }) as { n: number };
  return { openNeeds: needs, careVisitsDue: due.n };
}

/** Active cases per category: per community for the office, per grid for one community. */
export function casesByCategory(db: ReadDb, communityId?: number): CaseloadFigures['casesByCategory'] {
  const groupedBy = communityId === undefined ? 'community' : 'grid';
  const rows = (
    communityId === undefined
      ? db
          .prepare(
            `SELECT c.community_id AS communityId, NULL AS gridId, c.category, count(*) AS n FROM cases c WHERE c.closed_on IS NULL AND ${liveCase('c')} GROUP BY c.community_id, c.category`,
          )
          .all()
      : db
          .prepare(
            `SELECT c.community_id AS communityId, c.grid_id AS gridId, c.category, count(*) AS n FROM cases c WHERE c.community_id = @communityId AND c.closed_on IS NULL AND ${liveCase('c')} GROUP BY c.grid_id, c.category`,
          )
          .all({ communityId })
  ) as Array<{ communityId: number; gridId: number | null; category: CaseCategory; n: number }>;
  const names =
    groupedBy === 'community'
      ? new Map((db.prepare(`SELECT id, name FROM communities`).all() as Array<{ id: number; name: string }>).map((r) => [r.id, r.name]))
      : new Map(
          (db.prepare(`SELECT id, name FROM grids WHERE community_id = @communityId`).all({ communityId }) as Array<{ id: number; name: string }>).map((r) => [
            r.id,
            r.name,
          ]),
        );
  const bars = new Map<string, CaseBar>();
  const seen = new Set<CaseCategory>();
  for (const r of rows) {
    const key = groupedBy === 'community' ? String(r.communityId) : String(r.gridId);
    const label = (groupedBy === 'community' ? names.get(r.communityId) : r.gridId === null ? '未分网格' : names.get(r.gridId)) ?? '（已删除）';
    const bar = bars.get(key) ?? { label, communityId: r.communityId, gridId: r.gridId, counts: {}, total: 0 };
    bar.counts[r.category] = (bar.counts[r.category] ?? 0) + r.n;
    bar.total += r.n;
    seen.add(r.category);
    bars.set(key, bar);
  }
  // Bars in the ledger's own order (community / grid id), categories in the caseload's order.
  const ordered = [...bars.entries()].sort(([a], [b]) => Number(a === 'null' ? Infinity : a) - Number(b === 'null' ? Infinity : b)).map(([, v]) => v);
  return { groupedBy, categories: CASE_CATEGORIES.filter((c) => seen.has(c)), bars: ordered };
}

/**
 * People under observation on each of the last TREND_DAYS days: on day d when obs_start_on <= d <= the last
 * observed day (observation-days.shared.ts: the planned end, or the day it was released or referred if earlier),
 * the same days the observation roster counts as check days. Those closed on d are counted on d and given apart
 * (`closed`), so today's point is the tile's 正在观察 plus today's closings.
 */
export function observationTrend(db: ReadDb, today: string, communityId?: number): CaseloadFigures['observationTrend'] {
  const from = addDays(today, -(TREND_DAYS - 1));
  const spans = db
    .prepare(
      `SELECT c.obs_start_on AS start, c.obs_end_on AS end, c.closed_on AS closed FROM cases c
       WHERE c.category IN ('home_observation', 'medical_observation') AND c.obs_start_on IS NOT NULL
         AND c.obs_start_on <= @today AND c.obs_end_on >= @from AND (c.closed_on IS NULL OR c.closed_on >= @from) AND ${liveCase('c')}${byCommunity('c', communityId)}`,
    )
    .all({ today, from, communityId }) as Array<{ start: string; end: string; closed: string | null }>;
  const days = eachDay(from, today);
  const index = new Map(days.map((d, i) => [d, i]));
  // A difference array: +1 on the first counted day, -1 after the last.
  const delta = new Array<number>(days.length + 1).fill(0);
  const closedOn = new Array<number>(days.length).fill(0);
  for (const s of spans) {
    const first = s.start < from ? from : s.start;
    const observedTo = lastObservedDay(s.end, s.closed);
    const last = observedTo > today ? today : observedTo;
    if (last < first) continue;
    delta[index.get(first)!]! += 1;
    delta[index.get(last)! + 1]! -= 1;
    if (s.closed !== null && s.closed === observedTo && s.closed <= today) closedOn[index.get(s.closed)!]! += 1;
  }
  let running = 0;
  return days.map((day, i) => ({ day, observing: (running += delta[i]!), closed: closedOn[i]! }));
}
