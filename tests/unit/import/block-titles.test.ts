/**
 * Blocks pasted together from each grid's or community's sheet, each under its own title (io/import/footer-rows.ts
 * title lines, io/import/block-titles.ts): a title line among the data is left out and named, and one that names
 * another community or grid than the whole-file value refuses the file instead of filing its people wrongly.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footerRows } from '../../../electron/core/io/import/footer-rows';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { residentsOf } from '../../helpers/sealed-residents';
import { useImportLedger, writeXlsx } from './files';

const L = useImportLedger();
const ids = [1, 2, 3, 4].map((n) => makeIdNumber('420106', `1971-0${n}-1${n}`, 50 + n));

/** Two blocks, each a title over the header, with no 社区 column: the community is the whole file's value. */
function twoBlocks(secondTitle: string): (string | number | null)[][] {
  return [
    ['东风社区一网格居民登记表'],
    ['序号', '姓名', '身份证号'],
    [1, '张伟', ids[0]!],
    [2, '李娜', ids[1]!],
    [secondTitle],
    ['序号', '姓名', '身份证号'],
    [1, '王芳', ids[2]!],
    [2, '赵强', ids[3]!],
  ];
}

describe('title lines among the data', () => {
  it('a repeated title above a repeated header is left out and named; every person is imported', async () => {
    const path = await writeXlsx(join(L.dir, '东风社区两块.xlsx'), [
      { name: '登记表', rows: twoBlocks('东风社区一网格居民登记表'), merges: ['A1:C1', 'A5:C5'] },
    ]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const constants = { community: '东风社区' };
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, constants });
    expect(pre.counts).toMatchObject({ total: 4, created: 4, rejected: 0 });
    expect(pre.readNotes).toEqual(['第 5 行是表格标题，未导入。', '第 6 行是重复的表头，未导入。']);
    await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, constants, previewId: pre.previewId });
    expect(residentsOf(L.t).map((r) => r.name)).toEqual(['张伟', '李娜', '王芳', '赵强']);
  });

  it('a block titled for another community refuses the file when the community is the whole file’s value', async () => {
    const path = await writeXlsx(join(L.dir, '拼在一起.xlsx'), [{ name: '登记表', rows: twoBlocks('幸福村返程人员登记表（2020年2月）') }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const refused = L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, constants: { community: '东风社区' } });
    await expect(refused).rejects.toMatchObject({
      error: {
        code: 'BAD_INPUT',
        message: expect.stringContaining('第 5 行的标题「幸福村返程人员登记表(2020年2月)」写的是「幸福村」，而全表统一的「社区」是「东风社区」'),
      },
    });
    expect(residentsOf(L.t)).toEqual([]);
  });

  it('with a 社区 column the rows carry their own community, and another community’s title is only left out', async () => {
    const rows = twoBlocks('幸福村返程人员登记表').map((r, i) => (r.length === 1 ? r : [...r, i === 1 || i === 5 ? '社区' : i < 5 ? '东风社区' : '幸福村']));
    const path = await writeXlsx(join(L.dir, '带社区列.xlsx'), [{ name: '登记表', rows }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 4, created: 4, rejected: 0 });
    expect(pre.readNotes).toContain('第 5 行是表格标题，未导入。');
  });

  it('a block titled for another grid refuses the file when the grid is the whole file’s value', async () => {
    const path = await writeXlsx(join(L.dir, '两个网格.xlsx'), [{ name: '登记表', rows: twoBlocks('东风社区二网格居民登记表') }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    const constants = { community: '东风社区', grid: '一网格' };
    await expect(L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, constants })).rejects.toMatchObject({
      error: { code: 'BAD_INPUT', message: expect.stringContaining('写的是「二网格」，而全表统一的「网格」是「一网格」') },
    });
    // Without a whole-file grid the title is only left out: nothing says which grid those people are in, as before.
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping, constants: { community: '东风社区' } });
    expect(pre.counts).toMatchObject({ total: 4, created: 4 });
  });

  it('decides by shape: one filled cell, the title as written above the header or a title’s ending', () => {
    const f = footerRows();
    f.header([{ rowNumber: 2, cells: ['序号', '姓名'] }], [{ rowNumber: 1, cells: ['东风社区花园小区住户'] }]);
    // Before any data nothing is a title line (a second title row above a two-row header is the header's business).
    expect(f.skip({ rowNumber: 3, cells: ['东风社区居民登记表'] }, false)).toBe(false);
    expect(f.skip({ rowNumber: 4, cells: [1, '张伟'] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 5, cells: ['东风社区花园小区住户'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 6, cells: ['幸福村特殊人群名单'] }, true)).toBe(true);
    expect(f.skip({ rowNumber: 7, cells: [null, '二网格返程人员统计表（2月）'] }, true)).toBe(true);
    // A name alone, a short word, two filled cells, a number: not titles.
    expect(f.skip({ rowNumber: 8, cells: [null, '欧阳登记表'] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 9, cells: ['张伟'] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 10, cells: [3, '王芳居民登记表'] }, true)).toBe(false);
    expect(f.skip({ rowNumber: 11, cells: [20200203] }, true)).toBe(false);
    expect(f.notes()).toEqual(['第 5–7 行是表格标题，未导入。']);
    expect(f.titles().map((t) => t.rowNumber)).toEqual([5, 6, 7]);
  });
});
