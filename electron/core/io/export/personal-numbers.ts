/**
 * The one door through which anything leaving the office reads ID numbers
 * and phones. Residents' numbers are sealed under the sensitive key
 * (migration 019): a form opens them with the coordinator's sealer
 * (forms/types.ts residentNumbers) and they are masked here when the form's
 * policy says so. Full numbers need a coordinator's session.
 */
import { AppError } from '../../errors';
import { maskIdNumber, maskPhone } from '../../people/id-number';
import type { Role } from '../../contract';
import type { ReadDb } from '../../db/types';
import type { FormColumn, FormRow } from './forms/types';

export interface NumberAccess {
  readonly full: boolean;
  /** The value as it leaves: the full number, or its masked form. */
  read(kind: 'idNumber' | 'phone', stored: string | null): string | null;
}

const mask = (kind: 'idNumber' | 'phone', v: string): string => (kind === 'idNumber' ? maskIdNumber(v) : maskPhone(v));

/** Reads numbers from the ledger for an export by a session of `role`. */
export function numberAccess(_db: ReadDb, role: Role, full: boolean): NumberAccess {
  if (full && role !== 'coordinator') throw new AppError('FORBIDDEN', '只有统筹负责人可以导出完整的身份证号和电话号码。');
  return { full, read: (kind, stored) => (stored === null || stored === '' ? stored : full ? stored : mask(kind, stored)) };
}

/**
 * Numbers that already left an office (a package's data read by the
 * district): kept as they came, or masked again when the district's own form is masked.
 */
export function packageNumbers(full: boolean): NumberAccess {
  return { full, read: (kind, v) => (v === null || v === '' || full ? v : mask(kind, v)) };
}

export function applyNumbers(columns: readonly FormColumn[], row: FormRow, access: NumberAccess): FormRow {
  const out: FormRow = { ...row };
  for (const c of columns) {
    if (c.kind !== 'idNumber' && c.kind !== 'phone') continue;
    const v = out[c.key];
    out[c.key] = access.read(c.kind, typeof v === 'string' ? v : v === null || v === undefined ? null : String(v));
  }
  return out;
}

export const carriesNumbers = (columns: readonly FormColumn[]): boolean => columns.some((c) => c.kind === 'idNumber' || c.kind === 'phone');

/** In the users' words, for the export screen: "姓名", "身份证号（完整号码）", "联系电话（隐去中间位）"… */
export function personalDataOf(columns: readonly FormColumn[], full: boolean): string[] {
  const out: string[] = [];
  for (const c of columns) {
    if (c.kind === 'personal') out.push(c.header);
    else if (c.kind === 'idNumber' || c.kind === 'phone') out.push(full ? `${c.header}（完整号码）` : `${c.header}（隐去中间位）`);
  }
  return out;
}
