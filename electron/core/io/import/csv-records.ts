/**
 * Where each record of a CSV text begins and ends, found before papaparse sees it, so that what no sheet can hold is
 * refused while it costs nothing: papaparse splits a whole record (and its delimiter guess a whole first record)
 * before anyone can look at its width, and 99 MB of commas on one line took 8.45 s and 1.5 GB to be refused; 99 MB
 * of line breaks (99 million empty records) ran the core out of memory (P1, eighth attack run and session 23).
 *
 * The record boundaries follow papaparse's own rules, quotes included (a field is quoted only when it starts with
 * `"`; `""` inside is a quote; the closing quote may be followed by spaces before the delimiter or line break;
 * any other quote is part of the text), so the rows read in chunks are the rows the whole text gave.
 */
import Papa from 'papaparse';
import { badInput } from '../../errors';
import { MAX_CELL_CHARS, MAX_COLUMNS } from './cells';

/** Excel's and WPS's own limits: a CSV saved from a sheet cannot be wider or longer. */
export const SHEET_MAX_COLUMNS = 16_384;
export const SHEET_MAX_ROWS = 1_048_576;
/** The most a row of a registration form can hold: every column at a cell's limit. */
const MAX_ROW_CHARS = MAX_COLUMNS * MAX_CELL_CHARS;
/**
 * The most a quoted cell saved from a sheet can be as written, between its quotes: a cell at its limit whose every letter
 * is a quote, each doubled. papaparse's quoted-field loop costs about ten times an unquoted letter: three quoted cells
 * of 16 million doubled quotes (96 MB) held the core 38 s in one turn (S31-A3, seventeenth attack run).
 */
export const MAX_QUOTED_CHARS = 2 * MAX_CELL_CHARS;
/**
 * The most quoted letters one row may hold: eight cells at that limit. A row of 500 such cells (S31-A3b: three rows,
 * 98 MB) held the core 21.9 s in one turn; a registration form's row with a few long notes holds far fewer.
 */
export const MAX_ROW_QUOTED_CHARS = 8 * MAX_QUOTED_CHARS;
/** papaparse guesses from its first ten records; a text's first 1 MB holds them in any honest file. */
const GUESS_CHARS = 1024 * 1024;

export interface CsvDialect {
  delimiter: string;
  newline: '\r\n' | '\n' | '\r';
}

/** The delimiter and line break papaparse would guess from the whole text, guessed from its head only. */
export function guessDialect(text: string, delimitersToGuess: string[]): CsvDialect {
  const meta = Papa.parse<string[]>(text.slice(0, GUESS_CHARS), { delimitersToGuess, preview: 1 }).meta;
  return { delimiter: meta.delimiter, newline: meta.linebreak as CsvDialect['newline'] };
}

/**
 * A run of whole records (the text's or a step's of it) split by papaparse. papaparse drops a U+FEFF that opens what
 * it is given, as a byte order mark; the text's own was taken off before (read-csv.ts decodeText, paste.ts
 * splitPasted), so one here is a letter of the first cell: a step cut from the middle lost it, and the scanner, which
 * follows papaparse's quoting, read 「\uFEFF"…」 as unquoted where papaparse did not. Such a run is given after a line
 * break, and the empty record that makes is dropped.
 */
export function splitRecords(run: string, d: CsvDialect): string[][] {
  const opensWithMark = run.charCodeAt(0) === 0xfeff;
  const data = Papa.parse<string[]>(opensWithMark ? d.newline + run : run, { delimiter: d.delimiter, newline: d.newline, skipEmptyLines: false }).data;
  if (opensWithMark) data.shift();
  return data;
}

/** One record: its text is [start, end), the next one starts at `next`; only [start, kept) is handed to papaparse. */
export interface RecordSpan {
  start: number;
  end: number;
  next: number;
  /** Before the delimiter that opens column MAX_COLUMNS + 1 when only empty cells lie past it, else `end`. */
  kept: number;
}

/** The next position of one string in the text from a place on, searched again only once that place passes it. */
class NextOf {
  private at = -1;
  private searchedFrom = -1;
  constructor(
    private readonly text: string,
    private readonly what: string,
  ) {}

  from(from: number): number {
    // The last search began at or before `from` and found nothing, or found something not yet passed: still the answer.
    if (this.searchedFrom !== -1 && this.searchedFrom <= from && (this.at === -1 || this.at >= from)) return this.at;
    this.searchedFrom = from;
    return (this.at = this.text.indexOf(this.what, from));
  }
}

/** How a refusal names where the text came from and what to do: a file's, or a paste's (paste.ts). */
export interface RecordWords {
  place: string;
  fix: string;
  notASheet: string;
}
const FILE_WORDS: RecordWords = { place: '文件', fix: '请删除多余的列，另存后再导入', notASheet: '这不是从表格另存的文件，请检查后再导入' };

/** What ends a field: a delimiter (the record goes on), a line break, or the end of the text. */
type After = 'delim' | 'newline' | 'eof';

/** Fields are scanned here; the positions of the next delimiter, line break and quote are kept between calls. */
export class RecordScanner {
  private readonly delim: NextOf;
  private readonly newline: NextOf;
  private readonly quote: NextOf;
  /** Set by closingQuote: where the quoted field's value ends, where the field ends, what follows it. */
  private quoteAt = 0;
  private fieldEnd = 0;
  private after: After = 'eof';

  constructor(
    private readonly text: string,
    private readonly d: CsvDialect,
    private readonly words: RecordWords = FILE_WORDS,
  ) {
    this.delim = new NextOf(text, d.delimiter);
    this.newline = new NextOf(text, d.newline);
    this.quote = new NextOf(text, '"');
  }

  /** The record starting at `start` (row `row` of the file), refused when no sheet could hold it. */
  record(start: number, row: number): RecordSpan {
    const len = this.text.length;
    const newline = this.newline.from(start);
    const lineEnd = newline === -1 ? len : newline;
    const quote = this.quote.from(start);
    // Most records: no quote, and too short to be wider than the cap or longer than a row.
    if ((quote === -1 || quote >= lineEnd) && lineEnd - start < MAX_COLUMNS) {
      return { start, end: lineEnd, next: newline === -1 ? len : newline + this.d.newline.length, kept: lineEnd };
    }
    return this.slowRecord(start, row);
  }

  private slowRecord(start: number, row: number): RecordSpan {
    const { text, d } = this;
    const len = text.length;
    let pos = start;
    let column = 1;
    let kept = -1;
    let lastValue = 0;
    let quotedChars = 0;
    // Each field ends at a delimiter (the loop goes on) or at the record's end (returns).
    for (;;) {
      let valueFrom = pos;
      let valueTo: number;
      if (text.charCodeAt(pos) === 0x22) {
        this.closingQuote(pos);
        valueFrom = pos + 1;
        valueTo = this.quoteAt;
        if (valueTo - valueFrom > MAX_QUOTED_CHARS) throw tooLongQuoted(this.words, row, column, valueTo - valueFrom);
        quotedChars += valueTo - valueFrom;
        if (quotedChars > MAX_ROW_QUOTED_CHARS) throw tooManyQuoted(this.words, row, column, quotedChars);
      } else {
        const delim = this.delim.from(pos);
        const newline = this.newline.from(pos);
        if (delim !== -1 && (newline === -1 || delim < newline)) [this.fieldEnd, this.after] = [delim, 'delim'];
        else if (newline === -1) [this.fieldEnd, this.after] = [len, 'eof'];
        else [this.fieldEnd, this.after] = [newline, 'newline'];
        valueTo = this.fieldEnd;
      }
      const fieldEnd = this.fieldEnd;
      if (column <= MAX_COLUMNS && fieldEnd - start > MAX_ROW_CHARS) throw tooLong(row, column, fieldEnd - start);
      if (column > MAX_COLUMNS && valueTo > valueFrom && /\S/.test(text.slice(valueFrom, valueTo))) lastValue = column;
      if (this.after !== 'delim') {
        if (lastValue > MAX_COLUMNS) throw tooWide(this.words, row, lastValue);
        const next = this.after === 'eof' ? len : fieldEnd + d.newline.length;
        return { start, end: fieldEnd, next, kept: kept === -1 ? fieldEnd : kept };
      }
      if (column === MAX_COLUMNS) kept = fieldEnd;
      pos = fieldEnd + d.delimiter.length;
      if (++column > SHEET_MAX_COLUMNS) throw tooWide(this.words, row, column, true);
    }
  }

  /** A quoted field opening at `open`: sets where its value ends, where the field ends and what follows it. */
  private closingQuote(open: number): void {
    const { text, d } = this;
    const len = text.length;
    let q = open;
    for (;;) {
      q = text.indexOf('"', q + 1);
      // No closing quote: papaparse takes the rest of the text as this field.
      if (q === -1) return this.quoted(len, len, 'eof');
      if (q === len - 1) return this.quoted(q, len, 'eof');
      if (text.charCodeAt(q + 1) === 0x22) {
        q++;
        continue;
      }
      // The usual case first: the delimiter or the line break right after the quote.
      if (text.startsWith(d.delimiter, q + 1)) return this.quoted(q, q + 1, 'delim');
      if (text.startsWith(d.newline, q + 1)) return this.quoted(q, q + 1, 'newline');
      const delim = this.delim.from(q + 1);
      const newline = this.newline.from(q + 1);
      const upTo = newline === -1 ? delim : Math.min(delim, newline);
      const toDelim = q + 1 + spacesBetween(text, q + 1, upTo);
      if (text.startsWith(d.delimiter, toDelim)) return this.quoted(q, toDelim, 'delim');
      const toNewline = q + 1 + spacesBetween(text, q + 1, newline);
      if (text.startsWith(d.newline, toNewline)) return this.quoted(q, toNewline, 'newline');
      // A quote inside the text (papaparse: "malformed", read on): it also steps over the character after it.
      q++;
    }
  }

  private quoted(quoteAt: number, fieldEnd: number, after: After): void {
    this.quoteAt = quoteAt;
    this.fieldEnd = fieldEnd;
    this.after = after;
  }
}

/** papaparse's extraSpaces: the length of [from, to) when it is all white space, else 0. */
function spacesBetween(text: string, from: number, to: number): number {
  if (to === -1 || to <= from) return 0;
  return text.slice(from, to).trim() === '' ? to - from : 0;
}

function tooWide(w: RecordWords, row: number, column: number, pastSheet = false): Error {
  if (pastSheet)
    return badInput(
      `${w.place}第 ${row} 行超过了 ${SHEET_MAX_COLUMNS} 列（第 ${column} 列起还有），Excel 和 WPS 的工作表最多 ${SHEET_MAX_COLUMNS} 列：${w.notASheet}。`,
    );
  return badInput(`${w.place}第 ${row} 行第 ${column} 列有内容，登记表不会有超过 ${MAX_COLUMNS} 列：${w.fix}。`);
}

function tooLongQuoted(w: RecordWords, row: number, column: number, chars: number): Error {
  return badInput(
    `${w.place}第 ${row} 行第 ${column} 列的引号里有 ${chars} 个字符，比 Excel 和 WPS 的一个单元格能另存出的还长（每格最多 ${MAX_CELL_CHARS} 字）：可能少了一个结束的引号，或文件已损坏；${w.notASheet}。`,
  );
}

function tooManyQuoted(w: RecordWords, row: number, column: number, chars: number): Error {
  return badInput(
    `${w.place}第 ${row} 行到第 ${column} 列，引号里已有 ${chars} 个字符，超过一行登记表能有的（最多 ${MAX_ROW_QUOTED_CHARS} 个）：文件可能已损坏，或不是登记表；${w.notASheet}。`,
  );
}

function tooLong(row: number, column: number, chars: number): Error {
  return badInput(
    `文件第 ${row} 行到第 ${column} 列已有 ${chars} 个字符，超过一行登记表能容纳的上限（${MAX_COLUMNS} 列，每格最多 ${MAX_CELL_CHARS} 字）：文件可能已损坏，或不是登记表。`,
  );
}

/**
 * More records than a sheet has rows is refused before any is read (each empty record cost papaparse an array: 99
 * million of them ran the core out of memory). Counting the line breaks is enough for every file with fewer; a file
 * with as many is scanned record by record, yielding (nothing) every `step` records so a caller may give the thread back.
 */
export function* checkRecordCount(text: string, d: CsvDialect, scanner: RecordScanner, step: number): Generator<void> {
  const breakChar = d.newline === '\r' ? '\r' : '\n';
  let breaks = 0;
  for (let at = text.indexOf(breakChar); at >= 0 && breaks <= SHEET_MAX_ROWS; at = text.indexOf(breakChar, at + 1)) breaks++;
  if (breaks < SHEET_MAX_ROWS) return;
  let records = 0;
  for (let at = 0; at < text.length; at = scanner.record(at, records).next) {
    if (++records > SHEET_MAX_ROWS)
      throw badInput(`文件第 ${records} 行超过了 Excel 和 WPS 工作表的行数上限（${SHEET_MAX_ROWS} 行）：这不像社区的登记表。请按社区或网格拆分后分别导入。`);
    if (records % step === 0) yield;
  }
}
