/**
 * Footer and separator rows as WPS sheets have them (io/import/footer-rows.ts): 合计/小计 rows, the 填表人/审核人
 * line, 「注：」 notes and a second small table below them are left out and named in the preview, not sent back
 * as bad rows; a data row with its name missing is still sent back.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Cell } from '../../../electron/core/io/import/cells';
import { footerRows } from '../../../electron/core/io/import/footer-rows';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { residentsOf } from '../../helpers/sealed-residents';
import { useImportLedger, writeXlsx } from './files';

const L = useImportLedger();
const ids = [1, 2, 3, 4].map((n) => makeIdNumber('420106', `1970-0${n}-2${n}`, 40 + n));

describe('footer rows are left out and named', () => {
  it('skips 合计/小计, the sign-off line, a note and the table below them; a row without a name is still sent back', async () => {
    const rows = [
      ['东风社区居民登记表'],
      ['序号', '社区', '姓名', '身份证号', '人数'],
      [1, '东风社区', '张伟', ids[0]!, null],
      [2, '东风社区', '李娜', ids[1]!, null],
      ['小计', null, null, null, '2人'],
      [3, '东风社区', '王芳', ids[2]!, null],
      [4, '东风社区', '', ids[3]!, null],
      ['合计', null, null, null, 4],
      ['填表人：张三', null, '审核人：', '李四', '填表日期：2020.2.3'],
      ['注：1. 每人一行；2. 身份证号请写全。'],
      [],
      ['各网格汇总'],
      ['网格', '人数'],
      ['一网格', 3],
    ];
    const path = await writeXlsx(join(L.dir, '东风社区.xlsx'), [{ name: '登记表', rows, merges: ['A1:E1', 'A8:D8', 'A10:E10'] }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(ins.headerRows).toEqual([2]);
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 4, created: 3, rejected: 1 });
    expect(pre.rejected.map((r) => [r.rowNumber, r.reasons.map((x) => `${x.field}${x.message}`).join('；')])).toEqual([[7, '姓名不能为空']]);
    expect(pre.readNotes).toEqual([
      '第 5、8 行是合计/小计行，未导入。',
      '第 9 行是填表人、审核人、日期等签名行，未导入。',
      '第 10 行是注释/说明，未导入。',
      '第 12–14 行在签名行或注释之后，不属于登记表的数据，未导入。',
    ]);
    await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
    expect(residentsOf(L.t).map((r) => r.name)).toEqual(['张伟', '李娜', '王芳']);
  });

  it('decides by shape: the boundary cases', () => {
    const skips = (cells: Cell[], afterData = true): boolean => footerRows().skip({ rowNumber: 9, cells }, afterData);
    expect(skips(['合计', null, 35])).toBe(true);
    expect(skips([null, '小计：', '3人'])).toBe(true);
    expect(skips(['合 计', '共 12 户'])).toBe(true);
    expect(skips(['填表人：', '张三', '审核人：', '李四'])).toBe(true);
    expect(skips(['制表：王五'])).toBe(true);
    expect(skips(['备注：外出人员另表登记'])).toBe(true);
    // A data row missing its name, a word in the third column, a name beside 合计, a note without a colon: data.
    expect(skips([1, '', '东风社区', ''])).toBe(false);
    expect(skips([null, null, '合计'])).toBe(false);
    expect(skips(['合计', '张三'])).toBe(false);
    expect(skips(['1', '合计', ids[0]!])).toBe(false);
    expect(skips(['注意事项'])).toBe(false);
    expect(skips(['东风社区', '小计'])).toBe(false);
  });

  it('a note under the header, before any data, is left out without closing the table', () => {
    const f = footerRows();
    expect(f.skip({ rowNumber: 3, cells: ['注：带*为必填'] }, false)).toBe(true);
    expect(f.skip({ rowNumber: 4, cells: [1, '东风社区', '张伟'] }, false)).toBe(false);
    expect(f.notes()).toEqual(['第 3 行是注释/说明，未导入。']);
  });

  it('a note between people pauses the table: its wrapped lines and a tally are left out, people below it are read', () => {
    const f = footerRows();
    expect(f.skip({ rowNumber: 4, cells: [1, '东风社区', '张伟'] }, false)).toBe(false);
    expect(f.skip({ rowNumber: 5, cells: ['注：1. 以下为2月5日新增；'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 6, cells: [null, '2. 身份证号请写全。'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 7, cells: ['一网格', 3] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 8, cells: [2, '东风社区', '李娜'] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 9, cells: ['注：王芳只填了身份证号'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 10, cells: ['王芳', ids[2]!] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 11, cells: ['填表人：张三'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 12, cells: [3, '东风社区', '赵强'] }, true)).toBe(true);
    // Below the sign-off, a person typed in late carries an ID number; a tally of three columns does not.
    expect(f.skip({ rowNumber: 13, cells: [4, '东风社区', '钱进', ids[3]!] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 14, cells: ['一网格', 12, 30] }, true)).toBe(true);
    expect(f.notes()).toEqual([
      '第 11 行是填表人、审核人、日期等签名行，未导入。',
      '第 5–6、9 行是注释/说明，未导入。',
      '第 7、12、14 行在签名行或注释之后，不属于登记表的数据，未导入。',
    ]);
  });

  it('below a note, a name and a mobile number are a person; a tally of two cells is not', () => {
    const f = footerRows();
    expect(f.skip({ rowNumber: 4, cells: [1, '东风社区', '张伟'] }, false)).toBe(false);
    expect(f.skip({ rowNumber: 5, cells: ['注：以下只有姓名和电话'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 6, cells: ['二网格', 12] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 7, cells: ['孙丽', '13912345678'] }, true)).toBe(false);
    expect(f.notes()).toEqual(['第 5 行是注释/说明，未导入。', '第 6 行在签名行或注释之后，不属于登记表的数据，未导入。']);
  });

  it('people under a note in the middle of a real sheet, and one typed under the sign-off, are imported', async () => {
    const rows = [
      ['东风社区返程人员登记表'],
      ['序号', '社区', '姓名', '身份证号'],
      [1, '东风社区', '张伟', ids[0]!],
      ['注：以下为2月5日新增'],
      [2, '东风社区', '李娜', ids[1]!],
      [3, '东风社区', '王芳', ids[2]!],
      ['填表人：张三'],
      [4, '东风社区', '赵强', ids[3]!],
      ['一网格', 2, null, null],
    ];
    const path = await writeXlsx(join(L.dir, '东风社区新增.xlsx'), [{ name: '登记表', rows, merges: ['A1:D1'] }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 4, created: 4, rejected: 0 });
    expect(pre.readNotes).toEqual([
      '第 7 行是填表人、审核人、日期等签名行，未导入。',
      '第 4 行是注释/说明，未导入。',
      '第 9 行在签名行或注释之后，不属于登记表的数据，未导入。',
    ]);
    await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
    expect(residentsOf(L.t).map((r) => r.name)).toEqual(['张伟', '李娜', '王芳', '赵强']);
  });

  it('the header again further down (blocks pasted together from each grid) is left out and named, not sent back', async () => {
    const rows = [
      ['序号', '社区', '姓名', '身份证号'],
      [1, '东风社区', '张伟', ids[0]!],
      [2, '东风社区', '李娜', ids[1]!],
      ['序号', '社区', ' 姓名 ', '身份证号'],
      [1, '东风社区', '王芳', ids[2]!],
      [null, null, '姓名', null],
    ];
    const path = await writeXlsx(join(L.dir, '东风社区两块.xlsx'), [{ name: '登记表', rows }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    // A row with only 姓名 in it is not a header: it is sent back as the bad row it is.
    expect(pre.counts).toMatchObject({ total: 4, created: 3, rejected: 1 });
    expect(pre.rejected.map((r) => r.rowNumber)).toEqual([6]);
    expect(pre.readNotes).toEqual(['第 4 行是重复的表头，未导入。']);
  });
});
