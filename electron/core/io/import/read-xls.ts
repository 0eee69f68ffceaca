/**
 * Legacy workbooks: BIFF8 `.xls` (what WPS and old Excel save by default) and
 * a WPS `.et` that holds one. Both are OLE compound files; what is inside
 * decides, never the extension. Before any library parses a cell, the
 * container is looked at (xls-container.ts): macros (a VBA project, an Excel 4
 * macro sheet) and encryption (an OOXML package behind a password, a BIFF
 * FILEPASS record) are refused with a message saying what to do; an OLE file
 * with no workbook stream (a Word document, WPS's own format) is asked to be
 * saved as .xlsx. The cells and sheet names of a BIFF8 stream are then read by
 * biff8-cells.ts, of a BIFF5 one (Excel 95) by @e965/xlsx (SheetJS Community
 * Edition, kept current on npm), into the same rows the other readers give.
 */
import * as XLSX from '@e965/xlsx';
import * as cptable from '@e965/xlsx/dist/cpexcel';
import { AppError, badInput } from '../../errors';
import { checkedText, MAX_MERGES, type Cell, type MergeRange, type SourceRow } from './cells';
import { BIFF8_COLUMNS, FarColumn, isBiff8, readBiff8Sheet } from './biff8-cells';
import { biff8SheetNames, readGlobals, type Globals } from './biff8-globals';
import { Damaged } from './biff8-records';
import { checkContainer, passwordRefusal, readContainer, refusal, workbookStream } from './xls-container';

// What callers and tests name from here: the limits and refusals now kept with the container's checks.
export { checkOleWorkbook, macroRefusal, MAX_BIFF5_CELLS, MAX_XLS_CELLS } from './xls-container';

// Excel 95 (BIFF5) keeps text in the PC's code page (GBK on a Chinese Windows): give the reader the tables.
XLSX.set_cptable(cptable);

function parse(buf: Buffer, fileName: string, opts: XLSX.ParsingOptions): XLSX.WorkBook {
  try {
    return XLSX.read(buf, { type: 'buffer', dense: true, cellFormula: false, cellHTML: false, cellText: false, cellNF: false, cellStyles: false, ...opts });
  } catch (e) {
    if (e instanceof AppError) throw e;
    if (/password/i.test(e instanceof Error ? e.message : '')) throw passwordRefusal(fileName);
    throw refusal(fileName, '里的工作簿数据已损坏，无法读取');
  }
}

/** The sheets' names: a BIFF8 stream's from its BOUNDSHEET records (SheetJS would build the shared strings too), BIFF5's by SheetJS. */
export const xlsSheetNames = (buf: Buffer, fileName: string): string[] => sheetNames(workbookStream(readContainer(buf, fileName)), buf, fileName);

function sheetNames(workbook: Buffer | null, buf: Buffer, fileName: string): string[] {
  const names = workbook && isBiff8(workbook) ? biff8Names(workbook, fileName) : parse(buf, fileName, { bookSheets: true }).SheetNames;
  if (names.length === 0) throw badInput(`「${fileName}」里没有可读取的工作表。`);
  return names;
}

/** A sheet's rows, its merged ranges and (BIFF8) the rows hidden by hand or by a filter, 1-based. */
export type XlsSheet = { rows: SourceRow[]; merges: MergeRange[]; hiddenRows?: readonly number[] };

/** An .xls checked and read once: its sheets in order, whether each is hidden, and any sheet's rows. */
export interface XlsWorkbook {
  sheets: string[];
  hidden: boolean[];
  /** Days counted from 1904-01-01 (DATEMODE 1: a workbook made on a Mac): a date cell's number is 1,462 days less. */
  date1904: boolean;
  read: (sheet: string) => XlsSheet;
}

/**
 * The container, its checks and the workbook globals (BOUNDSHEETs, the whole shared-string table) read once per file:
 * `import.inspect` scores up to 30 sheets for the likeliest one, and each read the workbook again (twelfth attack run,
 * X5: the cost was sheets × strings).
 */
export function openXlsWorkbook(buf: Buffer, fileName: string): XlsWorkbook {
  const cfb = readContainer(buf, fileName);
  const { hidden, date1904 } = checkContainer(cfb, fileName);
  const workbook = workbookStream(cfb);
  const sheets = sheetNames(workbook, buf, fileName);
  const biff8 = workbook && isBiff8(workbook) ? workbook : null;
  let globals: Globals | undefined;
  // Each sheet read once by where its BOF is: 30 BOUNDSHEETs (other names) at one BOF had the one sheet read 30 times
  // as inspect scored them, 200,000 cells 1.3 s → 6.1 s (fourteenth attack run, X7). The rows are never changed after.
  const byBof = new Map<number, XlsSheet>();
  // An Excel 95 workbook is parsed by SheetJS once for all its sheets: each parse walks the whole file, and 30 sheets of
  // 19,600 cells read one by one (as inspect scores them) took 102 s of CPU and 1.9 GB (session 43).
  let sheetJsSheets: Map<string, SheetJsSheet> | undefined;
  return {
    sheets,
    hidden,
    date1904,
    read: (sheet) => {
      const read = biff8
        ? readBiff8(biff8, fileName, sheet, () => (globals ??= readGlobals(biff8, true)), byBof)
        : sheetJsSheet((sheetJsSheets ??= readWithSheetJs(buf, fileName)), sheet);
      if (read.merges.length > MAX_MERGES) throw refusal(fileName, `有 ${read.merges.length} 处合并单元格，不像正常的登记表`);
      return read;
    },
  };
}

type DenseCell = XLSX.CellObject | undefined;

function cellOf(c: DenseCell): Cell {
  if (!c || c.v === undefined || c.v === null) return null;
  switch (c.t) {
    case 's':
      return typeof c.v === 'string' ? checkedText(c.v) : checkedText(String(c.v));
    case 'n':
      return typeof c.v === 'number' && Number.isFinite(c.v) ? c.v : null;
    case 'b':
      return c.v === true;
    case 'e':
      return { problem: `单元格是错误值 ${c.w ?? String(c.v)}`, shown: c.w ?? '#错误' };
    default:
      // No 'd' cells: dates are read as Excel's serial numbers (cellDates off), which the date normaliser understands.
      return null;
  }
}

const farColumnRefusal = (fileName: string, rowNumber: number, columns: number): AppError =>
  refusal(fileName, `第 ${rowNumber} 行有第 ${columns} 列的单元格，而 Excel 97–2003 格式最多 ${BIFF8_COLUMNS} 列：文件已损坏或是恶意构造的`);

/**
 * The chosen sheet's rows (1-based numbers as Excel shows them) and its merged ranges (BIFF8 MERGEDCELLS): merged
 * cells hold their value in the first cell only, as in .xlsx; the pipeline decides which merges fill data rows.
 * A BIFF8 stream is read by biff8-cells.ts (a fifth of SheetJS's memory); BIFF5 and older by SheetJS.
 */
export const readXlsRows = (buf: Buffer, fileName: string, sheet: string): { rows: SourceRow[]; merges: MergeRange[] } =>
  openXlsWorkbook(buf, fileName).read(sheet);

function biff8Names(stream: Buffer, fileName: string): string[] {
  try {
    return biff8SheetNames(stream);
  } catch (e) {
    if (e instanceof Damaged || e instanceof RangeError) throw refusal(fileName, '里的工作簿数据已损坏，无法读取');
    throw e;
  }
}

function readBiff8(stream: Buffer, fileName: string, sheet: string, globals: () => Globals, byBof: Map<number, XlsSheet>): XlsSheet {
  try {
    const g = globals();
    const bof = g.sheets.find((s) => s.name === sheet)?.pos;
    const seen = bof === undefined ? undefined : byBof.get(bof);
    if (seen) return seen;
    const read = readBiff8Sheet(stream, sheet, g);
    if (!read) throw badInput(`工作表「${sheet}」在文件中缺失，文件可能已损坏。`);
    byBof.set(bof!, read);
    return read;
  } catch (e) {
    if (e instanceof FarColumn) throw farColumnRefusal(fileName, e.rowNumber, e.columns);
    if (e instanceof Damaged || e instanceof RangeError) throw refusal(fileName, '里的工作簿数据已损坏，无法读取');
    throw e;
  }
}

/** A sheet SheetJS read, or why it cannot be imported (said when that sheet is chosen, not when another is). */
type SheetJsSheet = { rows: SourceRow[]; merges: MergeRange[] } | AppError;

function sheetJsSheet(sheets: Map<string, SheetJsSheet>, sheet: string): { rows: SourceRow[]; merges: MergeRange[] } {
  const read = sheets.get(sheet);
  if (!read) throw badInput(`工作表「${sheet}」在文件中缺失，文件可能已损坏。`);
  if (read instanceof AppError) throw read;
  return read;
}

/** Every sheet of a workbook SheetJS reads (Excel 95 and older), by name. */
function readWithSheetJs(buf: Buffer, fileName: string): Map<string, SheetJsSheet> {
  const wb = parse(buf, fileName, {});
  const sheets = new Map<string, SheetJsSheet>();
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name];
    if (ws) sheets.set(name, sheetJsRows(ws, fileName));
  }
  return sheets;
}

function sheetJsRows(ws: XLSX.WorkSheet, fileName: string): SheetJsSheet {
  const data = (ws['!data'] ?? []) as (DenseCell[] | undefined)[];
  const rows: SourceRow[] = [];
  for (let r = 0; r < data.length; r++) {
    const line = data[r];
    if (!line) continue;
    // A cell past column IV cannot be in a real BIFF8 sheet; a crafted one on every row would make each row 65,536 cells wide (gigabytes).
    if (line.length > BIFF8_COLUMNS) return farColumnRefusal(fileName, r + 1, line.length);
    const cells: Cell[] = new Array<Cell>(line.length);
    for (let c = 0; c < line.length; c++) cells[c] = cellOf(line[c]);
    rows.push({ rowNumber: r + 1, cells });
  }
  const merges = (ws['!merges'] ?? []).map((m) => ({ top: m.s.r + 1, bottom: m.e.r + 1, left: m.s.c, right: m.e.c }));
  return { rows, merges };
}
