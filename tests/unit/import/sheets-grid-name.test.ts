/**
 * Import by sheets, session 52: a community's workbook kept one sheet per grid (「一网格」, 「二网格」) under the title
 * 「青松里社区返程人员登记表」, with no 网格 column. Each such sheet offers its name as the 网格 of its rows, applied only
 * when ticked (`sheets[].grid`); a ticked grid the community does not have is said once, before a row is read — under
 * a whole-file 社区 on the one-sheet road too, where each row had been refused 「本社区没有名为…的网格」.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const TITLE: Row = ['青松里社区返程人员登记表'];
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const person = (n: number): Row => [`张${n}`, ID(n), `138037110${10 + n}`, '2020-02-03'];
const GRID_MISSING = '全表统一的「网格」：青松里社区没有名为「三网格」的网格。请先在“设置 → 社区与网格”中添加，或不填这个网格';

/** 青松里社区 with 一网格 and 二网格; the workbook written and inspected for 个案. */
async function inspected() {
  const qsl = (await L.t.call('org.communities.save', { name: '青松里社区' })).id;
  for (const name of ['一网格', '二网格']) await L.t.call('org.grids.save', { communityId: qsl, name });
  const path = await writeXlsx(join(L.dir, 'grids.xlsx'), [
    { name: '一网格', rows: [TITLE, HEAD, person(1)] },
    { name: '二网格', rows: [TITLE, HEAD, person(2)] },
    { name: '三网格', rows: [TITLE, HEAD, person(3)] },
  ]);
  return { path, ins: await L.t.call('import.inspect', { path, target: 'cases' }) };
}

describe('import by sheets: a sheet named after a grid', () => {
  it('offers its name as the 网格 of its rows; ticked, each row gets it; not ticked, none', async () => {
    const { path, ins } = await inspected();
    expect(ins.sheetCommunities.map((s) => [s.sheet, s.community, s.from, s.gridName])).toEqual([
      ['一网格', '青松里社区', 'title', '一网格'],
      ['二网格', '青松里社区', 'title', '二网格'],
      ['三网格', '青松里社区', 'title', '三网格'],
    ]);
    const input = {
      path,
      target: 'cases' as const,
      mapping: ins.mapping,
      constants: { category: '返程人员' },
      sheets: [
        { sheet: '一网格', community: '青松里社区', grid: '一网格' },
        { sheet: '二网格', community: '青松里社区' },
      ],
    };
    const pre = await L.t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ total: 2, created: 2, rejected: 0 });
    await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    const rows = (await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.communityName, r.gridName]).sort();
    expect(rows).toEqual([
      ['张1', '青松里社区', '一网格'],
      ['张2', '青松里社区', null],
    ]);
  });

  it('a ticked grid the community does not have is refused once, naming it, nothing written', async () => {
    const { path, ins } = await inspected();
    const sheets = [{ sheet: '三网格', community: '青松里社区', grid: '三网格' }];
    await expect(L.t.call('import.preview', { path, target: 'cases', mapping: ins.mapping, constants: { category: '返程人员' }, sheets })).rejects.toThrow(
      GRID_MISSING,
    );
    // The one-sheet road, 社区 and 网格 as whole-file values: the same, not one refusal a row.
    await expect(
      L.t.call('import.preview', {
        path,
        target: 'cases',
        sheet: '三网格',
        mapping: ins.mapping,
        constants: { category: '返程人员', community: '青松里社区', grid: '三网格' },
      }),
    ).rejects.toThrow(GRID_MISSING);
    expect((await L.t.call('cases.list', {})).rows).toEqual([]);
  });
});
