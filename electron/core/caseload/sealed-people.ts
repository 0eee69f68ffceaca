/**
 * How residents' and households' personal numbers are kept (migration 019,
 * issue 19 item 2): the full ID number, phone and birth date sealed with the
 * sensitive key (db/sealer.ts), beside what a viewer may read in clear (the
 * masks, the birth year) and the keyed indexes clerks search and match by.
 * Every write and read of those columns goes through this module, so each
 * purpose string is spelt once.
 */
import type { Sealer } from '../db/sealer';
import type { ReadDb } from '../db/types';
import { requireBound, rowMac, type RowBinding } from '../db/row-binding';
import type { SealedColumn } from '../keys/sealed-columns';
import { AppError } from '../errors';
import { maskIdNumber, maskPhone } from '../people/id-number';

/** The purposes (AAD and index keys) of the sealed columns. */
export const SEALED = {
  idNumber: 'residents.id_number',
  phone: 'residents.phone',
  birthDate: 'residents.birth_date',
  householdPhone: 'households.phone',
} as const;

/** The whole ID number's keyed index (one ID number, one person: UNIQUE) has a purpose of its own. */
export const ID_NUMBER_INDEX = 'residents.id_number.index';

/** Last-digit searches look up the last four characters through their own keyed index. */
export const TAIL_CHARS = 4;
export const tailPurpose = (purpose: string): string => `${purpose}.tail4`;
export const tailOf = (value: string): string | null => (value.length < TAIL_CHARS ? null : value.slice(-TAIL_CHARS));
const tailIndex = (sealer: Sealer, purpose: string, value: string | null): Buffer | null => {
  const tail = value === null ? null : tailOf(value);
  return tail === null ? null : sealer.index(tailPurpose(purpose), tail);
};

/** A session that has to store or open a full number without the sensitive key (a viewer) is refused, in Chinese. */
export function needSealer(sealer: Sealer | null): Sealer {
  if (sealer === null) throw new AppError('FORBIDDEN', '当前账号没有查看或登记完整身份证号、电话号码的权限（只读查看账号不能修改这些内容）。');
  return sealer;
}

/** The clear values a resident has (as the write functions handle them). */
export interface ResidentNumbers {
  id_number: string | null;
  phone: string | null;
  birth_date: string | null;
}

/** The caseload's lines of the sealed-column registry (sealed-columns.ts), which key rotation re-seals. */
export const CASELOAD_SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'residents',
    column: 'id_number_sealed',
    purpose: SEALED.idNumber,
    shownBy: { column: 'id_number_masked', legacy: 'id_number' },
    indexes: [
      { column: 'id_number_index', purpose: ID_NUMBER_INDEX, of: (plain) => plain },
      { column: 'id_number_tail_index', purpose: tailPurpose(SEALED.idNumber), of: tailOf },
    ],
  },
  {
    table: 'residents',
    column: 'phone_sealed',
    purpose: SEALED.phone,
    shownBy: { column: 'phone_masked', legacy: 'phone' },
    indexes: [{ column: 'phone_tail_index', purpose: tailPurpose(SEALED.phone), of: tailOf }],
  },
  { table: 'residents', column: 'birth_date_sealed', purpose: SEALED.birthDate, shownBy: { column: 'birth_year', legacy: 'birth_date' }, indexes: [] },
  { table: 'households', column: 'phone_sealed', purpose: SEALED.householdPhone, shownBy: { column: 'phone_masked', legacy: 'phone' }, indexes: [] },
];

/**
 * The rows bound to what they hold (db/row-binding.ts): a resident's id, household, name and sealed numbers; a
 * household's id, address and head with the 户主电话. Community and grid are left out: they follow the household
 * (residents.repo.ts moveHouseholdMembers) and say nothing about whose number it is.
 */
export const RESIDENT_BINDING: RowBinding = {
  table: 'residents',
  label: '居民',
  columns: ['household_id', 'name', 'id_number_sealed', 'phone_sealed', 'birth_date_sealed'],
  sealed: ['id_number_sealed', 'phone_sealed', 'birth_date_sealed'],
};
export const HOUSEHOLD_BINDING: RowBinding = {
  table: 'households',
  label: '住户',
  columns: ['address_key', 'head_name', 'phone_sealed'],
  sealed: ['phone_sealed'],
};

/** A resident's row MAC from what its writer stores (residents.repo.ts), in RESIDENT_BINDING's order. */
export function residentMac(sealer: Sealer, id: number, r: { household_id: number | null; name: string }, s: SealedResidentNumbers): Buffer {
  return rowMac(sealer, RESIDENT_BINDING, id, [r.household_id, r.name, s.id_number_sealed, s.phone_sealed, s.birth_date_sealed]);
}

/** What is stored for them: the statement parameters of residents.repo.ts. */
export interface SealedResidentNumbers {
  id_number_sealed: Buffer | null;
  id_number_masked: string | null;
  id_number_index: Buffer | null;
  id_number_tail_index: Buffer | null;
  phone_sealed: Buffer | null;
  phone_masked: string | null;
  phone_tail_index: Buffer | null;
  birth_date_sealed: Buffer | null;
  birth_year: number | null;
}

const maskedOrNull = (masked: string): string | null => (masked === '' ? null : masked);
export const birthYearOf = (birthDate: string | null): number | null => (birthDate && /^\d{4}-/.test(birthDate) ? Number(birthDate.slice(0, 4)) : null);

/** `idIndex`: the ID number's index when the caller has it already (the import's matching computed it), under this sealer. */
export function sealResidentNumbers(sealer: Sealer, r: ResidentNumbers, idIndex?: Buffer): SealedResidentNumbers {
  return {
    id_number_sealed: sealer.sealOptional(SEALED.idNumber, r.id_number),
    id_number_masked: maskedOrNull(maskIdNumber(r.id_number)),
    id_number_index: r.id_number ? (idIndex ?? idNumberIndex(sealer, r.id_number)) : null,
    id_number_tail_index: tailIndex(sealer, SEALED.idNumber, r.id_number),
    phone_sealed: sealer.sealOptional(SEALED.phone, r.phone),
    phone_masked: maskedOrNull(maskPhone(r.phone)),
    phone_tail_index: tailIndex(sealer, SEALED.phone, r.phone),
    birth_date_sealed: sealer.sealOptional(SEALED.birthDate, r.birth_date),
    birth_year: birthYearOf(r.birth_date),
  };
}

/** The sealed columns as a row read them, named as stored. */
export interface StoredResidentNumbers {
  id_number_sealed: Buffer | null;
  phone_sealed: Buffer | null;
  birth_date_sealed: Buffer | null;
}

/** Opens a resident's numbers once the row is found as its writer left it (db/row-binding.ts): nothing swapped in from another row is opened. */
export function openResidentNumbers(db: ReadDb, sealer: Sealer, id: number, s: StoredResidentNumbers): ResidentNumbers {
  requireBound(db, sealer, RESIDENT_BINDING, id);
  return {
    id_number: sealer.openOptional(SEALED.idNumber, s.id_number_sealed),
    phone: sealer.openOptional(SEALED.phone, s.phone_sealed),
    birth_date: sealer.openOptional(SEALED.birthDate, s.birth_date_sealed),
  };
}

/** The index an ID number is found by (residents_by_id_number_index, UNIQUE). */
export function idNumberIndex(sealer: Sealer, idNumber: string): Buffer {
  return sealer.index(ID_NUMBER_INDEX, idNumber);
}

export function sealHouseholdPhone(sealer: Sealer | null, phone: string | null): { phone_sealed: Buffer | null; phone_masked: string | null } {
  if (phone === null) return { phone_sealed: null, phone_masked: null };
  return { phone_sealed: needSealer(sealer).seal(SEALED.householdPhone, phone), phone_masked: maskedOrNull(maskPhone(phone)) };
}

/**
 * What a clerk's or coordinator's screen shows as the birth date: the whole
 * date opened, once the resident's row is found as written (a birth date
 * swapped in from another row is refused, db/row-binding.ts); a viewer's (no
 * key) the year alone. Lists pass no sealer: they open and check nothing.
 */
export function birthDateFor(db: ReadDb, sealer: Sealer | null, r: { residentId: number; sealed: Buffer | null; year: number | null }): string | null {
  if (sealer && r.sealed) {
    requireBound(db, sealer, RESIDENT_BINDING, r.residentId);
    return sealer.open(SEALED.birthDate, r.sealed);
  }
  return r.year === null ? null : String(r.year);
}
