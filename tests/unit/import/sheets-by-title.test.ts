/**
 * A workbook of one sheet per community whose sheets are not named by community (issue 14, session 50): 「一网格」 and
 * 「Sheet2」 under titles 「青松里社区返程人员登记表」, 「翠竹苑社区…」. Session 49 read the sheet's name only and left them
 * out; the title now suggests the community, by the words the one-sheet road suggests whole-file values with, for the
 * coordinator to confirm. A name and a title naming two communities suggest neither; a sheet nothing names is offered
 * for a community chosen by hand, and the preview and commit take that choice as any other sheet's.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];
const constants = { category: '返程人员' };

async function workbook(name: string): Promise<string> {
  await L.t.call('org.communities.save', { name: '青松里社区' });
  await L.t.call('org.communities.save', { name: '翠竹苑社区' });
  await L.t.call('org.communities.save', { name: '红旗社区' });
  return writeXlsx(join(L.dir, name), [
    { name: '一网格', rows: [['青松里社区返程人员登记表'], HEAD, ['张一', ID(1), '13803711001', '2020-02-03']] },
    { name: 'Sheet2', rows: [['2020年2月翠竹苑社区返程人员登记表'], ['填报日期：2020-02-10'], HEAD, ['李一', ID(3), '13803711003', '2020-02-05']] },
    { name: '红旗', rows: [['翠竹苑社区返程人员登记表'], HEAD, ['王一', ID(5), '13803711005', '2020-02-06']] },
    { name: 'Sheet4', rows: [HEAD, ['赵一', ID(7), '13803711007', '2020-02-07']] },
  ]);
}

describe('sheets whose community only their title names', () => {
  it('inspect offers the community the title names, says where it was read, and asks when name and title disagree', async () => {
    const path = await workbook('by-title.xlsx');
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    expect(ins.sheetCommunities).toEqual([
      // Named as a grid is: its name offered as its rows' 网格 (sheets-grid-name.test), never applied unticked.
      { sheet: '一网格', community: '青松里社区', from: 'title', title: '青松里社区返程人员登记表', reason: null, table: true, gridName: '一网格' },
      { sheet: 'Sheet2', community: '翠竹苑社区', from: 'title', title: '2020年2月翠竹苑社区返程人员登记表', reason: null, table: true },
      {
        sheet: '红旗',
        community: null,
        from: null,
        title: '翠竹苑社区返程人员登记表',
        reason: '表名「红旗」写的是「红旗社区」，标题「翠竹苑社区返程人员登记表」写的是「翠竹苑社区」，不知道是哪一个',
        table: true,
      },
      { sheet: 'Sheet4', community: null, from: null, title: null, reason: '表名「Sheet4」不是本街道的社区名，表上也没有标题', table: true },
    ]);
    // The same with a sheet chosen in the wizard: the other sheets' heads are read for their titles.
    const chosen = await L.t.call('import.inspect', { path, target: 'cases', sheet: 'Sheet4' });
    expect(chosen.sheetCommunities).toEqual(ins.sheetCommunities);
  });

  it('the title-named sheets and one chosen by hand import, each under its confirmed community', async () => {
    const path = await workbook('by-title.xlsx');
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const sheets = [
      { sheet: '一网格', community: '青松里社区' },
      { sheet: 'Sheet2', community: '翠竹苑社区' },
      { sheet: 'Sheet4', community: '红旗社区' },
    ];
    const input = { path, target: 'cases' as const, mapping: ins.mapping, constants, sheets };
    const pre = await L.t.call('import.preview', input);
    expect(pre.sheets.map((s) => [s.sheet, s.community, s.counts.created])).toEqual([
      ['一网格', '青松里社区', 1],
      ['Sheet2', '翠竹苑社区', 1],
      ['Sheet4', '红旗社区', 1],
    ]);
    await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    const people = (await L.t.call('cases.list', {})).rows.map((r) => [r.name, r.communityName]).sort();
    expect(people).toEqual([
      ['张一', '青松里社区'],
      ['李一', '翠竹苑社区'],
      ['赵一', '红旗社区'],
    ]);
  });
});
