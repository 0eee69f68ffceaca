/**
 * Issue 14 §6 for an .xls: the 14-column sheet of import.ts as Excel 97–2003 saves it, 65,535 rows (BIFF8 holds
 * 65,536 with the header: the 100,000 rows of the .xlsx do not fit), its text in the shared-string table (SST, over
 * CONTINUE records) and LABELSST cells, as Excel and WPS write text. SheetJS's own BIFF8 writer takes minutes for
 * this many cells under load, so the cells are written here into a header-only workbook SheetJS wrote.
 *
 * Beside the import (import.ts's measure: preview + commit, the reader's bare parse, the bare sealed INSERT, peak RSS),
 * two children that only parse the same file, each its time and peak RSS in the same run: `sheetjs-parse`, SheetJS with
 * the options read-xls.ts gives it (dense, the one sheet, no formulae, text, formats or styles: what it still reads an
 * Excel 95 (BIFF5) file with, and read BIFF8 with before biff8-cells.ts), and `xls-parse`, the app's own reader
 * (source.ts → read-xls.ts → biff8-cells.ts, as the import and the baseline read it), every row's cells as text.
 *
 * SheetJS's peak is its cells, not its options: every cell it makes has two fields deleted (`delete line.ixfe; delete
 * line.XF` in its BIFF `addcell`), which leaves each one a dictionary-mode object, ≈ 450 bytes of heap a cell (session
 * 43: 413 MB live for this sheet's 917,490 cells after a full collection). No option of its reader avoids that.
 */
import { readFileSync } from 'node:fs';
import * as XLSX from '@e965/xlsx';
import { COMMUNITY_HEADER } from '../../integration/import/make-big';
import { bareParse, cpuMsSince, spawnChild } from './import-child';

/** The rows of the bench's .xls below its header. */
export const XLS_ROWS = 65_535;
const SHEET = '返程人员';
/** The most a BIFF8 record holds; more goes on in CONTINUE records. */
const MAX_RECORD = 8224;

const rec = (type: number, body: Buffer): Buffer => {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
};

/** SST then CONTINUE records, each string whole in one record (a string may start a CONTINUE without an option byte). */
function sstRecords(strings: readonly string[], total: number): Buffer {
  const out: Buffer[] = [];
  let parts: Buffer[] = [Buffer.alloc(8)];
  parts[0]!.writeUInt32LE(total, 0);
  parts[0]!.writeUInt32LE(strings.length, 4);
  let size = 8;
  let type = 0x00fc;
  for (const s of strings) {
    const wide = /[^\u0000-\u00ff]/.test(s);
    const head = Buffer.alloc(3);
    head.writeUInt16LE(s.length, 0);
    head[2] = wide ? 1 : 0;
    const body = Buffer.concat([head, Buffer.from(s, wide ? 'utf16le' : 'latin1')]);
    if (size + body.length > MAX_RECORD) {
      out.push(rec(type, Buffer.concat(parts)));
      type = 0x003c;
      parts = [];
      size = 0;
    }
    parts.push(body);
    size += body.length;
  }
  out.push(rec(type, Buffer.concat(parts)));
  return Buffer.concat(out);
}

/** The .xls bytes: header row and `rows` as text cells. */
export function communityXls(rows: readonly string[][]): Buffer {
  const header = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(header, XLSX.utils.aoa_to_sheet([[...COMMUNITY_HEADER]]), SHEET);
  const CFB = XLSX.CFB as {
    read: (d: Buffer, o: { type: 'buffer' }) => unknown;
    find: (c: unknown, p: string) => { content: Uint8Array; size: number };
    write: (c: unknown, o: { type: 'buffer' }) => Buffer;
  };
  const cfb = CFB.read(XLSX.write(header, { type: 'buffer', bookType: 'biff8' }) as Buffer, { type: 'buffer' });
  const entry = CFB.find(cfb, 'Workbook');
  const stream = Buffer.from(entry.content);
  const index = new Map<string, number>();
  const strings: string[] = [];
  const cells: Buffer[] = [];
  rows.forEach((r, i) =>
    r.forEach((v, c) => {
      if (v === '') return;
      let n = index.get(v);
      if (n === undefined) index.set(v, (n = strings.push(v) - 1));
      const b = Buffer.alloc(14);
      b.writeUInt16LE(0x00fd, 0);
      b.writeUInt16LE(10, 2);
      b.writeUInt16LE(i + 1, 4);
      b.writeUInt16LE(c, 6);
      b.writeUInt16LE(15, 8);
      b.writeUInt32LE(n, 10);
      cells.push(b);
    }),
  );
  // The globals' EOF (the first) gets the SST before it, every sheet's offset moving by its length; the cells go before the last EOF.
  const eofs: number[] = [];
  const sheetPositions: number[] = [];
  for (let p = 0; p + 4 <= stream.length; p += 4 + stream.readUInt16LE(p + 2)) {
    if (stream.readUInt16LE(p) === 0x000a) eofs.push(p);
    if (stream.readUInt16LE(p) === 0x0085) sheetPositions.push(p + 4);
  }
  const sst = sstRecords(strings, cells.length);
  for (const at of sheetPositions) stream.writeUInt32LE(stream.readUInt32LE(at) + sst.length, at);
  const [globalsEnd, sheetEnd] = [eofs[0]!, eofs.at(-1)!];
  entry.content = Buffer.concat([stream.subarray(0, globalsEnd), sst, stream.subarray(globalsEnd, sheetEnd), ...cells, stream.subarray(sheetEnd)]);
  entry.size = entry.content.length;
  return CFB.write(cfb, { type: 'buffer' });
}

export interface XlsParse {
  parseMs: number;
  parseCpuMs: number;
  maxRssMb: number;
}

type XlsParseJob = 'sheetjs-parse' | 'xls-parse';
export const isXlsParseJob = (job: string): job is XlsParseJob => job === 'sheetjs-parse' || job === 'xls-parse';

/** In a child: one parse of the file (SheetJS's with read-xls.ts's options, or the app's own reader) and its peak RSS. */
export async function xlsParseChildMain(job: XlsParseJob, path: string): Promise<void> {
  // SheetJS is handed the file's bytes read before its clock starts (as before); the app's reader opens the file itself.
  const buf = job === 'sheetjs-parse' ? readFileSync(path) : null;
  const c = process.cpuUsage();
  const t = performance.now();
  if (!buf) {
    const { data } = await bareParse(path);
    if (data.length !== XLS_ROWS) throw new Error(`read ${data.length} rows`);
  } else {
    const wb = XLSX.read(buf, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellText: false,
      cellNF: false,
      cellStyles: false,
      sheets: SHEET,
    });
    if (!wb.Sheets[SHEET]) throw new Error('no sheet');
  }
  const result: XlsParse = { parseMs: performance.now() - t, parseCpuMs: cpuMsSince(c), maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export const sheetJsInChild = (path: string): Promise<XlsParse> => spawnChild<XlsParse>('sheetjs-parse', '', path);
export const xlsParseInChild = (path: string): Promise<XlsParse> => spawnChild<XlsParse>('xls-parse', '', path);
