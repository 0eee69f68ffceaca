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

export function decodeText(buf: Buffer, encoding: TextEncodingName): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, '');
  return iconv.decode(buf, encoding, { stripBOM: true });
}

/** Records handed to papaparse at a time: its arrays for a few thousand rows are alive at once, never the file's. */
const CHUNK_RECORDS = 4000;
const CHUNK_CHARS = 1024 * 1024;

/**
 * Every record of the text, each as a row of string cells (strings only: CSV has no numbers), made as the pipeline
 * asks for them. The records are found first (csv-records.ts: what no sheet can hold is refused there, naming the
 * row and column, before it costs memory), then split by papaparse a chunk at a time.
 */
export function* csvRows(text: string): Generator<SourceRow> {
  const dialect = guessDialect(text, [',', '\t', ';', '|']);
  const scanner = new RecordScanner(text, dialect);
  checkRecordCount(text, dialect, scanner);
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
    for (const record of data) {
      rowNumber++;
      yield { rowNumber, cells: boundedWidth(record, rowNumber).map((s) => (s === '' ? null : checkedText(s))) };
    }
  }
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
