/**
 * Two cuts at 1366×768 the session-25 walk left (issue 14): 居民查询's 住址 ending in 「…」 while other columns had room
 * to spare, and 导入 › 对应列 whose last rows went under the action bar when more notices sat above the list.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch, writeCsv } from '../unit/import/files';
import { firstRunAsCoordinator, ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage } from './pages/caseload-page';
import { GridPage } from './pages/grid-page';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { appForEachAttempt, step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { screenshot } from './support/preview';
import { cutTexts } from './support/screen-audit';

const SCREEN = { width: 1366, height: 768 };

describe('居民查询 at 1366×768, on the demo ledger', () => {
  const app = demoLedgerForEachAttempt('2020-02-17T02:00:00.000Z', 500, SCREEN);

  it('shows each 住址 whole while another column has room to give', async () => {
    const { page } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();
    await new ShellPage(page).open('人员台账');
    const caseload = new CaseloadPage(page);
    await caseload.tab('居民查询');
    const grid = new GridPage(page, '居民列表');
    await expect.poll(() => grid.region().locator('.ag-cell[col-id="address"]').count()).toBeGreaterThan(5);
    // The address is in a span that ends in 「…」 (whole on hover) beside the 同户 link: cut when its words are wider than it.
    const cutAddresses = await grid
      .region()
      .locator('.ag-cell[col-id="address"] span[title]')
      .evaluateAll((spans) => spans.filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.getAttribute('title') ?? ''));
    // What each other column holds beyond its widest cell on screen: each cell laid out at its content's own width
    // (max-content, in place so the grid's fonts and padding apply), then put back.
    const spare = await grid.region().evaluate((region) => {
      const out: Record<string, number> = {};
      for (const cell of Array.from(region.querySelectorAll<HTMLElement>('.ag-cell[col-id]'))) {
        const id = cell.getAttribute('col-id')!;
        if (id === 'address') continue;
        const width = cell.getBoundingClientRect().width;
        const was = cell.style.width;
        cell.style.width = 'max-content';
        const needs = cell.getBoundingClientRect().width;
        cell.style.width = was;
        out[id] = Math.min(out[id] ?? Infinity, Math.floor(width - needs));
      }
      return out;
    });
    await screenshot(page, 'cuts-residents-address-1366x768');
    // 住址 ends in 「…」 only where no other column has room to give it (before: 180 px while 联系电话, 出生, 社区, 标签
    // and 在办个案 held room they did not use, and the grid scrolled sideways).
    const roomy = Object.entries(spare).filter(([, px]) => px > 16);
    if (cutAddresses.length > 0) expect(roomy, `住址被截断 ${cutAddresses.length} 处，而这些列有空余（px）`).toEqual([]);
    // And nothing else cut for it: the narrower columns still hold their widest cells (查看, two tag chips, 登记个案).
    expect(await grid.cutCells()).toEqual([]);
  });
});

describe('导入 › 对应列 at 1366×768', () => {
  const app = appForEachAttempt();

  it('keeps the last row of the file’s columns above the action bar when notices sit above the list', async () => {
    const { page, preview } = app;
    await page.setViewportSize(SCREEN);
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const shell = new ShellPage(page);
    await shell.open('设置');
    await new SettingsPage(page).addCommunity('东风社区');
    // A community's roster with a title row and many columns, saved as text under an .xlsx name (as WPS's 「另存为」
    // with the wrong type does): the step says so, shows the title, and, the second time, that it was imported and
    // which mapping it took from last time: four notices above the list.
    const extra = Array.from({ length: 16 }, (_, i) => `备用${i + 1}`);
    const file = writeCsv(
      join(scratch(), '东风社区居民花名册.xlsx'),
      [
        ['东风社区居民花名册（2020年2月）'],
        ['社区', '姓名', '身份证号', '联系电话', '家庭住址', ...extra],
        ['东风社区', '张伟', makeIdNumber('420106', '1956-11-08', 31), '13800138000', '幸福小区3栋2单元101室', ...extra.map(() => '')],
      ],
      'utf-8-bom',
    );
    step('第一次导入');
    await shell.open('导入');
    const imp = new ImportPage(page);
    await imp.openFile('居民（按户）', file);
    await imp.preview();
    await imp.commit();
    step('同一文件再打开：四条提示在列表上方');
    await page.getByRole('button', { name: '导入下一个文件' }).click();
    await imp.openFile('居民（按户）', file);
    const panel = page.locator('.mapping-panel');
    for (const words of ['内容是纯文本', '标题：', '导入过', '已按上次相同表头']) await panel.getByText(words, { exact: false }).first().waitFor();
    await screenshot(page, 'cuts-import-mapping-notices-1366x768');
    const bar = (await page.locator('.step-actions').boundingBox())!;
    const frame = (await page.locator('.mapping-frame').boundingBox())!;
    expect(frame.y + frame.height, '列表的下沿在操作栏之上').toBeLessThanOrEqual(bar.y + 1);
    expect(bar.y + bar.height).toBeLessThanOrEqual(SCREEN.height);
    expect(await cutTexts(panel)).toEqual([]);
  });
});
