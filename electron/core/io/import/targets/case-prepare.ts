/**
 * The preview's share of a cases import (the returnee sheet: a new resident and a case per row). The
 * residents a cases import registers are prepared as the residents import prepares its new rows
 * (resident-prepare.ts: the numbers sealed, masked and indexed, the ID number's index the one the
 * preview's lookup computed, and the row MAC over the ids the commit will give them), and each case is
 * opened on the resident the preview found, without looking the person up again at commit.
 *
 * Only when no row's match can depend on a row written earlier in the same commit: each person in the
 * file once, as the preview found them (no two rows on the same resident of the ledger; no two new
 * persons with the same identity; no row without an ID number whose name and phone another row also
 * gives, since the resident that row registers would answer it). Otherwise nothing is prepared, and the
 * commit looks every row up again, in order, as before (apply.ts, `matchesIndependentOfEarlierRows:
 * 'whenPrepared'`). The commit uses what is prepared only while the ledger's stamp is the preview's and
 * the same sealer is open; a planned MAC only for the ids it was computed over (residents.repo.ts).
 *
 * Each case's row MAC (case-binding.ts) is planned too, as the residents' are: over the id the commit will give
 * it (max(id) + 1, counted in the commit's order), the resident planned, its category and the days it opens on,
 * the preview's today for a row without 开始日期. Computed in the commit among its INSERTs, the 100,000 MACs
 * cost about 2.5 times what they cost in a loop of their own (io/import/README.md, session 14). The commit
 * stores a planned MAC only when the case got that id and those values (cases.repo.ts insertCase), so a
 * commit after midnight, or one whose ids moved, computes it as without a preview.
 */
import { isObservation } from '../../../caseload/codes.shared';
import { caseMac } from '../../../caseload/case-binding';
import type { PlannedCaseMac } from '../../../caseload/cases.repo';
import type { Sealer } from '../../../db/sealer';
import type { ReadDb } from '../../../db/types';
import { newResidentOf, type CaseRecord } from './case-record';
import { personKey, type PersonLookup } from './person';
import { prepareResidents, type PreparedResident, type ResidentToPrepare } from './resident-prepare';
import type { PreparedFor, PreparedRows } from './types';

export interface PreparedCase {
  /** The ledger's resident the preview found for the row; null: the row registers its resident (`resident`). */
  residentId: number | null;
  resident: PreparedResident | undefined;
  /** The case's planned id and the day it opens on (what its MAC binds beside the resident and category). */
  caseId: number;
  openedOn: string;
  /** Its MAC, at `caseId`'s place in one buffer for the whole file (a Buffer per row held ≈ 100 bytes more each). */
  caseMacs: CaseMacs;
}

/** The planned case MACs of a file, one after another from its first planned id. */
interface CaseMacs {
  firstId: number;
  bytes: Buffer;
}

/** Bytes of a case's MAC (the sealer's keyed index: db/sealer.ts). */
const CASE_MAC_BYTES = 16;

/** The day a row's case opens on, and its observation's first day, as openCase stores them for this row (case-record.ts openFieldsOf). */
const openedOnFor = (r: CaseRecord, today: string): string => r.startOn ?? today;
const obsStartFor = (r: CaseRecord, openedOn: string): string | null => (isObservation(r.category) ? openedOn : null);

/** The MAC the preview planned for the row's case, with what it was computed over, for cases.repo.ts insertCase to check. */
export function plannedCaseMac(p: PreparedCase, r: CaseRecord): PlannedCaseMac | undefined {
  const residentId = p.residentId ?? p.resident?.id;
  if (residentId === undefined) return undefined;
  const at = (p.caseId - p.caseMacs.firstId) * CASE_MAC_BYTES;
  return {
    id: p.caseId,
    resident_id: residentId,
    category: r.category,
    opened_on: p.openedOn,
    obs_start_on: obsStartFor(r, p.openedOn),
    mac: p.caseMacs.bytes.subarray(at, at + CASE_MAC_BYTES),
  };
}

interface Resolved {
  sealer: Sealer;
  residentId: number | null;
  index: Buffer | undefined;
}

/** Whom the preview's matcher found for each record (cases.ts), under the sealer it used; read once by prepareCases. */
const resolved = new WeakMap<object, Resolved>();

export function rememberResolved(record: object, sealer: Sealer | null, found: PersonLookup): void {
  if (sealer !== null && found.ok) resolved.set(record, { sealer, residentId: found.resident?.id ?? null, index: found.index });
}

/** Whom each row is about, or null when a row's match could depend on an earlier row (see the module comment). */
function eachPersonOnce(records: readonly CaseRecord[], sealer: Sealer): Resolved[] | null {
  const out: Resolved[] = [];
  const residents = new Set<number>();
  // New persons by their ID number as read (no key string made per row: these sets live through the whole pass, so
  // what they hold is promoted to the old generation), and by name and phone when the row gives no ID number.
  const newIdNumbers = new Set<string>();
  const newOthers = new Set<string>();
  const namePhone = (r: CaseRecord): string | null => (r.phone ? `${r.name}|${r.phone}` : null);
  // Only a row without an ID number can be answered by another row's name and phone: only theirs are counted.
  const namePhones = new Map<string, number>();
  for (const r of records) {
    const np = r.idNumber ? null : namePhone(r);
    if (np !== null) namePhones.set(np, 0);
  }
  let once = true;
  // Every record's entry is taken, also after the answer is known: none is kept beside the staged plan.
  for (const r of records) {
    const found = resolved.get(r);
    resolved.delete(r);
    if (!once) continue;
    if (found === undefined || found.sealer !== sealer) once = false;
    else if (found.residentId !== null) {
      if (residents.has(found.residentId)) once = false;
      residents.add(found.residentId);
    } else {
      const [seen, key] = r.idNumber ? [newIdNumbers, r.idNumber] : [newOthers, personKey(r)];
      if (seen.has(key)) once = false;
      seen.add(key);
    }
    const np = namePhones.size > 0 ? namePhone(r) : null;
    const count = np === null ? undefined : namePhones.get(np);
    if (count !== undefined) namePhones.set(np!, count + 1);
    if (found !== undefined) out.push(found);
  }
  for (const count of namePhones.values()) if (count > 1) once = false;
  return once ? out : null;
}

/**
 * The residents the commit registers, in its order (one per such row): their ids and households are planned in that
 * order. Made one at a time as prepareResidents reads them, so each dies young: an array of them lived through the
 * whole preparation and was promoted to the old generation (≈ 40 MB the heap grew by per 100,000 rows, never collected
 * before the commit's end: io/import/README.md, session 11).
 */
function* residentsToRegister(decisions: readonly PreparedFor<CaseRecord>[], whom: readonly Resolved[]): Generator<ResidentToPrepare> {
  for (let i = 0; i < decisions.length; i++) {
    const d = decisions[i]!;
    const communityId = d.record.communityId;
    if (!d.inserts || whom[i]!.residentId !== null || communityId === null) continue;
    // The index found under this sealer (eachPersonOnce), handed on with the row rather than through a WeakMap entry per row.
    yield { record: newResidentOf(d.record, communityId), inserts: true, updates: false, idIndex: whom[i]!.index };
  }
}

/** See the module comment. Without a sealer (a viewer) nothing is prepared: the commit refuses them anyway. `today`: the preview's. */
export function prepareCases(
  db: ReadDb,
  sealer: Sealer | null,
  decisions: readonly PreparedFor<CaseRecord>[],
  today: string,
): PreparedRows<PreparedCase> | undefined {
  if (sealer === null) return undefined;
  const whom = eachPersonOnce(
    decisions.map((d) => d.record),
    sealer,
  );
  if (whom === null) return undefined;
  const residents = prepareResidents(db, sealer, residentsToRegister(decisions, whom));
  if (residents === undefined) return undefined;
  let next = 0;
  // The commit opens a case for every row it inserts, in order, counting on from max(id) + 1 (cases.ts NEXT_CASE_ID).
  const firstId = (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM cases`).get() as { id: number }).id;
  const caseMacs: CaseMacs = { firstId, bytes: Buffer.alloc(CASE_MAC_BYTES * decisions.filter((d) => d.inserts).length) };
  let caseId = firstId;
  const rows = decisions.map((d, i): PreparedCase | undefined => {
    if (!d.inserts) return undefined;
    const r = d.record;
    const residentId = whom[i]!.residentId;
    const resident = residentId === null && r.communityId !== null ? residents.rows[next++] : undefined;
    const openedOn = openedOnFor(r, today);
    const id = caseId++;
    const bound = residentId ?? resident?.id;
    if (bound !== undefined) {
      const mac = caseMac(sealer, id, { resident_id: bound, category: r.category, opened_on: openedOn, obs_start_on: obsStartFor(r, openedOn) });
      if (mac.length !== CASE_MAC_BYTES) throw new Error(`a case MAC of ${mac.length} bytes`);
      caseMacs.bytes.set(mac, (id - firstId) * CASE_MAC_BYTES);
    }
    return { residentId, resident, caseId: id, openedOn, caseMacs };
  });
  return { sealer, rows, wipe: wipeBoth(residents.wipe, caseMacs.bytes) };
}

/**
 * The residents' own wipe and the case MACs', made out here: a closure made inside prepareCases would keep its scope
 * (whom each row is about, the residents planned, their ID numbers' indexes) alive as long as the staged plan.
 */
function wipeBoth(residents: () => void, caseMacs: Buffer): () => void {
  return () => {
    residents();
    caseMacs.fill(0);
  };
}
