/**
 * A new coordinator's empty ledger at 1366×768 (session 22's walk): each empty screen says what it is for and the
 * first thing to do, with the button that does it. 上报 said only 「台账中还没有可以上报的数据。」 (a dead end) and,
 * under it, 「所选表格只有汇总数字，不含个人信息。」 about forms nobody could select.
 */
import { describe, expect, it } from 'vitest';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { auditScreen } from './support/screen-audit';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('an empty ledger leads a new coordinator on', () => {
  const app = appForEachAttempt(
    async () => {
      const preview = await startPreview({});
      const browser = await launchBrowser();
      return { preview, browser, page: await newPage(browser, { viewport: { width: 1366, height: 768 } }), cleanup: () => undefined };
    },
    ({ preview }) => preview.setClock({ instant: '2020-02-17T01:30:00.000Z' }), // Monday 09:30 in 郑州
  );

  it('上报 with nothing to report says where the data comes from and opens 导入; 上报记录 leads to 生成上报包', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    await new ShellPage(page).open('上报');
    const ex = new ExportPage(page);
    const empty = ex.nothingToReport();
    await empty.waitFor();
    expect(await empty.textContent()).toContain('先导入社区报来的表格');
    expect(await ex.personalDataNotice()).toBe('还没有选择要上报的表格。');
    expect(await auditScreen(page)).toEqual([]);
    await screenshot(page, 'empty-ledger-export');
    // 上报记录 with none: the way to the first one is a button, not only a sentence naming the tab.
    await ex.tab('上报记录');
    await page.getByRole('status').filter({ hasText: '还没有生成过上报包' }).getByRole('button', { name: '去生成上报包' }).click();
    await empty.waitFor();
    await empty.getByRole('link', { name: '导入表格' }).click();
    // 导入, in turn, says a community comes first, and where to add it.
    await page.getByRole('link', { name: '到「设置 › 社区与网格」添加社区' }).waitFor();
  });
});
