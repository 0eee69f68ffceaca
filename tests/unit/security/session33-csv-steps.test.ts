/**
 * The nineteenth attack run (session 33) on the CSV file road read in steps (a31c31a, read-csv.ts decodeSteps).
 *
 * S33-A2: a GB18030 file is cut into pieces only after a byte below 0x30 (a comma, a line break, a space), the one place
 * no character is cut; the piece runs from a megabyte on to the next such byte. A file with none after its first line
 * (one long run of two-byte characters: not UTF-8, so read as GB18030) is one piece, decoded in one turn of the core as
 * before the fix: 99 MB 1.33 s in one step by hand (load 3.1), other windows waiting. Not timed here: the pieces are
 * counted (decodeSteps yields between them), as the README asks of a step's bound.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSteps } from '../../../electron/core/io/import/read-csv';

/** How many pieces `decodeSteps` makes of `buf` (yields + 1), and its text. */
function pieces(buf: Buffer): { count: number; text: string } {
  const steps = decodeSteps(buf, 'gb18030');
  for (let count = 1; ; count++) {
    const s = steps.next();
    if (s.done) return { count, text: s.value };
  }
}

/** A header line, then `mb` megabytes of 东 in GBK (0xB6 0xAB): no byte below 0x30 after the line break. */
function oneLongRun(mb: number): Buffer {
  const body = Buffer.alloc(mb * 1024 * 1024);
  const dong = iconv.encode('东', 'gbk');
  for (let i = 0; i < body.length; i += 2) dong.copy(body, i);
  return Buffer.concat([iconv.encode('姓名,联系电话,住址\r\n', 'gbk'), body]);
}

describe('S33-A2: a GB18030 file with no byte below 0x30 is still decoded in pieces', () => {
  // S33-A2, fixed (w51-import): 1 piece of 8 MB before (and of 99 MB by hand); now a piece looks 64 KB past its step, then
  // walks the characters to a place where the decoder holds nothing.
  it('8 MB of two-byte characters in one line is decoded a megabyte or so at a time', () => {
    const buf = oneLongRun(8);
    const { count, text } = pieces(buf);
    // The header line is 12 characters (姓名,联系电话,住址 and CR LF); the text is the one decoded whole.
    expect(text.length).toBe(4 * 1024 * 1024 + 12);
    expect(text).toBe(iconv.decode(buf, 'gb18030'));
    expect(count).toBeGreaterThanOrEqual(6);
  });

  it('the control: the same characters with a comma every 100 are decoded in pieces, the text the one decoded whole', () => {
    const line = `${'东'.repeat(99)},`;
    const buf = iconv.encode(`姓名,联系电话,住址\r\n${line.repeat(80_000)}`, 'gbk');
    const { count, text } = pieces(buf);
    expect(count).toBeGreaterThanOrEqual(10);
    expect(text).toBe(iconv.decode(buf, 'gb18030'));
  });
});
