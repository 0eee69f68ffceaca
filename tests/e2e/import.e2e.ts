/**
 * A community's spreadsheet through the wizard: map, preview, commit, rejected rows sent back, the history; the mapping
 * step at 1366×768; merged cells and a 合计 row; the data sheet past a cover and a hidden list. The returnee and
 * observation files are walked in import-returnees.e2e.ts and import-formats.e2e.ts, pasted lists in import-paste.e2e.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch, writeCsv, writeXlsx } from '../unit/import/files';
import { firstRunAsCoordinator, SetupWizardPage, ShellPage } from './pages/auth-pages';
import { GridPage } from './pages/grid-page';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

/** 东风社区 added in 设置, then `file` opened as 居民（按户）: the wizard on its mapping step. */
async function openMappingStep(page: Page, file: string): Promise<ImportPage> {
  const shell = new ShellPage(page);
  await shell.open('设置');
  await new SettingsPage(page).addCommunity('东风社区');
  await shell.open('导入');
  const imp = new ImportPage(page);
  await imp.openFile('居民（按户）', file);
  return imp;
}

describe('import: a community spreadsheet through the wizard', () => {
  const app = appForEachAttempt();

  it('maps, previews, commits, sends rejected rows back and shows the history', async () => {
    const { page, preview } = app;
    const dir = scratch();
    const file = await writeXlsx(join(dir, '东风社区返程人员.xlsx'), [
      {
        name: '登记表',
        rows: [
          ['《东风社区返程人员登记表》'],
          ['所属社区', '名字', '公民身份号码', '联系方式', '家庭住址', '备注'],
          ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31), '13800138000', '幸福小区3栋2单元101室', ''],
          ['东风社区', '刘芳', makeIdNumber('420106', '1958-01-20', 42), '13900139000', '幸福小区3栋2单元101室', ''],
          ['南湖社区', '赵六', 4.20106195601e17, '', '', '身份证号被 Excel 改坏'],
        ],
      },
    ]);
    await page.goto(preview.url);
    await new SetupWizardPage(page).createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await new SetupWizardPage(page).continue();
    const imp = await openMappingStep(page, file);
    expect(await imp.mappedTo('名字')).toBe('姓名（必填）');
    expect(await imp.mappedTo('备注')).toBe('（不导入）');
    await screenshot(page, 'import-mapping');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    await expect.poll(() => imp.grid('退回的行').getByText('南湖社区', { exact: false }).count()).toBeGreaterThan(0);
    await screenshot(page, 'import-preview');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);
    const out = join(dir, '退回.xlsx');
    expect(await imp.saveRejected(out)).toContain('1 行');
    expect(existsSync(out)).toBe(true);
    await screenshot(page, 'import-report');

    // 导入记录 at 1366×768: every column shown fits unscrolled, what became of the rows said in words.
    await page.setViewportSize({ width: 1366, height: 768 });
    await imp.history();
    await expect.poll(() => imp.grid('导入记录').getByText('东风社区返程人员.xlsx').count()).toBeGreaterThan(0);
    const history = new GridPage(page, '导入记录');
    expect(await history.region().locator('.ag-cell[col-id="outcomes"]').first().textContent()).toBe('新增 2');
    expect(await history.headersCutAtEdge()).toEqual([]);
    const sideways = await history.region().evaluate((g) => {
      const v = g.querySelector('.ag-body-horizontal-scroll-viewport')!;
      return v.scrollWidth - v.clientWidth;
    });
    expect(sideways, '导入记录不应横向滚动').toBeLessThanOrEqual(1);
    await screenshot(page, 'import-history');
  });

  it('at 1366×768: the mapping step’s action bar at the window’s foot, a long cell in a rejected row capped and whole on hover', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const dir = scratch();
    // A community's sheet with many columns (the mapping list is longer than the window) and a note pasted into one cell.
    const extra = Array.from({ length: 14 }, (_, i) => `备用${i + 1}`);
    const longNote = '该户于2月9日由湖北省武汉市自驾返回，途经信阳、驻马店，沿途未下高速；'.repeat(6);
    const file = writeCsv(
      join(dir, '东风社区居民花名册.csv'),
      [
        ['社区', '姓名', '身份证号', '联系电话', '家庭住址', '备注', ...extra],
        ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31), '13800138000', '幸福小区3栋2单元101室', '', ...extra.map(() => '')],
        ['东风社区', '赵六', '4.20106E+17', '', '幸福小区3栋2单元102室', longNote, ...extra.map(() => '')],
      ],
      'utf-8-bom',
    );
    const imp = await openMappingStep(page, file);
    // The bar sits at the window's foot (within its card's padding), and no strip of the mapping table shows below it:
    // the list scrolls in its own frame, which ends above the bar (w41-screens, 4d7690c).
    const bar = page.locator('.step-actions');
    const box = (await bar.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(768);
    expect(768 - (box.y + box.height)).toBeLessThanOrEqual(24);
    const frameBottom = await page.getByRole('table', { name: '列对应关系' }).evaluate((table) => {
      let el: HTMLElement | null = table.parentElement;
      while (el && getComputedStyle(el).overflowY === 'visible') el = el.parentElement;
      return (el ?? table).getBoundingClientRect().bottom;
    });
    expect(frameBottom).toBeLessThanOrEqual(box.y + 1);
    await screenshot(page, 'import-mapping-1366x768');
    await imp.preview();
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    const grid = imp.grid('退回的行');
    const cell = grid.locator('[role="gridcell"]').filter({ hasText: '该户于2月9日' }).first();
    await cell.waitFor();
    await cell.scrollIntoViewIfNeeded();
    expect((await cell.boundingBox())!.width).toBeLessThanOrEqual(240);
    expect(await cell.locator('[title]').getAttribute('title')).toBe(longNote);
    await screenshot(page, 'import-rejected-long-cell');
  });

  it('at 1366×768: a sheet with 社区, 小区 and 楼栋 merged down and a 合计 row says in the preview what it read from the merges and left out', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const dir = scratch();
    const id = (n: number) => makeIdNumber('420106', `1970-0${n}-1${n}`, 20 + n);
    const file = await writeXlsx(join(dir, '东风社区居民花名册.xlsx'), [
      {
        name: '花名册',
        rows: [
          ['东风社区居民花名册'],
          ['序号', '社区', '小区', '楼栋', '基本信息', null],
          [null, null, null, null, '姓名', '身份证号'],
          [1, '东风社区', '幸福小区', '3栋', '张伟', id(1)],
          [2, null, null, null, '刘芳', id(2)],
          [3, null, null, '4栋', '王芳', id(3)],
          [4, null, null, null, '', id(4)],
          ['合计', null, null, null, '4人'],
        ],
        merges: ['A1:F1', 'A2:A3', 'B2:B3', 'C2:C3', 'D2:D3', 'E2:F2', 'B4:B7', 'C4:C7', 'D4:D5', 'D6:D7'],
      },
    ]);
    const imp = await openMappingStep(page, file);
    // The mapping step's examples are filled from the merges as the preview will fill them.
    expect(await imp.example('社区')).toBe('东风社区 / 东风社区');
    expect(await imp.example('楼栋')).toBe('3栋 / 3栋');
    await screenshot(page, 'import-merged-cells-mapping-1366x768');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(3);
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    const notes = page.getByRole('status', { name: '读取说明' });
    await expect.poll(() => notes.innerText()).toContain('第 4–7 行的「社区」取自合并单元格');
    expect(await notes.innerText()).toContain('第 4–5、6–7 行的「楼栋」取自合并单元格');
    expect(await notes.innerText()).toContain('第 8 行是合计/小计行，未导入。');
    await screenshot(page, 'import-merged-cells-preview-1366x768');
  });

  it('opens a workbook on its data sheet, past a cover sheet and a hidden list of choices, and previews that sheet', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const dir = scratch();
    const file = await writeXlsx(join(dir, '东风社区居民登记.xlsx'), [
      {
        name: '字典',
        rows: [
          ['社区', '与户主关系'],
          ['东风社区', '户主'],
        ],
        hidden: true,
      },
      { name: '填表说明', rows: [['东风社区居民登记表'], ['填表说明：'], ['1. 每人一行']] },
      {
        name: '登记表',
        rows: [
          ['社区', '姓名', '身份证号'],
          ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31)],
        ],
      },
    ]);
    const imp = await openMappingStep(page, file);
    expect(await page.getByLabel('工作表', { exact: true }).inputValue()).toBe('登记表');
    expect(await page.getByLabel('工作表', { exact: true }).locator('option').allTextContents()).toEqual(['字典（隐藏的工作表）', '填表说明', '登记表']);
    expect(await imp.mappedTo('姓名')).toBe('姓名（必填）');
    await screenshot(page, 'import-sheet-choice');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(1);
  });
});
