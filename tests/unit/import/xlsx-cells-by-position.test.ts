/**
 * The xlsx reader finds a row's cells by position (indexOf, character codes) rather than by four regular
 * expressions per cell (io/import/README.md, session 14: the regexes' match arrays and strings were the garbage
 * behind the xlsx preview's extra major collection). Two things are checked:
 *  - it reads what the regular expressions read: generated rows (attributes in any order, `r` missing or
 *    malformed, decoy attributes such as `xt="s"`, self-closing cells, formulas with and without a result,
 *    inline strings, errors, booleans, numbers, stray `<cx>` and unclosed `<c`) against the former reader's
 *    expressions, kept here as the specification;
 *  - it runs no regular expression per cell: a 200-row, 14-column sheet runs a few per row (the row's own), where
 *    the former reader ran four per cell (fails with it: more than 11,000).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkedText, type Cell } from '../../../electron/core/io/import/cells';
import { readXlsxRows } from '../../../electron/core/io/import/read-xlsx';
import { listZipEntries } from '../../../electron/core/io/import/zip-probe';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';

const SHARED = ['姓名', '身份证号', '110101199003071234', '东风社区'];
const SHARED_XML = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${SHARED.map((s) => `<si><t>${s}</t></si>`).join('')}</sst>`;

async function readRows(rowsXml: string): Promise<{ rowNumber: number; cells: Cell[] }[]> {
  const buf = minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(`${SHEET_OPEN}${rowsXml}${SHEET_CLOSE}`) }, [
    { name: 'xl/sharedStrings.xml', data: Buffer.from(SHARED_XML) },
  ]);
  const out: { rowNumber: number; cells: Cell[] }[] = [];
  for await (const r of readXlsxRows(buf, listZipEntries(buf), { name: 'S', fileNumber: 1, xmlBytes: buf.length })) out.push(r);
  return out;
}

/** The former reader's cell, by its regular expressions (values generated without entities or runs, so no unescaping). */
function formerCell(attrs: string, inner: string): Cell {
  const type = /\bt="(\w+)"/.exec(attrs)?.[1] ?? 'n';
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1];
  const hasFormula = inner.includes('<f');
  if (type === 'inlineStr') {
    let text = '';
    for (const m of (/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '').matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += m[1] ?? '';
    return checkedText(text);
  }
  if (v === undefined) return hasFormula ? expect.objectContaining({ shown: '（公式）' }) : null;
  switch (type) {
    case 's':
      return checkedText(SHARED[Number(v)] ?? '');
    case 'str':
      return checkedText(v);
    case 'b':
      return v === '1';
    case 'e':
      return { problem: `${hasFormula ? '公式的结果是' : '单元格是'}错误值 ${v}`, shown: v };
    default: {
      const n = Number(v);
      return Number.isFinite(n) ? n : checkedText(v);
    }
  }
}

/** The former reader's row (its CELL_RE and column expression), for a row's content. */
function formerRow(row: string): Cell[] {
  const cells: Cell[] = [];
  for (const c of row.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = /\br="([A-Z]+)\d*"/.exec(c[1] ?? '')?.[1];
    let col = cells.length;
    if (ref) col = [...ref].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const value = formerCell(c[1] ?? '', c[2] ?? '');
    if (col >= 1024) continue;
    while (cells.length < col) cells.push(null);
    cells[col] = value;
  }
  return cells;
}

const ref = fc.constantFrom('', ' r="A2"', ' r="C2"', ' r="AB7"', ' r="a2"', ' r="2"', ' r="B"', ' r=""', ' xr="D2"', ' r="E2" r="F2"');
const type = fc.constantFrom('', ' t="s"', ' t="str"', ' t="b"', ' t="e"', ' t="n"', ' t="inlineStr"', ' xt="s"', ' t=""', ' t="s x"', ' t="d"');
const other = fc.constantFrom('', ' s="1"', ' s="12"', ' cm="1"', ' s="r"');
const content = fc.constantFrom(
  '/>',
  '></c>',
  '><v>0</v></c>',
  '><v>3</v></c>',
  '><v>9</v></c>',
  '><v>42.5</v></c>',
  '><v>1</v></c>',
  '><v>#N/A</v></c>',
  '><v>abc</v></c>',
  '><v></v></c>',
  '><f>A1</f><v>7</v></c>',
  '><f>A1</f></c>',
  '><f/></c>',
  '><is><t>李四</t></is></c>',
  '><is><r><t>王</t></r><r><t xml:space="preserve"> 五</t></r></is></c>',
  '><v>1</v><v>2</v></c>',
  '><v>5</c>',
);
const cellXml = fc
  .tuple(fc.shuffledSubarray([0, 1, 2], { minLength: 3, maxLength: 3 }), ref, type, other, content)
  .map(([order, r, t, s, body]) => `<c${order.map((i) => [r, t, s][i]).join('')}${body}`);
const junk = fc.constantFrom('<cx r="A2"><v>1</v></cx>', '<c', '<c r="A2"', ' ', '<x/>');
const rowXml = fc.array(fc.oneof({ weight: 6, arbitrary: cellXml }, { weight: 1, arbitrary: junk }), { maxLength: 8 }).map((parts) => parts.join(''));

describe('the xlsx reader reads cells by position', () => {
  it('reads every generated row as the former regular expressions did', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rowXml, { minLength: 1, maxLength: 4 }), async (rows) => {
        const read = await readRows(rows.map((r, i) => `<row r="${i + 2}">${r}</row>`).join(''));
        expect(read.map((r) => r.cells)).toEqual(rows.map(formerRow));
      }),
      { numRuns: 400 },
    );
  });

  it('reads the usual cells: shared strings, numbers, an empty styled cell, a cell without r', async () => {
    const [row] = await readRows(
      '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="C5" s="3"/><c r="D5"><v>12</v></c><c t="inlineStr"><is><t>甲</t></is></c></row>',
    );
    expect(row).toEqual({ rowNumber: 5, cells: ['110101199003071234', null, null, 12, '甲'] });
  });

  it('runs no regular expression per cell', async () => {
    const cells = Array.from({ length: 14 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}@" t="s"><v>${i % SHARED.length}</v></c>`).join('');
    const xml = Array.from({ length: 200 }, (_, i) => `<row r="${i + 2}">${cells.replaceAll('@', String(i + 2))}</row>`).join('');
    const exec = RegExp.prototype.exec;
    let runs = 0;
    RegExp.prototype.exec = function (this: RegExp, s: string) {
      runs++;
      return exec.call(this, s);
    };
    let read: { rowNumber: number; cells: Cell[] }[];
    try {
      read = await readRows(xml);
    } finally {
      RegExp.prototype.exec = exec;
    }
    expect(read).toHaveLength(200);
    expect(read[199]!.cells).toEqual(Array.from({ length: 14 }, (_, i) => SHARED[i % SHARED.length]));
    // The row's own: its match and its r="…"; the text table's few. 14 cells × 4 would be 11,200.
    expect(runs).toBeLessThan(200 * 4 + 50);
  });
});
