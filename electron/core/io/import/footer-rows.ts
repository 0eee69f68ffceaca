/**
 * Rows under and between the data that are not people, as WPS sheets have them: 合计/小计 rows, the
 * 「填表人：… 审核人：… 填表日期：…」 line and whatever stands below it (a second small table, a tally), 「注：…」
 * notes with their wrapped lines. Read as data they were bad rows that blocked the import and alarmed the clerk; they are
 * skipped and the preview names them. Decided by shape, never by what fails: the row's first filled cell is in
 * the first two columns and starts with such a word, and every other filled cell is a count (35, 共35人) or
 * another such label or the value after a label (「填表人：」 | 张三). A data row with its name missing is
 * none of these and is still reported with its reason.
 */
import { cellText, type Cell, type SourceRow } from './cells';
import { cleanText } from './normalise';

type Kind = 'title' | 'header' | 'summary' | 'signOff' | 'note' | 'below';

const SUMMARY = /^(合\s*计|小\s*计|总\s*计|共\s*计)/;
const SIGN_OFF =
  /^(填表|填报|审核|审批|制表|统计|核对|负责|经办)\s*(人|日期|时间|单位)\s*[:：]?|^(填表|填报|审核|制表|统计)\s*[:：]|^(联系\s*(人|电话|方式)|电\s*话)\s*[:：]/;
const NOTE = /^(注|备注|说明|附注)\s*\d*\s*[:：]/;
const COUNT = /^(共\s*)?\d+(\.\d+)?\s*(人|户|名|个|份|家|条)?$/;

const WHY: Record<Kind, string> = {
  title: '是表格标题',
  header: '是重复的表头',
  summary: '是合计/小计行',
  signOff: '是填表人、审核人、日期等签名行',
  note: '是注释/说明',
  below: '在签名行或注释之后，不属于登记表的数据',
};
const ORDER: Kind[] = ['title', 'header', 'summary', 'signOff', 'note', 'below'];

/** The first characters the words above can start with (after spaces): one look at two cells rules out almost every data row. */
const LEADS = /^[\s\u3000]*[合小总共填审制统核负经注备说附联电]/;
const leads = (c: Cell | undefined): boolean => typeof c === 'string' && LEADS.test(c);

const textOf = (c: Cell | undefined): string => (typeof c === 'number' ? String(c) : cleanText(cellText(c ?? null)));
const texts = (cells: readonly Cell[]): string[] => cells.map(textOf);

function kindOf(cells: readonly Cell[]): Kind | null {
  // Per data row on a 100,000-row file: nothing is made for a row whose first two cells cannot start a footer.
  if (!leads(cells[0]) && !leads(cells[1])) return null;
  const text = texts(cells);
  const first = text.findIndex((t) => t !== '');
  if (first < 0 || first > 1) return null;
  const lead = text[first]!;
  const kind: Kind | null = SUMMARY.test(lead) ? 'summary' : SIGN_OFF.test(lead) ? 'signOff' : NOTE.test(lead) ? 'note' : null;
  if (!kind) return null;
  let previous = lead;
  for (let i = first + 1; i < text.length; i++) {
    const t = text[i]!;
    if (t === '') continue;
    const fits = COUNT.test(t) || SIGN_OFF.test(t) || /[:：]$/.test(previous);
    if (!fits) return null;
    previous = t;
  }
  return kind;
}

/** Ranges of row numbers: 30、45–47. */
export function rangesOf(rows: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length;) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j]! + 1) j++;
    parts.push(j === i ? `${rows[i]}` : `${rows[i]}–${rows[j]}`);
    i = j + 1;
  }
  return parts.length > 8 ? `${parts.slice(0, 8).join('、')} 等` : parts.join('、');
}

/**
 * A title line in the data: one filled cell, the same text as a title above the header, or a title's shape (a sheet's
 * name ending in 表/名单/名册/台账, with a bracketed month after it). Blocks pasted together from each grid's or
 * community's sheet repeat the title above the repeated header; read as data it was a bad row with no name.
 */
const TITLE_SHAPE = /(表|名单|名册|台账|清单|一览)([(（][^)）]*[)）])?$/;
function titleText(cells: readonly Cell[], titles: ReadonlySet<string>): string | null {
  let text: string | null = null;
  for (const c of cells) {
    if (c === null || c === undefined || c === '') continue;
    if (text !== null || typeof c !== 'string') return null;
    text = cleanText(c);
  }
  if (text === null) return null;
  return titles.has(text) || (text.length >= 6 && TITLE_SHAPE.test(text)) ? text : null;
}

export interface FooterRows {
  /** Whether to leave the row out; `afterData`: a data row has been read above it. Rows must come in order. */
  skip: (row: SourceRow, afterData: boolean) => boolean;
  /** The header's rows as read, and the title rows above them: the same again further down (blocks pasted together from each grid) are not people. */
  header: (rows: readonly SourceRow[], titleRows?: readonly SourceRow[]) => void;
  notes: () => string[];
  /** The title lines met among the data, as written: the pipeline checks them against the whole-file values. */
  titles: () => { rowNumber: number; text: string }[];
}

/**
 * Below a note, a row is people again when it has three filled cells, an ID number's shape or a mobile number's: a
 * note's wrapped lines have one cell, a tally by grid two (网格 | 人数) and no 11-digit count, a person at least a
 * name and a number.
 */
const ID_SHAPE = /^\d{17}[\dXx]$/;
const MOBILE_SHAPE = /^1[3-9]\d{9}$/;
function looksLikePeople(cells: readonly Cell[]): { people: boolean; id: boolean; filled: number } {
  let filled = 0;
  let id = false;
  let mobile = false;
  for (const c of cells) {
    if (c === null || c === undefined || c === '') continue;
    filled++;
    const t = textOf(c);
    if (!id) id = ID_SHAPE.test(t);
    if (!mobile) mobile = MOBILE_SHAPE.test(t);
  }
  return { people: filled >= 3 || id || mobile, id, filled };
}

/** Every filled cell as the header row has it, and at least two of them: 姓名 alone in a row is not a header. */
function repeatsHeader(cells: readonly Cell[], header: readonly string[], lead: number): boolean {
  // Per data row: one cell looked at (a 社区 column's 东风社区 is not 社区), the rest only for a likely header.
  const c = cells[lead];
  if (typeof c !== 'string' || cleanText(c) !== header[lead]) return false;
  let same = 0;
  for (let i = 0; i < cells.length; i++) {
    const t = textOf(cells[i]);
    if (t === '') continue;
    if (t !== header[i]) return false;
    same++;
  }
  return same >= 2;
}

export function footerRows(): FooterRows {
  const skipped: Record<Kind, number[]> = { title: [], header: [], summary: [], signOff: [], note: [], below: [] };
  let headers: { text: string[]; lead: number }[] = [];
  let titleSet: ReadonlySet<string> = new Set();
  const titlesMet: { rowNumber: number; text: string }[] = [];
  // The sign-off line ends the form: what stands below it is not people unless it carries an ID number. A note only
  // pauses it: a note in the middle of the data (「注：以下为2月5日新增」) has people below it, and leaving them out would lose them quietly.
  let signedOff = false;
  let underNote = false;
  const skip = (row: SourceRow, afterData: boolean): boolean => {
    const title = afterData ? titleText(row.cells, titleSet) : null;
    if (title !== null) titlesMet.push({ rowNumber: row.rowNumber, text: title });
    const own = title !== null ? 'title' : headers.some((h) => repeatsHeader(row.cells, h.text, h.lead)) ? 'header' : kindOf(row.cells);
    // Below the sign-off only a row carrying an ID number is a person (typed in late); a tally by grid is not.
    let under: Kind | null = signedOff && !looksLikePeople(row.cells).id ? 'below' : null;
    if (!own && !signedOff && underNote) {
      const shape = looksLikePeople(row.cells);
      if (shape.people) underNote = false;
      else under = shape.filled === 1 ? 'note' : 'below';
    }
    const kind = own ?? under;
    if (!kind) return false;
    skipped[kind].push(row.rowNumber);
    // A 「注：带*为必填」 under the header, before any people, changes nothing below it.
    if (afterData && kind === 'signOff') signedOff = true;
    if (afterData && own === 'note') underNote = true;
    return true;
  };
  const notes = (): string[] => ORDER.filter((k) => skipped[k].length > 0).map((k) => `第 ${rangesOf(skipped[k])} 行${WHY[k]}，未导入。`);
  const header = (rows: readonly SourceRow[], titleRows: readonly SourceRow[] = []): void => {
    titleSet = new Set(titleRows.flatMap((r) => texts(r.cells).filter((t) => t !== '')));
    headers = rows
      .map((r) => texts(r.cells))
      .map((text) => ({ text, lead: text.findIndex((t) => t !== '') }))
      .filter((h) => h.lead >= 0);
  };
  return { skip, header, notes, titles: () => titlesMet };
}
