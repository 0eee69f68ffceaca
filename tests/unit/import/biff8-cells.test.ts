/**
 * The BIFF8 reader of our own (io/import/biff8-cells.ts). SheetJS left every cell of an .xls in V8's dictionary mode,
 * about 500 bytes each: 460 MB of heap for a community's 65,535 × 14 sheet (session 25, w41-speed). Here: an .xls
 * that SheetJS could not read within a small heap is read within it, and crafted records (strings continued over
 * CONTINUE records with a change of width, RK forms, formula results, error cells) read as SheetJS reads them.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as XLSX from '@e965/xlsx';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { checkOleWorkbook, MAX_XLS_CELLS, readXlsRows, xlsSheetNames } from '../../../electron/core/io/import/read-xls';
import { biff8Bytes, biff8WithRecords, type LegacySheet } from './legacy-files';

const record = (type: number, body: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
};
const cell = (row: number, col: number, rest: Buffer): Buffer => {
  const b = Buffer.alloc(6);
  b.writeUInt16LE(row, 0);
  b.writeUInt16LE(col, 2);
  b.writeUInt16LE(15, 4);
  return Buffer.concat([b, rest]);
};
const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const i32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32LE(n);
  return b;
};
const dbl = (n: number): Buffer => {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(n);
  return b;
};
/** A formula cell: its cached result (8 bytes), flags, chn, and a formula of one token (PtgInt 1). */
const formula = (row: number, col: number, result: Buffer): Buffer =>
  record(0x0006, cell(row, col, Buffer.concat([result, u16(0), Buffer.alloc(4), u16(3), Buffer.from([0x1e, 1, 0])])));
/** A BIFF8 workbook with `records` put before the globals' EOF, every sheet's BOUNDSHEET offset moved past them. */
function withGlobals(sheets: readonly LegacySheet[], records: Buffer): Buffer {
  const CFB = XLSX.CFB as {
    read: (d: Buffer, o: { type: 'buffer' }) => unknown;
    find: (c: unknown, p: string) => { content: Uint8Array; size: number };
    write: (c: unknown, o: { type: 'buffer' }) => Buffer;
  };
  const cfb = CFB.read(biff8Bytes(sheets), { type: 'buffer' });
  const entry = CFB.find(cfb, 'Workbook');
  const stream = Buffer.from(entry.content);
  let globalsEnd = -1;
  for (let p = 0; globalsEnd < 0 && p + 4 <= stream.length; p += 4 + stream.readUInt16LE(p + 2)) {
    if (stream.readUInt16LE(p) === 0x0085) stream.writeUInt32LE(stream.readUInt32LE(p + 4) + records.length, p + 4);
    if (stream.readUInt16LE(p) === 0x000a) globalsEnd = p;
  }
  entry.content = Buffer.concat([stream.subarray(0, globalsEnd), records, stream.subarray(globalsEnd)]);
  entry.size = entry.content.length;
  return CFB.write(cfb, { type: 'buffer' });
}
const special = (kind: number, value = 0): Buffer => Buffer.from([kind, 0, value, 0, 0, 0, 0xff, 0xff]);

describe('the BIFF8 reader', () => {
  it('reads crafted records as SheetJS reads them', () => {
    const records = Buffer.concat([
      // LABEL: compressed (one byte a character) and wide (UTF-16).
      record(0x0204, cell(1, 0, Buffer.concat([u16(5), Buffer.from([0]), Buffer.from('Wang ', 'latin1')]))),
      record(0x0204, cell(1, 1, Buffer.concat([u16(3), Buffer.from([1]), Buffer.from('东风社', 'utf16le')]))),
      // A LABEL whose characters go on in a CONTINUE record, wide after its option byte.
      record(0x0204, cell(1, 2, Buffer.concat([u16(4), Buffer.from([0]), Buffer.from('ab', 'latin1')]))),
      record(0x003c, Buffer.concat([Buffer.from([1]), Buffer.from('网格', 'utf16le')])),
      // RK: an integer, an integer ÷ 100, the top of a double; MULRK.
      record(0x027e, cell(2, 0, i32((420106 << 2) | 2))),
      record(0x027e, cell(2, 1, i32((12345 << 2) | 3))),
      record(0x027e, cell(2, 2, dbl(2.5).subarray(4))),
      record(0x00bd, Buffer.concat([u16(3), u16(1), u16(15), i32((7 << 2) | 2), u16(15), i32((-9 << 2) | 2), u16(2)])),
      // NUMBER: an ID number stored as a number, as Excel keeps it.
      record(0x0203, cell(4, 0, dbl(420106195611083000))),
      // BOOLERR: TRUE, and #DIV/0!.
      record(0x0205, cell(4, 1, Buffer.from([1, 0]))),
      record(0x0205, cell(4, 2, Buffer.from([0x07, 1]))),
      // FORMULA results: a number, a string (in the STRING record after it), a boolean, an error, an empty string.
      formula(5, 0, dbl(43876)),
      formula(5, 1, special(0)),
      record(0x0207, Buffer.concat([u16(2), Buffer.from([1]), Buffer.from('返程', 'utf16le')])),
      formula(5, 2, special(1, 1)),
      formula(5, 3, special(2, 0x2a)),
      formula(5, 4, special(3)),
    ]);
    const buf = biff8WithRecords([{ name: '名单', rows: [['姓名']] }], records);
    const ours = readXlsRows(buf, '名单.xls', '名单').rows;
    const byRow = new Map(ours.map((r) => [r.rowNumber, r.cells]));
    expect(byRow.get(2)).toEqual(['Wang ', '东风社', 'ab网格']);
    expect(byRow.get(3)).toEqual([420106, 123.45, 2.5]);
    expect(byRow.get(4)).toEqual([null, 7, -9]);
    expect(byRow.get(5)).toEqual([420106195611083000, true, { problem: '单元格是错误值 #DIV/0!', shown: '#DIV/0!' }]);
    expect(byRow.get(6)).toEqual([43876, '返程', true, { problem: '公式的结果是错误值 #N/A', shown: '#N/A' }, '']);
    // SheetJS, reading the same file, finds the same values (its error cells hold Excel's code).
    const sheet = XLSX.read(buf, { type: 'buffer', dense: true }).Sheets['名单']!['!data'] as ({ v: unknown } | undefined)[][];
    const theirs = (r: number) => Array.from(sheet[r - 1] ?? [], (c) => c?.v ?? null);
    expect(theirs(2)).toEqual(byRow.get(2));
    expect(theirs(3)).toEqual(byRow.get(3));
    expect(theirs(4)).toEqual(byRow.get(4));
    expect(theirs(6).slice(0, 3)).toEqual(byRow.get(6)!.slice(0, 3));
  });

  it('reads a long shared-string table as the workbook holds it (3,000 strings, Latin and Chinese)', () => {
    // Written by SheetJS: past 8,224 bytes a BIFF8 record goes on in CONTINUE records.
    const names = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `居民${i}号` : `resident-${i}`));
    const ws = XLSX.utils.aoa_to_sheet([['姓名'], ...names.map((n) => [n])]);
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws, '名单');
    const buf = XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    const rows = readXlsRows(buf, '名单.xls', '名单').rows;
    expect(rows.map((r) => r.cells[0])).toEqual(['姓名', ...names]);
  });

  it('reads an .xls of 512,000 cells within a heap SheetJS could not read it in', async () => {
    // 2,000 MULRK rows of 256 numbers: SheetJS needed about 250 MB of heap for them (tenth attack run, X1).
    const size = 6 + 256 * 6;
    const one = Buffer.alloc(4 + size);
    one.writeUInt16LE(0x00bd, 0);
    one.writeUInt16LE(size, 2);
    for (let c = 0; c < 256; c++) {
      one.writeUInt16LE(15, 8 + c * 6);
      one.writeInt32LE((c << 2) | 2, 10 + c * 6);
    }
    one.writeUInt16LE(255, 8 + 256 * 6);
    const records = Buffer.alloc(one.length * 2000);
    for (let r = 0; r < 2000; r++) {
      one.writeUInt16LE(r + 1, 4);
      one.copy(records, r * one.length);
    }
    const dir = mkdtempSync(join(tmpdir(), 'taizhang-biff8-'));
    const file = join(dir, '社区名单.xls');
    writeFileSync(file, biff8WithRecords([{ name: '名单', rows: [['姓名']] }], records));
    const entry = join(dir, 'child.ts');
    writeFileSync(
      entry,
      `import { readFileSync } from 'node:fs';
import { readXlsRows } from ${JSON.stringify(resolve('electron/core/io/import/read-xls.ts'))};
const rows = readXlsRows(readFileSync(process.argv[2]!), '社区名单.xls', '名单').rows;
console.log('ROWS ' + rows.length + ' CELLS ' + rows.reduce((n, r) => n + r.cells.length, 0));
`,
    );
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'child.cjs'), logLevel: 'error' });
    // 64 MB of old generation: SheetJS's cells alone would need about four times that.
    const run = spawnSync(process.execPath, ['--max-old-space-size=64', join(dir, 'child.cjs'), file], { encoding: 'utf8' });
    expect(run.stderr).not.toContain('heap out of memory');
    expect(run.stdout.trim()).toBe(`ROWS 2001 CELLS ${1 + 2000 * 256}`);
  });

  it('an .xls whose shared-string table holds more strings than MAX_XLS_CELLS is refused before any is built (w41-attack, X2)', () => {
    // One-character strings, 4 bytes of file each, in the globals' SST and its CONTINUE records; no cell shows them.
    const n = MAX_XLS_CELLS + 1;
    const one = Buffer.from([1, 0, 0, 0x61]);
    const perRecord = Math.floor(8224 / one.length);
    const parts: Buffer[] = [];
    for (let i = 0; i < n; i += perRecord) {
      const k = Math.min(perRecord, n - i);
      const body = Buffer.alloc(k * one.length + (i === 0 ? 8 : 0));
      if (i === 0) {
        body.writeUInt32LE(n, 0);
        body.writeUInt32LE(n, 4);
      }
      for (let j = 0; j < k; j++) one.copy(body, (i === 0 ? 8 : 0) + j * one.length);
      parts.push(record(i === 0 ? 0x00fc : 0x003c, body));
    }
    const sst = Buffer.concat(parts);
    const buf = withGlobals([{ name: '名单', rows: [['姓名']] }], sst);
    expect(xlsSheetNames(buf, '名单.xls')).toEqual(['名单']);
    expect(() => checkOleWorkbook(buf, '名单.xls')).toThrow(/文字表有 200 万条文字，超过.*另存为 .xlsx/);
  });
});
