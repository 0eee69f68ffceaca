/**
 * A pasted list as an import source, through the same header, mapping,
 * preview and commit as a file:
 *  - cells copied from Excel or WPS arrive tab-separated; with their header
 *    row they read like a CSV, without it each column is named by the shape
 *    of what it holds (身份证号, 联系电话, 姓名) or just 第 N 列;
 *  - a WeChat 接龙 message is numbered lines (`3. 张三 410105… 138… 3号楼2单元`):
 *    ID numbers, phones and names are picked out by their shape; whatever is
 *    left is shown as 其他内容 for the user to map or leave, never guessed at.
 * Lines before the list (the 接龙's title) are kept as title rows, so the
 * whole-file values are suggested from them as from a sheet's title.
 */
import Papa from 'papaparse';
import { badInput } from '../../errors';
import { checkedText, MAX_COLUMNS, valuesEnd, type Cell, type SourceRow } from './cells';
import { cleanText } from './normalise';
import { looksLikeChineseName } from './surnames';

/**
 * Line numbers start at 1. A header made up for pasted cells stands before them (0); one made
 * up for a 接龙 list stands half a line above its first entry, below the title lines, so the
 * title is never read as data and never joined to the header as its upper row.
 */
const MADE_UP_HEADER_ROW = 0;

const ID_RE = /(?<![\dXx])(\d{17}[\dXx]|\d{15})(?![\dXx])/g;
const MOBILE_RE = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;
const LANDLINE_RE = /(?<![\d-])(0\d{2,3}-?\d{7,8})(?![\d-])/g;
/** Minority names keep their middle dot (阿依古丽·买买提): taken as names by that dot. */
const DOTTED_NAME = /^[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,6}$/;
/** Words a surname may start that are places or groups, not people (高新区, 王家庄村, 李村). */
const NOT_A_NAME = /(社区|村|庄|区|小区|花园|家园|苑|路|街|巷|院|楼|栋|幢|单元|室|号|网格|人员|老人|儿童|观察|隔离|返程|发热|特困)$/;
const ENTRY_RE = /^\s*(\d{1,4})\s*[.．、,，)）:：]\s*(.*)$/;

export const isIdShaped = (s: string): boolean => /^(\d{17}[\dXx]|\d{15})$/.test(s);
export const isPhoneShaped = (s: string): boolean => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(s);
export const isNameShaped = (s: string): boolean => (DOTTED_NAME.test(s) || looksLikeChineseName(s)) && !NOT_A_NAME.test(s);

export interface PastedRows {
  kind: 'cells' | 'list';
  rows: SourceRow[];
}

/** A paste with its line breaks made \n, and which kind it is: known at once, before any line is read for what it holds. */
export interface PastedText {
  kind: 'cells' | 'list';
  text: string;
  lines: number;
}

const EMPTY_PASTE = '粘贴的内容里没有可识别的名单行：请从 Excel/WPS 复制带表头的单元格，或粘贴按 “1. 姓名 身份证号 电话 住址” 编号的接龙名单。';

/**
 * How many lines (or rows of cells) are read between two breaths. 300,000 lines of 「1.张三」 read in one go held the
 * core 5.3 s at import.inspect, no other window answered (thirteenth attack run, P1): a CSV's rows are read in steps.
 */
export const PASTE_STEP_LINES = 2_000;

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

/** The paste's rows; yields (nothing) every PASTE_STEP_LINES lines, so a caller may give the thread back there. */
export function* pastedSteps(p: PastedText): Generator<void, PastedRows> {
  const result = p.kind === 'cells' ? yield* pastedCells(p.text) : yield* pastedList(p.text);
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

/** Tab-separated cells; a header row made up from the columns' shapes when the first row is already data. */
function* pastedCells(text: string): Generator<void, PastedRows | null> {
  // Left in one go: papaparse over the whole text (cells copied from a sheet may hold quoted line breaks).
  const parsed = Papa.parse<string[]>(text, { delimiter: '\t', skipEmptyLines: false });
  const data: SourceRow[] = [];
  for (const [i, record] of parsed.data.entries()) {
    if (i % PASTE_STEP_LINES === PASTE_STEP_LINES - 1) yield;
    const end = valuesEnd(record);
    // As wide as a sheet may be (cells.ts): a row of a million cells held the core half a minute (eighth attack run).
    if (end > MAX_COLUMNS) throw badInput(`粘贴的内容第 ${i + 1} 行有 ${end} 列，登记表不会有超过 ${MAX_COLUMNS} 列：请只复制名单所在的列。`);
    const cells = record.slice(0, MAX_COLUMNS).map((s) => (s.trim() === '' ? null : checkedText(s)));
    if (cells.some((c) => c !== null)) data.push({ rowNumber: i + 1, cells });
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

const LIST_HEADER: Cell[] = ['序号', '姓名', '身份证号', '联系电话', '其他内容'];

/** One 接龙 entry: the ID number, phone and name found by shape, the rest as it was written. */
function entryCells(no: string, body: string): Cell[] {
  let rest = body;
  const take = (re: RegExp): string | null => {
    re.lastIndex = 0;
    const m = re.exec(rest);
    if (!m) return null;
    rest = `${rest.slice(0, m.index)} ${rest.slice(m.index + m[0].length)}`;
    return m[1]!;
  };
  const id = take(ID_RE);
  const phone = take(MOBILE_RE) ?? take(LANDLINE_RE);
  const tokens = rest.split(/[\s,，;；、|]+/).filter((t) => t !== '');
  const nameAt = tokens.findIndex((t) => isNameShaped(t));
  const name = nameAt >= 0 ? tokens.splice(nameAt, 1)[0]! : null;
  const other = tokens.join(' ');
  return [no, name, id, phone, other === '' ? null : checkedText(other)];
}

function* pastedList(text: string): Generator<void, PastedRows | null> {
  const rows: SourceRow[] = [];
  let started = false;
  let recognised = 0;
  for (let i = 0, at = 0; at <= text.length; i++) {
    if (i % PASTE_STEP_LINES === PASTE_STEP_LINES - 1) yield;
    const end = text.indexOf('\n', at);
    const t = text.slice(at, end === -1 ? text.length : end).trim();
    at = end === -1 ? text.length + 1 : end + 1;
    if (t === '') continue;
    const m = ENTRY_RE.exec(t);
    if (m) {
      if (!started) rows.push({ rowNumber: i + 0.5, cells: LIST_HEADER });
      started = true;
      const cells = entryCells(m[1]!, m[2]!);
      if (cells[1] !== null || cells[2] !== null || cells[3] !== null) recognised++;
      rows.push({ rowNumber: i + 1, cells });
    } else if (!started) {
      // The 接龙's title and instructions: title rows, for the whole-file values.
      rows.push({ rowNumber: i + 1, cells: [checkedText(t)] });
    } else {
      // A line after the list began that is not an entry: shown as it is, so nobody is dropped unseen.
      rows.push({ rowNumber: i + 1, cells: [null, null, null, null, checkedText(t)] });
    }
  }
  return recognised === 0 ? null : { kind: 'list', rows };
}
