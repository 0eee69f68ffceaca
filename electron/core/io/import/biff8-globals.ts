/**
 * The globals of a BIFF8 Workbook stream: each sheet's name and where its BOF is (BOUNDSHEET), and the shared strings
 * (SST, continued over CONTINUE records). `biff8-cells.ts` reads a sheet's cells against them.
 */
import { BOUNDSHEET, EOF, SST, StringReader, withContinues } from './biff8-records';

/** The shared strings (SST): each an XLUnicodeRichExtendedString, its rich-text runs and phonetic block passed over. */
function readSst(stream: Buffer, at: number): string[] {
  const { body, breaks } = withContinues(stream, at);
  const r = new StringReader(body, breaks, 0);
  r.skip(4);
  const unique = r.u32();
  const strings: string[] = [];
  for (let i = 0; i < unique && r.at < body.length; i++) {
    const cch = r.u16();
    const flags = r.u8();
    const runs = flags & 0x08 ? r.u16() : 0;
    const ext = flags & 0x04 ? r.u32() : 0;
    strings.push(r.chars(cch, (flags & 1) === 1));
    r.skip(4 * runs + ext);
  }
  return strings;
}

/** Each sheet's name and where its BOF is (BOUNDSHEET, in order), and the shared strings. */
export interface Globals {
  sheets: { name: string; pos: number }[];
  sst: string[];
}

/**
 * The globals, with the shared strings only when `withStrings` (the sheet names alone never build them). Read once
 * per file (read-xls.ts openXlsWorkbook): each sheet scored for the likeliest one reads its cells against them.
 */
export function readGlobals(stream: Buffer, withStrings: boolean): Globals {
  const sheets: { name: string; pos: number }[] = [];
  let sst: string[] = [];
  for (let p = 0; p + 4 <= stream.length;) {
    const type = stream.readUInt16LE(p);
    const size = stream.readUInt16LE(p + 2);
    if (type === BOUNDSHEET) {
      const { body, breaks } = withContinues(stream, p);
      const r = new StringReader(body, breaks, 0);
      const pos = r.u32();
      r.skip(2);
      const cch = r.u8();
      sheets.push({ name: r.chars(cch, (r.u8() & 1) === 1), pos });
    } else if (type === SST && withStrings) sst = readSst(stream, p);
    else if (type === EOF) break;
    p += 4 + size;
  }
  return { sheets, sst };
}

/** The sheets' names in the workbook's order (BOUNDSHEET records). */
export const biff8SheetNames = (stream: Buffer): string[] => readGlobals(stream, false).sheets.map((s) => s.name);

/**
 * How many strings the shared-string tables say they hold (each SST's cstUnique: a reader reads that many, or to the
 * table's end; a crafted workbook may have several, the last one counting). A string costs memory whether any cell
 * shows it: one character is 4 bytes of file.
 */
export function sharedStringCount(stream: Buffer): number {
  let n = 0;
  for (let p = 0; p + 4 <= stream.length;) {
    const type = stream.readUInt16LE(p);
    const size = stream.readUInt16LE(p + 2);
    // From the SST joined with its CONTINUE records, as readSst reads it: an SST of 4 bytes whose cstUnique opens the
    // CONTINUE after it counted 0 and was read whole, 8 million strings 6.1 s (fourteenth attack run, X6).
    if (type === SST) {
      const { body } = withContinues(stream, p);
      if (body.length >= 8) n += body.readUInt32LE(4);
    }
    if (type === EOF) break;
    p += 4 + size;
  }
  return n;
}
