/**
 * How the staff register keeps ID numbers and phones (migration 027, issue 19
 * item 2), the same rule as residents' (caseload/sealed-people.ts): the full
 * value sealed with the sensitive key, its mask in clear for viewers, and the
 * whole ID number's keyed index for the duplicate check and the import's match,
 * and the same number under the residents' index purpose, by which the rota
 * finds a member under 居家/医学观察 (staff-queries.ts observationSpans, 073).
 * Every write and read of those columns goes through this module, so each
 * purpose string is spelt once.
 */
import { AppError } from '../errors';
import type { SealedColumn } from '../keys/sealed-columns';
import type { Sealer } from '../db/sealer';
import { requireBound, type RowBinding } from '../db/row-binding';
import type { ReadDb } from '../db/types';
import { maskIdNumber, maskPhone } from '../people/id-number';
import { ID_NUMBER_INDEX, idNumberIndex } from '../caseload/sealed-people';

export const STAFF_SEALED = { idNumber: 'staff.id_number', phone: 'staff.phone' } as const;
/** The whole ID number's keyed index has a purpose of its own. */
export const STAFF_ID_NUMBER_INDEX = 'staff.id_number.index';

/** Storing or opening a full number needs the sensitive key: a viewer's session is refused, in Chinese. */
export function staffSealer(sealer: Sealer | null): Sealer {
  if (sealer === null) throw new AppError('FORBIDDEN', '当前账号不能查看或登记工作人员的完整身份证号和电话号码（只读查看账号只能看到隐去中间位的号码）。');
  return sealer;
}

export interface StaffNumbers {
  idNumber: string | null;
  phone: string | null;
}

/** The statement parameters for the sealed columns (@idNumberSealed…). */
export interface SealedStaffNumbers {
  idNumberSealed: Buffer | null;
  idNumberMasked: string | null;
  idNumberIndex: Buffer | null;
  idNumberResidentIndex: Buffer | null;
  phoneSealed: Buffer | null;
  phoneMasked: string | null;
}

const maskedOrNull = (masked: string): string | null => (masked === '' ? null : masked);

export const staffIdIndex = (sealer: Sealer, idNumber: string): Buffer => sealer.index(STAFF_ID_NUMBER_INDEX, idNumber);

/** Seals a member's numbers; with neither number there is nothing to seal, and no key is needed. */
export function sealStaffNumbers(sealer: Sealer | null, n: StaffNumbers): SealedStaffNumbers {
  if (!n.idNumber && !n.phone)
    return { idNumberSealed: null, idNumberMasked: null, idNumberIndex: null, idNumberResidentIndex: null, phoneSealed: null, phoneMasked: null };
  const s = staffSealer(sealer);
  return {
    idNumberSealed: s.sealOptional(STAFF_SEALED.idNumber, n.idNumber),
    idNumberMasked: maskedOrNull(maskIdNumber(n.idNumber)),
    idNumberIndex: n.idNumber ? staffIdIndex(s, n.idNumber) : null,
    idNumberResidentIndex: n.idNumber ? idNumberIndex(s, n.idNumber) : null,
    phoneSealed: s.sealOptional(STAFF_SEALED.phone, n.phone),
    phoneMasked: maskedOrNull(maskPhone(n.phone)),
  };
}

/** A member's row is bound to its name and numbers (db/row-binding.ts): numbers swapped between two members do not open. */
export const STAFF_BINDING: RowBinding = {
  table: 'staff',
  label: '工作人员',
  columns: ['name', 'id_number_sealed', 'phone_sealed'],
  sealed: ['id_number_sealed', 'phone_sealed'],
};

/** The sealed columns as stored, selected under these names (STAFF_SEALED_SELECT). */
export interface StoredStaffNumbers {
  staffId: number;
  idNumberSealed: Buffer | null;
  phoneSealed: Buffer | null;
}

export const STAFF_SEALED_SELECT = (alias: string): string =>
  `${alias}.id AS staffId, ${alias}.id_number_sealed AS idNumberSealed, ${alias}.phone_sealed AS phoneSealed`;

/** Opens a member's numbers once their row is found as written (a viewer's session opens nothing and checks nothing). */
export function openStaffNumbers(db: ReadDb, sealer: Sealer | null, s: StoredStaffNumbers): StaffNumbers {
  if (!s.idNumberSealed && !s.phoneSealed) return { idNumber: null, phone: null };
  const k = staffSealer(sealer);
  requireBound(db, k, STAFF_BINDING, s.staffId);
  return { idNumber: k.openOptional(STAFF_SEALED.idNumber, s.idNumberSealed), phone: k.openOptional(STAFF_SEALED.phone, s.phoneSealed) };
}

/** The register's lines of the sealed-column registry, which key rotation re-seals. */
export const STAFF_SEALED_COLUMNS: readonly SealedColumn[] = [
  {
    table: 'staff',
    column: 'id_number_sealed',
    purpose: STAFF_SEALED.idNumber,
    shownBy: { column: 'id_number_masked', legacy: 'id_number' },
    indexes: [
      { column: 'id_number_index', purpose: STAFF_ID_NUMBER_INDEX, of: (plain) => plain },
      // The residents' purpose, so a person is matched to the caseload by their whole number (073).
      { column: 'id_number_resident_index', purpose: ID_NUMBER_INDEX, of: (plain) => plain, sameAs: 'residents.id_number_index' },
    ],
  },
  { table: 'staff', column: 'phone_sealed', purpose: STAFF_SEALED.phone, shownBy: { column: 'phone_masked', legacy: 'phone' }, indexes: [] },
];
