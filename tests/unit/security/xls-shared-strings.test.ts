/**
 * Eleventh attack run (session 25, docs/security/attack-run-session25.md, X2): X1's fix counts an .xls's cells from
 * the record headers and refuses more than MAX_XLS_CELLS before SheetJS reads it. The shared-string table (SST and
 * its CONTINUE records, in the workbook globals) is not counted: SheetJS builds an object for each string whether a
 * cell uses it or not. One-character strings cost 4 bytes of file each. Measured in-process (`import.inspect` as the
 * clerk, load 9–10): 500,000 strings (2.0 MB) 2.8 s, heap +105 MB; 2,000,000 (8.1 MB) 15.7 s, +324 MB; 8,000,000
 * (32.3 MB) 151 s, +811 MB, growing faster than the file. The read is synchronous on the core's one thread: every
 * window waits, as with X1. The file cap (100 MB) allows 25 million strings. Fixed by w41-speed (read-xls.ts): the
 * SSTs' cstUnique is counted and refused past MAX_XLS_CELLS, and BIFF8 sheet names no longer go through SheetJS.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAX_XLS_CELLS } from '../../../electron/core/io/import/read-xls';
import { useImportLedger } from '../import/files';
import { STAFF_LIST, withWorkbookStream } from '../import/legacy-files';

const L = useImportLedger();
const MAX_RECORD = 8224;

/** BIFF records carrying an SST of `n` one-character strings: the SST record, then CONTINUE records, whole strings in each. */
function sstRecords(n: number): Buffer[] {
  const records: Buffer[] = [];
  for (let left = n, first = true; left > 0 || first; first = false) {
    const k = Math.min(Math.floor((MAX_RECORD - (first ? 8 : 0)) / 4), left);
    const record = Buffer.alloc(4 + (first ? 8 : 0) + k * 4);
    record.writeUInt16LE(first ? 0x00fc : 0x003c, 0);
    record.writeUInt16LE(record.length - 4, 2);
    let p = 4;
    if (first) {
      record.writeUInt32LE(n, 4); // cstTotal
      record.writeUInt32LE(n, 8); // cstUnique
      p = 12;
    }
    // cch 1, flags 0 (8-bit characters), one letter.
    for (let i = 0; i < k; i++, p += 4) {
      record.writeUInt16LE(1, p);
      record[p + 3] = 0x41 + (i % 26);
    }
    records.push(record);
    left -= k;
  }
  return records;
}

/** A real staff list whose workbook globals carry, right after the BOF, an SST of `n` strings no cell uses. */
function xlsWithStrings(n: number): Buffer {
  return withWorkbookStream(STAFF_LIST, (body) => {
    const bofEnd = 4 + body.readUInt16LE(2);
    return Buffer.concat([body.subarray(0, bofEnd), ...sstRecords(n), body.subarray(bofEnd)]);
  });
}

/** The same, the SST record holding only cstTotal and cstUnique opening the CONTINUE after it (X6). */
function xlsWithSplitHeader(n: number): Buffer {
  const [sst, ...rest] = sstRecords(n);
  const head = Buffer.alloc(8);
  head.writeUInt16LE(0x00fc, 0);
  head.writeUInt16LE(4, 2);
  sst!.copy(head, 4, 4, 8);
  const cont = Buffer.alloc(sst!.length - 8);
  cont.writeUInt16LE(0x003c, 0);
  cont.writeUInt16LE(cont.length - 4, 2);
  sst!.copy(cont, 4, 8);
  return withWorkbookStream(STAFF_LIST, (body) => {
    const bofEnd = 4 + body.readUInt16LE(2);
    return Buffer.concat([body.subarray(0, bofEnd), head, cont, ...rest, body.subarray(bofEnd)]);
  });
}

/** Inspected as the staff list: refused from the record headers, past the bound, asking for .xlsx. */
async function expectRefusedAtInspect(name: string, bytes: Buffer): Promise<void> {
  const path = join(L.dir, name);
  writeFileSync(path, bytes);
  const r = await L.t.raw('import.inspect', { path, target: 'staff' });
  expect(r.ok).toBe(false);
  expect(r.ok === false && r.error.message).toContain('另存为 .xlsx');
  expect(r.ok === false && r.error.message).toMatch(/上限/);
}

describe('X2: the shared strings of an .xls count against its bound', () => {
  // Fourteenth attack run, X6 (w45-import's fix, biff8-globals.ts sharedStringCount): cstUnique was read from the SST
  // record's own bytes only; split into the CONTINUE after it, the strings counted 0 and were read whole. Red before.
  it('the SST header split over its CONTINUE record: still counted, refused past MAX_XLS_CELLS (X6)', async () => {
    await expectRefusedAtInspect('社区名单-拆分.xls', xlsWithSplitHeader(MAX_XLS_CELLS + 1));
  }, 300_000);

  // Red on main before w41-speed's fix (plain it): read whole (15.7 s at load 9 for this 8 MB file), then 「工作表「名单」在文件中缺失…」
  // (the insert moved the sheet's offset: the cost is paid before that). Now refused from the SST's cstUnique.
  it('more strings than MAX_XLS_CELLS are refused from the record headers, asking for .xlsx (X2, fixed by w41-speed)', async () => {
    await expectRefusedAtInspect('社区名单.xls', xlsWithStrings(MAX_XLS_CELLS + 1));
  }, 300_000);
});
