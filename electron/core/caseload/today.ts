/** Builds 今日随访 from partial indexes: open escalations, observations due or late, care due, open needs, revisits. */
import type { Clock } from '../clock';
import type { Role } from '../contract';
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { addDays } from '../dates.shared';
import { allRows, cached } from '../db/stmt-cache';
import { formatAddress } from './address';
import { careTaskOwed, liveCase } from './case-void';
import { checksOverdueSql, missedDaysSql, missedInEndedWindow } from './observation-days.shared';
import { openCareCaseOfOriginSql } from './care-origin-release';
import { CATEGORY_LABELS, METHOD_LABELS, type CaseCategory, type CheckMethod } from './codes.shared';
import { TODAY_KINDS, type TodayItem, type TodayKind, type TodayList } from './today-types.shared';

export interface TodayFilter {
  communityId?: number | undefined;
  gridId?: number | undefined;
  /** Who is looking: providers with restricted records (memorials) show them to coordinators only. */
  role?: Role | undefined;
  /** The core's clock, for providers whose deadlines are in hours or start from an instant's day. */
  clock?: Clock | undefined;
  /** The session's sealer, for providers whose records are sealed (memorials); null for viewers. */
  sealer?: Sealer | null | undefined;
}

/** Another area's source of today's items; called with the same read handle. */
export type TodayProvider = (db: ReadDb, today: string, filter: TodayFilter) => TodayItem[];
const providers: TodayProvider[] = [];
export function registerTodayProvider(p: TodayProvider): void {
  providers.push(p);
}

const PLACE = `cm.name AS communityName, g.name AS gridName, h.estate, h.building, h.unit, h.room, h.address_text AS addressText`;
// CROSS JOIN keeps SQLite driving from the small partial index of the item table (it otherwise may start from residents).
const PLACE_JOINS = (alias: string) => `CROSS JOIN communities cm ON cm.id = ${alias}.community_id LEFT JOIN grids g ON g.id = ${alias}.grid_id`;
const where = (alias: string, f: TodayFilter) =>
  `${f.communityId !== undefined ? ` AND ${alias}.community_id = @communityId` : ''}${f.gridId !== undefined ? ` AND ${alias}.grid_id = @gridId` : ''}`;

interface Place {
  communityName: string;
  gridName: string | null;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressText: string | null;
}
const place = (p: Place) => ({ communityName: p.communityName, gridName: p.gridName });

/** Which items to list: every kind's from `offset` (the screen's first page), or one kind's next page. Counts are always every kind's. */
export interface TodayPage {
  kind?: TodayKind | undefined;
  offset: number;
  limit: number;
}

export function buildToday(db: ReadDb, today: string, f: TodayFilter, page: TodayPage): TodayList {
  const params = { today, communityId: f.communityId ?? null, gridId: f.gridId ?? null, limit: page.limit, offset: page.offset };
  const wants = (kind: TodayKind) => page.kind === undefined || page.kind === kind;
  const items: TodayItem[] = [];
  const counts = Object.fromEntries(TODAY_KINDS.map((k) => [k, 0])) as Record<TodayKind, number>;
  /** Counts on the item table alone (plus the join the filter needs): the place joins are for display only. */
  const count = (kind: TodayKind, fromWhere: string) => (counts[kind] = (cached(db, `SELECT count(*) AS n FROM ${fromWhere}`).get(params) as { n: number }).n);
  // A residents join is for the community or grid filter only: resident_id is a foreign key, so unfiltered it drops no row and the count reads the item's index alone.
  const filtered = f.communityId !== undefined || f.gridId !== undefined;
  // A kind not asked for is counted only.
  const rows = <T>(kind: TodayKind, sql: string): T[] => (wants(kind) ? allRows<T>(cached(db, sql), params) : []);

  const obsJoins = `CROSS JOIN residents r ON r.id = c.resident_id LEFT JOIN households h ON h.id = r.household_id ${PLACE_JOINS('c')}`;
  const obsWhere = `WHERE c.closed_on IS NULL AND c.obs_start_on IS NOT NULL`;
  // Last, after the window's terms: a voided case asks for no check and no release (case-void.ts).
  const live = ` AND ${liveCase('c')}`;
  type ObsRow = Place & { caseId: number; name: string; phone: string | null; category: CaseCategory; firstMissing: string; missedBefore: number };
  const overdueWhere = `${obsWhere} AND ${checksOverdueSql('c')}${where('c', f)}${live}`;
  count('check_overdue', `cases c ${overdueWhere}`);
  for (const r of rows<ObsRow>(
    'check_overdue',
    `SELECT c.id AS caseId, r.name, r.phone_masked AS phone, c.category, c.first_missing_check_on AS firstMissing, ${PLACE},
         ${missedDaysSql('c')} AS missedBefore
       FROM cases c ${obsJoins} ${overdueWhere} ORDER BY c.first_missing_check_on, c.id LIMIT @limit OFFSET @offset`,
  )) {
    items.push({
      kind: 'check_overdue',
      key: `overdue:${r.caseId}`,
      caseId: r.caseId,
      category: r.category,
      phone: r.phone ?? '',
      overdueDays: Math.round(r.missedBefore),
      title: r.name,
      // The days missed and the first of them; the screen adds no 「应于」 since the first day is said here.
      detail: `${CATEGORY_LABELS[r.category]}，漏查 ${Math.round(r.missedBefore)} 天（首次 ${r.firstMissing}）· ${formatAddress(r)}`,
      dueOn: r.firstMissing,
      ...place(r),
    });
  }
  const dueWhere = `${obsWhere} AND c.obs_start_on <= @today AND c.obs_end_on >= @today AND coalesce(c.last_check_on, '') < @today${where('c', f)}${live}`;
  count('check_due', `cases c ${dueWhere}`);
  for (const r of rows<ObsRow>(
    'check_due',
    `SELECT c.id AS caseId, r.name, r.phone_masked AS phone, c.category, c.obs_end_on AS firstMissing, 0 AS missedBefore, ${PLACE} FROM cases c ${obsJoins} ${dueWhere} ORDER BY c.grid_id, c.id LIMIT @limit OFFSET @offset`,
  )) {
    items.push({
      kind: 'check_due',
      key: `due:${r.caseId}`,
      caseId: r.caseId,
      category: r.category,
      phone: r.phone ?? '',
      title: r.name,
      detail: `${CATEGORY_LABELS[r.category]}（至 ${r.firstMissing}）· ${formatAddress(r)}`,
      dueOn: today,
      ...place(r),
    });
  }

  // Observation period over, case still 观察中: stays here until released or extended with a reason.
  const releaseWhere = `${obsWhere} AND c.obs_end_on < @today${where('c', f)}${live}`;
  count('release_due', `cases c ${releaseWhere}`);
  type ReleaseRow = Place & {
    caseId: number;
    name: string;
    category: CaseCategory;
    obsEndOn: string;
    obsDays: number;
    missed: number;
    tasksJson: string;
    careCasesJson: string;
  };
  for (const r of rows<ReleaseRow>(
    'release_due',
    `SELECT c.id AS caseId, r.name, c.category, c.obs_end_on AS obsEndOn, c.obs_days AS obsDays, ${PLACE},
       CASE WHEN c.first_missing_check_on <= c.obs_end_on THEN ${missedDaysSql('c')} ELSE 0 END AS missed,
       (SELECT json_group_array(json_object('careTaskId', t.id, 'residentName', tr.name, 'reason', t.reason)) FROM care_tasks t JOIN residents tr ON tr.id = t.resident_id
          WHERE t.trigger_case_id = c.id AND t.status = 'open' AND ${careTaskOwed('t')}) AS tasksJson,
       (SELECT json_group_array(json_object('careCaseId', d.id, 'residentName', dr.name, 'category', d.category)) FROM cases d JOIN residents dr ON dr.id = d.resident_id
          WHERE ${openCareCaseOfOriginSql('d', 'c.id')}) AS careCasesJson
     FROM cases c ${obsJoins} ${releaseWhere} ORDER BY c.obs_end_on, c.id LIMIT @limit OFFSET @offset`,
  )) {
    const careTasks = JSON.parse(r.tasksJson) as Array<{ careTaskId: number; residentName: string; reason: string }>;
    const careCases = JSON.parse(r.careCasesJson) as Array<{ careCaseId: number; residentName: string; category: CaseCategory }>;
    items.push({
      kind: 'release_due',
      key: `release:${r.caseId}`,
      caseId: r.caseId,
      category: r.category,
      obsEndOn: r.obsEndOn,
      obsDays: r.obsDays,
      careTasks,
      careCases,
      title: r.name,
      detail: `${CATEGORY_LABELS[r.category]}已于 ${r.obsEndOn} 期满${r.missed > 0 ? `，${missedInEndedWindow(Math.round(r.missed))}` : ''}，尚未解除${careTasks.length ? `；同户照料 ${careTasks.length} 项待定` : ''}${careCases.length ? `；因其开设的照料个案 ${careCases.length} 件` : ''} · ${formatAddress(r)}`,
      dueOn: addDays(r.obsEndOn, 1),
      ...place(r),
    });
  }

  const escFrom = `health_checks k CROSS JOIN cases c ON c.id = k.case_id`;
  const escWhere = `WHERE k.escalation = 'open' AND ${liveCase('c')}${where('c', f)}`;
  count('escalation', `${escFrom} ${escWhere}`);
  type EscRow = Place & {
    checkId: number;
    caseId: number;
    name: string;
    checkDate: string;
    temperature: number | null;
    symptoms: string | null;
    method: CheckMethod;
  };
  for (const r of rows<EscRow>(
    'escalation',
    `SELECT k.id AS checkId, c.id AS caseId, r.name, k.check_date AS checkDate, k.temperature, k.symptoms, k.method, ${PLACE}
    FROM ${escFrom} CROSS JOIN residents r ON r.id = c.resident_id LEFT JOIN households h ON h.id = r.household_id ${PLACE_JOINS('c')} ${escWhere} ORDER BY k.check_date, k.id LIMIT @limit OFFSET @offset`,
  )) {
    const what = [r.temperature !== null ? `体温 ${r.temperature.toFixed(1)} °C` : '未测体温', r.symptoms].filter(Boolean).join('，');
    items.push({
      kind: 'escalation',
      key: `esc:${r.checkId}`,
      checkId: r.checkId,
      caseId: r.caseId,
      temperature: r.temperature,
      symptoms: r.symptoms,
      title: r.name,
      detail: `${r.checkDate} ${METHOD_LABELS[r.method]}监测：${what}`,
      dueOn: r.checkDate,
      ...place(r),
    });
  }

  const careFrom = `care_tasks t CROSS JOIN residents r ON r.id = t.resident_id`;
  // A care task of a voided case (its care case, or the observation that started it) is no longer owed.
  const careWhere = `WHERE t.status = 'open' AND t.next_visit_on <= @today AND ${careTaskOwed('t')}${where('r', f)}`;
  count('care_visit_due', `${filtered ? careFrom : 'care_tasks t'} ${careWhere}`);
  type CareRow = Place & { careTaskId: number; residentId: number; name: string; reason: string; nextVisitOn: string; standalone: number };
  for (const r of rows<CareRow>(
    'care_visit_due',
    `SELECT t.id AS careTaskId, r.id AS residentId, r.name, t.reason, t.next_visit_on AS nextVisitOn, (t.care_case_id IS NULL AND t.trigger_case_id IS NULL) AS standalone, ${PLACE}
    FROM ${careFrom} LEFT JOIN households h ON h.id = r.household_id ${PLACE_JOINS('r')} ${careWhere} ORDER BY t.next_visit_on, t.id LIMIT @limit OFFSET @offset`,
  )) {
    items.push({
      kind: 'care_visit_due',
      key: `care:${r.careTaskId}`,
      careTaskId: r.careTaskId,
      residentId: r.residentId,
      standalone: r.standalone === 1,
      title: r.name,
      detail: `${r.reason} · ${formatAddress(r)}`,
      dueOn: r.nextVisitOn,
      ...place(r),
    });
  }

  const needFrom = `care_visits v CROSS JOIN residents r ON r.id = v.resident_id`;
  const needWhere = `WHERE v.needs_status = 'open'${where('r', f)}`;
  count('care_need_open', `${filtered ? needFrom : 'care_visits v'} ${needWhere}`);
  type NeedRow = Place & { visitId: number; residentId: number; name: string; needs: string; visitDate: string };
  for (const r of rows<NeedRow>(
    'care_need_open',
    `SELECT v.id AS visitId, r.id AS residentId, r.name, v.needs, v.visit_date AS visitDate, ${PLACE}
    FROM ${needFrom} LEFT JOIN households h ON h.id = r.household_id ${PLACE_JOINS('r')} ${needWhere} ORDER BY v.visit_date, v.id LIMIT @limit OFFSET @offset`,
  )) {
    items.push({
      kind: 'care_need_open',
      key: `need:${r.visitId}`,
      visitId: r.visitId,
      residentId: r.residentId,
      title: r.name,
      detail: `${r.visitDate} 走访提出：${r.needs}`,
      dueOn: r.visitDate,
      ...place(r),
    });
  }

  const revisitWhere = `WHERE h.revisit_on <= @today AND h.screening_status IN ('not_home', 'refused')${where('h', f)}`;
  count('screening_revisit', `households h ${revisitWhere}`);
  type RevisitRow = Place & { householdId: number; headName: string | null; revisitOn: string; status: string };
  for (const r of rows<RevisitRow>(
    'screening_revisit',
    `SELECT h.id AS householdId, h.head_name AS headName, h.revisit_on AS revisitOn, h.screening_status AS status, ${PLACE} FROM households h ${PLACE_JOINS('h')} ${revisitWhere} ORDER BY h.revisit_on, h.id LIMIT @limit OFFSET @offset`,
  )) {
    items.push({
      kind: 'screening_revisit',
      key: `revisit:${r.householdId}`,
      householdId: r.householdId,
      title: formatAddress(r),
      detail: `户主 ${r.headName ?? '未登记'}，上次${r.status === 'refused' ? '拒绝' : '不在家'}，需复访`,
      dueOn: r.revisitOn,
      ...place(r),
    });
  }

  const seen = new Map<TodayKind, number>();
  for (const p of providers) {
    for (const item of p(db, today, f)) {
      counts[item.kind] += 1;
      const at = seen.get(item.kind) ?? 0;
      seen.set(item.kind, at + 1);
      if (wants(item.kind) && at >= page.offset && at < page.offset + page.limit) items.push(item);
    }
  }
  return { today, items, counts };
}
