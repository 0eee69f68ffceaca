import type { WriteDb } from '../db/types';
import { badInput, notFound } from '../errors';
import { maskPhone } from '../people/id-number';
import { addressKey, hasAddress } from './address';
import type { ScreeningStatus } from './codes.shared';
import type { Sealer } from '../db/sealer';
import { householdAt, householdRow, type HouseholdRow } from './rows';
import { needSealer } from './sealed-people';
import { blankToNull, checkCommunityAndGrid, notAfterToday, optionalDay, phoneOrNull, type WriteResult } from './write-common';
import { insertHousehold, updateHousehold, type HouseholdColumns } from './households.repo';
import { moveHouseholdMembers } from './residents.repo';
import { moveCasesOfHousehold } from './cases.repo';
import { deleteVisit, latestVisit, recordVisit, type VisitSource } from './screening-visits.repo';
import { recordMove } from './household-moves.repo';
import type { AuditInput } from '../handler-types';

export interface HouseholdFields {
  /** Update this household; without it, the household at the same address in the community is updated, or a new one made. */
  id?: number | undefined;
  communityId: number;
  gridId?: number | null | undefined;
  estate?: string | null | undefined;
  building?: string | null | undefined;
  unit?: string | null | undefined;
  room?: string | null | undefined;
  addressText?: string | null | undefined;
  headName?: string | null | undefined;
  phone?: string | null | undefined;
  screeningStatus?: ScreeningStatus | undefined;
  screenedOn?: string | null | undefined;
  screenedBy?: string | null | undefined;
  screeningResult?: string | null | undefined;
  revisitOn?: string | null | undefined;
}

type Stored = HouseholdColumns;

function normalise(db: WriteDb, f: HouseholdFields, today: string, previous: HouseholdRow | undefined): Stored {
  // Fields left out keep their stored value, so a screen may save just the screening outcome.
  const gridId = f.gridId !== undefined ? f.gridId : (previous?.grid_id ?? null);
  checkCommunityAndGrid(db, f.communityId, gridId);
  const part = (v: string | null | undefined, k: 'estate' | 'building' | 'unit' | 'room' | 'address_text'): string | null =>
    v !== undefined ? blankToNull(v) : (previous?.[k] ?? null);
  const address = {
    estate: part(f.estate, 'estate'),
    building: part(f.building, 'building'),
    unit: part(f.unit, 'unit'),
    room: part(f.room, 'room'),
    addressText: part(f.addressText, 'address_text'),
  };
  if (!hasAddress(address)) throw badInput('「住址」不能为空：请填写小区、楼栋、单元、室，或直接填写地址');
  const status = f.screeningStatus ?? previous?.screening_status ?? 'unscreened';
  let screenedOn = f.screenedOn !== undefined ? optionalDay(f.screenedOn, '排查日期') : (previous?.screened_on ?? null);
  if (status !== 'unscreened' && screenedOn === null) screenedOn = today;
  notAfterToday(screenedOn, '排查日期', today);
  const revisitOn = f.revisitOn !== undefined ? optionalDay(f.revisitOn, '复访日期') : (previous?.revisit_on ?? null);
  if (revisitOn !== null && screenedOn !== null && revisitOn < screenedOn) throw badInput(`「复访日期」${revisitOn} 早于排查日期 ${screenedOn}`);
  const keep = <K extends keyof HouseholdRow>(v: string | null | undefined, k: K): string | null =>
    v !== undefined ? blankToNull(v) : ((previous?.[k] as string | null | undefined) ?? null);
  return {
    community_id: f.communityId,
    grid_id: gridId,
    estate: address.estate,
    building: address.building,
    unit: address.unit,
    room: address.room,
    address_text: address.addressText,
    address_key: addressKey(address),
    head_name: keep(f.headName, 'head_name'),
    phone: f.phone !== undefined ? phoneOrNull(f.phone, '联系电话') : (previous?.phone ?? null),
    screening_status: status,
    screened_on: screenedOn,
    screened_by: keep(f.screenedBy, 'screened_by'),
    screening_result: keep(f.screeningResult, 'screening_result'),
    revisit_on: revisitOn,
  };
}

/** Audit rows keep the change, not a phone number in clear text. */
const forAudit = <T extends { phone: string | null }>(r: T): T => ({ ...r, phone: maskPhone(r.phone) });
const sameAs = (a: Stored, b: HouseholdRow): boolean => (Object.keys(a) as Array<keyof Stored>).every((k) => a[k] === b[k]);

type Screening = Pick<Stored, 'screening_status' | 'screened_on' | 'screened_by' | 'screening_result'>;
const SCREENING_KEYS = ['screening_status', 'screened_on', 'screened_by', 'screening_result'] as const;

/** The household's screening columns as its latest visit by day says (未排查 when it has none). */
function screeningOfLatest(db: WriteDb, householdId: number): Screening {
  const v = latestVisit(db, householdId);
  return v
    ? { screening_status: v.status, screened_on: v.visitedOn, screened_by: v.visitedBy, screening_result: v.result }
    : { screening_status: 'unscreened', screened_on: null, screened_by: null, screening_result: null };
}

/**
 * Keeps the visit a save describes (screening-visits.repo.ts); returns the visits' audit entries.
 * Each visit is one household and day, so a save for a day that holds a visit corrects it, and one for a
 * new day adds a visit beside the others (an import of an older sheet adds the older visit; the household
 * still shows its latest). The screen's row shows the latest visit: moving its day EARLIER can only correct
 * it (a visit earlier than the latest is not entered there), and 未排查 withdraws it.
 */
function keepVisit(db: WriteDb, householdId: number, previous: Screening | undefined, draft: Stored, from: VisitSource, nowIso: string): AuditInput[] {
  if (previous && SCREENING_KEYS.every((k) => draft[k] === previous[k])) return [];
  const shownDay = previous && previous.screening_status !== 'unscreened' ? previous.screened_on : null;
  if (draft.screening_status === 'unscreened' || draft.screened_on === null)
    return shownDay !== null && from.source === 'edit' ? deleteVisit(db, householdId, shownDay) : [];
  const audit = from.source === 'edit' && shownDay !== null && draft.screened_on < shownDay ? deleteVisit(db, householdId, shownDay) : [];
  const visit = { visitedOn: draft.screened_on, status: draft.screening_status, visitedBy: draft.screened_by, result: draft.screening_result };
  return [...audit, ...recordVisit(db, { id: householdId, community_id: draft.community_id, grid_id: draft.grid_id }, visit, from, nowIso)];
}

/**
 * Creates or updates a household (same validation as `households.save`). A screening in the save is kept as
 * a visit (`from` says whose: the screen's edit unless an import names its file), and the household's
 * screening columns are set from its latest visit by day, whatever order the visits arrive in.
 */
export function upsertHousehold(
  db: WriteDb,
  f: HouseholdFields,
  nowIso: string,
  today: string,
  sealerOrNull: Sealer | null,
  from: VisitSource = { source: 'edit' },
): WriteResult {
  const day = today;
  // The 户主电话 is kept sealed: reading the previous one and writing needs the sensitive key.
  const sealer = needSealer(sealerOrNull);
  let previous: HouseholdRow | undefined;
  if (f.id !== undefined) {
    previous = householdRow(db, f.id, sealer);
    if (!previous) throw notFound(`住户（编号 ${f.id}）`);
  }
  const draft = normalise(db, f, day, previous);
  if (!previous) {
    previous = householdAt(db, draft, sealer);
    if (previous) Object.assign(draft, normalise(db, f, day, previous));
  } else {
    const clash = db
      .prepare(`SELECT id FROM households WHERE community_id = @community_id AND address_key = @address_key AND id <> @id`)
      .get({ ...draft, id: previous.id });
    if (clash) throw badInput('「住址」与本社区另一户相同，请核对门牌，或在那一户上修改');
  }
  if (previous) {
    const visits = keepVisit(db, previous.id, previous, draft, from, nowIso);
    if (visits.length > 0) Object.assign(draft, screeningOfLatest(db, previous.id));
    if (sameAs(draft, previous)) return { id: previous.id, created: false, audit: visits };
    updateHousehold(db, previous.id, draft, nowIso, sealer);
    // The move's day, so coverage for an earlier day counts the household where it was (071).
    recordMove(db, previous.id, previous, draft, day, nowIso);
    // Residents and cases carry the community and grid for fast lists; keep them in step (visits follow by trigger, 059).
    moveHouseholdMembers(db, previous.id, draft);
    moveCasesOfHousehold(db, previous.id, draft, day, nowIso);
    return {
      id: previous.id,
      created: false,
      audit: [{ entity: 'household', entityId: previous.id, before: forAudit(previous), after: forAudit({ id: previous.id, ...draft }) }, ...visits],
    };
  }
  const id = insertHousehold(db, draft, nowIso, sealer);
  const visits = keepVisit(db, id, undefined, draft, from, nowIso);
  return { id, created: true, audit: [{ entity: 'household', entityId: id, before: null, after: forAudit({ id, ...draft }) }, ...visits] };
}
