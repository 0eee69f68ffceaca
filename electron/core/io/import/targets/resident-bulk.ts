/**
 * A fast path for the common case of an import: a person the ledger does not
 * know yet. caseload/write-queries.ts's upsertHousehold/upsertResident check
 * and look up everything per call (~0.5 ms a row), too slow for 100,000 rows
 * in one commit; this writes through the tables' writers (households.repo,
 * residents.repo: statements prepared once per connection) after the
 * pipeline has already checked every value. Updates and residents
 * joining a household that already existed still go through the caseload's
 * functions, so its rules (care tasks for a household under observation) hold.
 */
import { addressKeyIfAny } from '../../../caseload/address';
import { insertHousehold, UNSCREENED, type HouseholdColumns } from '../../../caseload/households.repo';
import { insertSealedResident, nextResidentId } from '../../../caseload/residents.repo';
import { unpackPrepared, type PreparedResident } from './resident-prepare';
import { needSealer, sealResidentNumbers, type SealedResidentNumbers } from '../../../caseload/sealed-people';
import { cached } from '../../../db/stmt-cache';
import { ensureLinkedCareTasks } from '../../../caseload/write-queries';
import { checkCommunityAndGrid } from '../../../caseload/write-common';
import { checkIdNumber } from '../../../people/id-number';
import type { ResidentPlaceRow } from '../../../caseload/rows';
import type { NewResident, WriteCtx } from './types';

export type { NewResident } from './types';

const FIND_HOUSEHOLD = `SELECT id FROM households WHERE community_id = @communityId AND address_key = @addressKey`;
const COMMUNITY_HOUSEHOLDS = `SELECT id, address_key FROM households WHERE community_id = @communityId`;
/**
 * After this many addresses looked up one at a time in a community, its households are read in one
 * pass (the UNIQUE (community_id, address_key) index, in order): 40,000 new addresses in a 100,000-row
 * file cost 40,000 lookups otherwise, a small file still only a few.
 */
const LOOKUPS_BEFORE_READING_ALL = 500;

/** Whether an address of this community that is not in the commit's cache may still be in the ledger. */
function mayBeInLedger(w: WriteCtx, communityId: number): boolean {
  const allKey = `all:${communityId}`;
  const lookups = w.cache.get(allKey) ?? 0;
  if (lookups < 0) return false; // read whole: the cache holds every household of the community
  if (lookups < LOOKUPS_BEFORE_READING_ALL) {
    w.cache.set(allKey, lookups + 1);
    return true;
  }
  for (const h of cached(w.db, COMMUNITY_HOUSEHOLDS).iterate({ communityId }) as IterableIterator<{ id: number; address_key: string }>) {
    const cacheKey = `h:${communityId}|${h.address_key}`;
    // Households this commit made are cached already (positive): they must not count as having been there before.
    if (!w.cache.has(cacheKey)) w.cache.set(cacheKey, -h.id);
  }
  w.cache.set(allKey, -1);
  return false;
}

/**
 * The household for an address: made in this commit (cached), already in the ledger, or new now.
 * `notInLedger`: the preview found it absent and the ledger has not changed since (resident-prepare.ts); `plannedId`:
 * the id it planned for the household (households.repo.ts insertHousehold: used when free).
 */
function household(w: WriteCtx, r: NewResident, key: string, notInLedger = false, plannedId?: number): { id: number; existed: boolean } {
  const cacheKey = `h:${r.communityId}|${key}`;
  const known = w.cache.get(cacheKey);
  if (known !== undefined) return { id: Math.abs(known), existed: known < 0 };
  const found =
    !notInLedger && mayBeInLedger(w, r.communityId)
      ? (cached(w.db, FIND_HOUSEHOLD).get({ communityId: r.communityId, addressKey: key }) as { id: number } | undefined)
      : undefined;
  if (found) {
    w.cache.set(cacheKey, -found.id);
    return { id: found.id, existed: true };
  }
  const row = householdColumns(r, key);
  const id = insertHousehold(w.db, row, w.now, w.context.sealer, plannedId);
  // A household the preview planned under this id: its audit record is the one the preview made (batched-audit.ts).
  if (id !== plannedId || !w.auditAsPlanned?.('household', id, null))
    w.audit({ entity: 'household', entityId: id, before: null, after: householdAfter(id, row) });
  w.cache.set(cacheKey, id);
  return { id, existed: false };
}

/**
 * A new household's columns. Literals, not spreads (`{ id, ...row }`, `...UNSCREENED`): 40,000 new addresses in a
 * 100,000-row commit, each spread copied property by property.
 */
function householdColumns(r: NewResident, key: string): HouseholdColumns {
  return {
    community_id: r.communityId,
    grid_id: r.gridId,
    estate: r.estate,
    building: r.building,
    unit: r.unit,
    room: r.room,
    address_text: r.addressText,
    address_key: key,
    head_name: r.headName,
    phone: UNSCREENED.phone,
    screening_status: UNSCREENED.screening_status,
    screened_on: UNSCREENED.screened_on,
    screened_by: UNSCREENED.screened_by,
    screening_result: UNSCREENED.screening_result,
    revisit_on: UNSCREENED.revisit_on,
  };
}

/** A new household's audit record: its id, then its columns (the key order the spread `{ id, ...row }` gave it). */
function householdAfter(id: number, row: HouseholdColumns): Record<string, unknown> {
  return {
    id,
    community_id: row.community_id,
    grid_id: row.grid_id,
    estate: row.estate,
    building: row.building,
    unit: row.unit,
    room: row.room,
    address_text: row.address_text,
    address_key: row.address_key,
    head_name: row.head_name,
    phone: row.phone,
    screening_status: row.screening_status,
    screened_on: row.screened_on,
    screened_by: row.screened_by,
    screening_result: row.screening_result,
    revisit_on: row.revisit_on,
  };
}

/** The audit record of the household a new resident's row adds (the preview's plan: resident-audit-plan.ts). */
export const newHouseholdAfter = (id: number, r: NewResident, key: string): Record<string, unknown> => householdAfter(id, householdColumns(r, key));

/** Set in a commit's cache once a household the preview planned got another id: later rows look theirs up. */
const HOUSEHOLDS_OFF_PLAN = 'households-off-plan';

/**
 * The household of a prepared row (resident-prepare.ts HouseholdPlan): the ledger's, as the preview found
 * it; a new one this row adds; or the one an earlier row added, by the id it was planned to get as long as
 * every household added so far got the id planned for it, else from the commit's cache.
 */
function preparedHousehold(w: WriteCtx, r: NewResident, p: PreparedResident): { id: number; existed: boolean } | null {
  if (p.addressKey === null || p.householdId === null) return null;
  if (p.household === 'ledger') return { id: p.householdId, existed: true };
  if (p.household === 'joins' && !w.cache.has(HOUSEHOLDS_OFF_PLAN)) return { id: p.householdId, existed: false };
  const h = household(w, r, p.addressKey, true, p.household === 'adds' ? p.householdId : undefined);
  if (p.household === 'adds' && h.id !== p.householdId) w.cache.set(HOUSEHOLDS_OFF_PLAN, 1);
  return h;
}

/**
 * The id the commit's next new resident gets: read once, then counted on (residents.repo.ts nextResidentId;
 * should another write in the commit take it, insertSealedResident takes the next free one).
 */
const NEXT_RESIDENT_ID = 'next-resident-id';

/**
 * A new resident, in the household of its address (none when the row has no address). `p`: what the
 * preview computed for it (resident-prepare.ts), handed over by apply.ts only while the ledger is unchanged.
 */
export function insertNewResident(w: WriteCtx, r: NewResident, p?: PreparedResident): number {
  return writeNewResident(w, r, p).id;
}

/** A resident just written: its row as stored, and whether its household was in the ledger before this commit. */
export interface InsertedResident extends ResidentPlaceRow {
  householdExisted: boolean;
}

/**
 * insertNewResident, answering the row as stored (what caseload/rows.ts residentRow would read back), so a
 * cases import opens the case on it without reading the resident it has just written (100,000 reads per file).
 */
export function insertNewResidentRow(w: WriteCtx, r: NewResident, p?: PreparedResident): InsertedResident {
  const { id, place, householdExisted } = writeNewResident(w, r, p);
  return { id, ...place, householdExisted };
}

/** The stored columns of a new resident other than its numbers and id. */
type NewResidentPlace = Omit<ResidentPlaceRow, 'id'>;

/**
 * The sorted tags as stored: one tag or none (most rows) without the copy and sort, which per row of a
 * 100,000-row commit cost more than the text itself. The same text as JSON.stringify([...tags].sort()).
 */
const tagsText = (tags: readonly string[]): string => (tags.length === 0 ? '[]' : JSON.stringify(tags.length === 1 ? tags : [...tags].sort()));

/** A new resident's stored columns other than its numbers and id. */
function residentPlace(r: NewResident, householdId: number | null, sex: 'M' | 'F' | null): NewResidentPlace {
  return {
    household_id: householdId,
    community_id: r.communityId,
    grid_id: r.gridId,
    name: r.name,
    id_number_was15: r.idNumberWas15 ? 1 : 0,
    sex,
    tags: tagsText(r.tags),
    relation: r.relation ?? null,
  };
}

/**
 * A new resident's audit record, as a viewer reads the row: the ID number and phone by their masks, the birth date by
 * its year (the birth date is the ID number's, whose mask hides it). Sealing the date into the log too was a quarter of
 * the import's sealing and 8 MB of log per 100,000 rows; the sealed values themselves are in the row.
 */
function residentAfter(
  id: number,
  place: NewResidentPlace,
  masks: Pick<SealedResidentNumbers, 'id_number_masked' | 'phone_masked' | 'birth_year'>,
): Record<string, unknown> {
  return {
    household_id: place.household_id,
    community_id: place.community_id,
    grid_id: place.grid_id,
    name: place.name,
    // The masks and year the row stores (sealResidentNumbers: the same maskIdNumber, maskPhone and birthYearOf), '' for none as before.
    id_number: masks.id_number_masked ?? '',
    id_number_was15: place.id_number_was15,
    sex: place.sex,
    phone: masks.phone_masked ?? '',
    tags: place.tags,
    relation: place.relation,
    id,
    birth_year: masks.birth_year,
  };
}

/** The audit record of a resident the preview prepared (resident-audit-plan.ts), as the commit would make it under the planned ids. */
export const preparedResidentAfter = (r: NewResident, p: PreparedResident): Record<string, unknown> =>
  residentAfter(p.id, residentPlace(r, p.householdId, p.sex), { id_number_masked: p.idNumberMasked, phone_masked: p.phoneMasked, birth_year: p.birthYear });

/**
 * Not prepared: the ledger changed since the preview checked the row's 网格 against its 社区, and a grid that held
 * nothing then may have been moved to another community meanwhile (org.grids.save, S45-A1's race): the row would put
 * a household in a grid of another community, off every coverage line. Asked once per community and grid a commit.
 */
function gridStillOfCommunity(w: WriteCtx, r: NewResident): void {
  if (r.gridId === null) return;
  const key = `grid-of:${r.communityId}|${r.gridId}`;
  if (w.cache.has(key)) return;
  checkCommunityAndGrid(w.db, r.communityId, r.gridId);
  w.cache.set(key, 1);
}

/**
 * Writes a new resident (and its household when new) with its audit; answers what insertNewResidentRow tells
 * a cases import. The residents target takes only the id, so the row object is built only for the cases'.
 */
function writeNewResident(w: WriteCtx, r: NewResident, p?: PreparedResident): { id: number; place: NewResidentPlace; householdExisted: boolean } {
  const sealer = needSealer(w.context.sealer);
  let h: { id: number; existed: boolean } | null;
  let sex: 'M' | 'F' | null;
  let birthDate: string | null;
  if (p) {
    h = preparedHousehold(w, r, p);
    sex = p.sex;
    birthDate = p.birthDate;
  } else {
    gridStillOfCommunity(w, r);
    const key = addressKeyIfAny(r);
    h = key === null ? null : household(w, r, key);
    const check = r.idNumber ? checkIdNumber(r.idNumber) : null;
    sex = check?.ok ? check.sex : null;
    birthDate = check?.ok ? check.birthDate : null;
  }
  const place = residentPlace(r, h?.id ?? null, sex);
  const prepared = p && unpackPrepared(p);
  const sealed = prepared ? prepared.sealed : sealResidentNumbers(sealer, { id_number: r.idNumber, phone: r.phone, birth_date: birthDate });
  const id = insertSealedResident(
    w.db,
    place,
    sealed,
    prepared ? prepared.planned : null,
    w.now,
    sealer,
    w.cache.get(NEXT_RESIDENT_ID) ?? nextResidentId(w.db),
  );
  w.cache.set(NEXT_RESIDENT_ID, id + 1);
  // A row the preview prepared, written under its planned ids: its audit record is the one the preview made.
  if (!prepared || id !== prepared.planned.id || !w.auditAsPlanned?.('resident', id, place.household_id))
    w.audit({ entity: 'resident', entityId: id, before: null, after: residentAfter(id, place, sealed) });
  // Joining a household the ledger already had: it may be under observation and need care tasks.
  if (h?.existed) for (const a of ensureLinkedCareTasks(w.db, h.id, w.now, w.context.clock.today())) w.audit(a);
  return { id, place, householdExisted: h?.existed ?? false };
}
