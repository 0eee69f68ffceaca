/**
 * A new coordinator's empty ledger at 1366×768 (session 22's walk): each empty screen says what it is for and the
 * first thing to do, with the button that does it. 上报 said only 「台账中还没有可以上报的数据。」 (a dead end) and,
 * under it, 「所选表格只有汇总数字，不含个人信息。」 about forms nobody could select.
 */
import { describe, expect, it } from 'vitest';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { GridPage } from './pages/grid-page';
import { RotaPage } from './pages/rota-page';
import { SuppliesPage } from './pages/supplies-page';
import { auditScreen } from './support/screen-audit';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';

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

  it('牺牲人员, 补助 and 预计到货 say what to do first and offer the way (session 32’s walk: a bare sentence, no button)', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const shell = new ShellPage(page);

    step('表彰与纪念 › 牺牲人员: 「没有牺牲人员记录。」 alone; now what the list is for, and where its button is');
    await shell.open('表彰与纪念');
    const memorials = new GridPage(page, '牺牲人员名单');
    expect(await memorials.emptyText()).toContain('还没有牺牲人员记录。有人因社区防控工作牺牲时，点上方的「登记牺牲人员」登记基本情况');
    expect(await auditScreen(page)).toEqual([]);
    await screenshot(page, 'empty-ledger-memorials');
    await page.getByRole('button', { name: '登记牺牲人员' }).click();
    await page.getByRole('form', { name: '牺牲人员基本情况' }).waitFor();

    step('排班 › 补助: no way on from 「先在「排班日历」排班」; now a link there');
    await shell.open('排班');
    await new RotaPage(page).tab('补助');
    const allowances = new GridPage(page, '补助计算');
    expect(await allowances.emptyText()).toContain('先在「排班日历」排班并确认出勤，或换一个期间。');
    await screenshot(page, 'empty-ledger-allowances');
    await allowances.emptyAction('去排班日历').click();
    await expect.poll(() => page.getByRole('tab', { name: '排班日历' }).getAttribute('aria-selected')).toBe('true');

    step('物资 › 库存: 「在这里登记」 named no place; now the form above and its button');
    await shell.open('物资');
    await new SuppliesPage(page).tab('库存');
    const deliveries = new GridPage(page, '预计到货');
    expect(await deliveries.emptyText()).toContain('在上面填好仓库、物资、日期和数量，点「登记预计到货」');
    await deliveries.region().scrollIntoViewIfNeeded();
    await page.getByRole('button', { name: '登记预计到货' }).waitFor();
    await screenshot(page, 'empty-ledger-deliveries');
  });
});
