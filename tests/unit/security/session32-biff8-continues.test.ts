/**
 * The eighteenth attack run (session 32) on BIFF8 CONTINUE records (io/import/biff8-records.ts `withContinues`).
 *
 * S32-A3: a record's body is joined with every CONTINUE record after it, each kept as a Buffer view in an array (and
 * its offset in another) before one concat. A CONTINUE of 0 bytes is 4 bytes of file: an SST of 8 bytes followed by
 * millions of them costs an object per 4 bytes at the shared-string count (`sharedStringCount`, checkOleWorkbook, the
 * first look `import.inspect` takes), again at `readGlobals`. Measured by hand (load 7.5): 1 million (4 MB) 1.8 s and
 * +131 MB each; 25 million (100 MB, under the import cap) 87.5 s at the count, 71 s at the globals, heap +2.9 GB, RSS
 * 3.6 GB, all in one core turn (the core hosted in a worker without resourceLimits: S31-A2 saw such a heap end the
 * process). Read here in a child process with a 256 MB heap (cfb-in-process.ts), against a control of the same bytes
 * in ordinary CONTINUE records.
 */
import { describe, expect, it } from 'vitest';
import { STAFF_LIST, withWorkbookStream } from '../import/legacy-files';
import { checkInProcess } from './cfb-in-process';

/** A BIFF record: its type, its length, the body. */
function record(type: number, body: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(body.length, 2);
  return Buffer.concat([head, body]);
}

/** After the BOF: an SST of 8 bytes (1 string counted) and CONTINUE records of `size` bytes making `bytes` in all. */
const sstWithContinues = (bytes: number, size: number) => (body: Buffer) => {
  const counts = Buffer.alloc(8);
  counts.writeUInt32LE(1, 0);
  counts.writeUInt32LE(1, 4);
  const one = record(0x003c, Buffer.alloc(size));
  const continues = Buffer.alloc(Math.floor(bytes / one.length) * one.length);
  for (let at = 0; at < continues.length; at += one.length) one.copy(continues, at);
  const bofEnd = 4 + body.readUInt16LE(2);
  return Buffer.concat([body.subarray(0, bofEnd), record(0x00fc, counts), continues, body.subarray(bofEnd)]);
};

const BYTES = 16 * 1024 * 1024;

/** After the BOF: `tables` SSTs of 8 bytes, each followed by `each` empty CONTINUE records (w50-attack 20:03). */
const manySsts = (tables: number, each: number) => (body: Buffer) => {
  const counts = Buffer.alloc(8);
  counts.writeUInt32LE(1, 0);
  counts.writeUInt32LE(1, 4);
  const one = Buffer.concat([record(0x00fc, counts), Buffer.concat(Array.from({ length: each }, () => record(0x003c, Buffer.alloc(0))))]);
  const bofEnd = 4 + body.readUInt16LE(2);
  return Buffer.concat([body.subarray(0, bofEnd), Buffer.concat(Array.from({ length: tables }, () => one)), body.subarray(bofEnd)]);
};

describe('S32-A3: millions of empty CONTINUE records after one SST', () => {
  it('the control: the same bytes in ordinary CONTINUE records (8,224 bytes each) are looked at and answered', async () => {
    const v = await checkInProcess(withWorkbookStream(STAFF_LIST, sstWithContinues(BYTES, 8224)), 256, 60_000);
    expect(v, JSON.stringify(v)).toMatchObject({ end: 'answered' });
  });

  // S32-A3, fixed (w50-import: biff8-records.ts walks a run of CONTINUEs first, refuses one of more than MAX_CONTINUES,
  // allocates once). Was it.fails: the 256 MB process ran out of heap at the shared-string count.
  it('S32-A3: 4 million empty CONTINUE records (16 MB) are answered (refused or read) within the same heap', async () => {
    const v = await checkInProcess(withWorkbookStream(STAFF_LIST, sstWithContinues(BYTES, 0)), 256, 60_000);
    expect(v, JSON.stringify(v)).toMatchObject({ end: 'answered', refused: expect.stringMatching(/工作簿数据已损坏/) });
  }, 90_000);

  // A cap on one run is not enough alone (w50-attack 20:03: 1,000 SSTs × 5,000 empty CONTINUEs, 20 MB, held the core
  // 3.3 s with a view per record): under the cap each run is walked allocating nothing, so the whole is linear and small.
  it('1,000 SSTs each followed by 5,000 empty CONTINUE records (20 MB, every run under the cap) are answered within the same heap', async () => {
    const v = await checkInProcess(withWorkbookStream(STAFF_LIST, manySsts(1_000, 5_000)), 256, 60_000);
    expect(v, JSON.stringify(v)).toMatchObject({ end: 'answered' });
  }, 90_000);
});
