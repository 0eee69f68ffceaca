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

const EMPTY_PASTE = '粘贴的内容里没有可识别的名单行：请从 Excel/WPS 复制带表头的单元格，或粘贴按 “1. 姓名 身份证号 电话 住址” 编号的接龙名单。';

export function parsePasted(raw: string): PastedRows {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = text.split('\n');
  const filled = lines.filter((l) => l.trim() !== '');
  if (filled.length === 0) throw badInput('没有粘贴任何内容。');
  const tabbed = filled.filter((l) => l.includes('\t')).length;
  const result = tabbed * 2 >= filled.length ? pastedCells(text) : pastedList(lines);
  if (!result) throw badInput(EMPTY_PASTE);
  return result;
}

/** Tab-separated cells; a header row made up from the columns' shapes when the first row is already data. */
function pastedCells(text: string): PastedRows | null {
  const parsed = Papa.parse<string[]>(text, { delimiter: '\t', skipEmptyLines: false });
  const rows: SourceRow[] = parsed.data.map((record, i) => {
    const end = valuesEnd(record);
    // As wide as a sheet may be (cells.ts): a row of a million cells held the core half a minute (eighth attack run).
    if (end > MAX_COLUMNS) throw badInput(`粘贴的内容第 ${i + 1} 行有 ${end} 列，登记表不会有超过 ${MAX_COLUMNS} 列：请只复制名单所在的列。`);
    return { rowNumber: i + 1, cells: record.slice(0, MAX_COLUMNS).map((s) => (s.trim() === '' ? null : checkedText(s))) };
  });
  const data = rows.filter((r) => r.cells.some((c) => c !== null));
  if (data.length === 0) return null;
  const first = data[0]!.cells.map((c) => (typeof c === 'string' ? cleanText(c) : ''));
  const firstIsData = first.some((c) => isIdShaped(c) || isPhoneShaped(c) || /^\d+$/.test(c));
  if (!firstIsData) return { kind: 'cells', rows: data };
  return { kind: 'cells', rows: [{ rowNumber: MADE_UP_HEADER_ROW, cells: headersByShape(data) }, ...data] };
}

/** Names a column by what most of its cells look like; a column that looks like nothing in particular stays 第 N 列. */
function headersByShape(rows: readonly SourceRow[]): Cell[] {
  // Not Math.max(...): spread over a million pasted rows overflows the stack (an INTERNAL error, eighth attack run).
  const width = rows.reduce((w, r) => Math.max(w, r.cells.length), 0);
  const taken = new Set<string>();
  const headers: Cell[] = [];
  for (let col = 0; col < width; col++) {
    const values = rows
      .map((r) => r.cells[col])
      .filter((c): c is string => typeof c === 'string')
      .map(cleanText);
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

function pastedList(lines: readonly string[]): PastedRows | null {
  const rows: SourceRow[] = [];
  let started = false;
  let recognised = 0;
  for (const [i, line] of lines.entries()) {
    const t = line.trim();
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
