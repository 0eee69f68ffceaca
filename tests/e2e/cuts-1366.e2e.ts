/**
 * Two cuts at 1366×768 the session-25 walk left (issue 14): 居民查询's 住址 ending in 「…」 after about 17 characters
 * (now two lines a row), and 导入 › 对应列 whose last rows went under the action bar when more notices sat above the list.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { makeIdNumber } from '../../electron/core/people/id-number';
import type { Page as ListPage } from '../../electron/core/contract';
import type { HouseholdListRow, ResidentListRow } from '../../electron/core/caseload/list-types.shared';
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

  it('shows each 住址 whole, in two lines where it is long, without widening the column', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();
    // Addresses as a community writes them in full: one of 24 characters (before, 「…」 after about 17 at 1366), and one
    // of 40 that two lines cannot hold.
    const fullAddress = '郑州市金水区和平社区幸福里小区3号楼2单元501室';
    const longAddress = '河南省郑州市金水区文化路街道办事处和平社区居委会幸福里小区北院12号楼2单元501室';
    const someone = ((await preview.rpc('residents.list', { limit: 1 })) as ListPage<ResidentListRow>).rows[0]!;
    for (const [name, addressText] of [
      ['欧阳明远', fullAddress],
      ['司马长风', longAddress],
    ]) {
      const household = (await preview.rpc('households.save', { communityId: someone.communityId, addressText })) as HouseholdListRow;
      await preview.rpc('residents.save', { householdId: household.id, name });
    }
    await new ShellPage(page).open('人员台账');
    const caseload = new CaseloadPage(page);
    await caseload.tab('居民查询');
    const grid = new GridPage(page, '居民列表');
    await expect.poll(() => grid.region().locator('.ag-cell[col-id="address"]').count()).toBeGreaterThan(5);
    // The address is in a span of up to two lines beside the 同户 link: cut when its words need more room than it has.
    const cutAddresses = () =>
      grid
        .region()
        .locator('.ag-cell[col-id="address"] span[title]')
        .evaluateAll((spans) =>
          spans.filter((s) => s.scrollWidth > s.clientWidth + 1 || s.scrollHeight > s.clientHeight + 1).map((s) => s.getAttribute('title') ?? ''),
        );
    expect(await cutAddresses(), '演示台账的住址有被截断的').toEqual([]);
    await screenshot(page, 'cuts-residents-address-1366x768');
    // Nothing else cut for it: the narrower columns still hold their widest cells (查看, two tag chips, 登记个案).
    expect(await grid.cutCells()).toEqual([]);

    step('一个写全了小区、楼、单元、室的住址：两行，整个看得见');
    const cell = grid.region().locator('.ag-cell[col-id="address"] span[title]');
    await caseload.search('欧阳明远');
    await expect.poll(() => cell.count()).toBe(1);
    expect(await cell.textContent()).toBe(fullAddress);
    const lines = await cell.evaluate((s) => Math.round(s.getBoundingClientRect().height / parseFloat(getComputedStyle(s).lineHeight)));
    expect(lines, '住址应折成两行').toBe(2);
    // Its first line level with the row's one-line cells (姓名, 社区): the glyphs' tops, as the eye compares them.
    // It sat 2 px lower (session 27's closing note).
    const glyphTops = await cell.evaluate((span) => {
      const row = span.closest('.ag-row')!.getAttribute('row-index');
      const top = (el: Element) => {
        const range = document.createRange();
        range.selectNodeContents(el);
        return Math.round(range.getClientRects()[0]!.top * 2) / 2;
      };
      const cellOf = (col: string) => document.querySelector(`.ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`)!;
      return { address: top(span), name: top(cellOf('name')), community: top(cellOf('communityName')) };
    });
    expect(glyphTops, '住址的第一行与同一行的单行字对齐').toEqual({ address: glyphTops.name, name: glyphTops.name, community: glyphTops.name });
    expect(await cutAddresses()).toEqual([]);
    await screenshot(page, 'cuts-residents-long-address-1366x768');

    step('两行也放不下的住址：以「…」结尾，悬停和「同户」里整个看得见');
    await caseload.search('司马长风');
    await expect.poll(() => cell.textContent()).toBe(longAddress);
    expect(await cutAddresses()).toEqual([longAddress]);
    expect(await cell.getAttribute('title')).toBe(longAddress);
    await grid.region().getByRole('button', { name: '查看司马长风的同户人员' }).click();
    const household = page.getByRole('region', { name: `住户：${longAddress}` });
    await household.waitFor();
    const heading = household.getByRole('heading').first();
    expect(await heading.evaluate((h) => h.scrollWidth <= h.clientWidth + 1)).toBe(true);
    expect(await heading.textContent()).toContain(longAddress);
  });
});

describe('入户排查 at 1366×768, on the demo ledger', () => {
  const app = demoLedgerForEachAttempt('2020-02-17T02:00:00.000Z', 100, SCREEN);

  it('shows a long 排查结果 on one line, whole on hover, not half a second line across the row’s foot', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();
    const result = '有外地返程人员两名，已登记居家观察，门口张贴告知书，物业每日送菜上门';
    const someone = ((await preview.rpc('residents.list', { limit: 1 })) as ListPage<ResidentListRow>).rows[0]!;
    await preview.rpc('households.save', {
      communityId: someone.communityId,
      addressText: '幸福里小区9号楼1单元101室',
      headName: '欧阳排查',
      screeningStatus: 'screened',
      screeningResult: result,
    });
    await new ShellPage(page).open('人员台账');
    await new CaseloadPage(page).tab('入户排查');
    await page.getByLabel('搜索').fill('欧阳排查');
    await page.getByRole('button', { name: '查询' }).click();
    const grid = new GridPage(page, '住户列表');
    const cell = grid.region().locator('.ag-cell[col-id="screeningResult"]');
    await expect.poll(() => cell.first().textContent()).toBe(result);
    expect(await grid.linesAcrossRowFoot()).toEqual([]);
    await cell.first().hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent(), { timeout: 5000 }).toBe(result);
    await screenshot(page, 'cuts-households-long-result-1366x768');
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
