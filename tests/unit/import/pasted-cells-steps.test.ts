/**
 * Pasted cells are split a step at a time (io/import/paste.ts pastedRecords, w45-import): the records must be the
 * ones papaparse gave for the whole text in one go, as before, quoted cells over several lines and stray quotes
 * included. Compared on fixtures made here, in steps small enough that every kind of record meets a step's edge.
 */
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { parsePasted, pastedRecords } from '../../../electron/core/io/import/paste';

/**
 * What the paste was read as before: papaparse over the whole text, the empty records left out by the reader. After a
 * line break (its empty record dropped): papaparse would take a U+FEFF opening the text as a byte order mark, and the
 * paste's own is taken off before (paste.ts splitPasted), so one left is a letter of the first cell.
 */
function wholeText(text: string): string[][] {
  return Papa.parse<string[]>(`\n${text}`, { delimiter: '\t', skipEmptyLines: false }).data.slice(1);
}

const stepped = (text: string, lines: number, chars: number): string[][] => [...pastedRecords(text, lines, chars)].flat();
/** The whole text's records; an empty last one (after the last line break) is no row either way. */
const expected = (text: string): string[][] => {
  const all = wholeText(text);
  const last = all[all.length - 1];
  return last?.length === 1 && last[0] === '' ? all.slice(0, -1) : all;
};

const FIXTURES = [
  '姓名\t身份证号\t住址\n张三\t110105198505050035\t"3号楼\n2单元"\n李四\t\t幸福小区\n',
  '"a""b"\tc\n"x"  \ty\n"p"q\tr\n',
  'a\t"b\n\nc"\td\n\n\ne\tf',
  '"never closed\tx\ny\n',
  '1\t2\n\t\n\n3\t"4"\n',
  `姓名\t电话${'\t'.repeat(2000)}\n张三\t13803711002${'\t'.repeat(2000)}\n`,
];

describe('pasted cells read in steps', () => {
  it('the same records as papaparse over the whole text, whatever the step', () => {
    for (const text of FIXTURES)
      for (const [lines, chars] of [
        [1, 1],
        [2, 5],
        [3, 1_000_000],
        [2_000, 256 * 1024],
      ] as const)
        expect(stepped(text, lines, chars), `${JSON.stringify(text.slice(0, 40))} ${lines}/${chars}`).toEqual(expected(text));
  });

  it('random texts of tabs, line breaks, quotes and spaces: the same records, 2,000 of them', () => {
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
    // U+FEFF too: papaparse drops one that opens what it is given, so a step opening with it lost it (w47-paste).
    const alphabet = ['a', '张', '\t', '\n', '"', ' ', '""', '"\t', '\t"', '\n"', '"\n', '\uFEFF', '\n\uFEFF'];
    for (let k = 0; k < 2_000; k++) {
      const text = Array.from({ length: 1 + rnd(40) }, () => alphabet[rnd(alphabet.length)]).join('');
      for (const [lines, chars] of [
        [1, 1],
        [2, 3],
      ] as const)
        expect(stepped(text, lines, chars), JSON.stringify(text)).toEqual(expected(text));
    }
  });

  it('parsePasted gives the rows as before on a paste of 5,000 rows with quoted cells across the steps', () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => `张${i}\t${i % 7 === 0 ? `"第${i}号\n楼"` : `${i}号`}\t${i % 3 === 0 ? '' : '返程'}`);
    const text = ['姓名\t住址\t类别', ...rows, ''].join('\n');
    const before = wholeText(text)
      .map((record, i) => ({ rowNumber: i + 1, cells: record.map((s) => (s.trim() === '' ? null : s)) }))
      .filter((r) => r.cells.some((c) => c !== null));
    const p = parsePasted(text);
    expect(p.kind).toBe('cells');
    expect(p.rows).toEqual(before);
  });
});
