/** A cell as read from a file, before any field gives it meaning. */
export type Cell = string | number | boolean | null | CellProblem;

/** A cell that holds no usable value: a formula without its result, an error value, an oversized text. */
export interface CellProblem {
  problem: string;
  /** What to show in the rejected-rows workbook. */
  shown: string;
}

export interface SourceRow {
  /** 1-based row number as the community sees it in Excel (or the CSV line's record number). */
  rowNumber: number;
  cells: Cell[];
}

/** Excel's own limit for one cell; anything longer is not a registration form's content. */
export const MAX_CELL_CHARS = 32_767;

/**
 * The most text a file's refused rows may carry, as written, into the preview, the ledger (import_rejected_rows, for
 * 保存退回表格) and the window: thirty million characters, twice a 100,000-row form of 14 columns sent back whole. An
 * .xlsx cell names a shared string by number, so a 17 KB file of 1,000 rows naming one 32,000-character string made a
 * 160 MB preview and 2 GB of ledger and log at the commit (attack run 29, S43-A4).
 */
export const MAX_SENT_BACK_CHARS = 30_000_000;

export const isProblem = (c: Cell): c is CellProblem => typeof c === 'object' && c !== null;

export function cellText(c: Cell): string {
  if (c === null) return '';
  if (isProblem(c)) return c.shown;
  return typeof c === 'string' ? c : String(c);
}

export function checkedText(s: string): Cell {
  if (s.length > MAX_CELL_CHARS) {
    return { problem: `单元格内容有 ${s.length} 个字，超过 Excel 单元格上限 ${MAX_CELL_CHARS}，不像登记表的内容`, shown: `${s.slice(0, 200)}…（已截断）` };
  }
  if (s.includes('\uFFFD') || !wellFormed(s)) return { problem: UNREADABLE_BYTES, shown: s };
  return s;
}

/**
 * U+FFFD, or half a surrogate pair: what a decoder gives for bytes that are no character (a GBK file read with a byte
 * cut or from another code page, GB18030's unassigned codes: read-csv.ts unassignedAsFffd). Refused in the cell, before
 * any clean-up: a name 「张�」 was imported as it stood, and a lone surrogate was dropped with the rest of a name by
 * invisible.shared.ts, the row coming in with no error (S41-A3). No regular expression: this runs on every cell of a
 * 100,000-row file (xlsx-cells-by-position counts them); `includes` and V8's own `isWellFormed` (ES2024, in Node 20;
 * the project's lib is ES2023, hence the cast) are native scans.
 */
const wellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();
export const UNREADABLE_BYTES = '有无法识别的字节（显示为 �）：文件的编码可能不对，或这一格已损坏；请在 WPS 或 Excel 里改正这一格，另存后再导入';

export const isBlankRow = (cells: readonly Cell[]): boolean => cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/**
 * The widest row read from any source: rows are padded to their last cell, so one value at XFD (column 16,384) on
 * each of a million rows cost minutes of the core's time from a file of a few kilobytes (fourth attack run), and a
 * CSV or pasted row of a million cells held the core half a minute from 2 MB (eighth attack run).
 */
export const MAX_COLUMNS = 1024;

/** Where a row's values end: its length without the empty cells after its last value. */
export function valuesEnd(cells: readonly string[]): number {
  let end = cells.length;
  while (end > 0 && cells[end - 1]!.trim() === '') end--;
  return end;
}

/** A merged range of a sheet: rows 1-based as Excel shows them, columns 0-based as in SourceRow.cells. */
export interface MergeRange {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** More merged ranges than a registration form could have (one per person and column of 5,000 rows × 20): a crafted file. */
export const MAX_MERGES = 100_000;
