/**
 * An import by sheets accounts for every sheet (session 51, W68-walk-1). A workbook made here with ExcelJS: a 填表说明
 * cover, 青松里 (ticked), 一网格 under the title 「青松里社区返程人员登记表」 (not ticked: 王一 and 王二), 红旗村 (no
 * community of this office, none chosen) and a hidden list of choices. Before, the preview and 导入结果 named only the
 * sheets imported: 王一 was in no count and no 退回 file, and nothing said so. Now each sheet left out comes back with
 * its rows and why, in the preview and in the commit's result alike.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';

const L = useImportLedger();
const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];

async function workbook(): Promise<string> {
  await L.t.call('org.communities.save', { name: '青松里社区' });
  await L.t.call('org.communities.save', { name: '翠竹苑社区' });
  return writeXlsx(join(L.dir, '各社区返程人员.xlsx'), [
    { name: '填表说明', rows: [['请每个社区填一张表，表名写社区名。']] },
    { name: '青松里', rows: [HEAD, ['张一', ID(1), '13803711001', '2020-02-03']] },
    {
      name: '一网格',
      rows: [['青松里社区返程人员登记表'], HEAD, ['王一', ID(5), '13803711005', '2020-02-06'], ['王二', ID(6), '13803711006', '2020-02-06']],
    },
    { name: '红旗村', rows: [HEAD, ['赵一', ID(7), '13803711007', '2020-02-07']] },
    { name: '字典', rows: [['返程人员'], ['居家观察'], ['密切接触者']], hidden: true },
  ]);
}

const LEFT_OUT = [
  { sheet: '填表说明', rows: 1, table: false, why: '没有表头，不是人员名单（如填表说明）' },
  { sheet: '一网格', rows: 2, table: true, why: '标题写的是「青松里社区」，但这张表没有勾选' },
  { sheet: '红旗村', rows: 1, table: true, why: '表名里的「红旗村」不是本街道的社区，也没有为它选社区' },
  { sheet: '字典', rows: 3, table: false, why: '在 WPS 或 Excel 里是隐藏的工作表，按工作表分社区导入只读看得见的表' },
];

describe('an import by sheets accounts for every sheet of the workbook', () => {
  it('the preview and the commit list every sheet not imported, with its rows and why', async () => {
    const path = await workbook();
    const ins = await L.t.call('import.inspect', { path, target: 'cases' });
    const input = {
      path,
      target: 'cases' as const,
      mapping: ins.mapping,
      constants: { category: '返程人员' },
      sheets: [{ sheet: '青松里', community: '青松里社区' }],
    };
    const pre = await L.t.call('import.preview', input);
    expect(pre.counts).toMatchObject({ total: 1, created: 1 });
    expect(pre.sheetsLeftOut).toEqual(LEFT_OUT);
    const done = await L.t.call('import.commit', { ...input, previewId: pre.previewId });
    expect(done.counts).toMatchObject({ total: 1, created: 1 });
    expect(done.sheetsLeftOut).toEqual(LEFT_OUT);
  });

  it('a one-sheet import says nothing of the others (as before)', async () => {
    const path = await workbook();
    const ins = await L.t.call('import.inspect', { path, target: 'cases', sheet: '青松里' });
    const pre = await L.t.call('import.preview', {
      path,
      target: 'cases',
      sheet: '青松里',
      mapping: ins.mapping,
      constants: { category: '返程人员', community: '青松里社区' },
    });
    expect(pre.sheetsLeftOut).toBeUndefined();
  });
});
