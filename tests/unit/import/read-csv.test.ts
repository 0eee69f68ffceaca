/**
 * A CSV is split only when its rows are read (a commit that finds its preview
 * staged reads the bytes for their hash, not their rows), and its size for the
 * progress bar comes from the line breaks of the bytes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { countLines, csvRows } from '../../../electron/core/io/import/read-csv';
import { openSource } from '../../../electron/core/io/import/source';
import { scratch } from './files';

describe('reading a CSV', () => {
  it('numbers the records as the file does, keeps a blank line inside, and drops the empty record a trailing newline leaves', () => {
    const rows = [...csvRows('姓名,电话\r\n张三,13803711002\r\n\r\n李四,\r\n')];
    expect(rows).toEqual([
      { rowNumber: 1, cells: ['姓名', '电话'] },
      { rowNumber: 2, cells: ['张三', '13803711002'] },
      { rowNumber: 3, cells: [null] },
      { rowNumber: 4, cells: ['李四', null] },
    ]);
    expect([...csvRows('姓名\n张三')].map((r) => r.cells)).toEqual([['姓名'], ['张三']]);
  });

  it('a U+FEFF is a byte order mark only at the file’s start: one opening a record in the middle stays, whatever chunk it opens', () => {
    // 4,000 records are one chunk (read-csv.ts): record 4,001 opens the second. papaparse drops a U+FEFF opening what it is given.
    const lines = [
      '姓名,电话',
      ...Array.from({ length: 4_005 }, (_, i) => `${i === 3_999 || i === 10 ? '\uFEFF' : ''}张${i},1380371${String(i).padStart(4, '0')}`),
    ];
    const rows = [...csvRows(lines.join('\r\n'))];
    expect(rows[11]!.cells[0]).toBe('\uFEFF张10');
    expect(rows[4_000]).toEqual({ rowNumber: 4_001, cells: ['\uFEFF张3999', '13803713999'] });
  });

  it('counts lines from the bytes, with or without a final line break', () => {
    expect(countLines(Buffer.from('a\nb\nc\n'))).toBe(3);
    expect(countLines(Buffer.from('a\r\nb\r\nc'))).toBe(3);
    expect(countLines(iconv.encode('姓名\r\n张三\r\n', 'gbk'))).toBe(2);
  });

  it('opens a GBK file with its size from the bytes, and gives the same rows each time they are read', async () => {
    const path = join(scratch(), '东风社区.csv');
    writeFileSync(path, iconv.encode('姓名,身份证号\r\n张三,410105196203120178\r\n王五,\r\n', 'gbk'));
    const source = openSource({ path });
    expect(source).toMatchObject({ format: 'csv', encoding: 'gb18030', estimatedRows: 3 });
    const read: (string | null)[][] = [];
    for await (const r of source.rows()) read.push(r.cells as (string | null)[]);
    expect(read).toEqual([
      ['姓名', '身份证号'],
      ['张三', '410105196203120178'],
      ['王五', null],
    ]);
    // A second reading (preview, then a commit without a staged preview) gives the same rows.
    let again = 0;
    for await (const _ of source.rows()) again++;
    expect(again).toBe(3);
  });
});
