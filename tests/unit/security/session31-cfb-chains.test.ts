/**
 * Seventeenth attack run (session 31, docs/security/attack-run-session31.md), S31-A2: an .xls (or .et, or any file
 * whose first 8 bytes are a compound file's: source.ts routes by them) whose FAT chains SheetJS's CFB reader follows
 * without a bound. f812a95 (cfb-directory.ts) looks at the directory before `CFB.read`; the chains of the streams the
 * directory names are not looked at:
 * - a stream starting inside a FAT loop that is not the loop's first sector: `get_sector_list` (xlsx.mjs) has no loop
 *   check (make_sector_list has one, for chain heads only), so it appends the same sectors for ever. A 2,560-byte file:
 *   the reader's process out of heap in ~4 s at 256 MB; in a worker thread with the default heap, the whole process
 *   (the app's main process hosts the core worker) aborted after 27 s at 3.4 GB, no 'exit' event (load 4).
 * - streams starting at successive sectors of one long chain: each start not a chain head gets the rest of the chain
 *   copied (`get_sector_list` → Buffer.concat), up to 511 entries × the file's size.
 * Run in a process of its own (cfb-in-process.ts): in this one it would end the test run. Fixed during the run
 * (cfb-directory.ts streamChains: every chain SheetJS reads from the FAT walked first, a sector met twice refused).
 */
import { describe, expect, it } from 'vitest';
import { cfbDirectoryShape } from '../../../electron/core/io/import/cfb-directory';
import { checkInProcess } from './cfb-in-process';
import { compoundBuffer, END_OF_CHAIN, ENTRY, NONE, SECTOR, writeDirectory } from './compound-header';

const PER_FAT = SECTOR / 4;
const FAT_SECTOR = 0xfffffffd;

/**
 * A version-3 compound file: FAT sectors first, one directory sector, then `data` data sectors chained in order
 * (`loop`: the last data sector points back at the first). Streams: a root with the entries as a chain of siblings,
 * each a stream of `size` bytes starting at data sector `starts[i]`.
 */
function compoundFile(data: number, starts: number[], size: number, loop: boolean): Buffer {
  const dirSectors = Math.ceil((starts.length + 1) / (SECTOR / ENTRY));
  let fatSectors = 1;
  while (fatSectors * PER_FAT < fatSectors + dirSectors + data) fatSectors++;
  if (fatSectors > 109) throw new Error('too big for the header DIFAT');
  const total = fatSectors + dirSectors + data;
  const buf = compoundBuffer(total, fatSectors);
  const dir0 = fatSectors;
  const data0 = fatSectors + dirSectors;
  for (let s = 0; s < fatSectors * PER_FAT; s++) {
    let next = NONE;
    if (s < fatSectors) next = FAT_SECTOR;
    else if (s < data0) next = s < data0 - 1 ? s + 1 : END_OF_CHAIN;
    else if (s < total) next = s < total - 1 ? s + 1 : loop ? data0 : END_OF_CHAIN;
    buf.writeUInt32LE(next, SECTOR * (1 + Math.floor(s / PER_FAT)) + (s % PER_FAT) * 4);
  }
  const names = ['Root Entry', ...starts.map((_, k) => `Stream${k + 1}`)];
  for (const [i, e] of writeDirectory(buf, dir0, dirSectors, names, 2).entries()) {
    if (i === 0) buf.writeUInt32LE(1, e + 76);
    else if (i < starts.length) buf.writeUInt32LE(i + 1, e + 72);
    buf.writeUInt32LE(i === 0 ? END_OF_CHAIN : data0 + starts[i - 1]!, e + 116);
    buf.writeUInt32LE(i === 0 ? 0 : size, e + 120);
  }
  return buf;
}

describe('S31-A2: FAT chains SheetJS’s CFB reader follows unbounded (read-xls.ts readContainer)', () => {
  it('the control: a stream at the head of an ordinary chain is read and refused as no workbook, quickly and small', async () => {
    const r = await checkInProcess(compoundFile(16, [0], 8 * SECTOR, false), 256, 60_000);
    expect(r).toMatchObject({ end: 'answered', refused: expect.stringMatching(/「名单\.xls」不是 Excel 工作簿/) });
  });

  // Was it.fails (S31-A2, main 4fc0e86): red as 'out-of-memory' (4.1-5.4 s at a 256 MB heap, load 4-6); with the default
  // heap in a worker thread (as the app hosts the core), the whole process aborted after 27 s (3.4 GB).
  it('a 2.5 KB file whose stream starts inside a loop of two sectors is refused, not followed for ever', async () => {
    const file = compoundFile(2, [1], 8 * SECTOR, true);
    expect(file.length).toBeLessThan(3000);
    const r = await checkInProcess(file, 256, 60_000);
    expect(r).toMatchObject({ end: 'answered', refused: expect.stringMatching(/损坏的 Office 文件（数据链循环或重叠）/) });
    expect(cfbDirectoryShape(file)).toEqual({ unreadable: '数据链循环或重叠' });
  });

  // Was it.fails (S31-A2): each of 500 streams starting one sector further into a 2 MB chain got the rest of it copied:
  // 7.4 s and +1,842 MB of external memory, then 「不是 Excel 工作簿」 (load 6).
  it('500 streams starting along one 2 MB chain: refused before the reader copies the chain 500 times', async () => {
    const file = compoundFile(
      4000,
      Array.from({ length: 500 }, (_, i) => i),
      4096,
      false,
    );
    const r = await checkInProcess(file, 256, 60_000);
    expect(r).toMatchObject({ end: 'answered', refused: expect.stringMatching(/损坏的 Office 文件（数据链循环或重叠）/) });
    expect(r.end === 'answered' && r.externalMb).toBeLessThan(100);
  });

  // Found on the fix itself (red on 99cca02: 'out-of-memory'): SheetJS takes every FAT sector the header lists up to the
  // first negative entry, whatever the header's count says; the walk took only `count` of them, so a count of 1 hid a
  // loop whose FAT entries sit in the second FAT sector (and, the same way, directory sectors from S30-A4's bound).
  it('a header whose FAT count leaves out a second FAT sector it lists: the loop there is found too', async () => {
    const file = compoundFile(200, [150], 8 * SECTOR, true);
    expect(file.readUInt32LE(44)).toBe(2);
    file.writeUInt32LE(1, 44);
    expect(cfbDirectoryShape(file)).toEqual({ unreadable: '数据链循环或重叠' });
    const r = await checkInProcess(file, 256, 60_000);
    expect(r).toMatchObject({ end: 'answered', refused: expect.stringMatching(/损坏的 Office 文件（数据链循环或重叠）/) });
  });

  it('a chain that leaves the file is refused before the reader follows it', () => {
    const file = compoundFile(4, [0], 8 * SECTOR, false);
    // One FAT sector, one directory sector: the stream starts at sector 2, whose FAT entry now points far past the end.
    file.writeUInt32LE(0x7fff0000, SECTOR + 2 * 4);
    expect(cfbDirectoryShape(file)).toEqual({ unreadable: '数据链指向文件之外' });
  });
});
