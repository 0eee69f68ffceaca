/**
 * The nineteenth attack run (session 33) on BIFF8 shared-string tables (biff8-globals.ts): an SST declaring far more
 * strings than its body holds, and many SSTs each declaring just under the bound. Held: the declared counts are summed
 * and refused past MAX_XLS_CELLS before any string is read (read-xls.ts checkOleWorkbook), and `readSst` stops at the
 * body's end whatever the count says. Read in a child process (cfb-in-process.ts), as the earlier .xls attacks are.
 */
import { describe, expect, it } from 'vitest';
import { MAX_XLS_CELLS } from '../../../electron/core/io/import/read-xls';
import { STAFF_LIST, withWorkbookStream } from '../import/legacy-files';
import { checkInProcess } from './cfb-in-process';

/** After the BOF: `tables` SST records of 8 bytes (cstTotal, cstUnique = `declared`) and `body` bytes of empty strings. */
const ssts = (tables: number, declared: number, body: number) => (stream: Buffer) => {
  const counts = Buffer.alloc(8 + body);
  counts.writeUInt32LE(declared, 0);
  counts.writeUInt32LE(declared, 4);
  const head = Buffer.alloc(4);
  head.writeUInt16LE(0x00fc, 0);
  head.writeUInt16LE(counts.length, 2);
  const one = Buffer.concat([head, counts]);
  const bofEnd = 4 + stream.readUInt16LE(2);
  return Buffer.concat([stream.subarray(0, bofEnd), ...Array.from({ length: tables }, () => one), stream.subarray(bofEnd)]);
};

describe('BIFF8 SST counts (held)', () => {
  it('one SST declaring 4,294,967,295 strings in 8 bytes is refused by its count', async () => {
    const v = await checkInProcess(withWorkbookStream(STAFF_LIST, ssts(1, 0xffffffff, 0)), 256, 60_000);
    expect(v, JSON.stringify(v)).toMatchObject({ end: 'answered', refused: expect.stringMatching(/文字表有 \d+ 万条文字/) });
  });

  it('2,000 SSTs each declaring just under the bound: the sum is refused', async () => {
    const v = await checkInProcess(withWorkbookStream(STAFF_LIST, ssts(2000, MAX_XLS_CELLS - 1, 3 * 100)), 256, 60_000);
    expect(v, JSON.stringify(v)).toMatchObject({ end: 'answered', refused: expect.stringMatching(/文字表有 \d+ 万条文字/) });
  });
});
