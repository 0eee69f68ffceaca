/**
 * Cells as a community types them by hand (issue 14, session 48): 「同上」 and 「〃」 for the 小区, 楼栋 or returning day of
 * the row above; a 序号 column; 「身份证：」 typed before the number; phones as 138-0371-1002, +86 138…, 0371-6666 1234;
 * the apostrophe a CSV keeps from a number typed as text; an .xlsx ID column that is a formula with its cached value, a
 * cell with a comment. Every file is made here.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `197${n}-01-01`, 50 + n);
const constants = { community: '东风社区', category: '返程人员' };

async function importCsv(name: string, rows: string[][]) {
  const path = join(L.dir, name);
  writeFileSync(path, iconv.encode(rows.map((r) => r.join(',')).join('\r\n'), 'gbk'));
  const ins = await L.t.call('import.inspect', { path, target: 'cases' });
  const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
  await L.t.call('import.commit', { path, target: 'cases', mapping: ins.mapping, constants, previewId: pre.previewId });
  const rejected = pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}:${x.message}`).join('|')]);
  const cases = (await L.t.call('cases.list', {})).rows;
  const stored = Object.fromEntries(cases.map((r) => [r.name, [r.address, r.arrivedOn, r.phone]]));
  return { mapping: ins.mapping, counts: pre.counts, rejected, notes: pre.readNotes, stored };
}

describe('「同上」 and 「〃」', () => {
  const HEAD = ['序号', '姓名', '身份证号', '小区', '楼栋', '返程日期'];
  /** Rows written 「1|张一|#1|幸福小区|3号楼|2020-02-03」 under HEAD, #n standing for ID(n). */
  const table = (...lines: string[]): string[][] => [HEAD, ...lines.map((l) => l.split('|').map((c) => (/^#\d$/.test(c) ? ID(Number(c[1])) : c)))];

  it('take the row above’s value, said in the preview; never stored as the word', async () => {
    const got = await importCsv(
      'ditto.csv',
      table('1|张一|#1|幸福小区|3号楼|2020-02-03', '2|张二|#2|同上|〃|同上', '3|张三|#3|〃| 同上 |2020-02-05', '4|张四|#4|同上|5号楼|〃'),
    );
    expect(got.rejected).toEqual([]);
    expect(got.stored).toEqual({
      张一: ['幸福小区3号楼', '2020-02-03', ''],
      张二: ['幸福小区3号楼', '2020-02-03', ''],
      张三: ['幸福小区3号楼', '2020-02-05', ''],
      张四: ['幸福小区5号楼', '2020-02-05', ''],
    });
    expect(got.notes).toEqual([
      '第 3–5 行的「小区」写的是「同上」或「〃」，已取上一行的值：请核对。',
      '第 3–4 行的「楼栋」写的是「同上」或「〃」，已取上一行的值：请核对。',
      '第 3、5 行的「返程日期」写的是「同上」或「〃」，已取上一行的值：请核对。',
    ]);
  });

  it('with nothing above, or in 姓名 / 身份证号, the row is sent back naming the field', async () => {
    const got = await importCsv(
      'ditto-refused.csv',
      table(
        '1|张一|#1|同上|3号楼|2020-02-03',
        '2|张二|#2|幸福小区||2020-02-03',
        '3|张三|#3|同上|〃|2020-02-03',
        '4|同上|#4|同上|3号楼|2020-02-03',
        '5|张五|〃|同上|3号楼|2020-02-03',
      ),
    );
    expect(got.rejected).toEqual([
      [2, '小区:写的是「同上」，但上一行的「小区」是空的，不知道同的是哪个：请写出小区'],
      [4, '楼栋:写的是「〃」，但上一行的「楼栋」是空的，不知道同的是哪个：请写出楼栋'],
      [5, '姓名:写的是「同上」：姓名是每个人自己的，要写全，不能写「同上」'],
      [6, '身份证号:写的是「〃」：身份证号是每个人自己的，要写全，不能写「〃」'],
    ]);
    expect(Object.keys(got.stored)).toEqual(['张二']);
  });
});

describe('numbers as typed', () => {
  it('a 序号 column, 「身份证：」 before the number, an apostrophe kept in a CSV; phones with dashes, +86 and a landline', async () => {
    const got = await importCsv('typed.csv', [
      ['序号', '姓名', '身份证号', '联系电话'],
      ['1', '张一', `身份证：${ID(1)}`, '138-0371-1002'],
      ['2', '张二', `'${ID(2)}`, '+86 138 0371 1003'],
      ['3', '张三', `身份证号码: ${ID(3)}`, '0371-6666 1234'],
      ['4', '张四', `公民身份号码：${ID(4)}`, '+8613803711004'],
    ]);
    expect(got.mapping).toEqual([null, 'name', 'idNumber', 'phone']);
    expect(got.rejected).toEqual([]);
    expect(got.counts).toMatchObject({ created: 4 });
    expect(Object.fromEntries(Object.entries(got.stored).map(([k, v]) => [k, v[2]]))).toEqual({
      张一: '138****1002',
      张二: '138****1003',
      张三: '037*****1234',
      张四: '138****1004',
    });
  });

  it('an .xlsx ID column made by a formula reads its cached value; a comment on a cell changes nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('东风社区');
    ws.addRow(['序号', '姓名', '身份证号', '联系电话']);
    ws.addRow([1, '张一', { formula: 'TRIM(" x")', result: ID(1) }, '13800138000']);
    ws.addRow([2, '张二', ID(2), '13900139000']);
    ws.getCell('B2').note = '已核实';
    const path = join(L.dir, 'formula.xlsx');
    await wb.xlsx.writeFile(path);
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.suggestions).toContainEqual(expect.objectContaining({ field: 'community', value: '东风社区', from: 'sheet' }));
    const pre = await L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants });
    expect(pre.rejected).toEqual([]);
    expect(pre.counts).toMatchObject({ created: 2 });
  });
});
