/**
 * Streams the rows of one sheet straight from the zip: inflate in chunks,
 * decode UTF-8 with a streaming TextDecoder, cut the XML at </row> and read
 * each row. Not exceljs's WorkbookReader: its SAX feed decodes every chunk on
 * its own, so a Chinese character split across two chunks comes out as
 * U+FFFD (about one row in a thousand of a large workbook), which the
 * 100,000-row survival test caught. Styles are not read: a date column
 * arrives as Excel's serial number, which the date normaliser understands.
 */
import { createInflateRaw } from 'node:zlib';
import { Readable } from 'node:stream';
import { AppError, badInput } from '../../errors';
import { checkedText, MAX_COLUMNS, MAX_MERGES, type Cell, type MergeRange, type SourceRow } from './cells';
import { entryBody, xmlEntity, type SheetInfo, type ZipEntry } from './zip-probe';
import { afterLast, isWordChar, mergeRefs, rowMatches } from './xml-tail';
import { hiddenColumnsIn } from './hidden-columns';

const ENTITY = /&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;
function unescapeXml(s: string): string {
  const plain = s.indexOf('&') < 0 ? s : s.replace(ENTITY, (_, e: string) => xmlEntity(e));
  // Excel writes control characters as _x000D_ inside text.
  return plain.indexOf('_x') < 0 ? plain : plain.replace(/_x([0-9A-Fa-f]{4})_/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/**
 * A text cut out of the XML, as a string of its own. V8 cuts a string of 13 characters or more as a view of the
 * string it came from, so each ID number read would keep its whole piece of XML (16 KB or more of text) alive for
 * as long as the staged plan holds the number: the workbook's text table, about 8 MB at 100,000 rows, kept through
 * the preview and the commit (tests/unit/import/xlsx-text-copies.test.ts). Joined and cut again, the text is copied
 * into a string of its own length.
 */
const ownText = (s: string): string => (s.length < 13 ? s : `${s} `.slice(0, -1));

/**
 * The text of <t> runs, leaving out phonetic guides (<rPh>). A guide ends at a </rPh> and a run's text at a </t>, so
 * nothing after the last of them is searched: from each left open the expressions scanned to the end (S29-A2). A run's
 * opening stops at a '<' (never in attributes) so openings without their '>' do not each scan on to a later one's.
 */
function runsText(xml: string): string {
  const guides = afterLast(xml, '</rPh>');
  const body = xml.indexOf('<rPh') < 0 ? xml : xml.slice(0, guides).replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') + xml.slice(guides);
  let out = '';
  for (const m of body.slice(0, afterLast(body, '</t>')).matchAll(/<t\b[^<>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
  return ownText(unescapeXml(out));
}

/**
 * Decoded XML text of an entry, piece by piece, cut only after `closer` so no
 * element is split. The inflated bytes are counted: the zip-bomb checks were
 * made on the sizes the directory declares, so an entry that inflates past its
 * declared size (a lying header) is stopped there instead of filling memory.
 */
async function* pieces(buf: Buffer, entry: ZipEntry, closer: string): AsyncGenerator<string> {
  const raw = entryBody(buf, entry);
  const source = entry.method === 0 ? Readable.from([raw]) : Readable.from([raw]).pipe(createInflateRaw());
  const decoder = new TextDecoder('utf-8');
  const allowed = entry.uncompressedSize + 1024;
  let inflated = 0;
  let carry = '';
  let tail = '';
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) {
      inflated += chunk.length;
      if (inflated > allowed) throw badInput(`「${entry.name}」解压后比文件目录中登记的大小还大（压缩炸弹或恶意构造的文件），已拒绝读取。`);
      // Look for the closer only in what just arrived (plus the few characters before it): rescanning,
      // or even slicing, the whole carry each chunk is quadratic when a crafted entry never closes.
      const text = decoder.decode(chunk, { stream: true });
      const window = tail + text;
      const found = window.lastIndexOf(closer);
      const cut = found < 0 ? -1 : carry.length - tail.length + found;
      carry += text;
      tail = window.slice(-(closer.length - 1));
      if (cut < 0) {
        if (carry.length > 64 * 1024 * 1024) throw badInput('工作表中有一行超过 64 MB，不像正常的登记表，已拒绝读取。');
        continue;
      }
      yield carry.slice(0, cut + closer.length);
      carry = carry.slice(cut + closer.length);
      tail = carry.slice(-(closer.length - 1));
    }
  } catch (e) {
    source.destroy();
    if (e instanceof AppError) throw e;
    throw badInput(`工作簿中的「${entry.name}」已损坏，无法解压。请在 WPS 或 Excel 中重新另存为 .xlsx。`);
  }
  carry += decoder.decode();
  if (carry) yield carry;
}

/** 100,000 rows × 20 distinct cells is 2 million: 5 million leaves room and still fits in memory. */
const MAX_SHARED_STRINGS = 5_000_000;

export async function readSharedStrings(buf: Buffer, entries: ZipEntry[]): Promise<string[]> {
  const entry = entries.find((e) => e.name === 'xl/sharedStrings.xml');
  if (!entry) return [];
  const strings: string[] = [];
  for await (const piece of pieces(buf, entry, '</si>')) {
    // Pieces end just after a </si>, the last with what follows it: there only <si/> can match (the expression tried
    // from every <si> left open scanned to the end, S29-A2), so the rest is searched for it alone.
    const closed = afterLast(piece, '</si>');
    for (const m of piece.slice(0, closed).matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)) strings.push(m[1] === undefined ? '' : runsText(m[1]));
    for (let at = piece.indexOf('<si/>', closed); at >= 0; at = piece.indexOf('<si/>', at + 5)) strings.push('');
    // The byte limit alone lets through millions of tiny (or empty) strings, each a JS object: cap the count too.
    if (strings.length > MAX_SHARED_STRINGS)
      throw badInput(`工作簿的文字表（共享字符串）超过 ${MAX_SHARED_STRINGS / 10_000} 万条，超出可导入的范围。请按社区拆分后分别导入。`);
  }
  return strings;
}

const FORMULA_WITHOUT_RESULT: Cell = {
  problem: '单元格是公式，文件里没有保存计算结果；请在 Excel 中把这一列“复制 → 选择性粘贴为数值”后再导入',
  shown: '（公式）',
};

/*
 * A row's cells are read by position in the row's text (indexOf and character codes), not by regular expressions:
 * four regex executions per cell made a match array and two or three strings each, 14 cells a row, and that garbage
 * was what gave the xlsx preview a major collection more than the CSV's (io/import/README.md, sessions 12 and 14).
 * Each function below finds exactly what the expression named in its comment found.
 */

/** Each start of an attribute's value in xml[from, to) as /\bname="/ finds it (`key` is `name="`), from `at`; -1 when there is none. */
function attrValue(xml: string, at: number, from: number, to: number, key: string): number {
  for (let i = xml.indexOf(key, at); i >= 0 && i + key.length <= to; i = xml.indexOf(key, i + 1)) {
    if (i === from || !isWordChar(xml.charCodeAt(i - 1))) return i + key.length;
  }
  return -1;
}

/** The column of /\br="([A-Z]+)\d*"/ in the cell's attributes xml[from, to), 0-based; `fallback` when there is none. */
function columnOf(xml: string, from: number, to: number, fallback: number): number {
  for (let at = attrValue(xml, from, from, to, 'r="'); at >= 0; at = attrValue(xml, at, from, to, 'r="')) {
    let i = at;
    let n = 0;
    for (let c = xml.charCodeAt(i); i < to && c >= 65 && c <= 90; c = xml.charCodeAt(++i)) n = n * 26 + (c - 64);
    if (i === at) continue;
    while (i < to && xml.charCodeAt(i) >= 48 && xml.charCodeAt(i) <= 57) i++;
    if (i < to && xml.charCodeAt(i) === 34) return n - 1;
  }
  return fallback;
}

/** The cell's type, /\bt="(\w+)"/ in its attributes xml[from, to); 'n' when there is none. */
function typeOf(xml: string, from: number, to: number): string {
  for (let at = attrValue(xml, from, from, to, 't="'); at >= 0; at = attrValue(xml, at, from, to, 't="')) {
    let i = at;
    while (i < to && isWordChar(xml.charCodeAt(i))) i++;
    if (i === at || i >= to || xml.charCodeAt(i) !== 34) continue;
    // The usual shared string without a new string.
    return i === at + 1 && xml.charCodeAt(at) === 115 ? 's' : xml.slice(at, i);
  }
  return 'n';
}

/** The text between the first `open` in xml[from, to) and the first `close` after it, or undefined (/<v>([\s\S]*?)<\/v>/). */
function elementText(xml: string, from: number, to: number, open: string, close: string): string | undefined {
  if (from >= to) return undefined;
  const start = xml.indexOf(open, from);
  if (start < 0 || start + open.length > to) return undefined;
  const end = xml.indexOf(close, start + open.length);
  return end < 0 || end + close.length > to ? undefined : xml.slice(start + open.length, end);
}

/** A cell's value from its attributes xml[from, to) and its content xml[innerFrom, innerTo) (empty for `<c …/>`). */
function cellValue(xml: string, from: number, to: number, innerFrom: number, innerTo: number, shared: readonly string[]): Cell {
  const type = typeOf(xml, from, to);
  if (type === 'inlineStr') return checkedText(runsText(elementText(xml, innerFrom, innerTo, '<is>', '</is>') ?? ''));
  const v = elementText(xml, innerFrom, innerTo, '<v>', '</v>');
  const f = innerFrom < innerTo ? xml.indexOf('<f', innerFrom) : -1;
  const hasFormula = f >= 0 && f + 2 <= innerTo;
  if (v === undefined) return hasFormula ? FORMULA_WITHOUT_RESULT : null;
  switch (type) {
    case 's':
      return checkedText(shared[Number(v)] ?? '');
    case 'str':
      return checkedText(ownText(unescapeXml(v)));
    case 'b':
      return v === '1';
    case 'e':
      return { problem: `${hasFormula ? '公式的结果是' : '单元格是'}错误值 ${unescapeXml(v)}`, shown: ownText(unescapeXml(v)) };
    default: {
      const n = Number(v);
      return Number.isFinite(n) ? n : checkedText(ownText(unescapeXml(v)));
    }
  }
}

export { MAX_COLUMNS };

/** A column's letters (A, AB) as a 0-based number. */
function columnNumber(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) n = n * 26 + (letters.charCodeAt(i) - 64);
  return n - 1;
}

/** The <mergeCell ref="A5:A12"/> ranges in the XML after the sheet's last row (Excel writes them after <sheetData>). */
function mergesIn(xml: string): MergeRange[] {
  const merges: MergeRange[] = [];
  for (const m of mergeRefs(xml)) {
    if (merges.length >= MAX_MERGES) throw badInput(`工作表的合并单元格超过 ${MAX_MERGES / 10_000} 万处，不像正常的登记表，已拒绝读取。`);
    const [top, bottom] = [Number(m[2]), Number(m[4])];
    const [left, right] = [columnNumber(m[1]!), columnNumber(m[3]!)];
    merges.push({ top: Math.min(top, bottom), bottom: Math.max(top, bottom), left: Math.min(left, right), right: Math.max(left, right) });
  }
  return merges;
}

/**
 * The sheet's merged ranges without reading its rows: they stand after the last row, so the sheet is inflated to its
 * end and only the text after the last </row> is searched. For the mapping step's sample rows (inspect.ts).
 */
export async function readXlsxMerges(buf: Buffer, entries: ZipEntry[], sheet: SheetInfo): Promise<MergeRange[]> {
  const entry = entries.find((e) => e.name === `xl/worksheets/sheet${sheet.fileNumber}.xml`);
  if (!entry) return [];
  let last = '';
  for await (const piece of pieces(buf, entry, '</row>')) last = piece;
  const rowsEnd = last.lastIndexOf('</row>');
  return last.indexOf('<mergeCell', rowsEnd) >= 0 ? mergesIn(last.slice(rowsEnd < 0 ? 0 : rowsEnd)) : [];
}

// hidden="1", or a height of 0 (invisible in Excel without the flag: S48-A6); quoted either way, as XML allows.
const HIDDEN_ROW = /\bhidden=(["'])(1|true)\1|\bht=(["'])0+(\.0*)?\3/;

/**
 * Rows of the chosen sheet, 1-based numbers as Excel shows them; empty rows are yielded too (the caller skips them).
 * The sheet's merged ranges come after its rows: `onMerges` gets them once the sheet has been read to its end. A row
 * hidden in Excel or WPS (by hand, or by an autofilter) is added to `hiddenRows` before it is yielded.
 */
export async function* readXlsxRows(
  buf: Buffer,
  entries: ZipEntry[],
  sheet: SheetInfo,
  onMerges?: (merges: MergeRange[]) => void,
  hiddenRows?: Set<number>,
  hiddenColumns?: Set<number>,
): AsyncGenerator<SourceRow> {
  const entry = entries.find((e) => e.name === `xl/worksheets/sheet${sheet.fileNumber}.xml`);
  if (!entry) throw badInput(`工作表「${sheet.name}」在文件中缺失，文件可能已损坏。`);
  const shared = await readSharedStrings(buf, entries);
  let lastRow = 0;
  let merges: MergeRange[] = [];
  let first = true;
  for await (const piece of pieces(buf, entry, '</row>')) {
    // The first piece holds the sheet's <cols> before its <sheetData> (hidden-columns.ts).
    if (first && hiddenColumns) hiddenColumnsIn(piece.slice(0, Math.max(0, piece.indexOf('<sheetData'))), hiddenColumns);
    first = false;
    // Pieces are cut just after a </row>: only the last one has anything after its rows.
    let rowsEnd = 0;
    for (const [matchEnd, attributes, row] of rowMatches(piece)) {
      rowsEnd = matchEnd;
      const rowNumber = Number(/\br="(\d+)"/.exec(attributes ?? '')?.[1] ?? lastRow + 1);
      lastRow = rowNumber;
      // <row … hidden="1">: hidden by hand or by an autofilter; <row … ht="0">: shut. Native searches of the row's own attributes first.
      if (hiddenRows && attributes !== undefined && (attributes.includes('hidden=') || attributes.includes('ht=')) && HIDDEN_ROW.test(attributes))
        hiddenRows.add(rowNumber);
      const cells: Cell[] = [];
      // Each cell as /<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g matched it: attributes up to the first '>', and a
      // content up to the first </c> unless the tag closes itself; a <c without either is passed over. The last '>' and
      // </c> found are kept with where they were sought from: the cells only move on and an answer stands until
      // passed, so 30,000 <c> left open no longer each scan to the row's end (S29-A2).
      let gtFrom = Infinity;
      let gt = -1;
      let closeFrom = Infinity;
      let close = -1;
      for (let at = row ? row.indexOf('<c') : -1; row && at >= 0;) {
        const from = at + 2;
        if (from < row.length && isWordChar(row.charCodeAt(from))) {
          at = row.indexOf('<c', from);
          continue;
        }
        if (!(from >= gtFrom && (gt < 0 || from <= gt))) gt = row.indexOf('>', (gtFrom = from));
        if (gt < 0) break;
        const closes = gt > from && row.charCodeAt(gt - 1) === 47;
        if (!closes && !(gt + 1 >= closeFrom && (close < 0 || gt + 1 <= close))) close = row.indexOf('</c>', (closeFrom = gt + 1));
        const end = closes ? gt : close;
        if (end < 0) {
          at = row.indexOf('<c', from);
          continue;
        }
        const to = closes ? gt - 1 : gt;
        const col = columnOf(row, from, to, cells.length);
        const value = closes ? cellValue(row, from, to, 0, 0, shared) : cellValue(row, from, to, gt + 1, end, shared);
        at = row.indexOf('<c', closes ? gt + 1 : end + 4);
        if (col >= MAX_COLUMNS) {
          // An empty (styled) cell far right is common and means nothing; a value there would make every row that wide.
          if (value === null) continue;
          throw badInput(`工作表第 ${rowNumber} 行第 ${col + 1} 列有内容，登记表不会有超过 ${MAX_COLUMNS} 列：请删除多余的列，另存后再导入。`);
        }
        while (cells.length < col) cells.push(null);
        cells[col] = value;
      }
      yield { rowNumber, cells };
    }
    if (piece.length - rowsEnd > 12 && piece.indexOf('<mergeCell', rowsEnd) >= 0) merges = merges.concat(mergesIn(piece.slice(rowsEnd)));
  }
  onMerges?.(merges);
}
