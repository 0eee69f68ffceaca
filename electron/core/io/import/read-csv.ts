/**
 * CSV/TXT: the encoding is read from the bytes (a BOM, or whether the bytes
 * are valid UTF-8; anything else from WPS/Excel on a Chinese Windows is
 * GB18030, the superset of GBK), overridable by the user; papaparse splits.
 */
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';
import { badInput } from '../../errors';
import { checkedText, MAX_COLUMNS, valuesEnd, type SourceRow } from './cells';
import { checkRecordCount, guessDialect, RecordScanner, SHEET_MAX_ROWS, splitRecords } from './csv-records';

export const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le'] as const;
export type TextEncodingName = (typeof ENCODINGS)[number];

export function detectEncoding(buf: Buffer): TextEncodingName {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  // Checked without decoding: a 99 MB file was decoded once here only to be thrown away.
  return isUtf8(buf) ? 'utf-8' : 'gb18030';
}

/**
 * The text without the Ctrl-Z (U+001A) some DOS-era and system exports end a text file with: after the last line break
 * it was a row of its own, sent back as 「姓名 不能为空」. Only at the very end; one inside a cell is dropped with the other
 * characters nobody sees (invisible.shared.ts). A slice: no copy of the text.
 */
export function withoutEndOfFileMark(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x1a) end--;
  return end === text.length ? text : text.slice(0, end);
}

/**
 * Bytes decoded at a time (about). Decoded whole, an 80 MB GB18030 file held the core 1.7 s in one turn (and 96 MB of
 * UTF-8 0.8 s); UTF-8's and UTF-16's decoders keep a character cut at a piece's edge for the next piece, a GB18030
 * piece ends where no character is cut, so the text is the one decoded whole.
 */
const DECODE_STEP_BYTES = 1024 * 1024;

/** The text of the bytes, a piece at a time; yields (nothing) between pieces, so a caller may give the thread back there (jobs.ts inSteps). */
export function* decodeSteps(
  buf: Buffer,
  encoding: TextEncodingName,
  stepBytes = DECODE_STEP_BYTES,
  searchBytes = SINGLE_BYTE_SEARCH,
): Generator<void, string> {
  const parts: string[] = [];
  // UTF-8's TextDecoder and iconv-lite's UTF-16 decoder (stripBOM) drop a byte order mark opening the bytes; GB18030 keeps it.
  const decoder = encoding === 'utf-8' ? utf8Pieces() : (encoding === 'gb18030' && gb18030Pieces()) || iconv.getDecoder(encoding, { stripBOM: true });
  for (let at = 0, to = 0; at < buf.length; at = to) {
    to = encoding === 'gb18030' ? gb18030PieceEnd(buf, at, at + stepBytes, searchBytes) : at + stepBytes;
    parts.push(decoder.write(buf.subarray(at, to)));
    yield;
  }
  parts.push(decoder.end() ?? '');
  const text = parts.join('');
  // A second mark after the first (a file saved twice with one) was taken off too, as before.
  return encoding === 'utf-8' && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * How far past a step a GB18030 piece looks for a byte below 0x30. A file with none for megabytes (S33-A2, nineteenth
 * attack run: a header line, then 99 MB of 东 with no comma or line break) was one piece, decoded in one turn (1.3 s).
 */
const SINGLE_BYTE_SEARCH = 64 * 1024;

/**
 * Where a GB18030 piece starting at `at` (where the decoder holds nothing) may end, at `from` or after: after a byte
 * below 0x30 (a comma, a line break, a space), which is no byte of a two- or four-byte character, the first within
 * `search` bytes of `from`; else the first place at or after `from` where the decoder, given the bytes up to it, holds
 * nothing, found by walking the characters from `at` (gb18030Step). iconv-lite's decoder given a character, or a lead
 * byte it has not yet found unpaired, cut across pieces lost bytes (U+FFFD for 𠀀; 「0」s after a lone lead gone).
 */
function gb18030PieceEnd(buf: Buffer, at: number, from: number, search: number): number {
  const until = Math.min(buf.length, from + search);
  for (let i = from; i < until; i++) if (buf[i]! < 0x30) return i + 1;
  if (until === buf.length) return buf.length;
  let i = at;
  let looked = at;
  for (;;) {
    const step = gb18030Step(buf, i);
    i += step.bytes;
    looked = Math.max(looked, i + step.lookedPast);
    if (i >= buf.length) return buf.length;
    if (i >= from && looked <= i) return i;
  }
}

const inRange = (b: number | undefined, lo: number, hi: number): boolean => b !== undefined && b >= lo && b <= hi;

/**
 * The character at `i` as iconv-lite's decoder reads it: a lead byte 0x81–0xFE opens four bytes (lead, digit, lead,
 * digit) or two (a trail 0x40–0x7E or 0x80–0xFE; every such pair and four is a character to it); any other byte is
 * one. A lead without its trail is one byte too (the decoder writes U+FFFD for it and reads on from the next byte),
 * found only after reading `lookedPast` bytes beyond it: until then the decoder holds it.
 */
function gb18030Step(buf: Buffer, i: number): { bytes: number; lookedPast: number } {
  const b = buf[i]!;
  if (b < 0x81 || b === 0xff) return { bytes: 1, lookedPast: 0 };
  const next = buf[i + 1];
  if (inRange(next, 0x40, 0x7e) || inRange(next, 0x80, 0xfe)) return { bytes: 2, lookedPast: 0 };
  if (!inRange(next, 0x30, 0x39)) return { bytes: 1, lookedPast: 1 };
  if (!inRange(buf[i + 2], 0x81, 0xfe)) return { bytes: 1, lookedPast: 2 };
  return inRange(buf[i + 3], 0x30, 0x39) ? { bytes: 4, lookedPast: 0 } : { bytes: 1, lookedPast: 3 };
}

/** U+FFFD in GB18030 (a four-byte code of the BMP's), as iconv-lite reads it. */
const FFFD_BYTES = [0x84, 0x31, 0xa4, 0x37] as const;
/** Four-byte codes by index (lead, digit, lead, digit from 81 30 81 30): the BMP's up to 84 31 A4 39, U+10000–U+10FFFF from 90 30 81 30 to E3 32 9A 35. */
const BMP_LAST = 39_419;
const SUPPLEMENTARY_FIRST = 189_000;
const SUPPLEMENTARY_LAST = SUPPLEMENTARY_FIRST + 0xfffff;

/**
 * The bytes with every four-byte code GB18030 gives no character (84 31 A5 30 to 8F 39 FE 39, E3 32 9A 36 to FE 39 FE 39)
 * made U+FFFD's code, so iconv-lite reads U+FFFD there, as the native decoder would, and the cell is refused
 * (cells.ts checkedText, S41-A3). iconv-lite read them as U+10000–U+3484B, which are real characters (a name 周 plus
 * 84 31 A5 30 came in as 「周𐀀」), or as lone surrogates, which the name's clean-up dropped with the rest of the name.
 * Walked as iconv-lite's decoder reads (gb18030Step); the bytes are copied only when there is one.
 */
function unassignedAsFffd(b: Buffer): Buffer {
  let out: Buffer | null = null;
  for (let i = 0; i < b.length;) {
    const { bytes } = gb18030Step(b, i);
    if (bytes === 4) {
      const index = (((b[i]! - 0x81) * 10 + (b[i + 1]! - 0x30)) * 126 + (b[i + 2]! - 0x81)) * 10 + (b[i + 3]! - 0x30);
      if ((index > BMP_LAST && index < SUPPLEMENTARY_FIRST) || index > SUPPLEMENTARY_LAST) {
        out ??= Buffer.from(b);
        out.set(FFFD_BYTES, i);
      }
    }
    i += bytes;
  }
  return out ?? b;
}

/**
 * The characters Node's own GB18030 decoder (ICU, TextDecoder) gives for the codes it reads otherwise than iconv-lite,
 * which the ledger has always read with: A6D9–A6DF, A6EC, A6ED, A6F3 (the vertical forms U+FE10–FE19, iconv-lite's
 * private-use U+E78D–E796) and FE59, FE61, FE66, FE67, FE6D, FE7E, FE90, FEA0 (U+9FB4–9FBB, iconv-lite's U+E81E–E864).
 * Every other one- and two-byte code, and every four-byte one it reads, it reads as iconv-lite does; the four-byte
 * codes it reads otherwise (84 31 A5 30 to 8F 39 FE 39 and E3 32 9A 36 to FE 39 FE 39, which GB18030 gives no
 * character and iconv-lite reads as U+10000–U+3484B or as lone surrogates) and any cut or stray byte, it refuses (`fatal`).
 * Compared code by code in read-csv.test.ts.
 */
const READ_OTHERWISE = /[\uFE10-\uFE19\u9FB4-\u9FBB\uFFFD]/;

/**
 * GB18030 pieces decoded by Node's native decoder (the bench's 11 MB file in 137 against 227 ms of CPU, medians of
 * six in turn, load 11), with iconv-lite's text: a piece the native decoder refuses, or whose text holds a
 * character of READ_OTHERWISE, is decoded again by iconv-lite. A piece ends where iconv-lite's decoder holds nothing
 * (gb18030PieceEnd), so each is decoded whole, as it would have been in the stream.
 */
function gb18030Pieces(): { write: (b: Buffer) => string; end: () => string } | null {
  // Neither decoder drops a mark (84 31 95 33) opening the bytes: iconv-lite's stripBOM is for the UTF encodings only.
  const make = (): InstanceType<typeof TextDecoder> | null => {
    try {
      return new TextDecoder('gb18030', { fatal: true });
    } catch {
      // A runtime whose ICU has no GB18030 converter (Node built with small ICU; Electron's ICU is Chromium's, not
      // checked here: its binary cannot be downloaded on this machine): iconv-lite alone, as before.
      return null;
    }
  };
  const first = make();
  if (first === null) return null;
  let native = first;
  const write = (b: Buffer): string => {
    let text: string | null = null;
    try {
      text = native.decode(b);
    } catch {
      // Refused: a fresh decoder for the next piece, whatever state the refusal left.
      native = make() ?? native;
    }
    return text === null || READ_OTHERWISE.test(text) ? iconv.decode(unassignedAsFffd(b), 'gb18030') : text;
  };
  return { write, end: () => '' };
}

function utf8Pieces(): { write: (b: Buffer) => string; end: () => string } {
  const d = new TextDecoder('utf-8');
  return { write: (b) => d.decode(b, { stream: true }), end: () => d.decode() };
}

/** Decoded in one go: for the tests of what is read (the import reads in steps, source.ts). */
export function decodeText(buf: Buffer, encoding: TextEncodingName): string {
  const steps = decodeSteps(buf, encoding);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Records handed to papaparse at a time: its arrays for a few thousand rows are alive at once, never the file's. */
const CHUNK_RECORDS = 4000;
const CHUNK_CHARS = 1024 * 1024;

/**
 * Every record of the text, each as a row of string cells (strings only: CSV has no numbers), a chunk of records at a
 * step: the caller gives the thread back between steps (source.ts; a step with no rows is one of checkRecordCount's).
 * The records are found first (csv-records.ts: what no sheet can hold is refused there, naming the row and column,
 * before it costs memory), then split by papaparse a chunk at a time.
 */
export function* csvSteps(text: string): Generator<SourceRow[]> {
  const dialect = guessDialect(text, [',', '\t', ';', '|']);
  const scanner = new RecordScanner(text, dialect);
  for (const _ of checkRecordCount(text, dialect, scanner, CHUNK_RECORDS)) yield [];
  let rowNumber = 0;
  for (let at = 0; at < text.length;) {
    // One chunk: runs of whole records as they stand in the text, a record cut at column MAX_COLUMNS ending its run.
    const parts: string[] = [];
    const chunkStart = at;
    let runStart = at;
    let records = 0;
    while (at < text.length && records < CHUNK_RECORDS && at - chunkStart < CHUNK_CHARS) {
      const r = scanner.record(at, rowNumber + ++records);
      if (r.kept < r.end) {
        parts.push(text.slice(runStart, r.kept), dialect.newline);
        runStart = r.next;
      }
      at = r.next;
    }
    parts.push(text.slice(runStart, at));
    const chunk = parts.join('');
    const data = splitRecords(chunk, dialect);
    // The line break after the chunk's last record leaves one empty record: not a row of the file (nor was an empty
    // last record of the text, as papaparse gave it whole).
    const last = data[data.length - 1];
    if (last?.length === 1 && last[0] === '') data.pop();
    yield data.map((record) => {
      rowNumber++;
      return { rowNumber, cells: boundedWidth(record, rowNumber).map((s) => (s === '' ? null : checkedText(s))) };
    });
  }
}

/** Read in one go: for the tests of what is read. */
export function* csvRows(text: string): Generator<SourceRow> {
  for (const step of csvSteps(text)) yield* step;
}

/** A record no wider than MAX_COLUMNS: empty cells past it (a sheet saved with a styled column far right) are let go, a value there is refused. */
function boundedWidth(record: string[], rowNumber: number): string[] {
  if (record.length <= MAX_COLUMNS) return record;
  const end = valuesEnd(record);
  if (end > MAX_COLUMNS) throw badInput(`文件第 ${rowNumber} 行第 ${end} 列有内容，登记表不会有超过 ${MAX_COLUMNS} 列：请删除多余的列，另存后再导入。`);
  return record.slice(0, MAX_COLUMNS);
}

/**
 * About how many rows the bytes hold (their line breaks), for progress, without decoding them. Counted no further
 * than a sheet's rows: a file with more is refused when read (csv-records.ts), and counting 99 million line breaks
 * one by one took seconds.
 */
export function countLines(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(0x0a); at >= 0 && n <= SHEET_MAX_ROWS; at = buf.indexOf(0x0a, at + 1)) n++;
  return buf.length > 0 && buf[buf.length - 1] !== 0x0a ? n + 1 : n;
}
