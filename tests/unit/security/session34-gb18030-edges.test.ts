/**
 * The twentieth attack run (session 34) on the GB18030 walk of 0338273 (read-csv.ts gb18030PieceEnd, S33-A2's fix):
 * crafted invalid sequences (a lead without its trail, a four-byte start broken at its second, third or fourth byte,
 * 0x80 and 0xFF, which lead nothing) cut at every step boundary. Every two-byte pair in the lead/trail ranges is a
 * character to iconv-lite (checked below), so the walk's model needs only the broken starts. Held: the text in pieces
 * is the text decoded whole, for steps of 1–7 bytes and searches of 0–2 bytes; and a file of broken four-byte starts
 * with no byte below 0x30 still comes in pieces.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeSteps } from '../../../electron/core/io/import/read-csv';
import { gb18030Read } from '../import/gb18030-reference';

/** Bytes of the lead, digit and trail ranges' edges, and bytes that break a sequence. */
const ALPHABET = [0x81, 0x82, 0x84, 0x90, 0xe3, 0xfe, 0xff, 0x80, 0x30, 0x31, 0x39, 0x3a, 0x40, 0x7e, 0x7f, 0x41, 0x2c, 0x0a];

function decoded(buf: Buffer, step: number, search: number): { text: string; pieces: number } {
  const steps = decodeSteps(buf, 'gb18030', step, search);
  for (let pieces = 1; ; pieces++) {
    const s = steps.next();
    if (s.done) return { text: s.value, pieces };
  }
}

describe('GB18030 pieces over crafted invalid sequences', () => {
  it('every two-byte pair in the lead and trail ranges is one character to iconv-lite (the walk’s premise)', () => {
    let odd = 0;
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const s = iconv.decode(Buffer.from([lead, trail]), 'gb18030');
        if (s.length !== 1 || s === '\ufffd') odd++;
      }
    expect(odd).toBe(0);
  });

  it('3,000 crafted runs of 4–27 bytes, each cut at every step of 1–7 bytes: the text is the one decoded whole', () => {
    let seed = 7;
    const mismatches: string[] = [];
    for (let k = 0; k < 3000; k++) {
      const buf = Buffer.alloc(4 + (k % 24));
      for (let i = 0; i < buf.length; i++) {
        seed = (seed * 1103515245 + 12345) & 0x7fffffff;
        buf[i] = ALPHABET[seed % ALPHABET.length]!;
      }
      // As the ledger reads it whole: iconv-lite's text, with GB18030's unassigned four-byte codes U+FFFD (S41-A3).
      const whole = gb18030Read(buf);
      for (const [step, search] of [
        [1, 0],
        [2, 0],
        [3, 1],
        [5, 2],
        [7, 0],
      ] as const)
        if (decoded(buf, step, search).text !== whole) mismatches.push(`${buf.toString('hex')} ${step}/${search}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('a megabyte of broken four-byte starts (81 30 81 3A) with no byte below 0x30 comes in pieces, as decoded whole', () => {
    const buf = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < buf.length; i += 4) buf.set([0x81, 0x30, 0x81, 0x3a], i);
    const { text, pieces } = decoded(buf, 64 * 1024, 4 * 1024);
    expect(text).toBe(gb18030Read(buf));
    expect(pieces).toBeGreaterThanOrEqual(16);
  });
});
