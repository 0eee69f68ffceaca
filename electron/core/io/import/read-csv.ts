/**
 * CSV/TXT: the encoding is read from the bytes (a BOM, or whether the bytes
 * are valid UTF-8; anything else from WPS/Excel on a Chinese Windows is
 * GB18030, the superset of GBK), overridable by the user; papaparse splits.
 */
import iconv from 'iconv-lite';
import Papa from 'papaparse';
import { badInput } from '../../errors';
import { checkedText, MAX_COLUMNS, valuesEnd, type SourceRow } from './cells';

export const ENCODINGS = ['utf-8', 'gb18030', 'utf-16le'] as const;
export type TextEncodingName = (typeof ENCODINGS)[number];

export function detectEncoding(buf: Buffer): TextEncodingName {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return 'utf-8';
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return 'utf-16le';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return 'utf-8';
  } catch {
    return 'gb18030';
  }
}

export function decodeText(buf: Buffer, encoding: TextEncodingName): string {
  if (encoding === 'utf-8') return new TextDecoder('utf-8').decode(buf).replace(/^\uFEFF/, '');
  return iconv.decode(buf, encoding, { stripBOM: true });
}

/**
 * Every record of the text, each as a row of string cells (strings only: CSV has no numbers),
 * made as the pipeline asks for them, each split record let go once it has been handed on.
 */
export function* csvRows(text: string): Generator<SourceRow> {
  const records: (string[] | null)[] = Papa.parse<string[]>(text, { skipEmptyLines: false, delimitersToGuess: [',', '\t', ';', '|'] }).data;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    records[i] = null;
    // A trailing newline leaves one empty record: not a row of the file.
    if (i === records.length - 1 && record.length === 1 && record[0] === '') return;
    yield { rowNumber: i + 1, cells: boundedWidth(record, i + 1).map((s) => (s === '' ? null : checkedText(s))) };
  }
}

/** A record no wider than MAX_COLUMNS: empty cells past it (a sheet saved with a styled column far right) are let go, a value there is refused. */
function boundedWidth(record: string[], rowNumber: number): string[] {
  if (record.length <= MAX_COLUMNS) return record;
  const end = valuesEnd(record);
  if (end > MAX_COLUMNS) throw badInput(`文件第 ${rowNumber} 行第 ${end} 列有内容，登记表不会有超过 ${MAX_COLUMNS} 列：请删除多余的列，另存后再导入。`);
  return record.slice(0, MAX_COLUMNS);
}

/** About how many rows the bytes hold (their line breaks), for progress, without decoding them. */
export function countLines(buf: Buffer): number {
  let n = 0;
  for (let at = buf.indexOf(0x0a); at >= 0; at = buf.indexOf(0x0a, at + 1)) n++;
  return buf.length > 0 && buf[buf.length - 1] !== 0x0a ? n + 1 : n;
}
