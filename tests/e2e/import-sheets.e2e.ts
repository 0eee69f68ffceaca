/**
 * One workbook, one sheet per community (issue 14, session 49), through the wizard at 1366×768: a 填表说明 cover,
 * 青松里 and 翠竹苑 with the same columns, 红旗村 (no community of this office). The coordinator turns on 「每张工作表是
 * 一个社区」, reads each sheet's community (or why it is left out), ticks the two, previews each sheet's counts and
 * imports both in one pass; every person is filed under their sheet's community.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch, writeXlsx, type Row } from '../unit/import/files';
import { ShellPage } from './pages/auth-pages';
import { newLedgerOnImport, type ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

const ID = (n: number): string => makeIdNumber('410102', `19${60 + n}-01-01`, 50 + n);
const HEAD: Row = ['姓名', '身份证号', '联系电话', '返程日期'];

/** A new ledger with 青松里社区 and 翠竹苑社区, the workbook opened on 导入 as 个案（各类人员）. */
async function workbookOpenedInTwoCommunities(page: Page, url: string, file: string): Promise<ImportPage> {
  const imp = await newLedgerOnImport(page, url, '青松里社区');
  const shell = new ShellPage(page);
  await shell.open('设置');
  await new SettingsPage(page).addCommunity('翠竹苑社区');
  await shell.open('导入');
  await imp.openFile('个案（各类人员）', file);
  return imp;
}

/** The sheets not imported, as the preview or 导入结果 says them: the line above the list, then each sheet's line. */
async function leftOut(page: Page): Promise<string[]> {
  const region = page.getByRole('region', { name: '未导入的工作表', exact: true });
  return [(await region.locator('p').innerText()).trim(), ...(await region.getByRole('listitem').allInnerTexts()).map((t) => t.trim())];
}

describe('import: a workbook of one sheet per community', () => {
  const app = appForEachAttempt();

  it('imports 青松里 and 翠竹苑 in one pass, each under the community its name names, confirmed sheet by sheet', async () => {
    const { page, preview } = app;
    const file = await writeXlsx(join(scratch(), '各社区返程人员.xlsx'), [
      // Two numbered lines (session 52: before, read as a table of 0 rows and offered a community).
      {
        name: '填表说明',
        rows: [
          ['一、', '请每个社区填一张表，表名写社区名。'],
          ['二、', '身份证号请设为文本格式'],
        ],
      },
      { name: '青松里', rows: [HEAD, ['张一', ID(1), '13803711001', '2020-02-03'], ['张二', ID(2), '13803711002', '2020-02-04']] },
      { name: '翠竹苑', rows: [HEAD, ['李一', ID(3), '13803711003', '2020-02-05'], ['张二', ID(2), '13803711002', '2020-02-04']] },
      { name: '红旗村', rows: [HEAD, ['王一', ID(5), '13803711005', '2020-02-06']] },
      // Shown as 「青松里」 is, a zero-width space at its end: said at this step (session 52), not refused.
      { name: '青松里\u200b', rows: [HEAD, ['王二', ID(6), '13803711006', '2020-02-06']] },
    ]);
    const imp = await workbookOpenedInTwoCommunities(page, preview.url, file);
    expect(await imp.bySheets()).toEqual([
      '「填表说明」不导入：工作表「填表说明」里没有表头，不是名单',
      '「青松里」→ 社区「青松里社区」',
      '「翠竹苑」→ 社区「翠竹苑社区」',
      '「红旗村」：表名里的「红旗村」不是本街道的社区。它是本街道哪个社区的？不是本街道的就不导入。社区',
      '「青松里\u200b」→ 社区「青松里社区」两张表都读作青松里社区：「青松里」、「青松里\u200b」（表名里有看不见的字符）。' +
        '是同一个社区的表就都勾选，不是就只勾选对的那张。',
    ]);
    await page.getByRole('note', { name: '工作表「青松里\u200b」与别的表读作同一社区', exact: true }).waitFor();
    await imp.setWholeFileValue('人员类别', '返程人员');
    // Nothing is taken silently: with no sheet ticked, 预览 waits and says why.
    expect(await imp.previewButton().isDisabled()).toBe(true);
    expect(await imp.footNote()).toBe('请在「每张工作表是一个社区」下勾选要导入的工作表。');
    await imp.tickSheet('青松里', '青松里社区');
    await imp.tickSheet('翠竹苑', '翠竹苑社区');
    await screenshot(page, 'import-sheets-mapping-1366x768');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(3);
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    expect(await imp.sheetCounts('各工作表的预览数')).toEqual([
      ['青松里', '青松里社区', '2', '2', '0', '0', '0', '0', '0'],
      ['翠竹苑', '翠竹苑社区', '2', '1', '0', '0', '0', '0', '1'],
    ]);
    await expect.poll(() => imp.grid('退回的行').getByText('与工作表「青松里」第 3 行是同一人', { exact: false }).count()).toBeGreaterThan(0);
    // Every sheet is accounted for (W68-walk-1): 王一 on 红旗村 is in no count above, and the preview says so.
    expect(await leftOut(page)).toEqual([
      '不导入的工作表 3 张，表头下共 2 行：这些行不在上面的数里，也不在退回表格里。要导入哪一张，请「返回修改」勾选它或为它选社区（以后也可以用同一个文件只导入它：导入过的表不会再导入一次）。',
      '「填表说明」（2 行文字）：没有表头，不是人员名单（如填表说明）',
      '「红旗村」（表头下 1 行）：表名里的「红旗村」不是本街道的社区，也没有为它选社区',
      '「青松里\u200b」（表头下 1 行）：表名写的是「青松里社区」，但这张表没有勾选',
    ]);
    await screenshot(page, 'import-sheets-preview-1366x768');
    await imp.commit();
    expect(await imp.sheetCounts('各工作表的导入数')).toEqual([
      ['青松里', '青松里社区', '2', '2', '0', '0', '0', '0', '0'],
      ['翠竹苑', '翠竹苑社区', '2', '1', '0', '0', '0', '0', '1'],
    ]);
    expect(await page.getByRole('region', { name: '工作表「翠竹苑」退回的行' }).count()).toBe(1);
    expect(await leftOut(page)).toEqual([
      '没有导入的工作表 3 张，表头下共 2 行：这些行不在上面的数里，也不在退回表格里。',
      '「填表说明」（2 行文字）：没有表头，不是人员名单（如填表说明）',
      '「红旗村」（表头下 1 行）：表名里的「红旗村」不是本街道的社区，也没有为它选社区',
      '「青松里\u200b」（表头下 1 行）：表名写的是「青松里社区」，但这张表没有勾选',
    ]);
    await screenshot(page, 'import-sheets-result-1366x768');
  });

  it("takes a sheet's community from its title (「一网格」 under 「青松里社区…」), and one chosen by hand for a sheet nothing names", async () => {
    const { page, preview } = app;
    const file = await writeXlsx(join(scratch(), '返程人员（按网格）.xlsx'), [
      { name: '一网格', rows: [['青松里社区返程人员登记表'], HEAD, ['张一', ID(1), '13803711001', '2020-02-03']] },
      { name: 'Sheet2', rows: [['翠竹苑社区返程人员登记表'], HEAD, ['李一', ID(3), '13803711003', '2020-02-05']] },
      { name: 'Sheet3', rows: [HEAD, ['赵一', ID(7), '13803711007', '2020-02-07']] },
      { name: '二网格', rows: [HEAD, ['王一', ID(5), '13803711005', '2020-02-06'], ['王二', ID(6), '13803711006', '2020-02-06']] },
    ]);
    const imp = await workbookOpenedInTwoCommunities(page, preview.url, file);
    expect(await imp.bySheets()).toEqual([
      '「一网格」→ 社区「青松里社区」（取自标题「青松里社区返程人员登记表」）',
      '「Sheet2」→ 社区「翠竹苑社区」（取自标题「翠竹苑社区返程人员登记表」）',
      '「Sheet3」：表名「Sheet3」不是本街道的社区名，表上也没有标题。它是本街道哪个社区的？不是本街道的就不导入。社区',
      // A sheet named after a grid: the coordinator is asked whose grid it is (W68-walk-2).
      '「二网格」：表名「二网格」像是网格名，不是社区名，表上也没有标题。它是哪个社区的网格？社区',
    ]);
    await imp.setWholeFileValue('人员类别', '返程人员');
    await imp.tickSheet('一网格', '青松里社区');
    await imp.tickSheet('Sheet2', '翠竹苑社区');
    await imp.chooseSheetCommunity('Sheet3', '青松里社区');
    await screenshot(page, 'import-sheets-by-title-mapping-1366x768');
    await imp.preview();
    expect(await imp.sheetCounts('各工作表的预览数')).toEqual([
      ['一网格', '青松里社区', '1', '1', '0', '0', '0', '0', '0'],
      ['Sheet2', '翠竹苑社区', '1', '1', '0', '0', '0', '0', '0'],
      ['Sheet3', '青松里社区', '1', '1', '0', '0', '0', '0', '0'],
    ]);
    // 王一 and 王二 on 二网格, left with no community: said with their rows, not lost (W68-walk-1).
    expect(await leftOut(page)).toEqual([
      '不导入的工作表 1 张，表头下共 2 行：这些行不在上面的数里，也不在退回表格里。要导入哪一张，请「返回修改」勾选它或为它选社区（以后也可以用同一个文件只导入它：导入过的表不会再导入一次）。',
      '「二网格」（表头下 2 行）：表名「二网格」像是网格名，不是社区名，表上也没有标题，也没有为它选社区',
    ]);
    await screenshot(page, 'import-sheets-left-out-preview-1366x768');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(3);

    // The coordinator learns whose 二网格 it is and opens the same file again: the sheets imported before are left out,
    // said so, and 二网格 imports (before, the whole file answered 「以前导入过」 and 王一, 王二 could not be imported).
    await page.getByRole('button', { name: '导入下一个文件', exact: true }).click();
    await imp.openFile('个案（各类人员）', file);
    await imp.bySheets();
    await imp.setWholeFileValue('人员类别', '返程人员');
    await imp.tickSheet('一网格', '青松里社区');
    await imp.tickSheet('Sheet2', '翠竹苑社区');
    await imp.chooseSheetCommunity('Sheet3', '青松里社区');
    await imp.chooseSheetCommunity('二网格', '青松里社区');
    // 二网格 is a grid of 青松里社区 on the ledger: the sheet's name offered as each row's 网格, taken when ticked (session 52).
    const qsl = ((await preview.rpc('org.communities.list', {})) as Array<{ id: number; name: string }>).find((c) => c.name === '青松里社区')!;
    await preview.rpc('org.grids.save', { communityId: qsl.id, name: '二网格' });
    await page.locator('input[type="checkbox"][aria-label="工作表「二网格」每一行的网格填「二网格」"]').check();
    await screenshot(page, 'import-sheets-grid-offer-1366x768');
    await imp.preview();
    expect(await imp.sheetCounts('各工作表的预览数')).toEqual([['二网格', '青松里社区', '2', '2', '0', '0', '0', '0', '0']]);
    const again = await leftOut(page);
    expect(again[0]).toBe('不导入的工作表 3 张：都已从这个文件导入过。');
    expect(again.slice(1).map((line) => line.replace(/（[^（）]* 导入，/, '（… 导入，'))).toEqual(
      ['一网格', 'Sheet2', 'Sheet3'].map((s) => `「${s}」（表头下 1 行）：以前已从这个文件导入过（… 导入，见「导入记录」），这次不再导入`),
    );
    await screenshot(page, 'import-sheets-imported-before-preview-1366x768');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);
    const wang = ((await preview.rpc('cases.list', {})) as { rows: Array<{ name: string; gridName: string | null }> }).rows.filter((r) =>
      r.name.startsWith('王'),
    );
    expect(wang.map((r) => r.gridName)).toEqual(['二网格', '二网格']);
  });
});
