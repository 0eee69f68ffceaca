/**
 * Fourth attack run: a community's file crafted to exhaust the core. A few kilobytes of .xls or .xlsx put one
 * value far to the right on every row, and the readers padded each row to that column: a 1 MB .xls whose
 * cells sit at column 65,535 made every row 65,536 cells (34 GB for the sheet, the core dies), an .xlsx with
 * a value at XFD on 20,000 rows took 6 s of the core's CPU from a 3 KB file. Such files are now refused by
 * the reader, naming the row and column; an empty styled cell far right (common) is passed over.
 *
 * Tenth attack run (session 24), X1: the .xls reader builds every cell of the sheet in memory (about 370 bytes each)
 * before a row is looked at, and a MULRK record holds a number in 6 bytes of the file. An 89 MB .xls of 60,000 MULRK
 * rows of 256 numbers (15.4 million cells, under the 100 MB limit and BIFF8's 65,536 × 256) held the core worker
 * 158 s over real HTTP, then it ran out of memory (ERR_WORKER_OUT_OF_MEMORY) and every window was locked; a 15 MB
 * one held it 23 s and 955 MB. Now the cells are counted from the record headers first, and an .xls past
 * MAX_XLS_CELLS is refused, asking for .xlsx (read row by row); one within it is read as before.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZipEntries, workbookSheets } from '../../../electron/core/io/import/zip-probe';
import { MAX_COLUMNS, readXlsxRows } from '../../../electron/core/io/import/read-xlsx';
import { MAX_XLS_CELLS } from '../../../electron/core/io/import/read-xls';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { expectTypedRefusal } from '../hardening/hostile';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';
import { scratch, seedOrg } from '../import/files';
import { biff8WithRecords } from '../import/legacy-files';

let t: TestLedger;
let dir: string;
beforeAll(async () => {
  t = await openTestLedger();
  await seedOrg(t);
  dir = scratch();
});
afterAll(() => t.close());

const staffCount = (): number => (t.core.services.ledger.handle().prepare('SELECT count(*) AS n FROM staff').get() as { n: number }).n;

async function refused(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  expectTypedRefusal(await t.raw('import.preview', { path, target: 'staff', mapping: ['name', 'kind'] }), `preview ${name}`);
  const msg = expectTypedRefusal(await t.raw('import.commit', { path, target: 'staff', mapping: ['name', 'kind'] }), `commit ${name}`);
  expect(staffCount()).toBe(0);
  return msg;
}

/** A real BIFF8 staff list with a NUMBER record at (row, `column`) added for each of `rows` rows before the sheet's EOF. */
function xlsWithFarCells(column: number, rows: number): Buffer {
  const records = Array.from({ length: rows }, (_, i) => {
    const r = Buffer.alloc(18);
    r.writeUInt16LE(0x0203, 0); // NUMBER
    r.writeUInt16LE(14, 2);
    r.writeUInt16LE(2 + i, 4);
    r.writeUInt16LE(column, 6);
    r.writeDoubleLE(42, 10);
    return r;
  });
  return biff8WithRecords(
    [
      {
        name: '名单',
        rows: [
          ['姓名', '类别'],
          ['张三', '志愿者'],
        ],
      },
    ],
    Buffer.concat(records),
  );
}

const HEADER_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>类别</t></is></c></row>';
const staffRow = (n: number): string =>
  `<row r="${n}"><c r="A${n}" t="inlineStr"><is><t>王${n}</t></is></c><c r="B${n}" t="inlineStr"><is><t>志愿者</t></is></c>`;
const xlsx = (rows: string): Buffer => minimalWorkbook({ name: 'xl/worksheets/sheet1.xml', data: Buffer.from(SHEET_OPEN + HEADER_ROW + rows + SHEET_CLOSE) });

describe('an .xls with cells past column IV', () => {
  it('is refused, naming the row and the column, before any row is built that wide', async () => {
    const msg = await refused('far.xls', xlsWithFarCells(65_534, 200));
    expect(msg).toContain('第 3 行');
    expect(msg).toContain('256 列');
  });

  it('the whole sheet of such rows (a 1 MB file that would need 34 GB) is refused within memory', async () => {
    const bytes = xlsWithFarCells(65_534, 65_000);
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    await refused('far-all.xls', bytes);
    expect(process.memoryUsage().rss - before).toBeLessThan(400 * 1024 * 1024);
  });

  it('a real sheet as wide as BIFF8 allows is still read', async () => {
    const path = join(dir, 'wide.xls');
    writeFileSync(path, xlsWithFarCells(255, 3));
    const r = await t.call('import.preview', { path, target: 'staff', mapping: ['name', 'kind'] });
    expect(r.counts.total).toBeGreaterThan(0);
  });
});

describe('an .xlsx with values far to the right', () => {
  it('a value past column 1,024 on a row is refused, naming the row and column', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `${staffRow(i + 2)}<c r="XFD${i + 2}"><v>1</v></c></row>`).join('');
    const msg = await refused('far.xlsx', xlsx(rows));
    expect(msg).toContain('第 2 行第 16384 列');
  });

  it('empty styled cells far right are passed over: rows stay as wide as their values', async () => {
    const rows = Array.from({ length: 2_000 }, (_, i) => `${staffRow(i + 2)}<c r="XFD${i + 2}" s="1"/></row>`).join('');
    const bytes = xlsx(rows);
    const entries = listZipEntries(bytes);
    let widest = 0;
    for await (const row of readXlsxRows(bytes, entries, workbookSheets(bytes, entries)[0]!)) widest = Math.max(widest, row.cells.length);
    expect(widest).toBeLessThanOrEqual(MAX_COLUMNS);
    const path = join(dir, 'styled.xlsx');
    writeFileSync(path, bytes);
    const r = await t.call('import.preview', { path, target: 'staff', mapping: ['name', 'kind'] });
    expect(r.counts, JSON.stringify(r.rejected.slice(0, 2))).toMatchObject({ created: 2_000 });
  });
});

const COLUMNS = 256;

/** A real BIFF8 staff list with `rows` MULRK records of 256 numbers each added before the sheet's EOF. */
function xlsOfMulrk(rows: number): Buffer {
  const size = 6 + COLUMNS * 6;
  const record = Buffer.alloc(4 + size);
  record.writeUInt16LE(0x00bd, 0); // MULRK: row, first column, (XF, RK) per cell, last column
  record.writeUInt16LE(size, 2);
  for (let c = 0; c < COLUMNS; c++) {
    record.writeUInt16LE(15, 8 + c * 6);
    record.writeInt32LE((c << 2) | 2, 10 + c * 6);
  }
  record.writeUInt16LE(COLUMNS - 1, 8 + COLUMNS * 6);
  const records = Buffer.alloc(record.length * rows);
  for (let r = 0; r < rows; r++) {
    record.writeUInt16LE(r + 1, 4);
    record.copy(records, r * record.length);
  }
  return biff8WithRecords([{ name: '名单', rows: [['姓名', '类别']] }], records);
}

function written(name: string, bytes: Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe('X1: an .xls is not read whole when it holds more cells than memory allows', () => {
  it('past MAX_XLS_CELLS (6 bytes a number in MULRK records) it is refused from the record headers, asking for .xlsx', async () => {
    const rows = Math.ceil(MAX_XLS_CELLS / COLUMNS) + 1;
    const path = written('社区名单.xls', xlsOfMulrk(rows));
    // Before: read whole, about 750 MB and 20 s of the core for this 12 MB file (twice that, and then out of memory, at 89 MB).
    const message = expectTypedRefusal(await t.raw('import.inspect', { path, target: 'staff' }), 'inspect');
    expect(message).toContain(`有 ${((rows * COLUMNS) / 10_000).toFixed(0)} 万个单元格`);
    expect(message).toContain('另存为 .xlsx');
  });

  it('an .xls of MULRK rows within the bound is read as before', async () => {
    const path = written('小名单.xls', xlsOfMulrk(200));
    const r = await t.call('import.inspect', { path, target: 'staff' });
    expect(r.format).toBe('xls');
    expect(r.sample.length).toBeGreaterThan(0);
  });
});
