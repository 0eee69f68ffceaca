/**
 * Fourth attack run: a community's file crafted to exhaust the core. A few kilobytes of .xls or .xlsx put one
 * value far to the right on every row, and the readers padded each row to that column: a 1 MB .xls whose
 * cells sit at column 65,535 made every row 65,536 cells (34 GB for the sheet, the core dies), an .xlsx with
 * a value at XFD on 20,000 rows took 6 s of the core's CPU from a 3 KB file. Such files are now refused by
 * the reader, naming the row and column; an empty styled cell far right (common) is passed over.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listZipEntries, workbookSheets } from '../../../electron/core/io/import/zip-probe';
import { MAX_COLUMNS, readXlsxRows } from '../../../electron/core/io/import/read-xlsx';
import { openTestLedger, type TestLedger } from '../../helpers/ledger';
import { expectTypedRefusal } from '../hardening/hostile';
import { minimalWorkbook, SHEET_CLOSE, SHEET_OPEN } from '../hardening/zip';
import { scratch, seedOrg } from '../import/files';
import { biff8Bytes } from '../import/legacy-files';

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

interface CfbStream {
  content: Uint8Array;
  size: number;
}
const CFB = XLSX.CFB as unknown as {
  read: (b: Buffer, o: { type: 'buffer' }) => unknown;
  find: (c: unknown, p: string) => CfbStream | null;
  write: (c: unknown, o: { type: 'buffer' }) => Buffer;
};

/** A real BIFF8 staff list with a NUMBER record at (row, `column`) added for each of `rows` rows before the sheet's EOF. */
function xlsWithFarCells(column: number, rows: number): Buffer {
  const cfb = CFB.read(
    biff8Bytes([
      {
        name: '名单',
        rows: [
          ['姓名', '类别'],
          ['张三', '志愿者'],
        ],
      },
    ]),
    { type: 'buffer' },
  );
  const stream = CFB.find(cfb, 'Workbook')!;
  const body = Buffer.from(stream.content);
  let lastEof = -1;
  for (let p = 0; p + 4 <= body.length; p += 4 + body.readUInt16LE(p + 2)) if (body.readUInt16LE(p) === 0x000a) lastEof = p;
  const records = Array.from({ length: rows }, (_, i) => {
    const r = Buffer.alloc(18);
    r.writeUInt16LE(0x0203, 0); // NUMBER
    r.writeUInt16LE(14, 2);
    r.writeUInt16LE(2 + i, 4);
    r.writeUInt16LE(column, 6);
    r.writeDoubleLE(42, 10);
    return r;
  });
  stream.content = Buffer.concat([body.subarray(0, lastEof), ...records, body.subarray(lastEof)]);
  stream.size = stream.content.length;
  return CFB.write(cfb, { type: 'buffer' });
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
