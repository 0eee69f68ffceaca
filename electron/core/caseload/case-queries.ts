/** The case grid: filtered, sorted pages computed in SQLite (two steps: page ids on indexes, then details for those ids). */
import type { ReadDb } from '../db/types';
import { formatAddress } from './address';
import type { CaseSortField } from './case-sort.shared';
import { allRows, cached } from '../db/stmt-cache';
import { checksOverdueSql, missedDaysSql } from './observation-days.shared';
import { returneeSelect } from './returnee.shared';
import type { CaseFilter } from './inputs.shared';
import type { CaseListRow } from './list-types.shared';
import type { Sealer } from '../db/sealer';
import { searchClause } from './resident-search';
import { birthDateFor } from './sealed-people';
import { requireBound } from '../db/row-binding';
import { CASE_BINDING } from './case-binding';
import { liveCase } from './case-void';

const SORT_SQL: Record<CaseSortField, string> = {
  openedOn: 'c.opened_on',
  dueOn: 'c.due_on',
  // The resident's name as the case carries it (migration 038), equal to residents.name: no join to sort.
  name: 'c.resident_name',
  category: 'c.category',
  status: 'c.status',
  riskLevel: "CASE c.risk_level WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
  lastCheckOn: 'c.last_check_on',
  communityName: 'c.community_id',
};

export function caseWhere(db: ReadDb, f: CaseFilter, today: string, sealer: Sealer | null): { sql: string; params: Record<string, unknown> } {
  const params: Record<string, unknown> = { today };
  const parts: string[] = [];
  const add = (cond: string, name: string, value: unknown) => {
    if (value === undefined) return;
    parts.push(cond);
    params[name] = value;
  };
  add('c.community_id = @communityId', 'communityId', f.communityId);
  add('c.grid_id = @gridId', 'gridId', f.gridId);
  add('c.category = @category', 'category', f.category);
  if (f.categories?.length) {
    // One named parameter per category, so the IN list stays a prepared statement per count.
    const cats = [...new Set(f.categories)];
    cats.forEach((c, i) => (params[`cat${i}`] = c));
    parts.push(`c.category IN (${cats.map((_, i) => `@cat${i}`).join(', ')})`);
  }
  add('c.status = @status', 'status', f.status);
  add('c.risk_level = @riskLevel', 'riskLevel', f.riskLevel);
  add('c.assigned_staff_id = @staffId', 'staffId', f.assignedStaffId);
  if (f.active === true) parts.push('c.closed_on IS NULL');
  if (f.active === false) parts.push('c.closed_on IS NOT NULL');
  // The same cases as 工作台's 正在观察 (dashboard/caseload-queries.ts observationCounts): an ended window awaiting release is not one.
  if (f.observing === true) parts.push('c.closed_on IS NULL AND c.obs_start_on <= @today AND c.obs_end_on >= @today');
  if (f.overdue === true) parts.push(`c.closed_on IS NULL AND c.obs_start_on IS NOT NULL AND ${checksOverdueSql('c')}`);
  if (f.withVoided !== true) parts.push(liveCase('c'));
  const search = searchClause(db, f.q, params, 'c.resident_id', sealer);
  if (search) parts.push(search);
  return { sql: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function caseOrderBy(sort: ReadonlyArray<{ field: CaseSortField; dir: 'asc' | 'desc' }> | undefined): string {
  const items = (sort ?? []).map((s) => `${SORT_SQL[s.field]} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`);
  if (items.length === 0) items.push('c.opened_on DESC');
  const last = sort?.[0]?.dir === 'asc' ? 'ASC' : 'DESC';
  return `ORDER BY ${items.join(', ')}, c.id ${last}`;
}

export function casePageIdsSql(where: string, orderBy: string): string {
  return `SELECT c.id FROM cases c ${where} ${orderBy} LIMIT @limit OFFSET @offset`;
}

const DETAIL_SQL = `
  SELECT c.id, c.resident_id AS residentId, r.name, coalesce(r.id_number_masked, '') AS idNumber, coalesce(r.phone_masked, '') AS phone, r.sex,
         r.birth_date_sealed AS birthDateSealed, r.birth_year AS birthYear,
         c.community_id AS communityId, cm.name AS communityName, c.grid_id AS gridId, g.name AS gridName,
         h.estate, h.building, h.unit, h.room, h.address_text AS addressText,
         c.category, c.status, c.risk_level AS riskLevel, c.assigned_staff_id AS assignedStaffId, s.name AS staffName,
         c.opened_on AS openedOn, c.due_on AS dueOn, c.closed_on AS closedOn, c.source, c.notes,
         c.obs_start_on AS obsStartOn, c.obs_days AS obsDays, c.obs_end_on AS obsEndOn, c.last_check_on AS lastCheckOn, c.first_missing_check_on AS firstMissingCheckOn,
         ${returneeSelect('c')},
         CASE WHEN c.closed_on IS NULL AND c.obs_start_on IS NOT NULL AND c.first_missing_check_on < @today THEN ${missedDaysSql('c')}
         ELSE 0 END AS overdueDays,
         (c.closed_on IS NULL AND c.obs_end_on < @today) AS obsEnded,
         c.voided_at AS voidedAt, c.voided_by AS voidedBy, c.void_reason AS voidReason,
         (c.closed_on IS NULL AND c.obs_start_on <= @today AND c.obs_end_on >= @today AND coalesce(c.last_check_on, '') < @today) AS checkDueToday
  FROM cases c
  JOIN residents r ON r.id = c.resident_id
  JOIN communities cm ON cm.id = c.community_id
  LEFT JOIN grids g ON g.id = c.grid_id
  LEFT JOIN households h ON h.id = r.household_id
  LEFT JOIN staff s ON s.id = c.assigned_staff_id
  WHERE c.id IN (SELECT value FROM json_each(@ids))`;

type RawCase = Omit<CaseListRow, 'address' | 'checkDueToday' | 'obsEnded' | 'birthDate'> & {
  birthDateSealed: Buffer | null;
  birthYear: number | null;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressText: string | null;
  checkDueToday: number | null;
  obsEnded: number | null;
};

/**
 * Numbers masked as stored; the birth date opened for a clerk or coordinator (once the resident's row is found as
 * written, sealed-people.ts birthDateFor), the year alone for a viewer and for every list.
 * Every field named (in the order the row had), not `...rest` of the row: a row from SQLite has ~40 keys, and spreading it made a
 * slow object (a third of a grid page's time at 100,000 residents, and again when it was cloned to the window).
 */
function toCaseRow(db: ReadDb, r: RawCase, sealer: Sealer | null): CaseListRow {
  return {
    id: r.id,
    residentId: r.residentId,
    name: r.name,
    idNumber: r.idNumber,
    phone: r.phone,
    sex: r.sex,
    communityId: r.communityId,
    communityName: r.communityName,
    gridId: r.gridId,
    gridName: r.gridName,
    category: r.category,
    status: r.status,
    riskLevel: r.riskLevel,
    assignedStaffId: r.assignedStaffId,
    staffName: r.staffName,
    openedOn: r.openedOn,
    dueOn: r.dueOn,
    closedOn: r.closedOn,
    source: r.source,
    notes: r.notes,
    obsStartOn: r.obsStartOn,
    obsDays: r.obsDays,
    obsEndOn: r.obsEndOn,
    lastCheckOn: r.lastCheckOn,
    firstMissingCheckOn: r.firstMissingCheckOn,
    origin: r.origin,
    arrivedOn: r.arrivedOn,
    transport: r.transport,
    transportNo: r.transportNo,
    teamGridWorker: r.teamGridWorker,
    teamDoctor: r.teamDoctor,
    teamPolice: r.teamPolice,
    teamUnsplit: r.teamUnsplit,
    overdueDays: Math.max(0, Math.round(r.overdueDays)),
    checkDueToday: r.checkDueToday === 1,
    obsEnded: r.obsEnded === 1,
    voidedAt: r.voidedAt,
    voidedBy: r.voidedBy,
    voidReason: r.voidReason,
    birthDate: birthDateFor(db, sealer, { residentId: r.residentId, sealed: r.birthDateSealed, year: r.birthYear }),
    address: formatAddress(r),
  };
}

/**
 * The rows of `ids`, in that order (ids not found are left out): one statement for the whole page. With a sealer (the
 * drawer, a case write's reply: one case) each case is checked to be its resident's as opened (case-binding.ts)
 * before it is shown; without one (grid pages, viewers) nothing is opened or checked.
 */
export function caseDetails(db: ReadDb, ids: readonly number[], today: string, sealer: Sealer | null): CaseListRow[] {
  if (ids.length === 0) return [];
  const byId = new Map(allRows<RawCase>(cached(db, DETAIL_SQL), { ids: JSON.stringify(ids), today }).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const raw = byId.get(id);
    if (raw && sealer) requireBound(db, sealer, CASE_BINDING, id);
    return raw ? [toCaseRow(db, raw, sealer)] : [];
  });
}

export function listCases(
  db: ReadDb,
  p: { filter?: CaseFilter | undefined; sort?: ReadonlyArray<{ field: CaseSortField; dir: 'asc' | 'desc' }> | undefined; offset: number; limit: number },
  today: string,
  sealer: Sealer | null,
): { rows: CaseListRow[]; total: number } {
  const { sql, params } = caseWhere(db, p.filter ?? {}, today, sealer);
  const ids = (cached(db, casePageIdsSql(sql, caseOrderBy(p.sort))).all({ ...params, limit: p.limit, offset: p.offset }) as Array<{ id: number }>).map(
    (r) => r.id,
  );
  const total = (cached(db, `SELECT count(*) AS n FROM cases c ${sql}`).get(params) as { n: number }).n;
  // A grid page opens nothing: the year is what a list shows, for everyone; the whole date is opened by cases.get.
  return { rows: caseDetails(db, ids, today, null), total };
}
