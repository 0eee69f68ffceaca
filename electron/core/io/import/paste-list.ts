/**
 * A WeChat 接龙 message as rows: numbered lines (`3. 张三 410105… 138… 3号楼2单元`) whose ID numbers, phones and
 * names are picked out by their shape, whatever is left shown as 其他内容 for the user to map or leave, never guessed
 * at. Real ones open with the organiser's notice (the group's rules, a contact phone, numbered instructions): the list
 * is found where its entries are people, the notice's first lines kept as title rows and the rest skipped, said so.
 */
import { badInput } from '../../errors';
import { dropInvisible } from '../../invisible.shared';
import { checkedText, type Cell, type SourceRow } from './cells';
import { entryName, placeAsWritten, placeSaid } from './entry-name';
import { looksLikeChineseName } from './surnames';

const ID_RE = /(?<![\dXx])(\d{17}[\dXx]|\d{15})(?![\dXx])/g;
const MOBILE_RE = /(?<!\d)(1[3-9]\d{9})(?!\d)/g;
const LANDLINE_RE = /(?<![\d-])(0\d{2,3}-?\d{7,8})(?![\d-])/g;
/** Minority names keep their middle dot (阿依古丽·买买提): taken as names by that dot. */
const DOTTED_NAME = /^[\u4e00-\u9fa5]{1,6}·[\u4e00-\u9fa5]{1,6}$/;
/** Words a surname may start that are places or groups, not people (高新区, 王家庄村, 李村). */
const NOT_A_NAME = /(社区|村|庄|区|小区|花园|家园|苑|路|街|巷|院|楼|栋|幢|单元|室|号|网格|人员|老人|儿童|观察|隔离|返程|发热|特困)$/;
const ENTRY_RE = /^\s*(\d{1,4})\s*[.．、,，)）:：]\s*(.*)$/;
/** Full-width digits and x/X (a phone's input method typing 「４１０１…」): read as the ASCII ones, with ID and phone shapes. */
const FULL_WIDTH = /[\uff10-\uff19\uff38\uff58]/g;
/**
 * What else a phone types for a number (attack run 51, S51-A2: each was dropped with 其他内容, nothing said): Arabic-Indic
 * digits (U+0660–0669, U+06F0–06F9, an Uyghur or Arabic keyboard); an ID number in the groups it is read out in
 * (410102 19710101 0511); a mobile after +86 / 0086, or in 3-4-4 groups. Only these exact shapes are joined.
 */
const OTHER_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
// Groups apart by a space or a dash, a Chinese keyboard's full-width ones too (「410102　19710101　0511」, 「138－0371－1012」:
// attack run 52, S52-A2, each was left with 其他内容 as the ASCII ones were before S51-A2).
const ID_SPACED = /(?<![\dXx])(\d{6})[ \u3000\-－](\d{8})[ \u3000\-－](\d{3}[\dXx])(?![\dXx])/g;
const COUNTRY_CODE = /(?:\+|＋|(?<![\dXx])00)86[ \u3000\-－]?(?=1[3-9]\d[ \u3000\-－]?\d{4}[ \u3000\-－]?\d{4}(?!\d))/g;
const MOBILE_SPACED = /(?<![\dXx])(1[3-9]\d)[ \u3000\-－](\d{4})[ \u3000\-－](\d{4})(?![\dXx])/g;

/**
 * A 接龙 line as its shapes are read (session 50, S50 attack's note): without the characters nobody sees (「王\u200b五」
 * was no name's shape) and with full-width digits as digits (an entry typed 「２. 赵六 ４１０１…」 was no entry at all, or
 * one with no ID number or phone). Only the reading: a line that is no entry keeps its text as pasted.
 */
const readable = (line: string): string =>
  dropInvisible(line)
    .replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(OTHER_DIGITS, (c) => String((c.charCodeAt(0) - 0x0660) % 0x90))
    .replace(ID_SPACED, '$1$2$3')
    .replace(COUNTRY_CODE, '')
    .replace(MOBILE_SPACED, '$1$2$3');

export const isIdShaped = (s: string): boolean => /^(\d{17}[\dXx]|\d{15})$/.test(s);
export const isPhoneShaped = (s: string): boolean => /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(s);
export const isNameShaped = (s: string): boolean => (DOTTED_NAME.test(s) || looksLikeChineseName(s)) && !NOT_A_NAME.test(s);

/** Notice lines not read: line numbers as pasted, `lines` of them not blank. */
export interface Skipped {
  first: number;
  last: number;
  lines: number;
}

/** Lines whose 来源地 names a place not in the lists (麻城返), kept as written: the line numbers and the words. */
export interface PlacesAsWritten {
  lines: number[];
  words: string[];
}

export interface ListRead {
  rows: SourceRow[];
  skipped?: Skipped;
  placesAsWritten?: PlacesAsWritten;
}

/** How many lines and words the note on places kept as written names; the rest counted. */
const NAMED_IN_NOTE = 6;

/** What the wizard says of the places it did not know: written as they were, for the user to check, never guessed. */
export const placesAsWrittenNote = (p: PlacesAsWritten): string => {
  const lines = p.lines.slice(0, NAMED_IN_NOTE).join('、') + (p.lines.length > NAMED_IN_NOTE ? ` 等 ${p.lines.length} 行` : ' 行');
  const words = [...new Set(p.words)];
  const said =
    words
      .slice(0, NAMED_IN_NOTE)
      .map((w) => `「${w}」`)
      .join('') + (words.length > NAMED_IN_NOTE ? ' 等' : '');
  return `第 ${lines}的来源地${said}不在程序认得的地名（省和地级市）里，已按原样写入「来源地」，没有猜是哪个地方：请核对。`;
};

/** What the wizard says of a notice skipped before a 接龙 list. */
export const skippedNote = (s: Skipped): string =>
  `第 ${s.first === s.last ? s.first : `${s.first}–${s.last}`} 行是接龙前的说明文字（${s.lines} 行），未导入。`;

/** What a paste should be, said whenever one cannot be read. */
export const PASTE_HOW = '请从 Excel/WPS 复制带表头的单元格，或粘贴按 “1. 姓名 身份证号 电话 住址” 编号的接龙名单。';
/**
 * How many lines (or rows of cells) are read between two breaths. 300,000 lines of 「1.张三」 read in one go held the
 * core 5.3 s at import.inspect, no other window answered (thirteenth attack run, P1): a CSV's rows are read in steps.
 */
export const PASTE_STEP_LINES = 2_000;

const LIST_HEADER: Cell[] = ['序号', '姓名', '身份证号', '联系电话', '其他内容'];
/** The column the places beside the names make, only when a line names one (「3. 王五 … 武汉返」): mapped as 来源地. */
const ORIGIN_HEADER = '来源地';

/**
 * One 接龙 entry: the ID number, phone and name found by shape (entry-name.ts: a line of two people has none), the
 * places beside the name (its 来源地, a sixth cell), the rest as it was written.
 */
function entryCells(no: string, body: string): { cells: Cell[]; asWritten: string[] } {
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
  const { name, rest: words } = entryName(
    // An emoji beside the name (「😷钱七」, 「王五🏠」) is no letter of it, and no word of the entry (w66-files).
    rest.split(/[\s,，;；、|\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\u200d\ufe0f]+/u).filter((t) => t !== ''),
    isNameShaped,
  );
  const listed = words.map(placeSaid);
  const asWritten = words.map((w, i) => (listed[i] === null ? placeAsWritten(w) : null));
  const places = words.map((_, i) => listed[i] ?? asWritten[i] ?? null);
  const origin = places.filter((p) => p !== null).join(' ');
  const other = words.filter((_, i) => places[i] === null).join(' ');
  return {
    cells: [no, name, id, phone, other === '' ? null : checkedText(other), origin === '' ? null : checkedText(origin)],
    asWritten: asWritten.filter((w) => w !== null),
  };
}

/**
 * The lines of a notice kept as title rows (the whole-file values are suggested from them, as from a sheet's title);
 * the notice's further lines are skipped and said so. A WeChat 接龙 opens with 「#接龙」 and its title; an organiser's
 * notice of 30 lines kept whole pushed the made-up header past the rows the header is looked for in (header.ts
 * HEADER_SCAN_ROWS), and the list was refused as having none (w45-import).
 */
export const PASTE_TITLE_LINES = 5;

/** One line of a 接龙 paste that is not blank, as read in the first pass. */
interface ListLine {
  line: number;
  text: string;
  /** An entry's cells (序号 姓名 身份证号 电话 其他内容); null for a line that is not numbered. */
  cells: Cell[] | null;
  /** The entry's places not in the lists, as written. */
  asWritten?: string[];
}

/** A run of numbered lines: a new one starts where the numbering goes back (「1.」 again, or a smaller number). */
interface Run {
  at: number;
  entries: number;
  recognised: number;
}

export function* pastedList(text: string): Generator<void, ListRead> {
  const lines: ListLine[] = [];
  const runs: Run[] = [];
  let last = Infinity;
  for (let i = 0, at = 0; at <= text.length; i++) {
    if (i % PASTE_STEP_LINES === PASTE_STEP_LINES - 1) yield;
    const end = text.indexOf('\n', at);
    const t = text.slice(at, end === -1 ? text.length : end).trim();
    at = end === -1 ? text.length + 1 : end + 1;
    if (t === '') continue;
    const m = ENTRY_RE.exec(readable(t));
    if (!m) {
      lines.push({ line: i + 1, text: t, cells: null });
      continue;
    }
    const no = Number(m[1]);
    if (no === 1 || no < last) runs.push({ at: lines.length, entries: 0, recognised: 0 });
    last = no;
    const { cells, asWritten } = entryCells(m[1]!, m[2]!);
    const run = runs[runs.length - 1]!;
    run.entries++;
    if (cells[1] !== null || cells[2] !== null || cells[3] !== null) run.recognised++;
    lines.push({ line: i + 1, text: t, cells, ...(asWritten.length > 0 ? { asWritten } : {}) });
  }
  const list = listRun(runs);
  if (!list) throw badInput(nothingListed(runs));
  return yield* listRows(lines, list.at);
}

/**
 * Where the list starts: the first run whose entries are at least half people (a name, ID number or phone found in
 * them); the organiser's numbered instructions before it (「1、按格式填写」「2、18:00前完成」「3、有疑问联系网格员 138…」)
 * are not. Failing that, the run with the most people in it (the first of equals), as any list with someone in it was
 * read before. Runs after the list's first are the list numbered again (a second building): kept as entries.
 */
function listRun(runs: readonly Run[]): Run | undefined {
  const half = runs.find((r) => r.recognised * 2 >= r.entries && r.recognised > 0);
  if (half) return half;
  let best: Run | undefined;
  for (const r of runs) if (r.recognised > (best?.recognised ?? 0)) best = r;
  return best;
}

const nothingListed = (runs: readonly Run[]): string => {
  const numbered = runs.reduce((n, r) => n + r.entries, 0);
  return numbered === 0
    ? `粘贴的内容里没有可识别的名单行：没有编号的接龙行（如 “1. 张三 …”），也不是从 Excel/WPS 复制的单元格。${PASTE_HOW}`
    : `粘贴的内容里没有可识别的名单行：有 ${numbered} 行编号的内容，但没有一行认得出姓名、身份证号或电话。${PASTE_HOW}`;
};

/** The rows from the lines: the notice before the list as title rows and skipped lines, the header, the entries. */
function* listRows(lines: readonly ListLine[], start: number): Generator<void, ListRead> {
  const rows: SourceRow[] = [];
  const titles = Math.min(start, PASTE_TITLE_LINES);
  for (let i = 0; i < titles; i++) rows.push({ rowNumber: lines[i]!.line, cells: [checkedText(lines[i]!.text)] });
  const origins = lines.slice(start).some((l) => l.cells?.[5] != null);
  const unknown = lines.slice(start).filter((l) => l.asWritten);
  const placesAsWritten = unknown.length > 0 ? { placesAsWritten: { lines: unknown.map((l) => l.line), words: unknown.flatMap((l) => l.asWritten!) } } : {};
  rows.push({ rowNumber: lines[start]!.line - 0.5, cells: origins ? [...LIST_HEADER, ORIGIN_HEADER] : LIST_HEADER });
  for (let i = start; i < lines.length; i++) {
    if (i % PASTE_STEP_LINES === PASTE_STEP_LINES - 1) yield;
    const l = lines[i]!;
    // A line after the list began that is not an entry: shown as it is, so nobody is dropped unseen.
    const cells = l.cells ?? [null, null, null, null, checkedText(l.text), null];
    rows.push({ rowNumber: l.line, cells: origins ? cells : cells.slice(0, 5) });
  }
  if (start <= titles) return { rows, ...placesAsWritten };
  return { rows, skipped: { first: lines[titles]!.line, last: lines[start - 1]!.line, lines: start - titles }, ...placesAsWritten };
}
