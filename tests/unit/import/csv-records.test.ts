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
import { checkedText, MAX_COLUMNS, valuesEnd, type Cell } from '../../../electron/core/io/import/cells';
import { SHEET_MAX_COLUMNS } from '../../../electron/core/io/import/csv-records';
import { csvRows } from '../../../electron/core/io/import/read-csv';

/**
 * papaparse over the whole text, as the reader did before session 23 (a last empty record is not a row; a value past
 * column 1,024 refuses the file), and now also refused: a record wider than a sheet.
 */
function wholeText(text: string): Cell[][] | 'refused' {
  const records = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] }).data;
  const last = records[records.length - 1];
  if (last?.length === 1 && last[0] === '') records.pop();
  if (records.some((r) => r.length > SHEET_MAX_COLUMNS || valuesEnd(r) > MAX_COLUMNS)) return 'refused';
  return records.map((r) => r.slice(0, MAX_COLUMNS).map((s) => (s === '' ? null : checkedText(s))));
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
        expect(chunked(text)).toEqual(wholeText(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('give the same rows when the text spans many chunks, quoted line breaks across their edges included', () => {
    fc.assert(
      fc.property(fc.array(textish, { minLength: 1, maxLength: 3 }), fc.integer({ min: 1, max: 3 }), (parts, k) => {
        const text = parts.join('\r\n').repeat(k * 2500);
        expect(chunked(text)).toEqual(wholeText(text));
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
});
