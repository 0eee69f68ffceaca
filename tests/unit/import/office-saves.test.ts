/**
 * Files as Excel and WPS really save them (issue 14, session 47): 「Unicode 文本」 (UTF-16LE, tabs), 「CSV UTF-8」 with
 * its mark, a Mac's CR line ends, no last line break, a DOS Ctrl-Z at the end; a Mac workbook's dates counted from
 * 1904 (.xlsx and .xls); ID numbers typed with full-width digits, a small x, spaces, zero-width and no-break spaces;
 * a sheet with a hidden list sheet first, an empty row, a 合计 row and the 填表人 / 联系电话 / 审核人 lines under it.
 * Every file is made here, byte by byte or by the writers the other import tests use.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { residentsOf } from '../../helpers/sealed-residents';
import { useImportLedger } from './files';
import { biff8Bytes, withWorkbookStream, writeBytes } from './legacy-files';

const L = useImportLedger();
const constants = { community: '东风社区', category: '返程人员' };
const ID1 = makeIdNumber('410105', '1962-03-12', 17);
const ID2 = makeIdNumber('420106', '1980-01-11', 51);

/** inspect's mapping, the preview, the commit: the preview's counts, rejected rows and notes, and the cases stored. */
async function importCases(path: string): Promise<{ counts: object; rejected: [number, string][]; notes: string[]; stored: string[] }> {
  const ins = await L.t.call('import.inspect', { path, target: 'cases' });
  const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
  await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
  const stored = (await L.t.call('cases.list', {})).rows.map((r) => `${r.name} ${r.arrivedOn ?? ''}`).sort();
  const rejected = pre.rejected.map((r): [number, string] => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]);
  return { counts: pre.counts, rejected, notes: pre.readNotes, stored };
}

const TABLE = [
  ['姓名', '身份证号', '联系电话', '返程日期'],
  ['张一', ID1, '13800138000', '2020-02-03'],
  ['张二', ID2, '13900139000', '2020-02-04'],
];
const lines = (sep: string): string[] => TABLE.map((r) => r.join(sep));
const gbk = (s: string): Buffer => iconv.encode(s, 'gbk');

describe('text files as Excel and WPS save them', () => {
  const files: [string, Buffer][] = [
    // 另存为 → Unicode 文本 (*.txt): UTF-16LE with its mark, tab-separated, CRLF.
    ['unicode-text.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(`${lines('\t').join('\r\n')}\r\n`, 'utf-16le')])],
    // 另存为 → CSV UTF-8 (逗号分隔): UTF-8 with its mark.
    ['csv-utf8.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines(',').join('\r\n')}\r\n`)])],
    // Excel for Mac's 「CSV（Macintosh）」: CR alone ends each line.
    ['mac.csv', gbk(`${lines(',').join('\r')}\r`)],
    ['no-last-break.csv', gbk(lines(',').join('\r\n'))],
    // A DOS-era export ends its text with Ctrl-Z, after the last line break or straight after the last cell.
    ['ctrl-z.csv', Buffer.concat([gbk(`${lines(',').join('\r\n')}\r\n`), Buffer.from([0x1a])])],
    ['ctrl-z-on-last-line.csv', Buffer.concat([gbk(lines(',').join('\r\n')), Buffer.from([0x1a])])],
  ];
  for (const [name, bytes] of files)
    it(`${name}: both people, nothing sent back`, async () => {
      const path = join(L.dir, name);
      writeFileSync(path, bytes);
      const got = await importCases(path);
      expect(got.rejected).toEqual([]);
      expect(got.counts).toMatchObject({ total: 2, created: 2 });
      expect(got.stored).toEqual(['张一 2020-02-03', '张二 2020-02-04']);
    });
});

describe('a Mac workbook counts its days from 1904', () => {
  // 2020-02-03 is day 43864 counted from 1900 and day 42402 counted from 1904; read as 1900's, 42402 is 2016-02-02.
  it('.xlsx (Excel for Mac, date1904="1"): the date cells are the days they show', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('登记');
    ws.addRow(['姓名', '身份证号', '返程日期']);
    ws.addRow(['张一', ID1, new Date(Date.UTC(2020, 1, 3))]);
    ws.addRow(['张二', ID2, '2020-02-04']);
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    const path = join(L.dir, 'mac.xlsx');
    await wb.xlsx.writeFile(path);
    expect((await importCases(path)).stored).toEqual(['张一 2020-02-03', '张二 2020-02-04']);
  });

  it('.xls (DATEMODE 1) and one counted from 1900 alike', async () => {
    const book = (date1904: boolean, serial: number): Buffer => {
      const wb = XLSX.utils.book_new();
      const ws = XLSX.utils.aoa_to_sheet([
        ['姓名', '身份证号', '返程日期'],
        [date1904 ? '张一' : '张二', date1904 ? ID1 : ID2, serial],
      ]);
      XLSX.utils.book_append_sheet(wb, ws, '登记');
      if (date1904) wb.Workbook = { WBProps: { date1904: true } };
      return XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer;
    };
    writeFileSync(join(L.dir, 'mac.xls'), book(true, 42402));
    writeFileSync(join(L.dir, 'pc.xls'), book(false, 43865));
    await importCases(join(L.dir, 'mac.xls'));
    expect((await importCases(join(L.dir, 'pc.xls'))).stored).toEqual(['张一 2020-02-03', '张二 2020-02-04']);
  });
});

describe('ID numbers as they are typed', () => {
  it('full-width digits, a small x, spaces inside, zero-width and no-break spaces around: the number, never 19 位', async () => {
    const withX = Array.from({ length: 99 }, (_, i) => makeIdNumber('420106', '1970-01-01', i + 1)).find((n) => n.endsWith('X'))!;
    const plain = makeIdNumber('420106', '1972-05-06', 3);
    const full = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const rows = [
      ['姓名', '身份证号', '返程日期'],
      ['全角', full(ID1), '2020-02-03'],
      ['小写', withX.toLowerCase(), '2020-02-03'],
      ['空格', `${ID2.slice(0, 6)} ${ID2.slice(6, 14)} ${ID2.slice(14)}`, '2020-02-03'],
      ['零宽', `\u200b${plain}\u00a0`, '2020-02-03'],
    ];
    const path = join(L.dir, 'ids.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(rows.map((r) => r.join(',')).join('\r\n'))]));
    const got = await importCases(path);
    expect(got.rejected).toEqual([]);
    const ids = residentsOf(L.t)
      .map((r) => `${r.name} ${r.id_number}`)
      .sort();
    expect(ids).toEqual([`全角 ${ID1}`, `小写 ${withX}`, `空格 ${ID2}`, `零宽 ${plain}`].sort());
  });
});

describe('a sheet as a community fills it', () => {
  it('a hidden list sheet first, an empty row, 合计, then 填表人 | 联系电话 | 审核人 and a 联系电话 line: only the people', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('字典', { state: 'hidden' }).addRow(['返程人员', '居家观察']);
    const ws = wb.addWorksheet('登记');
    ws.addRow(['东风社区返程人员登记表（2020年2月）']);
    ws.addRow(['序号', '姓名', '身份证号', '联系电话', '返程日期']);
    ws.addRow([1, '张一', ID1, '13800138000', '2月3日']);
    ws.addRow([]);
    ws.addRow([2, '张二', ID2, '13900139000', '2020.2.4']);
    ws.addRow(['合计', '2人']);
    ws.addRow(['填表人：李四', null, '联系电话：13612345678', null, '审核人：王五']);
    ws.addRow(['联系电话：13612345678']);
    ws.autoFilter = 'A2:E2';
    const path = join(L.dir, '返程.xlsx');
    await wb.xlsx.writeFile(path);
    const got = await importCases(path);
    expect(got.rejected).toEqual([]);
    expect(got.counts).toMatchObject({ total: 2, created: 2 });
    expect(got.notes).toEqual(['第 6 行是合计/小计行，未导入。', '第 7–8 行是填表人、审核人、日期等签名行，未导入。']);
    expect(got.stored).toEqual(['张一 2020-02-03', '张二 2020-02-04']);
  });
});

describe('rows hidden in the sheet', () => {
  const note = (rows: string) =>
    `第 ${rows} 行在表格里是隐藏的（隐藏了的行，或筛选时没有显示的行），也已读取：请核对这些人是否该导入；不该导入的，请在表格里删去这些行，另存后再导入。`;

  it('.xlsx: a row hidden by hand and rows a filter left out are read, and the preview names them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('登记');
    ws.addRow(['姓名', '身份证号', '网格', '返程日期']);
    ws.addRow(['张一', ID1, '一网格', '2020-02-03']);
    ws.addRow(['张二', ID2, '二网格', '2020-02-04']).hidden = true;
    ws.addRow(['张三', makeIdNumber('420106', '1982-03-13', 53), '二网格', '2020-02-05']).hidden = true;
    ws.addRow(['张四', makeIdNumber('420106', '1983-04-14', 54), '一网格', '2020-02-06']);
    ws.autoFilter = 'A1:D1';
    const path = join(L.dir, '筛选.xlsx');
    await wb.xlsx.writeFile(path);
    const got = await importCases(path);
    expect(got.counts).toMatchObject({ total: 4, created: 4 });
    expect(got.notes).toEqual([note('3–4')]);
  });

  it('.xls: a ROW record marked hidden (fDyZero) is named the same way; a sheet with none says nothing', async () => {
    const sheets = [
      {
        name: '登记',
        rows: [
          ['姓名', '身份证号', '返程日期'],
          ['张一', ID1, '2020-02-03'],
          ['张二', ID2, '2020-02-04'],
        ],
      },
    ];
    // ROW: rw 2 (0-based: the sheet's third row), columns 0–3, default height, grbit 0x0120 (hidden), ixfe 15.
    const row = Buffer.alloc(20);
    row.writeUInt16LE(0x0208, 0);
    row.writeUInt16LE(16, 2);
    row.writeUInt16LE(2, 4);
    row.writeUInt16LE(3, 8);
    row.writeUInt16LE(0xff, 10);
    row.writeUInt16LE(0x0120, 16);
    row.writeUInt16LE(15, 18);
    const bytes = withWorkbookStream(sheets, (body) => {
      let lastEof = -1;
      for (let p = 0; p + 4 <= body.length; p += 4 + body.readUInt16LE(p + 2)) if (body.readUInt16LE(p) === 0x000a) lastEof = p;
      return Buffer.concat([body.subarray(0, lastEof), row, body.subarray(lastEof)]);
    });
    const got = await importCases(writeBytes(join(L.dir, '隐藏.xls'), bytes));
    expect(got.counts).toMatchObject({ total: 2, created: 2 });
    expect(got.notes).toEqual([note('3')]);
    expect((await importCases(writeBytes(join(L.dir, '没有隐藏.xls'), biff8Bytes(sheets)))).notes).toEqual([]);
  });
});
