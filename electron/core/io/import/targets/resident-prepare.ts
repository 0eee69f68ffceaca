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

/**
 * The row's household as planned: none (no address); in the ledger at preview (`householdId`; the commit
 * may add care tasks); `adds`: the first row of a new address, whose household the commit adds and
 * expects to get `householdId`; `joins`: a later row of such an address; `lookup`: an address an update
 * earlier in the file adds, found in the commit's cache.
 */
export type HouseholdPlan = 'none' | 'ledger' | 'adds' | 'joins' | 'lookup';

export interface PreparedResident {
  /** The resident's planned id and household, and its name: what the row MAC was computed over. */
  id: number;
  householdId: number | null;
  name: string;
  /** How the commit finds the row's household (see HouseholdPlan). */
  household: HouseholdPlan;
  addressKey: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  birthYear: number | null;
  /** The sealed values, keyed indexes and row MAC, in one buffer (`pack`). */
  packed: Buffer;
}

/** The binary columns a row stores, in the order packed, then the row MAC. */
const PACKED = ['id_number_sealed', 'id_number_index', 'id_number_tail_index', 'phone_sealed', 'phone_tail_index', 'birth_date_sealed'] as const;
const ABSENT = 0xffff;
const HEADER_BYTES = 2 * (PACKED.length + 1);

/** Bytes of the slabs prepared rows are packed into (PackedSlabs). */
const SLAB_BYTES = 256 * 1024;

/**
 * Where the prepared rows' packed bytes go: slabs of their own, filled one row after another. From Node's shared
 * pool (Buffer.allocUnsafe) each row's bytes kept alive the whole 8 KB chunk they were cut from, and with them the
 * sealed values, indexes and MACs cut from it while the row was prepared and dropped since: about 600 bytes held
 * per row for 260 used, 35 MB per 100,000 rows until the commit.
 */
export class PackedSlabs {
  private slab: Buffer = Buffer.alloc(0);
  private used = 0;
  /** Every slab handed out from, so the wipe zeroes a few slabs rather than each row's bytes (100,000 fills). */
  private readonly made: Buffer[] = [];

  /** `size` bytes, not zeroed: the caller writes every one. */
  take(size: number): Buffer {
    if (this.used + size > this.slab.length) {
      this.slab = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, size));
      this.made.push(this.slab);
      this.used = 0;
    }
    this.used += size;
    return this.slab.subarray(this.used - size, this.used);
  }

  /** Zeroes every slab, so every row's packed bytes and the unused rest alike. */
  wipe(): void {
    for (const slab of this.made) slab.fill(0);
  }
}

/**
 * A row's binary values in one buffer, each length first (2 bytes, ABSENT for null): 100,000 prepared rows
 * held seven buffers each, 700,000 objects for the collector to move and to wipe one by one.
 */
function pack(s: SealedResidentNumbers, mac: Buffer, slabs: PackedSlabs): Buffer {
  const parts: (Buffer | null)[] = [];
  for (const k of PACKED) parts.push(s[k]);
  parts.push(mac);
  let size = HEADER_BYTES;
  for (const b of parts) size += b?.length ?? 0;
  const out = slabs.take(size);
  let at = HEADER_BYTES;
  // Lengths big-endian by hand and the bytes by TypedArray set: Buffer's writeUInt16BE and copy check their arguments in JavaScript.
  for (let i = 0; i < parts.length; i++) {
    const b = parts[i]!;
    const length = b === null ? ABSENT : b.length;
    out[2 * i] = length >> 8;
    out[2 * i + 1] = length & 0xff;
    if (b !== null) {
      out.set(b, at);
      at += b.length;
    }
  }
  return out;
}

/** What the commit stores for a prepared row: its sealed numbers as sealResidentNumbers gives them, and the planned MAC. */
export function unpackPrepared(p: PreparedResident): { sealed: SealedResidentNumbers; planned: PlannedRowMac } {
  let at = HEADER_BYTES;
  const next = (i: number): Buffer | null => {
    const length = p.packed.readUInt16BE(2 * i);
    if (length === ABSENT) return null;
    at += length;
    return p.packed.subarray(at - length, at);
  };
  // In PACKED's order, then the MAC.
  const idSealed = next(0);
  const idIndex = next(1);
  const idTail = next(2);
  const phoneSealed = next(3);
  const phoneTail = next(4);
  const birthSealed = next(5);
  const mac = next(6);
  if (mac === null) throw new Error('a prepared row has no MAC');
  return {
    sealed: {
      id_number_sealed: idSealed,
      id_number_masked: p.idNumberMasked,
      id_number_index: idIndex,
      id_number_tail_index: idTail,
      phone_sealed: phoneSealed,
      phone_masked: p.phoneMasked,
      phone_tail_index: phoneTail,
      birth_date_sealed: birthSealed,
      birth_year: p.birthYear,
    },
    planned: { id: p.id, householdId: p.householdId, name: p.name, mac },
  };
}

/**
 * The ID number's index a lookup computed for a record, under the sealer it used, taken once by the next step
 * that needs it so it is not computed twice: the residents matcher's for `prepareResidents`; the cases ledger
 * check's for the cases matcher (person.ts residentFinder), whose own goes on to `prepareCases`.
 */
const matchedIndexes = new WeakMap<object, { sealer: Sealer; index: Buffer }>();

export function rememberMatchedIndex(record: object, sealer: Sealer, index: Buffer): void {
  matchedIndexes.set(record, { sealer, index });
}

export function takeMatchedIndex(record: object, sealer: Sealer): Buffer | undefined {
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

/** A row to prepare; `idIndex`: its ID number's index under the same sealer, when the caller has it in hand (case-prepare.ts). */
export type ResidentToPrepare = PreparedFor<NewResident> & { idIndex?: Buffer | undefined };

/** See the module comment. Without a sealer (a viewer) nothing is prepared: the commit refuses them anyway. */
export function prepareResidents(db: ReadDb, sealer: Sealer | null, rows: Iterable<ResidentToPrepare>): PreparedRows<PreparedResident> | undefined {
  if (sealer === null) return undefined;
  let residentId = nextId(db, 'residents');
  let householdId = nextId(db, 'households');
  const households = householdsOf(db);
  /** Households the commit will add, by community and key, and whether a new row adds it (else an update). */
  const added = new Map<string, { id: number; byInsert: boolean }>();
  /** The household of an address as the commit will find it: in the ledger, added earlier in the commit, or added now. */
  const household = (r: NewResident, key: string, byInsert: boolean): { id: number; plan: HouseholdPlan } => {
    const inLedger = households(r.communityId).get(key);
    if (inLedger !== undefined) return { id: inLedger, plan: 'ledger' };
    const addedKey = `${r.communityId}|${key}`;
    const known = added.get(addedKey);
    if (known !== undefined) return { id: known.id, plan: known.byInsert ? 'joins' : 'lookup' };
    added.set(addedKey, { id: householdId, byInsert });
    return { id: householdId++, plan: 'adds' };
  };
  const out: (PreparedResident | undefined)[] = [];
  const slabs = new PackedSlabs();
  for (const { record: r, inserts, updates, idIndex: given } of rows) {
    const idIndex = given ?? takeMatchedIndex(r, sealer);
    const key = inserts || updates ? addressKeyIfAny(r) : null;
    if (!inserts) {
      // An update may add its address's household (write-queries upsertHousehold): the ids after it move on.
      if (updates && key !== null) household(r, key, false);
      out.push(undefined);
      continue;
    }
    const h = key === null ? null : household(r, key, true);
    const check = r.idNumber ? checkIdNumber(r.idNumber) : null;
    const birthDate = check?.ok ? check.birthDate : null;
    const sealed = sealResidentNumbers(sealer, { id_number: r.idNumber, phone: r.phone, birth_date: birthDate }, idIndex);
    const id = residentId++;
    const householdOf = h?.id ?? null;
    out.push({
      id,
      householdId: householdOf,
      name: r.name,
      household: h?.plan ?? 'none',
      addressKey: key,
      sex: check?.ok ? check.sex : null,
      birthDate,
      idNumberMasked: sealed.id_number_masked,
      phoneMasked: sealed.phone_masked,
      birthYear: sealed.birth_year,
      packed: pack(sealed, residentMac(sealer, id, { household_id: householdOf, name: r.name }, sealed), slabs),
    });
  }
  return preparedRows(sealer, out, slabs);
}

/**
 * The prepared rows with their wipe, made out here: a closure made inside prepareResidents would share its scope
 * with the planning's closures and keep, as long as the staged plan, the ledger's households and the planned
 * addresses read for it (about 40 MB per 100,000 rows at the bench's peak).
 */
function preparedRows(sealer: Sealer, out: readonly (PreparedResident | undefined)[], slabs: PackedSlabs): PreparedRows<PreparedResident> {
  return {
    sealer,
    rows: out,
    // Every row's packed bytes are in these slabs (pack): zeroed slab by slab, a few hundred KB each.
    wipe: () => slabs.wipe(),
  };
}
