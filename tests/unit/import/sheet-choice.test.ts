/**
 * A workbook whose data is not on its first sheet (io/import/inspect.ts likeliestSheet): a cover or 填表说明 sheet
 * first, a template's hidden lists of choices. With no sheet chosen the wizard opens on the visible sheet whose
 * header names the most fields, lists every sheet for the user to change it, and previews the sheet it showed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../../electron/core/people/id-number';
import { useImportLedger, writeXlsx, type Row } from './files';
import { biff8Bytes, writeBytes } from './legacy-files';

const L = useImportLedger();
const ID = makeIdNumber('420106', '1966-06-16', 16);

const COVER: Row[] = [['东风社区居民登记表'], ['填表说明：'], ['1. 每人一行'], ['2. 身份证号请设为文本格式']];
/** A WPS template's list of allowed values, two columns headed by field words. */
const LISTS: Row[] = [
  ['社区', '与户主关系'],
  ['东风社区', '户主'],
  ['幸福村', '配偶'],
];
const DATA: Row[] = [
  ['社区', '姓名', '身份证号', '联系电话'],
  ['东风社区', '张伟', ID, '13800138000'],
];

const sheets = [
  { name: '字典', rows: LISTS, hidden: true },
  { name: '封面', rows: COVER },
  { name: '登记表', rows: DATA },
];

async function opensOnData(path: string): Promise<void> {
  const ins = await L.t.call('import.inspect', { path, target: 'residents' });
  expect(ins).toMatchObject({ sheets: ['字典', '封面', '登记表'], hiddenSheets: ['字典'], sheet: '登记表', headerRows: [1] });
  expect(ins.mapping).toEqual(['community', 'name', 'idNumber', 'phone']);
  // What the wizard sends back: the sheet it showed.
  const pre = await L.t.call('import.preview', { path, target: 'residents', sheet: ins.sheet!, mapping: ins.mapping });
  expect(pre.counts).toMatchObject({ total: 1, created: 1 });
  // Choosing another sheet still reads that one; a sheet the workbook does not have is named (source.ts noSheetNamed).
  const cover = await L.t.call('import.inspect', { path, target: 'residents', sheet: '字典' });
  expect(cover.sheet).toBe('字典');
  const none = await L.t.fail('import.inspect', { path, target: 'residents', sheet: '二月' });
  expect(none.message).toBe('工作簿里没有名为「二月」的工作表。');
}

describe('the sheet the wizard opens on', () => {
  it('in an .xlsx: passes over a hidden list sheet and a cover sheet to the data', async () => {
    await opensOnData(await writeXlsx(join(L.dir, '东风社区.xlsx'), sheets));
  });

  it('in a BIFF8 .xls alike', async () => {
    await opensOnData(writeBytes(join(L.dir, '东风社区.xls'), biff8Bytes(sheets.map((s) => ({ ...s, rows: s.rows as (string | null)[][] })))));
  });

  it('a workbook of one sheet, or whose sheets hold nothing, reads as before', async () => {
    const one = await writeXlsx(join(L.dir, '一张.xlsx'), [{ name: '登记表', rows: DATA }]);
    expect((await L.t.call('import.inspect', { path: one, target: 'residents' })).sheet).toBe('登记表');
    const empty = await writeXlsx(join(L.dir, '空.xlsx'), [
      { name: '封面', rows: [['东风社区居民登记表']] },
      { name: 'Sheet2', rows: [] },
    ]);
    expect((await L.t.fail('import.inspect', { path: empty, target: 'residents' })).message).toContain('的工作表「封面」里没有可导入的内容');
  });
});
