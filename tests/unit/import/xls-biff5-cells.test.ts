/**
 * Issue 14 item 6, the .xls reader's memory (session 43): an Excel 5.0/95 (BIFF5) workbook is read by SheetJS, whose
 * cells cost ≈ 450 bytes of heap each whatever its options (tests/bench/parts/import-xls.ts). Under MAX_XLS_CELLS (two
 * million, sized for biff8-cells.ts) a BIFF5 sheet of 65,535 rows × 30 text columns took the reader to 1,233 MB peak RSS
 * and 14 s of CPU. Past MAX_BIFF5_CELLS such a file is refused from its record headers, before SheetJS builds a cell,
 * asking for .xlsx; a BIFF8 file of as many cells is read by biff8-cells.ts as before, and a small BIFF5 file still reads.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../../electron/core/io/import/cells';
import { MAX_BIFF5_CELLS, openXlsWorkbook } from '../../../electron/core/io/import/read-xls';
import { expectTypedRefusal } from '../hardening/hostile';
import { useImportLedger } from './files';
import { biff5Bytes, biff5WithRecords, biff8WithRecords, writeBytes, type LegacySheet } from './legacy-files';

const L = useImportLedger();
const COLUMNS = 14;
const SHEET = [{ name: '名单', rows: [['姓名']] }];

/**
 * `count` cells, 14 to a row from row 2: one-letter LABELs (a BIFF5 text cell: row, column, XF, length, the bytes) or,
 * for BIFF8, RK numbers (row, column, XF, the number 0).
 */
function cellRecords(count: number, kind: 'label' | 'rk'): Buffer {
  const body = kind === 'label' ? 9 : 10;
  const out = Buffer.alloc(count * (4 + body));
  for (let i = 0; i < count; i++) {
    const at = i * (4 + body);
    out.writeUInt16LE(kind === 'label' ? 0x0204 : 0x027e, at);
    out.writeUInt16LE(body, at + 2);
    out.writeUInt16LE(1 + Math.floor(i / COLUMNS), at + 4);
    out.writeUInt16LE(i % COLUMNS, at + 6);
    out.writeUInt16LE(15, at + 8);
    if (kind === 'label') {
      out.writeUInt16LE(1, at + 10);
      out[at + 12] = 0x61;
    }
  }
  return out;
}

const written = (name: string, bytes: Buffer): string => writeBytes(join(L.dir, name), bytes);

describe('an Excel 5.0/95 .xls is refused when SheetJS would need more memory than the import may take', () => {
  it('past MAX_BIFF5_CELLS it is refused from the record headers, naming the format and the count, asking for .xlsx', async () => {
    const cells = MAX_BIFF5_CELLS + 2;
    const path = written('名单95.xls', biff5WithRecords(SHEET, cellRecords(cells, 'label')));
    const message = expectTypedRefusal(await L.t.raw('import.inspect', { path, target: 'residents' }), 'inspect');
    expect(message).toContain('Excel 5.0/95 格式');
    // The header cell counts too.
    expect(message).toContain(`有 ${(cells + 1).toLocaleString('zh-CN')} 个单元格`);
    expect(message).toContain(`上限 ${MAX_BIFF5_CELLS.toLocaleString('zh-CN')} 个`);
    expect(message).toContain('另存为 .xlsx');
  });

  it('a small Excel 5.0/95 .xls is still read by SheetJS', async () => {
    const path = written('小名单95.xls', biff5WithRecords(SHEET, cellRecords(COLUMNS * 3, 'label')));
    const r = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(r.format).toBe('xls');
    expect(r.sample.length).toBeGreaterThan(0);
  });

  it('a BIFF8 .xls of more cells than MAX_BIFF5_CELLS is read as before (biff8-cells.ts)', async () => {
    const path = written('大名单.xls', biff8WithRecords(SHEET, cellRecords(MAX_BIFF5_CELLS + 2, 'rk')));
    const r = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(r.format).toBe('xls');
    expect(r.sample.length).toBeGreaterThan(0);
  });
});

describe('an Excel 5.0/95 workbook of several sheets', () => {
  it('is parsed by SheetJS once for all its sheets: each read right, the same rows handed back when a sheet is read again', () => {
    // inspect reads up to 30 sheets to score them: one parse each was 102 s of CPU and 1.9 GB for 30 sheets of 19,600 cells.
    const sheets: LegacySheet[] = [
      { name: 'Cover', rows: [['How to fill in']] },
      {
        name: 'List',
        rows: [
          ['name', 'phone'],
          ['Zhang San', '13800000000'],
        ],
      },
      { name: 'Spare', rows: [['a', 'b', 'c']] },
    ];
    const book = openXlsWorkbook(biff5Bytes(sheets), '名单95.xls');
    expect(book.sheets).toEqual(['Cover', 'List', 'Spare']);
    const first = book.sheets.map((name) => book.read(name));
    expect(first.map((r) => r.rows.map((row) => row.cells.map(cellText)))).toEqual(sheets.map((s) => s.rows));
    book.sheets.forEach((name, i) => expect(book.read(name)).toBe(first[i]));
  });
});
