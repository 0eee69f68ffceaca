/**
 * 下发收集表 and back: the office makes a blank returnee sheet for one
 * community, the community fills it (here in code, as Excel or WPS would save
 * it: text IDs, real date cells, one bad ID), and the import wizard opens it
 * with the target, every column and the community already known.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch } from '../unit/import/files';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { CollectionPage } from './pages/collection-page';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { appForEachAttempt, step } from './support/attempt';
import { screenshot } from './support/preview';

async function fillAsCommunity(path: string, rows: Record<string, string | Date>[]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(readFileSync(path)).buffer);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(5).values as unknown[]).slice(1).map(String);
  rows.forEach((row, i) => {
    for (const [label, value] of Object.entries(row)) ws.getCell(6 + i, headers.indexOf(label) + 1).value = value;
  });
  const back = path.replace(/\.xlsx$/, '（已填）.xlsx');
  await wb.xlsx.writeFile(back);
  return back;
}

describe('collection sheets: issued to a community, imported back with no questions', () => {
  const app = appForEachAttempt();

  it('makes a returnee sheet for 幸福社区, and its filled copy imports with the community and columns known', async () => {
    const { page, preview } = app;
    const dir = scratch();
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const shell = new ShellPage(page);
    await shell.open('设置');
    const settings = new SettingsPage(page);
    await settings.addCommunity('幸福社区');
    await settings.addGrid('幸福社区', '第一网格');

    step('生成收集表');
    await shell.open('导入');
    const sheets = new CollectionPage(page);
    await sheets.open();
    const made = await sheets.make('幸福社区', '返程人员登记表', dir);
    expect(made).toEqual([join(dir, '幸福社区_返程人员登记表.xlsx')]);
    await expect.poll(async () => (await sheets.status().textContent()) ?? '').toContain('已生成 1 张「返程人员登记表」');
    await screenshot(page, 'collection-issued');

    step('社区填好发回');
    const back = await fillAsCommunity(made[0]!, [
      {
        网格: '第一网格',
        姓名: '王五',
        身份证号: makeIdNumber('420106', '1988-04-02', 31),
        联系电话: '13803710001',
        来源地: '湖北省武汉市',
        返程日期: new Date(Date.UTC(2020, 1, 10)),
      },
      {
        网格: '第一网格',
        姓名: '赵六',
        身份证号: makeIdNumber('410105', '1975-11-20', 52),
        联系电话: '13803710002',
        来源地: '浙江温州',
        返程日期: '2020/2/12',
      },
      { 网格: '第一网格', 姓名: '孙七', 身份证号: '11010519920109000X', 来源地: '广东深圳', 返程日期: '2020-02-11' },
    ]);

    step('导入发回的收集表');
    await page.getByRole('tab', { name: '导入表格' }).click();
    const imp = new ImportPage(page);
    // Opened as a resident list by mistake: the sheet says what it is, and the wizard follows it.
    await imp.openFile('居民（按户）', back);
    await expect
      .poll(async () => (await page.getByRole('status').filter({ hasText: '已按下发时的设置对应列' }).textContent()) ?? '')
      .toMatch(/这是「幸福社区 返程人员登记表（\d{4}-\d{2}-\d{2} 下发）」/);
    // 人员类别 is a field of 个案, not of 居民: the wizard switched to the sheet's own target.
    expect(await imp.mappedTo('身份证号')).toContain('身份证号');
    expect(await imp.mappedTo('返程日期')).toBe('返程日期');
    expect(await imp.wholeFileValue('社区')).toBe('幸福社区');
    expect(await imp.wholeFileValue('人员类别')).toBe('返程人员');
    expect(await page.getByText('taizhang-collection', { exact: false }).count()).toBe(0);
    expect(await page.getByText('填写说明', { exact: false }).count()).toBe(0);
    await screenshot(page, 'collection-returned-mapping');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);
    await screenshot(page, 'collection-returned-imported');
  });
});
