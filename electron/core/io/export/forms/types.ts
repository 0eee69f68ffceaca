/**
 * A standard upstream form (上报表格). Each form is one file in this folder
 * and one line in registry.ts: its sheet, Chinese headers, which personal
 * data it carries, and how it reads the ledger for a period.
 */
import type { ReadDb } from '../../../db/types';
import { RESIDENT_BINDING, SEALED } from '../../../caseload/sealed-people';
import { requireBound } from '../../../db/row-binding';
import { CASE_BINDING } from '../../../caseload/case-binding';
import type { Sealer } from '../../../db/sealer';

export interface Period {
  from: string;
  to: string;
  /**
   * The office's day the form is read (the core's clock). A period may end after it (a week's report made on
   * Friday): days from it on have not passed, and no check on them is missed yet. Omitted: the period is over.
   */
  today?: string | undefined;
}

/**
 * How a column is treated on the way out. `idNumber` and `phone` are masked
 * unless the form's recorded policy is full numbers (number-policy.ts);
 * `personal` marks names and addresses so the export screen can say they
 * leave the office.
 */
export type ColumnKind = 'text' | 'number' | 'percent' | 'day' | 'idNumber' | 'phone' | 'personal';

export interface FormColumn {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Width in characters on the printed sheet. */
  width: number;
}

export type CellValue = string | number | null;
export type FormRow = Record<string, CellValue>;

/** The SQL columns a form selects for a resident's sealed ID number and phone (alias `r`), read back by residentNumbers(). */
export const RESIDENT_NUMBER_COLUMNS = `r.id AS residentId, r.id_number_sealed AS idNumberSealed, r.id_number_masked AS idNumberMasked,
  r.phone_sealed AS phoneSealed, r.phone_masked AS phoneMasked`;
export interface ResidentNumberColumns {
  residentId: number;
  idNumberSealed: Buffer | null;
  idNumberMasked: string | null;
  phoneSealed: Buffer | null;
  phoneMasked: string | null;
}
/**
 * A resident's numbers as a form hands them on: opened with the coordinator's sealer (masked on the way out by the
 * form's policy), the stored masks without one. Opened only from a row found as its writer left it (db/row-binding.ts):
 * nothing swapped in from another row is exported or signed.
 */
export function residentNumbers(db: ReadDb, r: ResidentNumberColumns, sealer: Sealer | null): { idNumber: string | null; phone: string | null } {
  if (!sealer) return { idNumber: r.idNumberMasked, phone: r.phoneMasked };
  if (r.idNumberSealed || r.phoneSealed) requireBound(db, sealer, RESIDENT_BINDING, r.residentId);
  return { idNumber: sealer.openOptional(SEALED.idNumber, r.idNumberSealed), phone: sealer.openOptional(SEALED.phone, r.phoneSealed) };
}

/**
 * A resident's numbers listed for one of their cases (the observation roster, the care ledger): with the
 * coordinator's sealer the case is checked first to be that resident's as it was opened (caseload/case-binding.ts),
 * so a case re-pointed at someone else outside the program is not exported or signed with their numbers.
 */
export function caseResidentNumbers(
  db: ReadDb,
  r: ResidentNumberColumns & { caseId: number },
  sealer: Sealer | null,
): { idNumber: string | null; phone: string | null } {
  if (sealer) requireBound(db, sealer, CASE_BINDING, r.caseId);
  return residentNumbers(db, r, sealer);
}

export interface FormDef {
  id: string;
  title: string;
  /** Excel sheet names: at most 31 characters, no []:*?/\ . */
  sheetName: string;
  /** Tables the form reads; the form is left out when any is missing or the first is empty. */
  sourceTables: readonly string[];
  /** The form has something to report once any of these has a row (default: the first source table). */
  dataTables?: readonly string[];
  /**
   * The policy before anyone records one: full ID numbers and phones only
   * where the recipient needs them (the roster, the care ledger, the pay
   * sheet). An office setting, changed per form on the export screen.
   */
  defaultFullNumbers: boolean;
  /** A summary of counts that a district may add up across offices. */
  mergeable: boolean;
  landscape: boolean;
  columns: readonly FormColumn[];
  /**
   * Rows for the period, raw values: masking is applied by the package, in one place.
   * `sealer` opens what is sealed with the sensitive key (exports are coordinators', who hold it); null without it.
   */
  read(db: ReadDb, period: Period, sealer: Sealer | null): FormRow[];
  /**
   * A list of people without a 合计 row: how many people it holds, said beside the period as 「共 …」 and in a
   * template's 合计 row (sayHeadCount). The recipient's first question. The package carries the number, so a district
   * merging several offices adds up people, not rows.
   */
  headCount?: {
    people: (rows: readonly FormRow[], db: ReadDb, period: Period) => number;
    /** What one row is, named where one person can be several rows: 「3 人（4 项关爱）」. */
    rowNoun?: string;
  };
  /** A note printed under the table: how a figure is worked out, and whose rule that is (an office setting, not the notice). */
  footnote?: string;
}

export const col = (key: string, header: string, kind: ColumnKind = 'text', width = 12): FormColumn => ({ key, header, kind, width });

/**
 * Where a listed person lives and who they are: the first columns of every name list. As narrow as their values
 * print whole (an ID number's 18 digits, a phone's 11, a four-character name or grid on one line): the roster's
 * fifteen columns print on A4 landscape at over 90 % (session 25; a long community name wraps within its column).
 */
export const PERSON_COLUMNS: readonly FormColumn[] = [
  col('community', '社区（村）', 'text', 11),
  col('grid', '网格', 'text', 9),
  col('name', '姓名', 'personal', 9),
  col('idNumber', '身份证号', 'idNumber', 19),
  col('phone', '联系电话', 'phone', 12),
];

/** Forms that add up their own rows end with a 合计 row in their first column; templates and merges leave it out and sum themselves. */
export const TOTAL_LABEL = '合计';
export const isTotalRow = (form: FormDef, row: FormRow): boolean => row[form.columns[0]!.key] === TOTAL_LABEL;

/** 「8 人」, or 「3 人（4 项关爱）」 where people and rows differ: never rows as people. */
export function sayHeadCount(form: FormDef, people: number, rows: number): string {
  const noun = form.headCount?.rowNoun;
  return people === rows || !noun ? `${people} 人` : `${people} 人（${rows} ${noun}）`;
}
