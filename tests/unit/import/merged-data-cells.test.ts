/**
 * Merged cells down the data (io/import/merged-cells.ts): 社区, 网格, 小区, 楼栋 merged over the rows they cover,
 * as community sheets have them, in .xlsx and BIFF8 .xls made by the test. Each row takes its merge's value, the
 * preview says which rows did, and a row with its name missing inside the merges is still sent back.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { residentsOf } from '../../helpers/sealed-residents';
import { useImportLedger, writeXlsx } from './files';
import { biff8Bytes, writeBytes } from './legacy-files';

const L = useImportLedger();
const ids = [1, 2, 3, 4, 5].map((n) => makeIdNumber('420106', `1960-0${n}-1${n}`, 30 + n));

const ROWS = [
  ['东风社区居民登记表', null, null, null, null, null, null],
  ['序号', '社区', '网格', '小区', '楼栋', '基本信息', null],
  [null, null, null, null, null, '姓名', '身份证号'],
  [1, '东风社区', '一网格', '幸福小区', '3栋', '张伟', ids[0]!],
  [2, null, null, null, null, '李娜', ids[1]!],
  [3, null, '二网格', null, '4栋', '王芳', ids[2]!],
  [4, null, null, null, null, '赵六', ids[3]!],
  [5, null, null, null, null, '', ids[4]!],
];
/** The title across, the two-row header's vertical and horizontal merges, and the data merges: 社区 and 小区 over all five rows. */
const MERGES = ['A1:G1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:E3', 'F2:G2', 'B4:B8', 'C4:C5', 'C6:C8', 'D4:D8', 'E4:E5', 'E6:E8'];

async function importAndCheck(path: string): Promise<void> {
  const ins = await L.t.call('import.inspect', { path, target: 'residents' });
  expect(ins.headerRows).toEqual([2, 3]);
  expect(ins.mapping).toEqual([null, 'community', 'grid', 'estate', 'building', 'name', 'idNumber']);
  // The mapping step's sample rows are filled as the preview will fill them, not shown as written.
  expect(ins.sample.slice(1, 3)).toEqual([
    ['2', '东风社区', '一网格', '幸福小区', '3栋', '李娜', ids[1]],
    ['3', '东风社区', '二网格', '幸福小区', '4栋', '王芳', ids[2]],
  ]);
  const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
  expect(pre.counts).toMatchObject({ total: 5, created: 4, rejected: 1 });
  // A data row with its name missing is still sent back, with the merged values shown as read.
  expect(pre.rejected[0]).toMatchObject({ rowNumber: 8, cells: ['5', '东风社区', '二网格', '幸福小区', '4栋', '', ids[4]] });
  expect(pre.rejected[0]!.reasons[0]).toMatchObject({ field: '姓名', message: '不能为空' });
  expect(pre.readNotes).toEqual([
    '第 4–8 行的「社区」取自合并单元格（每处合并的值用于其中每一行）。',
    '第 4–5、6–8 行的「网格」取自合并单元格（每处合并的值用于其中每一行）。',
    '第 4–8 行的「小区」取自合并单元格（每处合并的值用于其中每一行）。',
    '第 4–5、6–8 行的「楼栋」取自合并单元格（每处合并的值用于其中每一行）。',
  ]);
  await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
  const grids = new Map((L.db().prepare('SELECT id, name FROM grids').all() as { id: number; name: string }[]).map((g) => [g.id, g.name] as const));
  const households = new Map(
    (L.db().prepare('SELECT id, estate, building FROM households').all() as { id: number; estate: string; building: string }[]).map(
      (h) => [h.id, `${h.estate}${h.building}`] as const,
    ),
  );
  const stored = residentsOf(L.t).map((r) => ({
    name: r.name,
    community: r.community_id,
    grid: r.grid_id === null ? null : grids.get(r.grid_id),
    household: r.household_id === null ? null : households.get(r.household_id),
  }));
  expect(stored).toEqual([
    { name: '张伟', community: L.org.dongfeng, grid: '一网格', household: '幸福小区3栋' },
    { name: '李娜', community: L.org.dongfeng, grid: '一网格', household: '幸福小区3栋' },
    { name: '王芳', community: L.org.dongfeng, grid: '二网格', household: '幸福小区4栋' },
    { name: '赵六', community: L.org.dongfeng, grid: '二网格', household: '幸福小区4栋' },
  ]);
}

describe('merged cells in the data area take the merge value', () => {
  it('in an .xlsx: title row, two-row merged header, 社区/网格/小区/楼栋 merged down', async () => {
    await importAndCheck(await writeXlsx(join(L.dir, '东风社区.xlsx'), [{ name: '登记表', rows: ROWS, merges: MERGES }]));
  });

  it('in a BIFF8 .xls, from its MERGEDCELLS records', async () => {
    await importAndCheck(writeBytes(join(L.dir, '东风社区.xls'), biff8Bytes([{ name: '登记表', rows: ROWS, merges: MERGES }])));
  });

  it('fills nothing from blank cells that are not merged, nor from a header cell merged down into the data, nor sideways', async () => {
    const rows = [
      ['社区', '网格', '姓名', '身份证号', '小区', '楼栋'],
      ['东风社区', null, '张伟', ids[0]!, '幸福小区', null],
      [null, null, '李娜', ids[1]!, null, null],
      ['东风社区', null, '王芳', ids[2]!, null, null],
    ];
    // 网格's header cell runs into the data (a grid named 「网格」 would be refused); 小区 is merged across 楼栋 in row 2: neither fills anything.
    const path = await writeXlsx(join(L.dir, '无合并.xlsx'), [{ name: 'S', rows, merges: ['B1:B3', 'E2:F2'] }]);
    const ins = await L.t.call('import.inspect', { path, target: 'residents' });
    expect(ins.sample[1]!.slice(0, 3)).toEqual(['', '', '李娜']);
    const pre = await L.t.call('import.preview', { path, target: 'residents', mapping: ins.mapping });
    expect(pre.counts).toMatchObject({ total: 3, created: 2, rejected: 1 });
    expect(pre.rejected[0]).toMatchObject({ rowNumber: 3 });
    expect(pre.rejected[0]!.reasons.map((r) => r.field)).toEqual(['社区']);
    expect(pre.readNotes).toEqual([]);
    await L.t.call('import.commit', { path, target: 'residents', mapping: ins.mapping, previewId: pre.previewId });
    expect(residentsOf(L.t).map((r) => [r.name, r.grid_id === null])).toEqual([
      ['张伟', true],
      ['王芳', true],
    ]);
    expect(L.db().prepare('SELECT estate, building FROM households').all()).toEqual([{ estate: '幸福小区', building: null }]);
  });
});
