/**
 * Opens a community's file (or a pasted list): reads its bytes, recognises
 * the format by them (never by the extension: a WPS .et holding a BIFF8 or
 * OOXML workbook reads as one), refuses what is dangerous or not a table
 * with a message saying what to do, and hands back the rows of the chosen sheet.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { AppError, badInput } from '../../errors';
import { readRegularFile } from '../../fs-guard';
import type { MergeRange, SourceRow } from './cells';
import type { SourceFormat } from './source-format.shared';
import { breathe, inSteps } from './jobs';
import { pastedSteps, placesAsWrittenNote, skippedNote, splitPasted, type PastedRows } from './paste';
import { countLines, csvSteps, decodeSteps, detectEncoding, withoutEndOfFileMark, type TextEncodingName } from './read-csv';
import { macroRefusal, openXlsWorkbook, type XlsSheet } from './read-xls';
import { readXlsxMerges, readXlsxRows } from './read-xlsx';
import { listZipEntries, workbookInfo, type SheetInfo } from './zip-probe';

export const MAX_FILE_BYTES = 100 * 1024 * 1024;
/** Uncompressed limits: above these a workbook would not fit the 600 MB budget, or is a zip bomb. */
const MAX_SHARED_STRINGS_BYTES = 250 * 1024 * 1024;
const MAX_UNCOMPRESSED_BYTES = 1536 * 1024 * 1024;

export interface OpenedSource {
  fileName: string;
  hash: string;
  format: SourceFormat;
  encoding: TextEncodingName | null;
  /** The encoding read from the bytes (CSV), before any override. */
  detectedEncoding: TextEncodingName | null;
  sheets: string[];
  /** Sheets hidden in Excel or WPS (a template's lists of choices): never chosen unless asked for. */
  hiddenSheets: string[];
  sheet: string | null;
  /** Days counted from 1904-01-01 (a workbook made on a Mac): a date cell's number means another day (normalise.ts parseDay). */
  date1904: boolean;
  /**
   * Rows hidden in Excel or WPS, by hand or by an autofilter left on (1-based), filled as rows() reads them: read as any
   * row, and the preview says which (pipeline.ts). CSV and pasted lists have none; nor does an Excel 95 file (not read).
   */
  hiddenRows: ReadonlySet<number>;
  /** Columns hidden in an .xlsx sheet (0-based), filled as rows() reads its start (hidden-columns.ts); other formats none. */
  hiddenColumns?: ReadonlySet<number>;
  /** Rough number of rows, for progress bars (CSV from its line breaks, xlsx estimated from the sheet's size). */
  estimatedRows: number;
  rows: () => AsyncGenerator<SourceRow>;
  /**
   * The sheet's merged ranges; null while not known (an .xlsx keeps them after its rows: known once rows() has been
   * read to the end). CSV and pasted lists have none.
   */
  merges: () => readonly MergeRange[] | null;
  /**
   * The merges for the mapping step's sample rows, before the rows are read: an .xls has them read already; an
   * .xlsx sheet of up to SAMPLE_MERGES_XML_BYTES is inflated once more to its end for them (a community's sheet of a
   * few thousand rows, well under a second); a larger sheet's samples are shown as written.
   */
  sampleMerges: () => Promise<readonly MergeRange[]>;
  /**
   * Another sheet of the same file, from the bytes (and an .xls's workbook globals) already read: likeliestSheet
   * scores up to 30 sheets (twelfth attack run, X5).
   */
  otherSheet: (sheet: string) => OpenedSource;
  /** What was left unread and why, known once rows() has been read (a 接龙's notice past its title lines); files have none. */
  readNotes?: () => string[];
}

/** About 25,000 rows of a community's sheet. */
export const SAMPLE_MERGES_XML_BYTES = 16 * 1024 * 1024;

const NO_MERGES = (): readonly MergeRange[] => [];
const NO_HIDDEN_ROWS: ReadonlySet<number> = new Set();
const NO_SAMPLE_MERGES = async (): Promise<readonly MergeRange[]> => [];
const noSheetNamed = (sheet: string | undefined) => badInput(`工作簿里没有名为「${sheet ?? ''}」的工作表。`);
/** A CSV file or a pasted list has no sheets to choose among. */
const noSheets = (sheet: string): never => {
  throw noSheetNamed(sheet);
};

export interface OpenOptions {
  sheet?: string | undefined;
  encoding?: TextEncodingName | 'auto' | undefined;
}

/** A file by its path, or a list pasted into the wizard. */
export type SourceRef = { path?: string | undefined; text?: string | undefined };

const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const SAVE_AS_XLSX = '请在 WPS 或 Excel 中打开它，选择“另存为”→“Excel 工作簿（*.xlsx）”，再导入另存的文件。';
/** What a pasted list is called in the preview and the import history. */
export const PASTED_NAME = { cells: '粘贴的表格', list: '粘贴的接龙名单' } as const;

function readBytes(path: string): Buffer {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw badInput(`「${basename(path)}」不是文件。`);
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `找不到文件「${basename(path)}」，可能已被移动或删除。`);
  }
  if (size === 0) throw badInput(`文件「${basename(path)}」是空的（0 字节），没有可导入的内容。`);
  if (size > MAX_FILE_BYTES) throw badInput(`文件有 ${(size / 1048576).toFixed(0)} MB，超过导入上限 100 MB。请按社区或网格拆分后分别导入。`);
  // Opened non-blocking and checked again on the descriptor: a pipe swapped in since the stat never blocks the core.
  return readRegularFile(path, MAX_FILE_BYTES);
}

/** An HTML page or an XML spreadsheet (Excel 2003 XML) as the file's first text, after a BOM and spaces. */
const MARKUP = /^(\xef\xbb\xbf)?\s*<(!doctype|html|table|\?xml)/i;

function looksBinary(buf: Buffer): boolean {
  const head = buf.subarray(0, 65_536);
  let control = 0;
  for (const b of head) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20)) control++;
  }
  return control > head.length / 20;
}

export function openSource(ref: SourceRef, opts: OpenOptions = {}): OpenedSource {
  if (ref.text !== undefined) return openPasted(ref.text);
  if (ref.path === undefined) throw badInput('请先选择文件，或粘贴名单。');
  const path = ref.path;
  const buf = readBytes(path);
  const fileName = basename(path);
  const hash = createHash('sha256').update(buf).digest('hex');
  if (buf.subarray(0, 8).equals(OLE_MAGIC)) return openXls(fileName, hash, buf, opts);
  if (buf[0] === 0x50 && buf[1] === 0x4b) return openXlsx(fileName, hash, buf, opts);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') throw badInput(`「${fileName}」是 PDF 文件，不是表格。请导入 .xlsx、.xls 或 .csv 文件。`);
  if (looksBinary(buf) && !(buf[0] === 0xff && buf[1] === 0xfe))
    throw badInput(`「${fileName}」不是表格文件（内容是无法识别的二进制数据）。请导入 .xlsx、.xls 或 .csv 文件；如果是其他格式，${SAVE_AS_XLSX}`);
  if (MARKUP.test(buf.subarray(0, 1024).toString('latin1')))
    throw badInput(`「${fileName}」的内容是网页或 XML 格式（某些系统导出的“表格”就是这样），不能直接导入。${SAVE_AS_XLSX}`);
  const detected = detectEncoding(buf);
  const encoding = opts.encoding && opts.encoding !== 'auto' ? opts.encoding : detected;
  // Decoded and split only when read: a commit that finds its preview staged needs the file's hash, not its rows.
  // In steps, the thread given back between them, as a paste is: 96 MB read in one turn held every other window 3.9 s
  // (S31-A3b's unquoted control, seventeenth attack run).
  const rows = async function* (): AsyncGenerator<SourceRow> {
    const text = withoutEndOfFileMark(await inSteps(decodeSteps(buf, encoding)));
    for (const step of csvSteps(text)) {
      yield* step;
      await breathe();
    }
  };
  return {
    fileName,
    hash,
    format: 'csv',
    encoding,
    detectedEncoding: detected,
    sheets: [],
    hiddenSheets: [],
    sheet: null,
    date1904: false,
    hiddenRows: NO_HIDDEN_ROWS,
    estimatedRows: countLines(buf),
    rows,
    merges: NO_MERGES,
    sampleMerges: NO_SAMPLE_MERGES,
    otherSheet: noSheets,
  };
}

/**
 * Split and sorted into cells or a 接龙 list at once (the name shown depends on it); the lines are read for what they
 * hold when rows() is first asked for, in steps, once: what cannot be read is said there, at inspect as before.
 */
function openPasted(text: string): OpenedSource {
  const pasted = splitPasted(text);
  const hash = createHash('sha256').update(text, 'utf8').digest('hex');
  let read: Promise<PastedRows> | null = null;
  let skipped: PastedRows['skipped'];
  let placesAsWritten: PastedRows['placesAsWritten'];
  return {
    fileName: PASTED_NAME[pasted.kind],
    hash,
    format: 'paste',
    encoding: null,
    detectedEncoding: null,
    sheets: [],
    hiddenSheets: [],
    sheet: null,
    date1904: false,
    hiddenRows: NO_HIDDEN_ROWS,
    // For the progress bar: the lines, a made-up header among them.
    estimatedRows: pasted.lines + 1,
    rows: async function* () {
      const rows = await (read ??= inSteps(pastedSteps(pasted)));
      skipped = rows.skipped;
      placesAsWritten = rows.placesAsWritten;
      yield* rows.rows;
    },
    merges: NO_MERGES,
    sampleMerges: NO_SAMPLE_MERGES,
    otherSheet: noSheets,
    readNotes: () => [...(skipped ? [skippedNote(skipped)] : []), ...(placesAsWritten ? [placesAsWrittenNote(placesAsWritten)] : [])],
  };
}

/** BIFF8 .xls, or a WPS .et that holds one; the whole sheet is read at once (BIFF8 stops at 65,536 rows). */
function openXls(fileName: string, hash: string, buf: Buffer, opts: OpenOptions, book = openXlsWorkbook(buf, fileName)): OpenedSource {
  const { sheets, hidden } = book;
  const hiddenSheets = sheets.filter((_, i) => hidden[i] === true);
  // By place, not by name among the hidden ones: 40,000 hidden sheets took 12 s name by name (twelfth attack run, X5).
  const chosen = opts.sheet === undefined ? (sheets.find((_, i) => hidden[i] !== true) ?? sheets[0]!) : sheets.find((s) => s === opts.sheet);
  if (chosen === undefined) throw noSheetNamed(opts.sheet);
  let sheet: XlsSheet | null = null;
  const hiddenRows = new Set<number>();
  const read = (): XlsSheet => {
    if (sheet) return sheet;
    sheet = book.read(chosen);
    for (const r of sheet.hiddenRows ?? []) hiddenRows.add(r);
    return sheet;
  };
  return {
    otherSheet: (other) => openXls(fileName, hash, buf, { sheet: other }, book),
    fileName,
    hash,
    format: 'xls',
    encoding: null,
    detectedEncoding: null,
    sheets,
    hiddenSheets,
    sheet: chosen,
    date1904: book.date1904,
    hiddenRows,
    get estimatedRows() {
      return read().rows.length;
    },
    rows: async function* () {
      yield* read().rows;
    },
    merges: () => read().merges,
    sampleMerges: async () => read().merges,
  };
}

function openXlsx(fileName: string, hash: string, buf: Buffer, opts: OpenOptions): OpenedSource {
  const entries = listZipEntries(buf);
  if (entries.some((e) => /(^|\/)vbaProject\.bin$/i.test(e.name))) {
    throw macroRefusal(fileName);
  }
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  const bomb = entries.find((e) => e.uncompressedSize > 50 * 1048576 && e.uncompressedSize / Math.max(e.compressedSize, 1) > 1000);
  if (total > MAX_UNCOMPRESSED_BYTES || bomb) throw badInput(`「${fileName}」解压后异常庞大（压缩炸弹或损坏的文件），已拒绝读取。`);
  const shared = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (shared && shared.uncompressedSize > MAX_SHARED_STRINGS_BYTES)
    throw badInput(`「${fileName}」里的文字表有 ${(shared.uncompressedSize / 1048576).toFixed(0)} MB，超出可导入的范围。请按社区拆分后分别导入。`);
  const { sheets, date1904 } = workbookInfo(buf, entries);
  const chosen: SheetInfo | undefined = opts.sheet === undefined ? (sheets.find((s) => !s.hidden) ?? sheets[0]) : sheets.find((s) => s.name === opts.sheet);
  if (!chosen) throw noSheetNamed(opts.sheet);
  let merges: MergeRange[] | null = null;
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  return {
    otherSheet: (other) => openXlsx(fileName, hash, buf, { sheet: other }),
    date1904,
    hiddenRows,
    hiddenColumns,
    fileName,
    hash,
    format: 'xlsx',
    encoding: null,
    detectedEncoding: null,
    sheets: sheets.map((s) => s.name),
    hiddenSheets: sheets.filter((s) => s.hidden).map((s) => s.name),
    sheet: chosen.name,
    // About 60 bytes of XML per cell, ~10 cells a row: only for the progress bar.
    estimatedRows: Math.max(1, Math.round(chosen.xmlBytes / 600)),
    rows: () => readXlsxRows(buf, entries, chosen, (found) => (merges = found), hiddenRows, hiddenColumns),
    merges: () => merges,
    sampleMerges: async () => merges ?? (chosen.xmlBytes <= SAMPLE_MERGES_XML_BYTES ? readXlsxMerges(buf, entries, chosen) : []),
  };
}
