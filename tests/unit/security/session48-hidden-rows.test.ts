/**
 * Issue 19, attack run 48 (target 5): rows hidden in a community's sheet are read and named in the preview (session 47,
 * import/read-xlsx.ts). S48-A6: a row made invisible by a height of 0 (<row ht="0" customHeight="1">, no hidden flag:
 * what a row dragged shut or a sheet written by another program keeps) was read as data and not named: imported
 * silently; so was hidden='1' quoted singly, as XML allows. The note now names them as it names a row hidden="1".
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from '../import/files';

const L = useImportLedger();
const constants = { community: '东风社区', category: '返程人员' };

/** An uncompressed workbook whose rows 3 and 4 are 12 points high, then each row tag changed in place (`rowTag`, padded to the same length). */
function workbook(rowTag: (n: number) => string): Buffer {
  const ws = XLSX.utils.aoa_to_sheet([
    ['姓名', '身份证号', '网格', '返程日期'],
    ['张一', makeIdNumber('410105', '1962-03-12', 17), '一网格', '2020-02-03'],
    ['张二', makeIdNumber('420106', '1980-01-11', 51), '二网格', '2020-02-04'],
    ['张三', makeIdNumber('420106', '1982-03-13', 53), '二网格', '2020-02-05'],
  ]);
  ws['!rows'] = [{}, {}, { hpt: 12 }, { hpt: 12 }];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '登记');
  const bytes = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: false }) as Buffer;
  const text = bytes.toString('latin1');
  const sheetAt = text.indexOf('<worksheet');
  const sheetEnd = text.indexOf('</worksheet>', sheetAt) + '</worksheet>'.length;
  let xml = text.slice(sheetAt, sheetEnd);
  for (const n of [3, 4]) {
    const tag = `<row r="${n}" ht="12" customHeight="1">`;
    const next = rowTag(n);
    xml = xml.replace(tag, `${next.slice(0, -1).padEnd(tag.length - 1)}>`);
  }
  const out = Buffer.from(text.slice(0, sheetAt) + xml + text.slice(sheetEnd), 'latin1');
  // The entry's CRC-32, in its local header and the central directory, written again for the changed sheet.
  const old = crc32(bytes.subarray(sheetAt, sheetEnd));
  const now = crc32(out.subarray(sheetAt, sheetEnd));
  for (let at = out.indexOf(u32(old)); at >= 0; at = out.indexOf(u32(old), at + 4)) u32(now).copy(out, at);
  return out;
}
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

async function notesOf(bytes: Buffer, name: string): Promise<{ total: number; notes: string[] }> {
  const path = join(L.dir, name);
  writeFileSync(path, bytes);
  const ins = await L.t.call('import.inspect', { path, target: 'cases' });
  const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
  return { total: (pre.counts as { total: number }).total, notes: pre.readNotes };
}
const note = (rows: string) =>
  `第 ${rows} 行在表格里是隐藏的（隐藏了的行，或筛选时没有显示的行），也已读取：请核对这些人是否该导入；不该导入的，请在表格里删去这些行，另存后再导入。`;

describe('S48-A6: rows a sheet hides without the hidden flag', () => {
  // [file, the tag rows 3 and 4 are given]: the first three were read and not named before.
  const HIDDEN: Array<[string, (n: number) => string]> = [
    ['零行高.xlsx', (n) => `<row r="${n}" ht="0"  customHeight="1">`],
    ['零点零.xlsx', (n) => `<row r="${n}" ht="0.0">`],
    ['单引号.xlsx', (n) => `<row r="${n}" hidden='1'>`],
    ['隐藏.xlsx', (n) => `<row r="${n}" hidden="1" ht="12">`],
  ];
  it.each(HIDDEN)('%s: rows 3–4 are read and named in the preview', async (name, tag) => {
    const got = await notesOf(workbook(tag), name);
    expect(got.total).toBe(3);
    expect(got.notes).toEqual([note('3–4')]);
  });

  it('held: rows 12 points high say nothing', async () => {
    const got = await notesOf(
      workbook((n) => `<row r="${n}" ht="12" customHeight="1">`),
      '行高.xlsx',
    );
    expect(got.notes).toEqual([]);
  });
});
