/**
 * The CSV is split a chunk of records at a time, at boundaries found before papaparse sees the text
 * (csv-records.ts). Those boundaries must be papaparse's own: the rows read in chunks are held here against
 * papaparse's split of the whole text, for random text full of separators, quotes, doubled quotes, quotes after
 * spaces and line breaks of all three kinds, short and long enough to span many chunks.
 */
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../electron/core/errors';
import { checkedText, MAX_CELL_CHARS, MAX_COLUMNS, valuesEnd, type Cell } from '../../../electron/core/io/import/cells';
import { MAX_QUOTED_CHARS, MAX_ROW_QUOTED_CHARS, SHEET_MAX_COLUMNS } from '../../../electron/core/io/import/csv-records';
import { csvRows } from '../../../electron/core/io/import/read-csv';
import { parsePasted } from '../../../electron/core/io/import/paste';

/**
 * papaparse over the whole text, as the reader did before session 23 (a last empty record is not a row; a value past
 * column 1,024 refuses the file), and now also refused: a record wider than a sheet, and (session 31, S31-A3) a quoted
 * cell longer as written than a sheet's cell can be saved (MAX_QUOTED_CHARS; a quote never closed takes the rest of the
 * text). papaparse's values do not say how a quoted cell was written: a quote in one was `""` or, malformed, `"`. So
 * its length as written is known only between its letters and its letters with every quote doubled; `maybe` is a cell
 * between, which the reader may refuse or read.
 */
function wholeText(text: string): Cell[][] | 'refused' | { maybe: Cell[][] } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] });
  const records = parsed.data;
  const last = records[records.length - 1];
  if (last?.length === 1 && last[0] === '') records.pop();
  if (records.some((r) => r.length > SHEET_MAX_COLUMNS || valuesEnd(r) > MAX_COLUMNS)) return 'refused';
  const rows = records.map((r) => r.slice(0, MAX_COLUMNS).map((s) => (s === '' ? null : checkedText(s))));
  const long = records.flat().filter((c) => c.length > MAX_CELL_CHARS);
  if (long.length === 0) return rows;
  // Which long cells were quoted: an unquoted one is split the same with quotes read as letters.
  const { delimiter, linebreak } = parsed.meta;
  const unquoted = new Set(
    Papa.parse<string[]>(text, { delimiter, newline: linebreak as '\n', quoteChar: '\u0000', skipEmptyLines: false })
      .data.flat()
      .filter((c) => c.length > MAX_CELL_CHARS),
  );
  const quoted = long.filter((c) => !unquoted.has(c));
  if (quoted.some((c) => c.length > MAX_QUOTED_CHARS)) return 'refused';
  const doubled = (c: string): number => c.length + (c.match(/"/g)?.length ?? 0);
  // A row's quoted letters (S31-A3b): at least its long quoted cells', at most all its cells' doubled.
  const isQuoted = new Set(quoted);
  const leastInRow = records.map((r) => r.filter((c) => isQuoted.has(c)).reduce((n, c) => n + c.length, 0));
  if (leastInRow.some((n) => n > MAX_ROW_QUOTED_CHARS)) return 'refused';
  const mostInRow = records.map((r) => r.reduce((n, c) => n + doubled(c), 0));
  return quoted.some((c) => doubled(c) > MAX_QUOTED_CHARS) || mostInRow.some((n) => n > MAX_ROW_QUOTED_CHARS) ? { maybe: rows } : rows;
}
/** The reader's rows are papaparse's (wholeText), or refused where papaparse's are. */
function expectWholeText(text: string): void {
  const whole = wholeText(text);
  const got = chunked(text);
  if (typeof whole === 'object' && 'maybe' in whole) {
    if (got !== 'refused') expect(got).toEqual(whole.maybe);
  } else expect(got).toEqual(whole);
}
function chunked(text: string): Cell[][] | 'refused' {
  try {
    return [...csvRows(text)].map((r) => r.cells);
  } catch (e) {
    if (e instanceof AppError && e.code === 'BAD_INPUT') return 'refused';
    throw e;
  }
}

const PIECES = ['姓名', '张三', ',', ',', '\t', ';', '|', '"', '""', '" ', ' "', '",', '"\n', '\r\n', '\n', '\r', ' ', 'a', '𠮷'];
const textish = fc.array(fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 })), { maxLength: 80 }).map((p) => p.join(''));

describe('records found before papaparse splits them', () => {
  it('give the rows papaparse gave for the whole text', () => {
    fc.assert(
      fc.property(textish, (text) => {
        expectWholeText(text);
      }),
      { numRuns: 5000 },
    );
  });

  it('give the same rows when the text spans many chunks, quoted line breaks across their edges included', () => {
    fc.assert(
      fc.property(fc.array(textish, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), (parts, k) => {
        const text = parts.join('\r\n').repeat(k * 2500);
        expectWholeText(text);
      }),
      { numRuns: 40 },
    );
  });

  it('number the rows as the file does across chunks, a quoted cell of several lines counting as one', () => {
    const text = `姓名,备注\r\n${Array.from({ length: 9000 }, (_, i) => `张${i},"第一行\r\n第二行"`).join('\r\n')}\r\n`;
    const rows = [...csvRows(text)];
    expect(rows.length).toBe(9001);
    expect(rows[8999]).toEqual({ rowNumber: 9000, cells: ['张8998', '第一行\r\n第二行'] });
  });

  it('read 「他说""好""」 on every row as ever; refuse a quoted cell longer as written than a sheet cell can be saved, naming where (S31-A3)', () => {
    const said = `姓名,备注\r\n${Array.from({ length: 20_000 }, (_, i) => `张${i},"他说""好""，""明天""到"`).join('\r\n')}\r\n`;
    const rows = [...csvRows(said)];
    expect(rows).toHaveLength(20_001);
    expect(rows[20_000]!.cells).toEqual(['张19999', '他说"好"，"明天"到']);
    const long = `姓名,联系电话,备注\n张三,13803711002,"${'""'.repeat(MAX_CELL_CHARS)}"\n李四,13803711003,"${'""'.repeat(MAX_CELL_CHARS)}x"\n`;
    expect(() => [...csvRows(long)]).toThrow(/^文件第 3 行第 3 列的引号里有 65535 个字符.*每格最多 32767 字.*可能少了一个结束的引号/);
    // A quote opened and never closed takes the rest of the file: said the same way, not read as one cell of it all.
    const open = `姓名,备注\n张三,"没写完\n${'李四,备注\n'.repeat(20_000)}`;
    expect(() => [...csvRows(open)]).toThrow(/^文件第 2 行第 2 列的引号里有/);
    expect(() => parsePasted(`姓名\t备注\n张三\t"${'x'.repeat(MAX_QUOTED_CHARS + 1)}"`)).toThrow(/^粘贴的内容第 2 行第 2 列的引号里有/);
  });

  it('read a wide row of quoted notes; refuse a row of more quoted letters than eight cells at the limit, naming the row (S31-A3b)', () => {
    const note = `"${'备注，含逗号；'.repeat(150)}"`;
    const wide = `姓名,${Array.from({ length: 300 }, (_, i) => `备注${i + 1}`).join(',')}\n张三,${Array.from({ length: 300 }, () => note).join(',')}\n`;
    const rows = [...csvRows(wide)];
    expect(rows).toHaveLength(2);
    expect(rows[1]!.cells).toHaveLength(301);
    const cell = `"${'""'.repeat(MAX_CELL_CHARS)}"`;
    const many = `姓名,电话,备注\n张三,13803711002,${Array.from({ length: 9 }, () => cell).join(',')}\n`;
    expect(MAX_ROW_QUOTED_CHARS).toBe(8 * MAX_QUOTED_CHARS);
    expect(() => [...csvRows(many)]).toThrow(/^文件第 2 行到第 11 列，引号里已有 589806 个字符，超过一行登记表能有的/);
  });
});
