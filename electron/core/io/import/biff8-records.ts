/**
 * The record layer of a BIFF8 Workbook stream (Excel 97–2003): the record types this reader knows, a record's body
 * joined with the CONTINUE records after it, and the strings inside such a body, whose characters may cross from one
 * record into the next. `biff8-globals.ts` reads the workbook's globals with it, `biff8-cells.ts` a sheet's cells.
 */

export const BOF = 0x0809;
export const EOF = 0x000a;
const CONTINUE = 0x003c;
export const BOUNDSHEET = 0x0085;
export const SST = 0x00fc;
export const LABELSST = 0x00fd;
export const LABEL = 0x0204;
export const RSTRING = 0x00d6;
export const NUMBER = 0x0203;
export const RK = 0x027e;
export const MULRK = 0x00bd;
export const BOOLERR = 0x0205;
export const FORMULA = 0x0006;
export const STRING = 0x0207;
export const MERGEDCELLS = 0x00e5;
/** ROW: a row's height and flags; grbit bit 0x20 (fDyZero) is a row hidden by hand or by a filter. */
export const ROW = 0x0208;

/** A record or string that runs past its end: the caller refuses the file as damaged. */
export class Damaged extends Error {}

/**
 * The most CONTINUE records behind one record. A writer continues a record only when it is full (8,224 bytes a
 * CONTINUE): 20,000 of them are more than the import's 100 MB cap. Millions of empty ones (4 bytes of file each) after
 * one SST, each kept as a view before one concat, ran a 256 MB process out of heap from 16 MB, and 25 million (100 MB)
 * held the core 87 s with +2.9 GB (S32-A3, eighteenth attack run).
 */
export const MAX_CONTINUES = 20_000;

/**
 * A record's body and the bodies of the CONTINUE records after it, as one buffer with the offsets where each
 * continuation starts. The run is walked first, allocating nothing, and refused as damaged past MAX_CONTINUES; then
 * the body is allocated once.
 */
export function withContinues(stream: Buffer, at: number): { body: Buffer; breaks: number[]; next: number } {
  const size = stream.readUInt16LE(at + 2);
  const first = stream.subarray(at + 4, at + 4 + size);
  const start = at + 4 + size;
  let length = first.length;
  let count = 0;
  let p = start;
  while (p + 4 <= stream.length && stream.readUInt16LE(p) === CONTINUE) {
    if (++count > MAX_CONTINUES) throw new Damaged();
    const s = stream.readUInt16LE(p + 2);
    // A CONTINUE cut off by the stream's end holds what is there, as a subarray would.
    length += Math.min(s, stream.length - (p + 4));
    p += 4 + s;
  }
  if (count === 0) return { body: first, breaks: [], next: p };
  const body = Buffer.allocUnsafe(length);
  const breaks: number[] = new Array<number>(count);
  let filled = first.copy(body, 0);
  for (let q = start, i = 0; i < count; i++) {
    const s = stream.readUInt16LE(q + 2);
    breaks[i] = filled;
    filled += stream.copy(body, filled, q + 4, Math.min(q + 4 + s, stream.length));
    q += 4 + s;
  }
  return { body, breaks, next: p };
}

/**
 * Reads strings from a record body that may continue over CONTINUE records: where a string's characters cross into a
 * continuation, that continuation starts with a new option byte saying whether the rest is one or two bytes a character.
 */
export class StringReader {
  private b = 0;
  constructor(
    private readonly body: Buffer,
    private readonly breaks: readonly number[],
    public at: number,
  ) {}

  private need(n: number): void {
    if (this.at + n > this.body.length) throw new Damaged();
  }
  u8(): number {
    this.need(1);
    return this.body[this.at++]!;
  }
  u16(): number {
    this.need(2);
    this.at += 2;
    return this.body.readUInt16LE(this.at - 2);
  }
  u32(): number {
    this.need(4);
    this.at += 4;
    return this.body.readUInt32LE(this.at - 4);
  }
  skip(n: number): void {
    this.need(n);
    this.at += n;
  }
  /**
   * `cch` characters, the first run `wide` (two bytes each) or not. Characters that reach the end of a record go on in
   * the next, after an option byte (also when none fitted: the header filled the record, as xlrd reads it).
   */
  chars(cch: number, wide: boolean): string {
    let out = '';
    while (cch > 0) {
      while (this.b < this.breaks.length && this.breaks[this.b]! < this.at) this.b++;
      const end = this.b < this.breaks.length ? this.breaks[this.b]! : this.body.length;
      const width = wide ? 2 : 1;
      const n = Math.min(cch, Math.floor((end - this.at) / width));
      if (n === 0 && end === this.body.length) throw new Damaged();
      out += this.body.toString(wide ? 'utf16le' : 'latin1', this.at, this.at + n * width);
      this.at += n * width;
      cch -= n;
      if (cch === 0) break;
      if (this.at !== end) throw new Damaged();
      wide = (this.u8() & 1) === 1;
    }
    return out;
  }
  /** XLUnicodeString: a 16-bit count, an option byte, the characters. */
  unicodeString(): string {
    const cch = this.u16();
    return this.chars(cch, (this.u8() & 1) === 1);
  }
}
