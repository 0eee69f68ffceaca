/**
 * The fourteenth attack run (session 28, docs/security/attack-run-session28.md): an .xls whose shared-string table
 * (SST) says its count where the count check does not look. X2's fix (xls-shared-strings.test.ts) reads cstUnique at
 * the SST record's own bytes 4–8 (`sharedStringCount`, biff8-globals.ts) and only when the record is at least 8 bytes
 * long; the reader (`readSst`) joins the SST with its CONTINUE records first and reads the count from the joined body.
 * An SST record of 4 bytes (cstTotal only) with cstUnique and the strings in CONTINUE records is counted as 0 strings
 * and read whole: the bound on strings (MAX_XLS_CELLS) did not hold (X6, fixed by w45-import: 714c80b). And many sheet names at one
 * sheet, each read anew (X7, fixed by w45-import: 2871ac4).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGlobals, sharedStringCount } from '../../../electron/core/io/import/biff8-globals';
import { MAX_XLS_CELLS, openXlsWorkbook } from '../../../electron/core/io/import/read-xls';
import { useImportLedger } from '../import/files';
import { STAFF_LIST, withWorkbookStream } from '../import/legacy-files';

const L = useImportLedger();
/** Whole strings of 4 bytes in each CONTINUE: 2,056 of them fill a record's 8,224 bytes. */
const PER_RECORD = 2056;

/** A BIFF record: its type, its length, the body. */
function record(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
}

/**
 * An SST of `n` one-character strings whose record holds only cstTotal: cstUnique opens the first CONTINUE, then the
 * strings (cch 1, flags 0, one letter), whole strings in each CONTINUE.
 */
function splitSstRecords(n: number): Buffer[] {
  const count = Buffer.alloc(4);
  count.writeUInt32LE(n);
  const strings = Buffer.alloc(n * 4);
  for (let i = 0; i < n; i++) strings.writeUInt32LE(0x01 | ((0x41 + (i % 26)) << 24), i * 4);
  const out = [record(0x00fc, count), record(0x003c, Buffer.concat([count, strings.subarray(0, (PER_RECORD - 1) * 4)]))];
  for (let at = (PER_RECORD - 1) * 4; at < strings.length; at += PER_RECORD * 4) out.push(record(0x003c, strings.subarray(at, at + PER_RECORD * 4)));
  return out;
}

/**
 * The workbook's one BOUNDSHEET and `extra` copies under other names, all pointing at the same BOF: each name is a
 * sheet `import.inspect` reads whole to score (up to 30), while the cells are counted once (MAX_XLS_CELLS).
 */
const manyNames = (extra: number) => (body: Buffer) => {
  let bs = 0;
  while (body.readUInt16LE(bs) !== 0x0085) bs += 4 + body.readUInt16LE(bs + 2);
  const orig = Buffer.from(body.subarray(bs, bs + 4 + body.readUInt16LE(bs + 2)));
  const copies = Array.from({ length: extra }, (_, i) => {
    const name = Buffer.from(`表${String(i).padStart(3, '0')}`, 'utf16le');
    const r = Buffer.alloc(12 + name.length);
    r.writeUInt16LE(0x0085, 0);
    r.writeUInt16LE(r.length - 4, 2);
    r[10] = name.length / 2; // cch
    r[11] = 1; // two bytes a character
    name.copy(r, 12);
    return r;
  });
  const pos = orig.readUInt32LE(4) + copies.reduce((n, c) => n + c.length, 0);
  for (const r of [orig, ...copies]) r.writeUInt32LE(pos, 4);
  return Buffer.concat([body.subarray(0, bs), orig, ...copies, body.subarray(bs + orig.length)]);
};

const streamWith = (n: number) => (body: Buffer) => {
  const bofEnd = 4 + body.readUInt16LE(2);
  return Buffer.concat([body.subarray(0, bofEnd), ...splitSstRecords(n), body.subarray(bofEnd)]);
};

describe('X6: an SST whose count is in its first CONTINUE record', () => {
  it('the count check counts the strings the reader reads (X6: it counted none)', () => {
    const stream = streamWith(1000)(Buffer.concat([Buffer.from([0x09, 0x08, 0, 0])]));
    // Counted as the reader reads them (714c80b); was 0 while the reader built all 1000.
    expect(sharedStringCount(stream)).toBe(1000);
    expect(readGlobals(stream, true).sst).toHaveLength(1000);
  });

  // Fixed by w45-import during the run (714c80b, biff8-globals.ts). Red on 5da2530: 2.3 s (load 14), then
  // 「…里的工作簿数据已损坏，无法读取…」 (the insert moved the sheet's offset): the 2,000,001 strings were read first.
  // readGlobals alone on 8,000,000 such strings (32 MB): 6.1 s in one turn, +237 MB; the 100 MB file cap allows 25 million.
  it('more strings than MAX_XLS_CELLS are refused from the record headers, however the SST is split', async () => {
    const path = join(L.dir, '社区名单.xls');
    writeFileSync(path, withWorkbookStream(STAFF_LIST, streamWith(MAX_XLS_CELLS + 1)));
    const r = await L.t.raw('import.inspect', { path, target: 'staff' });
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.error.message).toMatch(/上限/);
  }, 300_000);
});

describe('X7: many sheet names at one sheet', () => {
  // Fixed by w45-import (2871ac4, read-xls.ts openXlsWorkbook: a sheet is read once by where its BOF is), not refused as
  // this run proposed: crafted-sheets.test.ts's 100,000 sheets share one BOF and must be listed. Measured on 5da2530
  // (load 15): a sheet of 200,000 cells, inspect 1.3 s with its own name, 6.1 s with 29 more names at its BOF.
  it('thirty names at one BOF: every name hands back the one sheet read once, and inspect answers', async () => {
    const buf = withWorkbookStream(STAFF_LIST, manyNames(29));
    const book = openXlsWorkbook(buf, '社区名单.xls');
    expect(book.sheets).toHaveLength(30);
    const first = book.read(book.sheets[0]!);
    // Red on 5da2530: each name read the sheet anew (29 other objects).
    expect(book.sheets.filter((name) => book.read(name) !== first)).toEqual([]);
    const path = join(L.dir, '社区名单.xls');
    writeFileSync(path, buf);
    const r = await L.t.raw('import.inspect', { path, target: 'staff' });
    expect(r.ok).toBe(true);
  });
});
