/**
 * The walk over every screen and tab, as a coordinator clicks through them:
 * the navigation on the left, the tabs at the top of a screen. The screens
 * and tabs are found on the page; WALK names each one for its screenshot, so
 * a screen or tab nobody listed fails the walk (add one line here).
 */
import type { Page } from 'playwright-core';

export interface WalkScreen {
  /** The screen's name in the navigation. */
  nav: string;
  /** Its screenshot name. */
  slug: string;
  /** Tab label → screenshot name, for screens with tabs. */
  tabs?: Record<string, string>;
}

export const WALK: WalkScreen[] = [
  { nav: '工作台', slug: 'dashboard' },
  { nav: '今日随访', slug: 'today' },
  { nav: '人员台账', slug: 'caseload', tabs: { 个案台账: 'cases', 居民查询: 'residents', 入户排查: 'households', 入户登记: 'register', 排查覆盖: 'coverage' } },
  {
    nav: '物资',
    slug: 'supplies',
    tabs: { 缺口预警: 'shortages', 库存: 'stock', 出入库: 'movements', 到货分配: 'allocation', 趋势: 'trend', 物资品种: 'items' },
  },
  { nav: '排班', slug: 'rota', tabs: { 排班日历: 'calendar', 出勤确认: 'attendance', 岗位与班次: 'posts', 排班规则: 'rules', 补助: 'allowances' } },
  { nav: '人员', slug: 'staff' },
  { nav: '表彰与纪念', slug: 'honours', tabs: { 牺牲人员: 'memorials', 表彰表扬: 'commendations' } },
  { nav: '导入', slug: 'import', tabs: { 导入表格: 'wizard', 导入记录: 'history', 下发收集表: 'collection' } },
  {
    nav: '上报',
    slug: 'export',
    tabs: {
      生成上报包: 'submit',
      区级表格模板: 'templates',
      号码设置: 'numbers',
      报送日历: 'calendar',
      上报记录: 'log',
      本街道公钥: 'key',
      区级核验汇总: 'district',
      备份与恢复: 'backup',
    },
  },
  {
    nav: '设置',
    slug: 'settings',
    tabs: { 社区与网格: 'org', 用户: 'users', 我的账号: 'account', 监测标准: 'health', 自动锁定: 'lock', 日期与时区: 'timezone', 操作日志: 'audit' },
  },
];

export interface WalkStop {
  screen: WalkScreen;
  /** The tab's label, or null for a screen without tabs. */
  tab: string | null;
  /** `<screen>` or `<screen>-<tab>`. */
  slug: string;
}

export class WalkPage {
  constructor(private readonly page: Page) {}

  navLinks(): Promise<string[]> {
    return this.page.getByRole('navigation', { name: '导航' }).getByRole('link').allTextContents();
  }

  async openScreen(nav: string): Promise<void> {
    await this.page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: nav, exact: true }).click();
    await this.settle();
  }

  tabs(): Promise<string[]> {
    return this.page.locator('main.content').getByRole('tablist').first().getByRole('tab').allTextContents();
  }

  async openTab(label: string): Promise<void> {
    await this.page.locator('main.content').getByRole('tablist').first().getByRole('tab', { name: label, exact: true }).click();
    await this.settle();
  }

  /** Until nothing is loading and two frames have been drawn. */
  async settle(): Promise<void> {
    const busy = '.loading, .ag-overlay-loading-wrapper, [aria-busy="true"]';
    // Hidden overlays stay in the DOM: only one that takes up room is still loading.
    const idle = (sel: string) => !Array.from(document.querySelectorAll(sel)).some((e) => e.getBoundingClientRect().height > 0);
    await this.page.waitForFunction(idle, busy, { timeout: 15_000 }).catch(async () => {
      const still = await this.page
        .locator(busy)
        .evaluateAll((els) => els.map((e) => `${e.className} in 「${e.closest('[aria-label]')?.getAttribute('aria-label') ?? ''}」`));
      throw new Error(`still loading after 15 s at ${await this.page.evaluate(() => location.hash)}: ${still.join(', ')}`);
    });
    await this.page.waitForTimeout(250);
    await this.page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
  }
}
