/**
 * An .xls or .et looked at before any cell is read (split from read-xls.ts, session 50; no change in what is done):
 * the OLE container (its directory walked first, cfb-directory.ts), what is refused and why (a password, macros, no
 * workbook stream, a Word document, WPS's own format, too many cells, merges or shared strings), and the workbook
 * globals' flags (each sheet hidden or not, a Mac workbook's 1904 days). read-xls.ts then reads the cells.
 */
import * as XLSX from '@e965/xlsx';
import { AppError, badInput } from '../../errors';
import { MAX_MERGES } from './cells';
import { isBiff8 } from './biff8-cells';
import { sharedStringCount } from './biff8-globals';
import { Damaged } from './biff8-records';
import { oddDirectory } from './cfb-directory';

/** The exact words of the issue: what a coordinator tells the community to do. */
export const SAVE_AS_IN_WPS = '请在 WPS 中另存为 .xlsx 后再导入';

interface CfbEntry {
  name: string;
  type: number;
  content?: Uint8Array | number[];
}
export interface CfbContainer {
  FullPaths: string[];
  FileIndex: CfbEntry[];
}
/** The part of SheetJS's CFB reader used here (its own typings say `any`). */
const CFB = XLSX.CFB as { read: (data: Buffer, opts: { type: 'buffer' }) => CfbContainer };

const BIFF_BOF = 0x0809;
const BIFF_EOF = 0x000a;
const BIFF_FILEPASS = 0x002f;
const BIFF_BOUNDSHEET = 0x0085;
/** DATEMODE: 1 when the workbook counts its days from 1904-01-01 (a Mac workbook), 0 from 1900. */
const BIFF_DATEMODE = 0x0022;
/** Records holding one cell each (FORMULA, LABELSST, NUMBER, LABEL, BOOLERR, RK, RSTRING); MULRK holds several. */
const BIFF_CELLS = new Set([0x0006, 0x00fd, 0x0203, 0x0204, 0x0205, 0x027e, 0x00d6]);
const BIFF_MULRK = 0x00bd;
const BIFF_MERGEDCELLS = 0x00e5;
/**
 * What an .xls may hold: 65,536 rows of 30 filled columns, a whole street's register. A larger one is asked to be
 * saved as .xlsx, which is read row by row. (Under SheetJS's cells this was about 750 MB while read; biff8-cells.ts
 * keeps a cell as its value, a fifth of that.)
 */
export const MAX_XLS_CELLS = 2_000_000;
/**
 * What an Excel 5.0/95 (BIFF5) .xls may hold: SheetJS reads it, and every cell it makes is a dictionary-mode object of
 * ≈ 450 bytes (tests/bench/parts/import-xls.ts). The reader alone, measured (session 43, 22-character text cells, peak
 * RSS): 600,000 cells 442 MB, 800,000 cells 556 MB, 917,490 cells 623 MB, 1,966,050 cells (65,535 rows × 30) 1,233 MB.
 * Excel 95 itself kept at most 16,384 rows: 600,000 cells is 36 columns of those, or 42,857 rows of 14.
 */
export const MAX_BIFF5_CELLS = 600_000;
/** BOUNDSHEET sheet types that are programs, not tables: Excel 4 macro sheet, VB module. */
const MACRO_SHEET_TYPES = new Set([1, 6]);

export const refusal = (fileName: string, why: string): AppError => badInput(`「${fileName}」${why}。${SAVE_AS_IN_WPS}。`);

/** Who holds the password, what to do with it, and the way round it. */
export const passwordRefusal = (fileName: string): AppError =>
  badInput(
    `「${fileName}」设置了打开密码（加密的工作簿），无法读取。请向发来的社区要密码，在 WPS 或 Excel 中打开后取消密码，另存为 .xlsx 后再导入；也可以请社区重发一份不加密的表格。`,
  );

export function readContainer(buf: Buffer, fileName: string): CfbContainer {
  // Looked at before SheetJS builds its paths, whose cost grows with the square of the directory's depth (S30-A4).
  const odd = oddDirectory(buf);
  if (odd) throw refusal(fileName, odd);
  try {
    return CFB.read(buf, { type: 'buffer' });
  } catch {
    throw refusal(fileName, '是损坏的 Office 文件，无法读取');
  }
}

const streamNamed = (cfb: CfbContainer, name: string): CfbEntry | undefined =>
  cfb.FileIndex.find((e) => e.type === 2 && e.name.toLowerCase() === name.toLowerCase());

/** What the workbook globals say of the whole book: each sheet's hidden flag, in order; whether its days count from 1904. */
export interface BookFlags {
  hidden: boolean[];
  date1904: boolean;
}

/** Walks the workbook globals of a BIFF stream (to its first EOF) for a password or a macro sheet, and its BookFlags. */
function checkBiffGlobals(stream: Uint8Array, fileName: string): BookFlags {
  const view = Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength);
  if (view.length < 4 || view.readUInt16LE(0) !== BIFF_BOF) throw refusal(fileName, '里的工作簿数据已损坏（不是 Excel 97–2003 格式的开头）');
  const hidden: boolean[] = [];
  let date1904 = false;
  for (let p = 0; p + 4 <= view.length;) {
    const type = view.readUInt16LE(p);
    const size = view.readUInt16LE(p + 2);
    if (type === BIFF_FILEPASS) throw passwordRefusal(fileName);
    if (type === BIFF_DATEMODE && size >= 2 && p + 6 <= view.length) date1904 = view.readUInt16LE(p + 4) === 1;
    if (type === BIFF_BOUNDSHEET && size >= 6 && p + 10 <= view.length) {
      if (MACRO_SHEET_TYPES.has(view[p + 4 + 5]!)) throw macroRefusal(fileName);
      // hsState: 0 visible, 1 hidden, 2 very hidden.
      hidden.push((view[p + 4 + 4]! & 3) !== 0);
    }
    if (type === BIFF_EOF) return { hidden, date1904 };
    p += 4 + size;
  }
  return { hidden, date1904 };
}

/**
 * How many cells the whole stream holds, counted from the record headers before any library builds one. The reader
 * makes an object of about 370 bytes for each: an 89 MB .xls of MULRK records (6 bytes a number, 15 million of
 * them) held the core 158 s and then ended its worker out of memory, every window locked (tenth attack run, X1).
 * Blank cells are not counted: the reader keeps none.
 */
function countBiffCells(view: Buffer): { cells: number; merges: number } {
  let cells = 0;
  let merges = 0;
  for (let p = 0; p + 4 <= view.length;) {
    const type = view.readUInt16LE(p);
    const size = view.readUInt16LE(p + 2);
    if (type === BIFF_MULRK) cells += Math.max(0, Math.floor((size - 6) / 6));
    else if (BIFF_CELLS.has(type)) cells += 1;
    // Each merged range is an object once read: 3.8 million of them (a 30 MB file) were 262 MB of heap before the
    // count was refused (twelfth attack run, X4). Counted here as the reader will read them, before it does.
    else if (type === BIFF_MERGEDCELLS && size >= 2 && p + 6 <= view.length) merges += Math.min(view.readUInt16LE(p + 4), Math.floor((size - 2) / 8));
    p += 4 + size;
  }
  return { cells, merges };
}

/** Macros are programs: refused in .xls, .et and .xlsm alike, whatever they would do. */
export const macroRefusal = (fileName: string): AppError =>
  badInput(`「${fileName}」含有宏（可以执行的程序），为安全起见不导入。请把表格里的数据复制到 WPS 新建的工作簿（新工作簿不带宏），另存为 .xlsx 后再导入。`);

/** Refuses what must not or cannot be read; for a plain BIFF workbook, whether each sheet is hidden, in order. */
export const checkOleWorkbook = (buf: Buffer, fileName: string): boolean[] => checkContainer(readContainer(buf, fileName), fileName).hidden;

export function checkContainer(cfb: CfbContainer, fileName: string): BookFlags {
  const paths = cfb.FullPaths.map((p) => p.toLowerCase());
  if (paths.some((p) => p.endsWith('/encryptioninfo') || p.endsWith('/encryptedpackage'))) {
    throw passwordRefusal(fileName);
  }
  if (paths.some((p) => p.includes('/_vba_project_cur/') || p.includes('/macros/'))) throw macroRefusal(fileName);
  const workbook = streamNamed(cfb, 'Workbook') ?? streamNamed(cfb, 'Book');
  if (!workbook?.content || workbook.content.length === 0) {
    // Saving a Word document "as .xlsx" is not something WPS offers: a list in a Word table is copied out instead.
    if (!/\.et$/i.test(fileName) && streamNamed(cfb, 'WordDocument')) {
      throw badInput(
        `「${fileName}」是 Word 文档，不是表格。如果名单在 Word 的表格里，请选中整个表格复制，在本页选“粘贴名单（接龙或单元格）”粘贴；或粘贴到 WPS 表格中，另存为 .xlsx 后再导入。`,
      );
    }
    throw refusal(fileName, /\.et$/i.test(fileName) ? '是 WPS 表格自己的格式，无法直接读取' : '不是 Excel 工作簿');
  }
  const stream = workbook.content instanceof Uint8Array ? workbook.content : Uint8Array.from(workbook.content);
  const flags = checkBiffGlobals(stream, fileName);
  const { cells, merges } = countBiffCells(Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength));
  if (merges > MAX_MERGES) throw refusal(fileName, `有 ${merges} 处合并单元格，不像正常的登记表`);
  if (cells > MAX_BIFF5_CELLS && !isBiff8Stream(cfb)) {
    throw badInput(
      `「${fileName}」是 Excel 5.0/95 格式，有 ${cells.toLocaleString('zh-CN')} 个单元格，超过这种旧格式可导入的上限 ${MAX_BIFF5_CELLS.toLocaleString('zh-CN')} 个。${SAVE_AS_IN_WPS}，或按社区拆分后分别导入。`,
    );
  }
  if (cells > MAX_XLS_CELLS) {
    throw badInput(
      `「${fileName}」有 ${(cells / 10_000).toFixed(0)} 万个单元格，超过 Excel 97–2003（.xls）格式可导入的上限 ${MAX_XLS_CELLS / 10_000} 万个（.xls 要整个读进内存）。${SAVE_AS_IN_WPS}，或按社区拆分后分别导入。`,
    );
  }
  // The shared strings are read whole too, whether any cell shows them (w41-attack, X2: 8 million one-character strings,
  // 32 MB, held the core 151 s under SheetJS). A real sheet has no more distinct texts than cells.
  let strings: number;
  try {
    strings = sharedStringCount(Buffer.from(stream.buffer, stream.byteOffset, stream.byteLength));
  } catch (e) {
    // An SST continued past what a file can hold (biff8-records.ts MAX_CONTINUES, S32-A3).
    if (e instanceof Damaged || e instanceof RangeError) throw refusal(fileName, '里的工作簿数据已损坏，无法读取');
    throw e;
  }
  if (strings > MAX_XLS_CELLS) {
    throw badInput(
      `「${fileName}」的文字表有 ${(strings / 10_000).toFixed(0)} 万条文字，超过 Excel 97–2003（.xls）格式可导入的上限 ${MAX_XLS_CELLS / 10_000} 万条（.xls 要整个读进内存）。${SAVE_AS_IN_WPS}，或按社区拆分后分别导入。`,
    );
  }
  return flags;
}

/** Whether biff8-cells.ts reads the workbook (a BIFF8 `Workbook` stream); anything else goes to SheetJS (openXlsWorkbook). */
function isBiff8Stream(cfb: CfbContainer): boolean {
  const workbook = workbookStream(cfb);
  return workbook !== null && isBiff8(workbook);
}

export function workbookStream(cfb: CfbContainer): Buffer | null {
  const entry = streamNamed(cfb, 'Workbook');
  if (!entry?.content) return null;
  const c = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content);
  return Buffer.from(c.buffer, c.byteOffset, c.byteLength);
}
