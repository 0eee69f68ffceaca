/**
 * A pasted list as an import source, through the same header, mapping,
 * preview and commit as a file:
 *  - cells copied from Excel or WPS arrive tab-separated; with their header
 *    row they read like a CSV, without it each column is named by the shape
 *    of what it holds (身份证号, 联系电话, 姓名) or just 第 N 列;
 *  - a WeChat 接龙 message is numbered lines, read by paste-list.ts.
 */
import { badInput } from '../../errors';
import { checkedText, MAX_COLUMNS, type Cell, type SourceRow } from './cells';
import { RecordScanner, splitRecords, type CsvDialect, type RecordWords } from './csv-records';
import { cleanText } from './normalise';
import { isIdShaped, isNameShaped, isPhoneShaped, PASTE_HOW, PASTE_STEP_LINES, pastedList, type PlacesAsWritten, type Skipped } from './paste-list';

export { placesAsWrittenNote, skippedNote } from './paste-list';

/**
 * Line numbers start at 1. A header made up for pasted cells stands before them (0); one made
 * up for a 接龙 list stands half a line above its first entry, below the title lines, so the
 * title is never read as data and never joined to the header as its upper row.
 */
const MADE_UP_HEADER_ROW = 0;

export interface PastedRows {
  kind: 'cells' | 'list';
  rows: SourceRow[];
  /** A 接龙's notice past its title lines: not read, said in the preview. */
  skipped?: Skipped;
  /** A 接龙's places not in the lists, kept as written in 来源地: said in the wizard, for the user to check. */
  placesAsWritten?: PlacesAsWritten;
}

/** A paste with its line breaks made \n, and which kind it is: known at once, before any line is read for what it holds. */
export interface PastedText {
  kind: 'cells' | 'list';
  text: string;
  lines: number;
}

const EMPTY_PASTE = `粘贴的内容里没有可识别的名单行：${PASTE_HOW}`;

/**
 * The kind, from how many of the lines that are not blank hold a tab. Counted letter by letter, not by splitting the
 * text: 990,000 lines split into strings took 1.6 s in one turn (load 10); each line's text is cut in steps.
 */
export function splitPasted(raw: string): PastedText {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let filled = 0;
  let tabbed = 0;
  let lines = 1;
  let hasText = false;
  let hasTab = false;
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? 0x0a : text.charCodeAt(i);
    if (c === 0x0a) {
      if (hasText) filled++;
      if (hasText && hasTab) tabbed++;
      if (i < text.length) lines++;
      hasText = hasTab = false;
    } else if (c === 0x09) hasTab = true;
    else if (!hasText && !trimmedAway(c)) hasText = true;
  }
  if (filled === 0) throw badInput('没有粘贴任何内容。');
  return { kind: tabbed * 2 >= filled ? 'cells' : 'list', text, lines };
}

/** What String.prototype.trim takes off (WhiteSpace and LineTerminator): a line of only these is blank. */
function trimmedAway(c: number): boolean {
  if (c > 0x20 && c < 0xa0) return false;
  return (
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** The paste's rows; yields (nothing) between steps of PASTE_STEP_LINES lines (or PASTE_STEP_CHARS letters of cells), so a caller may give the thread back there. */
export function* pastedSteps(p: PastedText): Generator<void, PastedRows> {
  const result = p.kind === 'cells' ? yield* pastedCells(p.text) : { kind: 'list' as const, ...(yield* pastedList(p.text)) };
  if (!result) throw badInput(EMPTY_PASTE);
  return result;
}

/** Read in one go: for a caller that holds no other window's turn (and the tests of what is read). */
export function parsePasted(raw: string): PastedRows {
  const steps = pastedSteps(splitPasted(raw));
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

const PASTE_DIALECT: CsvDialect = { delimiter: '\t', newline: '\n' };
const PASTE_WORDS: RecordWords = { place: '粘贴的内容', fix: '请只复制名单所在的列', notASheet: '这不是从表格复制的内容' };
/** Letters of cells handed to papaparse at a time, besides PASTE_STEP_LINES rows: 1,500 rows of 3,000 letters are one step otherwise. */
export const PASTE_STEP_CHARS = 256 * 1024;

/**
 * The paste's records, split by papaparse a step at a time (PASTE_STEP_LINES rows or PASTE_STEP_CHARS letters): the
 * whole text in one go held the core 2.6 s for 800,000 rows (session 27). Where each record ends is found first by
 * csv-records.ts's scanner, which follows papaparse's quoting, so a cell quoted over several lines is never cut, and
 * the records are the ones the whole text gave; a value past column MAX_COLUMNS is refused there, before papaparse.
 */
export function* pastedRecords(text: string, stepLines = PASTE_STEP_LINES, stepChars = PASTE_STEP_CHARS): Generator<string[][]> {
  const scanner = new RecordScanner(text, PASTE_DIALECT, PASTE_WORDS);
  for (let at = 0, row = 0; at < text.length;) {
    const from = at;
    for (let n = 0; n < stepLines && at - from < stepChars && at < text.length; n++) at = scanner.record(at, ++row).next;
    const data = splitRecords(text.slice(from, at), PASTE_DIALECT);
    // The line break after the step's last record leaves one empty record: not a row (the whole text's last was empty too).
    const last = data[data.length - 1];
    if (last?.length === 1 && last[0] === '') data.pop();
    yield data;
  }
}

/** Tab-separated cells; a header row made up from the columns' shapes when the first row is already data. */
function* pastedCells(text: string): Generator<void, PastedRows | null> {
  const data: SourceRow[] = [];
  let rowNumber = 0;
  for (const records of pastedRecords(text)) {
    for (const record of records) {
      rowNumber++;
      // No wider than a sheet may be (cells.ts): a value past it was refused by the scanner, empty cells are let go.
      const cells = record.slice(0, MAX_COLUMNS).map((s) => (s.trim() === '' ? null : checkedText(s)));
      if (cells.some((c) => c !== null)) data.push({ rowNumber, cells });
    }
    yield;
  }
  if (data.length === 0) return null;
  const first = data[0]!.cells.map((c) => (typeof c === 'string' ? cleanText(c) : ''));
  const firstIsData = first.some((c) => isIdShaped(c) || isPhoneShaped(c) || /^\d+$/.test(c));
  if (!firstIsData) return { kind: 'cells', rows: data };
  return { kind: 'cells', rows: [{ rowNumber: MADE_UP_HEADER_ROW, cells: yield* headersByShape(data) }, ...data] };
}

/** Names a column by what most of its cells look like; a column that looks like nothing in particular stays 第 N 列. */
function* headersByShape(rows: readonly SourceRow[]): Generator<void, Cell[]> {
  // Not Math.max(...): spread over a million pasted rows overflows the stack (an INTERNAL error, eighth attack run).
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const taken = new Set<string>();
  const headers: Cell[] = [];
  for (let col = 0; col < width; col++) {
    const values: string[] = [];
    for (const [i, r] of rows.entries()) {
      if (i % PASTE_STEP_LINES === PASTE_STEP_LINES - 1) yield;
      const c = r.cells[col];
      if (typeof c === 'string') values.push(cleanText(c));
    }
    const share = (test: (s: string) => boolean) => (values.length === 0 ? 0 : values.filter(test).length / values.length);
    // Names differ from row to row; a column of 返程人员 / 东风社区 repeats.
    const distinct = values.length < 5 || new Set(values).size >= values.length * 0.8;
    const label = share(isIdShaped) >= 0.6 ? '身份证号' : share(isPhoneShaped) >= 0.6 ? '联系电话' : share(isNameShaped) >= 0.6 && distinct ? '姓名' : null;
    if (label && !taken.has(label)) {
      taken.add(label);
      headers.push(label);
    } else headers.push(`第${col + 1}列`);
  }
  return headers;
}
