import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { ungriddedNotes } from '../../../renderer/src/features/caseload/ungridded';
import { useImportLedger, writeCsv } from '../import/files';

const ID_A = makeIdNumber('410105', '1962-03-12', 17);
const ID_B = makeIdNumber('420106', '1990-07-01', 23);

const L = useImportLedger();

/** A community's sheet without a 网格 column: the households it registers are the community's, in no grid. */
const sheet = (name: string) =>
  writeCsv(
    join(L.dir, name),
    [['东风社区返程人员登记表'], ['姓名', '身份证号', '住址'], ['张三', ID_A, '3号楼2单元301'], ['李四', ID_B, '5号楼1单元102']],
    'gbk',
  );

describe('排查覆盖 says in plain words why a grid reads 「未录入住户」 after a sheet without 网格', () => {
  it('names the households without a grid, why the grids read empty, and how to give them one; gone once they have one', async () => {
    const path = sheet('返程.csv');
    await L.t.call('import.commit', {
      path,
      target: 'cases',
      mapping: ['name', 'idNumber', 'address'],
      constants: { community: '东风社区', category: '返程人员' },
    });
    const before = await L.t.call('coverage.summary', {});
    expect(before.grids.filter((g) => g.communityName === '东风社区').map((g) => [g.gridName, g.loaded])).toEqual([
      ['一网格', 0],
      ['二网格', 0],
      ['未分网格', 2],
    ]);
    expect(ungriddedNotes(before.grids)).toEqual([
      '东风社区有 2 户已录入台账，但没有网格（导入的表里没有「网格」列，也没有在「全表统一的值」里选网格），计在「未分网格」一行；' +
        '「一网格」、「二网格」显示「未录入住户」，是因为还没有住户分到这些网格，不是没有导入。' +
        '要分到网格：按「居民（按户）」再导入这些住户的名单（表中加「网格」列；整张表是同一个网格的，也可以在「全表统一的值」里给「网格」选一个），' +
        '已在台账中的居民选「用文件更新台账」；也可以在「入户登记」里按住址逐户选网格。',
    ]);

    // What the sentence says to do works: the same people as 居民（按户） with 网格 as a whole-file value.
    const again = sheet('居民.csv');
    const done = await L.t.call('import.commit', {
      path: again,
      target: 'residents',
      mapping: ['name', 'idNumber', 'address'],
      constants: { community: '东风社区', grid: '一网格' },
      onDuplicate: 'update',
    });
    expect(done.counts).toMatchObject({ updated: 2 });
    const after = await L.t.call('coverage.summary', {});
    expect(after.grids.filter((g) => g.communityName === '东风社区').map((g) => [g.gridName, g.loaded])).toEqual([
      ['一网格', 2],
      ['二网格', 0],
    ]);
    expect(ungriddedNotes(after.grids)).toEqual([]);
  });
});
