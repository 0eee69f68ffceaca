/**
 * Reading a district's template the way a clerk would: title rows on top,
 * a header of one or two rows (merged cells over sub-columns), blank ruled
 * rows for the data, sometimes a 合计 row, and 填报单位 / 填报日期 lines
 * above or below. Works on an exceljs worksheet; changes nothing.
 */
import { createHash } from 'node:crypto';
import type { Cell, Worksheet } from 'exceljs';
import { headerKey } from '../../import/normalise';

export interface TemplateColumn {
  /** 1-based column number. */
  column: number;
  /** Excel's letter for it (A, B, … AA). */
  letter: string;
  /** The column's header words; for a two-row header "上层/下层". */
  header: string;
}

/** Words on a line of the sheet that the fill completes: 填报单位：…, 填报日期：…, 统计时间：… */
export type InfoKind = 'office' | 'reportDay' | 'period';

export interface TemplateLayout {
  sheet: string;
  headerFirst: number;
  headerLast: number;
  columns: TemplateColumn[];
  /** The 合计 / 总计 row below the header, if the template has one. */
  totalRow: number | null;
  /** Rows below the header that are free for data before the 合计 row or the next written line. */
  blankRows: number;
  infoCells: Array<{ row: number; column: number; kinds: InfoKind[] }>;
  /** Same header words in the same order, same fingerprint: how a template is recognised again. */
  fingerprint: string;
}

/** How far down the header may be: a title, a subtitle and a 填报单位 line come first. */
const HEADER_SCAN_ROWS = 30;
const INFO_WORDS: Record<InfoKind, string> = {
  office: '填报单位|报送单位|填表单位|上报单位|单位名称',
  reportDay: '填报日期|报送日期|填表日期|上报日期|填报时间',
  period: '统计期间|统计时间|统计日期|时间段',
};
/** The label and its colon, a note such as （盖章） allowed between them. */
export const infoLabel = (kind: InfoKind): string => `(?:${INFO_WORDS[kind]})\\s*(?:（[^）]*）|\\([^)]*\\))?\\s*[:：]`;
const INFO_PATTERNS = (Object.keys(INFO_WORDS) as InfoKind[]).map((k): [InfoKind, RegExp] => [k, new RegExp(infoLabel(k))]);
const TOTAL_WORDS = /^(合\s*计|总\s*计|共\s*计)[:：]?$/;

export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

const pad = (n: number): string => String(n).padStart(2, '0');
/** exceljs reads an Excel date serial as that day's UTC midnight: the calendar day is its UTC date. */
const excelDay = (d: Date): string => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;

/** What a cell shows, whatever exceljs holds (rich text, formula result, hyperlink, date). */
export function cellText(cell: Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return excelDay(v);
  if ('richText' in v)
    return v.richText
      .map((t) => t.text)
      .join('')
      .trim();
  if ('formula' in v || 'sharedFormula' in v)
    return v.result === undefined || v.result === null
      ? ''
      : String(v.result instanceof Date ? excelDay(v.result) : typeof v.result === 'object' ? '' : v.result);
  if ('text' in v) return String(v.text).trim();
  return '';
}

/** The filled cells of a row, a merged block counted once (at its top-left cell). */
function mastersOf(ws: Worksheet, row: number, width: number): Cell[] {
  const seen = new Set<string>();
  const out: Cell[] = [];
  for (let c = 1; c <= width; c++) {
    const m = ws.getCell(row, c).master;
    if (seen.has(m.address) || cellText(m) === '') continue;
    seen.add(m.address);
    out.push(m);
  }
  return out;
}

export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export function mergeBoxes(ws: Worksheet): Box[] {
  return ws.model.merges.map((range) => {
    const [a, b = a] = range.split(':') as [string, string?];
    const tl = ws.getCell(a);
    const br = ws.getCell(b);
    return { top: Number(tl.row), left: Number(tl.col), bottom: Number(br.row), right: Number(br.col) };
  });
}

const isInfoText = (t: string): boolean => INFO_PATTERNS.some(([, re]) => re.test(t)) || /[:：]\s*$/.test(t);

/** The first row with two or more separate headings that are not "label：" lines. */
function findHeaderRow(ws: Worksheet, width: number): number | null {
  const last = Math.min(ws.rowCount, HEADER_SCAN_ROWS);
  for (let r = 1; r <= last; r++) {
    const cells = mastersOf(ws, r, width).filter((c) => Number(c.row) === r);
    const headings = cells.filter((c) => !isInfoText(cellText(c)));
    if (headings.length >= 2 && headings.length * 2 > cells.length) return r;
  }
  return null;
}

/** A header grows down while a merged block reaches further or a merged heading has sub-headings under it. */
function headerBottom(ws: Worksheet, first: number, width: number, boxes: Box[]): number {
  let last = first;
  for (let changed = true; changed && last < first + 3;) {
    changed = false;
    for (const b of boxes) {
      if (b.top < first || b.top > last) continue;
      if (b.bottom > last) {
        last = b.bottom;
        changed = true;
      }
      const spansColumns = b.right > b.left && b.bottom === last;
      if (spansColumns && last < first + 3) {
        const below = last + 1;
        let sub = 0;
        for (let c = b.left; c <= b.right; c++) if (cellText(ws.getCell(below, c)) !== '' && Number(ws.getCell(below, c).master.row) === below) sub++;
        if (sub >= 2) {
          last = below;
          changed = true;
        }
      }
    }
  }
  return last;
}

function headerColumns(ws: Worksheet, first: number, last: number, width: number): TemplateColumn[] {
  const out: TemplateColumn[] = [];
  for (let c = 1; c <= width; c++) {
    let continuation = true;
    const parts: string[] = [];
    for (let r = first; r <= last; r++) {
      const cell = ws.getCell(r, c);
      if (Number(cell.master.col) === c) continuation = false;
      const t = cellText(cell).replace(/\s+/g, '');
      if (t !== '' && parts[parts.length - 1] !== t) parts.push(t);
    }
    // The right-hand part of a heading merged across columns: the data goes into its first column.
    if (continuation || parts.length === 0) continue;
    out.push({ column: c, letter: columnLetter(c), header: parts.join('/') });
  }
  return out;
}

export function fingerprintOf(columns: readonly TemplateColumn[]): string {
  return createHash('sha256')
    .update(columns.map((c) => headerKey(c.header)).join('\u001f'))
    .digest('hex')
    .slice(0, 32);
}

/** Null when no row looks like a header. */
export function readLayout(ws: Worksheet): TemplateLayout | null {
  const width = Math.max(ws.columnCount, ws.actualColumnCount);
  const first = findHeaderRow(ws, width);
  if (first === null) return null;
  const boxes = mergeBoxes(ws);
  const last = headerBottom(ws, first, width, boxes);
  const columns = headerColumns(ws, first, last, width);
  if (columns.length < 2) return null;
  let totalRow: number | null = null;
  let nextWritten: number | null = null;
  for (let r = last + 1; r <= ws.rowCount; r++) {
    const texts = mastersOf(ws, r, width)
      .filter((c) => Number(c.row) === r)
      .map(cellText);
    // Ruled rows with only their 序号 printed (1, 2, 3…) are still free for data.
    if (texts.every((t) => /^\d+$/.test(t))) continue;
    if (totalRow === null && nextWritten === null && TOTAL_WORDS.test(texts[0]!.replace(/\s/g, ''))) totalRow = r;
    if (nextWritten === null) nextWritten = r;
  }
  const stop = totalRow ?? nextWritten;
  const blankRows = stop === null ? Math.max(0, ws.rowCount - last) : stop - last - 1;
  const infoCells: TemplateLayout['infoCells'] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    if (r >= first && r <= last) continue;
    for (const cell of mastersOf(ws, r, width)) {
      if (Number(cell.row) !== r) continue;
      const kinds = INFO_PATTERNS.filter(([, re]) => re.test(cellText(cell))).map(([k]) => k);
      if (kinds.length > 0) infoCells.push({ row: r, column: Number(cell.col), kinds });
    }
  }
  return { sheet: ws.name, headerFirst: first, headerLast: last, columns, totalRow, blankRows, infoCells, fingerprint: fingerprintOf(columns) };
}
