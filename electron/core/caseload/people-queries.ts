/** Household and resident lists (paged in SQLite) and single-record reads. */
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { formatAddress } from './address';
import type { ResidentTag, ScreeningStatus } from './codes.shared';
import { searchClause } from './resident-search';
import type { HouseholdListRow, ResidentListRow } from './list-types.shared';
import { parseTags } from './rows';
import { requireBound } from '../db/row-binding';
import { birthDateFor, RESIDENT_BINDING } from './sealed-people';
import { liveCase } from './case-void';

type Dir = 'asc' | 'desc';

/** Adds `cond` with its parameter when the filter value is given. */
const conditions = (parts: string[], params: Record<string, unknown>) => (value: unknown, cond: string, name: string) => {
  if (value === undefined) return;
  parts.push(cond);
  params[name] = value;
};

export interface HouseholdFilter {
  q?: string | undefined;
  communityId?: number | undefined;
  gridId?: number | undefined;
  screeningStatus?: ScreeningStatus | undefined;
  /** Revisit planned on or before today (不在家 / 拒绝 to go back to). */
  revisitDue?: boolean | undefined;
}
export const HOUSEHOLD_SORT_FIELDS = ['address', 'screenedOn', 'revisitOn', 'headName'] as const;
const HOUSEHOLD_SORT: Record<(typeof HOUSEHOLD_SORT_FIELDS)[number], string> = {
  address: 'h.community_id, h.address_key', // the UNIQUE (community_id, address_key) index gives this order
  screenedOn: 'h.screened_on',
  revisitOn: 'h.revisit_on',
  headName: 'h.head_name',
};

const HOUSEHOLD_SELECT = `
  SELECT h.id, h.community_id AS communityId, cm.name AS communityName, h.grid_id AS gridId, g.name AS gridName,
         h.estate, h.building, h.unit, h.room, h.address_text AS addressText, h.head_name AS headName, coalesce(h.phone_masked, '') AS phone,
         h.screening_status AS screeningStatus, h.screened_on AS screenedOn, h.screened_by AS screenedBy,
         h.screening_result AS screeningResult, h.revisit_on AS revisitOn,
         (SELECT max(v.visited_on) FROM screening_visits v WHERE v.household_id = h.id AND v.status = 'screened') AS lastScreenedOn,
         (SELECT count(*) FROM residents r WHERE r.household_id = h.id) AS residentCount
  FROM households h JOIN communities cm ON cm.id = h.community_id LEFT JOIN grids g ON g.id = h.grid_id`;

/**
 * The 排查状态 filter counts as coverage does (coverage.ts, as of today): 已排查 is any household screened on or
 * before today, even if a later visit found nobody at home; 无人在家 / 拒绝配合 are the households not screened yet
 * whose latest visit said so. So the grid's count under each choice is the figure 排查覆盖 and 工作台 show.
 */
const SCREENED_BY_TODAY = `EXISTS (SELECT 1 FROM screening_visits v WHERE v.household_id = h.id AND v.status = 'screened' AND v.visited_on <= @today)`;
export const STATUS_AS_COVERAGE_COUNTS: Record<ScreeningStatus, string> = {
  screened: SCREENED_BY_TODAY,
  not_home: `h.screening_status = 'not_home' AND NOT ${SCREENED_BY_TODAY}`,
  refused: `h.screening_status = 'refused' AND NOT ${SCREENED_BY_TODAY}`,
  unscreened: `h.screening_status = 'unscreened' AND NOT ${SCREENED_BY_TODAY}`,
};

function toHousehold(raw: HouseholdListRow): HouseholdListRow {
  return { ...raw, address: formatAddress(raw) };
}

export function listHouseholds(
  db: ReadDb,
  p: {
    filter?: HouseholdFilter | undefined;
    sort?: ReadonlyArray<{ field: (typeof HOUSEHOLD_SORT_FIELDS)[number]; dir: Dir }> | undefined;
    offset: number;
    limit: number;
  },
  today: string,
): { rows: HouseholdListRow[]; total: number } {
  const f = p.filter ?? {};
  const params: Record<string, unknown> = { today };
  const parts: string[] = [];
  const when = conditions(parts, params);
  when(f.communityId, 'h.community_id = @communityId', 'communityId');
  when(f.gridId, 'h.grid_id = @gridId', 'gridId');
  if (f.screeningStatus !== undefined) parts.push(STATUS_AS_COVERAGE_COUNTS[f.screeningStatus]);
  if (f.revisitDue === true) parts.push('h.revisit_on <= @today');
  const q = (f.q ?? '').trim();
  if (q !== '') {
    parts.push(`(h.head_name >= @q AND h.head_name < @qHi OR instr(h.address_key, @qKey) > 0)`);
    Object.assign(params, { q, qHi: `${q}\uffff`, qKey: q.replace(/\s/g, '') });
  }
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const order = (p.sort?.length ? p.sort : [{ field: 'address' as const, dir: 'asc' as Dir }])
    .map((s) =>
      HOUSEHOLD_SORT[s.field]
        .split(', ')
        .map((col) => `${col} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`)
        .join(', '),
    )
    .join(', ');
  const ids = db
    .prepare(`SELECT h.id FROM households h ${where} ORDER BY ${order}, h.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit: p.limit, offset: p.offset }) as Array<{ id: number }>;
  const total = (db.prepare(`SELECT count(*) AS n FROM households h ${where}`).get(params) as { n: number }).n;
  const one = db.prepare(`${HOUSEHOLD_SELECT} WHERE h.id = @id`);
  return { rows: ids.map(({ id }) => toHousehold(one.get({ id }) as HouseholdListRow)), total };
}

export function getHousehold(db: ReadDb, id: number): HouseholdListRow | undefined {
  const raw = db.prepare(`${HOUSEHOLD_SELECT} WHERE h.id = @id`).get({ id }) as HouseholdListRow | undefined;
  return raw ? toHousehold(raw) : undefined;
}

export interface ResidentFilter {
  q?: string | undefined;
  communityId?: number | undefined;
  gridId?: number | undefined;
  householdId?: number | undefined;
  tag?: ResidentTag | undefined;
}
export const RESIDENT_SORT_FIELDS = ['name', 'birthDate'] as const;

const RESIDENT_SELECT = `
  SELECT r.id, r.household_id AS householdId, r.community_id AS communityId, cm.name AS communityName, r.grid_id AS gridId, g.name AS gridName,
         h.estate, h.building, h.unit, h.room, h.address_text AS addressText,
         r.name, coalesce(r.id_number_masked, '') AS idNumber, r.id_number_was15 AS idNumberWas15, coalesce(r.phone_masked, '') AS phone, r.sex,
         r.birth_date_sealed AS birthDateSealed, r.birth_year AS birthYear, r.tags, r.relation,
         (SELECT count(*) FROM cases c WHERE c.resident_id = r.id AND c.closed_on IS NULL AND ${liveCase('c')}) AS activeCases
  FROM residents r JOIN communities cm ON cm.id = r.community_id LEFT JOIN grids g ON g.id = r.grid_id LEFT JOIN households h ON h.id = r.household_id`;

type RawResident = Omit<ResidentListRow, 'tags' | 'address' | 'idNumberWas15' | 'birthDate'> & {
  idNumberWas15: number;
  birthDateSealed: Buffer | null;
  birthYear: number | null;
  tags: string;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  addressText: string | null;
};

/** Numbers masked as stored; the birth date opened for a clerk or coordinator, the year alone for a viewer. */
function toResident(db: ReadDb, raw: RawResident, sealer: Sealer | null): ResidentListRow {
  const { estate, building, unit, room, addressText, birthDateSealed, birthYear, ...rest } = raw;
  return {
    ...rest,
    address: formatAddress({ estate, building, unit, room, addressText }),
    idNumberWas15: raw.idNumberWas15 === 1,
    birthDate: birthDateFor(db, sealer, { residentId: raw.id, sealed: birthDateSealed, year: birthYear }),
    tags: parseTags(raw.tags),
  };
}

/** A page of residents' ids; exported for the query-plan tests (a household's members page on residents_by_household). */
export const residentPageIdsSql = (where: string, order: string): string =>
  `SELECT r.id FROM residents r ${where} ORDER BY ${order}, r.id LIMIT @limit OFFSET @offset`;

export function listResidents(
  db: ReadDb,
  p: {
    filter?: ResidentFilter | undefined;
    sort?: ReadonlyArray<{ field: (typeof RESIDENT_SORT_FIELDS)[number]; dir: Dir }> | undefined;
    offset: number;
    limit: number;
  },
  sealer: Sealer | null,
): { rows: ResidentListRow[]; total: number } {
  const f = p.filter ?? {};
  const params: Record<string, unknown> = {};
  const parts: string[] = [];
  const when = conditions(parts, params);
  when(f.communityId, 'r.community_id = @communityId', 'communityId');
  when(f.gridId, 'r.grid_id = @gridId', 'gridId');
  when(f.householdId, 'r.household_id = @householdId', 'householdId');
  when(f.tag, `EXISTS (SELECT 1 FROM json_each(r.tags) t WHERE t.value = @tag)`, 'tag');
  const search = searchClause(db, f.q, params, 'r.id', sealer);
  if (search) parts.push(search);
  const where = parts.length ? `WHERE ${parts.join(' AND ')}` : '';
  const order = (p.sort?.length ? p.sort : [{ field: 'name' as const, dir: 'asc' as Dir }])
    // By birth year: the whole date is sealed, and viewers see the year alone (residents_by_birth_year).
    .map((s) => `r.${s.field === 'name' ? 'name' : 'birth_year'} ${s.dir === 'desc' ? 'DESC' : 'ASC'}`)
    .join(', ');
  const ids = db.prepare(residentPageIdsSql(where, order)).all({ ...params, limit: p.limit, offset: p.offset }) as Array<{ id: number }>;
  const total = (db.prepare(`SELECT count(*) AS n FROM residents r ${where}`).get(params) as { n: number }).n;
  const one = db.prepare(`${RESIDENT_SELECT} WHERE r.id = @id`);
  // A grid page opens nothing: the year is what a list shows, for everyone; the whole date is opened by residents.get.
  return { rows: ids.map(({ id }) => toResident(db, one.get({ id }) as RawResident, null)), total };
}

/** One resident (the drawer): a clerk's or coordinator's opens the whole birth date, once the row is found as written (db/row-binding.ts). */
export function getResident(db: ReadDb, id: number, sealer: Sealer | null): ResidentListRow | undefined {
  const raw = db.prepare(`${RESIDENT_SELECT} WHERE r.id = @id`).get({ id }) as RawResident | undefined;
  if (raw && sealer) requireBound(db, sealer, RESIDENT_BINDING, id);
  return raw ? toResident(db, raw, sealer) : undefined;
}
