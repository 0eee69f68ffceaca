/**
 * The preview's share of a residents import (issue 14 §6): for every row the
 * commit will create, what the commit would otherwise compute inside the
 * ledger's lock. The numbers sealed, masked and indexed (sealResidentNumbers;
 * the ID number's index is the one the preview's matching computed), the sex
 * and birth date, the address key and whether its household is in the ledger,
 * and the row MAC (db/row-binding.ts) over the ids the commit will give the
 * resident and its household, planned as their writers choose them (max(id) + 1,
 * in the order the commit inserts).
 *
 * The commit uses this only while the ledger's stamp is the preview's and the
 * same sealer is open (apply.ts), and a row's MAC only when the ids it got are
 * the planned ones (residents.repo.ts insertSealedResident); anything else is
 * computed as without a preview. The sealed values are in the same format, with
 * the same purposes, as the commit would seal them; they live as long as the
 * staged plan (wiped by staging.ts dropStaged).
 */
import { addressKeyIfAny } from '../../../caseload/address';
import type { PlannedRowMac } from '../../../caseload/residents.repo';
import { residentMac, sealResidentNumbers, type SealedResidentNumbers } from '../../../caseload/sealed-people';
import type { Sealer } from '../../../db/sealer';
import type { ReadDb } from '../../../db/types';
import { checkIdNumber } from '../../../people/id-number';
import type { NewResident, PreparedFor, PreparedRows } from './types';

export interface PreparedResident extends PlannedRowMac {
  /** The household was in the ledger at preview (the commit then looks nothing up; it may add care tasks). */
  householdExisted: boolean;
  addressKey: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  sealed: SealedResidentNumbers;
  mac: Buffer;
}

/**
 * The ID number's index the preview's matching computed for a record, under the sealer it used
 * (residents.ts matcher), taken once by `prepareResidents` so it is not computed twice.
 */
const matchedIndexes = new WeakMap<object, { sealer: Sealer; index: Buffer }>();

export function rememberMatchedIndex(record: object, sealer: Sealer, index: Buffer): void {
  matchedIndexes.set(record, { sealer, index });
}

function takeMatchedIndex(record: object, sealer: Sealer): Buffer | undefined {
  const known = matchedIndexes.get(record);
  matchedIndexes.delete(record);
  return known?.sealer === sealer ? known.index : undefined;
}

const nextId = (db: ReadDb, table: 'residents' | 'households'): number =>
  (db.prepare(`SELECT coalesce(max(id), 0) + 1 AS id FROM ${table}`).get() as { id: number }).id;

/** The households of the ledger by community and address key, read once per community. */
function householdsOf(db: ReadDb): (communityId: number) => Map<string, number> {
  const read = db.prepare(`SELECT id, address_key FROM households WHERE community_id = ?`);
  const byCommunity = new Map<number, Map<string, number>>();
  return (communityId) => {
    let known = byCommunity.get(communityId);
    if (known === undefined) {
      known = new Map((read.all(communityId) as { id: number; address_key: string }[]).map((h) => [h.address_key, h.id]));
      byCommunity.set(communityId, known);
    }
    return known;
  };
}

const wipeSealed = (p: PreparedResident): void => {
  for (const v of Object.values(p.sealed)) if (Buffer.isBuffer(v)) v.fill(0);
  p.mac.fill(0);
};

/** See the module comment. Without a sealer (a viewer) nothing is prepared: the commit refuses them anyway. */
export function prepareResidents(db: ReadDb, sealer: Sealer | null, rows: readonly PreparedFor<NewResident>[]): PreparedRows<PreparedResident> | undefined {
  if (sealer === null) return undefined;
  let residentId = nextId(db, 'residents');
  let householdId = nextId(db, 'households');
  const households = householdsOf(db);
  /** Households the commit will add, by community and key. */
  const added = new Map<string, number>();
  /** The household of an address as the commit will find it: in the ledger, added earlier in the commit, or added now. */
  const household = (r: NewResident, key: string): { id: number; existed: boolean } => {
    const inLedger = households(r.communityId).get(key);
    if (inLedger !== undefined) return { id: inLedger, existed: true };
    const addedKey = `${r.communityId}|${key}`;
    let id = added.get(addedKey);
    if (id === undefined) added.set(addedKey, (id = householdId++));
    return { id, existed: false };
  };
  const out: (PreparedResident | undefined)[] = [];
  for (const { record: r, inserts, updates } of rows) {
    const idIndex = takeMatchedIndex(r, sealer);
    const key = inserts || updates ? addressKeyIfAny(r) : null;
    if (!inserts) {
      // An update may add its address's household (write-queries upsertHousehold): the ids after it move on.
      if (updates && key !== null) household(r, key);
      out.push(undefined);
      continue;
    }
    const h = key === null ? null : household(r, key);
    const check = r.idNumber ? checkIdNumber(r.idNumber) : null;
    const birthDate = check?.ok ? check.birthDate : null;
    const sealed = sealResidentNumbers(sealer, { id_number: r.idNumber, phone: r.phone, birth_date: birthDate }, idIndex);
    const id = residentId++;
    const householdOf = h?.id ?? null;
    out.push({
      id,
      householdId: householdOf,
      name: r.name,
      householdExisted: h?.existed ?? false,
      addressKey: key,
      sex: check?.ok ? check.sex : null,
      birthDate,
      sealed,
      mac: residentMac(sealer, id, { household_id: householdOf, name: r.name }, sealed),
    });
  }
  return {
    sealer,
    rows: out,
    wipe() {
      for (const p of out) if (p) wipeSealed(p);
    },
  };
}
