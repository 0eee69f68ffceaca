/** Raw rows of the caseload tables as SQLite returns them (snake_case), and single-row readers. */
import type { ReadDb } from '../db/types';
import type { Sealer } from '../db/sealer';
import { requireBound, rowDamaged } from '../db/row-binding';
import { cached } from '../db/stmt-cache';
import {
  HOUSEHOLD_BINDING,
  idNumberIndex,
  openResidentNumbers,
  RESIDENT_BINDING,
  SEALED,
  type ResidentNumbers,
  type StoredResidentNumbers,
} from './sealed-people';
import type { CaseCategory, CaseStatus, CheckMethod, RiskLevel, ScreeningStatus } from './codes.shared';

export interface HouseholdRow {
  id: number;
  community_id: number;
  grid_id: number | null;
  estate: string | null;
  building: string | null;
  unit: string | null;
  room: string | null;
  address_text: string | null;
  address_key: string;
  head_name: string | null;
  phone: string | null;
  screening_status: ScreeningStatus;
  screened_on: string | null;
  screened_by: string | null;
  screening_result: string | null;
  revisit_on: string | null;
}

/** A resident as stored, without its sealed numbers: enough for place, name and existence checks. */
export interface ResidentPlaceRow {
  id: number;
  household_id: number | null;
  community_id: number;
  grid_id: number | null;
  name: string;
  /** 1 when the number was written with 15 digits (stored as its 18-digit form). */
  id_number_was15: number;
  sex: 'M' | 'F' | null;
  tags: string;
  /** 与户主关系 as written (relation.ts normaliseRelation), null when not known (migration 049). */
  relation: string | null;
}

/** A resident with its ID number, phone and birth date opened (sealed-people.ts): only with the sensitive key. */
export interface ResidentRow extends ResidentPlaceRow, ResidentNumbers {}

export interface CaseRow {
  id: number;
  resident_id: number;
  community_id: number;
  grid_id: number | null;
  category: CaseCategory;
  status: CaseStatus;
  risk_level: RiskLevel;
  assigned_staff_id: number | null;
  opened_on: string;
  due_on: string | null;
  closed_on: string | null;
  close_reason: string | null;
  source: string | null;
  notes: string | null;
  obs_start_on: string | null;
  obs_days: number | null;
  obs_end_on: string | null;
  last_check_on: string | null;
  first_missing_check_on: string | null;
  origin_case_id: number | null;
  /** A care case opened from a staff member's record (care-origin.ts, migration 010). */
  origin_staff_id: number | null;
  /** Returnee details (returnee.ts, migration 011). */
  origin: string | null;
  arrived_on: string | null;
  transport: string | null;
  transport_no: string | null;
  team_grid_worker: string | null;
  team_doctor: string | null;
  team_police: string | null;
  /** 包保责任人 as written when it names nobody's role (migration 068). */
  team_unsplit: string | null;
}

export interface HealthCheckRow {
  id: number;
  case_id: number;
  check_date: string;
  temperature: number | null;
  symptoms: string | null;
  method: CheckMethod;
  checked_by: string;
  flagged: 0 | 1;
  escalation: 'open' | 'referred' | 'dismissed' | null;
  escalation_note: string | null;
  referral_case_id: number | null;
}

const HOUSEHOLD_COLUMNS = `id, community_id, grid_id, estate, building, unit, room, address_text, address_key, head_name, phone_sealed,
  screening_status, screened_on, screened_by, screening_result, revisit_on`;
const RESIDENT_PLACE_COLUMNS = `id, household_id, community_id, grid_id, name, id_number_was15, sex, tags, relation`;
const RESIDENT_COLUMNS = `${RESIDENT_PLACE_COLUMNS}, id_number_sealed, phone_sealed, birth_date_sealed`;
export const CASE_COLUMNS = `id, resident_id, community_id, grid_id, category, status, risk_level, assigned_staff_id, opened_on, due_on,
  closed_on, close_reason, source, notes, obs_start_on, obs_days, obs_end_on, last_check_on, first_missing_check_on, origin_case_id, origin_staff_id,
  origin, arrived_on, transport, transport_no, team_grid_worker, team_doctor, team_police, team_unsplit`;

type StoredHousehold = Omit<HouseholdRow, 'phone'> & { phone_sealed: Buffer | null };
const openHousehold = (db: ReadDb, sealer: Sealer, raw: StoredHousehold | undefined): HouseholdRow | undefined => {
  if (!raw) return undefined;
  const { phone_sealed, ...rest } = raw;
  if (phone_sealed) requireBound(db, sealer, HOUSEHOLD_BINDING, raw.id);
  return { ...rest, phone: sealer.openOptional(SEALED.householdPhone, phone_sealed) };
};

/** A household with its 户主电话 opened (writes only: they hold the sensitive key). */
export function householdRow(db: ReadDb, id: number, sealer: Sealer): HouseholdRow | undefined {
  return openHousehold(db, sealer, db.prepare(`SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE id = @id`).get({ id }) as StoredHousehold | undefined);
}

export function householdAt(db: ReadDb, place: { community_id: number; address_key: string }, sealer: Sealer): HouseholdRow | undefined {
  const raw = db
    .prepare(`SELECT ${HOUSEHOLD_COLUMNS} FROM households WHERE community_id = @community_id AND address_key = @address_key`)
    .get({ community_id: place.community_id, address_key: place.address_key }) as StoredHousehold | undefined;
  return openHousehold(db, sealer, raw);
}

/** Place, name and tags of a resident: no key needed. */
export function residentRow(db: ReadDb, id: number): ResidentPlaceRow | undefined {
  return cached(db, `SELECT ${RESIDENT_PLACE_COLUMNS} FROM residents WHERE id = @id`).get({ id }) as ResidentPlaceRow | undefined;
}

type StoredResident = ResidentPlaceRow & StoredResidentNumbers;
/** Opened only once the row is found as its writer left it (db/row-binding.ts): numbers or a name swapped in from another row are refused. */
const openResident = (db: ReadDb, sealer: Sealer, raw: StoredResident | undefined): ResidentRow | undefined => {
  if (!raw) return undefined;
  const { id_number_sealed, phone_sealed, birth_date_sealed, ...rest } = raw;
  return { ...rest, ...openResidentNumbers(db, sealer, raw.id, { id_number_sealed, phone_sealed, birth_date_sealed }) };
};

/** A resident with its numbers opened. */
export function openedResidentRow(db: ReadDb, id: number, sealer: Sealer): ResidentRow | undefined {
  return openResident(db, sealer, db.prepare(`SELECT ${RESIDENT_COLUMNS} FROM residents WHERE id = @id`).get({ id }) as StoredResident | undefined);
}

/**
 * The resident holding an ID number, found through its keyed index. The index is not in the row MAC: an index moved
 * onto another row outside the program is caught here, as the number that row holds is not the one looked up.
 */
export function residentByIdNumber(db: ReadDb, idNumber: string, sealer: Sealer): ResidentRow | undefined {
  const raw = db.prepare(`SELECT ${RESIDENT_COLUMNS} FROM residents WHERE id_number_index = @index`).get({ index: idNumberIndex(sealer, idNumber) }) as
    StoredResident | undefined;
  const row = openResident(db, sealer, raw);
  if (row && row.id_number !== idNumber) throw rowDamaged(RESIDENT_BINDING, row.id);
  return row;
}

export function caseRow(db: ReadDb, id: number): CaseRow | undefined {
  return cached(db, `SELECT ${CASE_COLUMNS} FROM cases WHERE id = @id`).get({ id }) as CaseRow | undefined;
}

export function checkRow(db: ReadDb, id: number): HealthCheckRow | undefined {
  return db.prepare(`SELECT * FROM health_checks WHERE id = @id`).get({ id }) as HealthCheckRow | undefined;
}

export function checkDates(db: ReadDb, caseId: number): string[] {
  return (db.prepare(`SELECT check_date FROM health_checks WHERE case_id = @caseId ORDER BY check_date`).all({ caseId }) as Array<{ check_date: string }>).map(
    (r) => r.check_date,
  );
}

export function parseTags(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}
