/**
 * What a click opens, at 1366×768 on the demo ledger, as the coordinator and as
 * the viewer: a case's drawer, a household, a staff member, a memorial record,
 * a commendation, the confirmations in 用户 and 密钥, and the forms opened by a
 * button. Each is checked by auditScreen and must open on the screen (its top
 * in view without scrolling); screenshots go to test-output/dialog-<role>-<slug>.png.
 * The walk (walk.e2e.ts) covers the screens and tabs these open from.
 */
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { WalkPage } from './pages/walk-page';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { auditScreen } from './support/screen-audit';
import { screenshot } from './support/preview';

const NOW = '2020-02-17T02:00:00.000Z';
const SCREEN = { width: 1366, height: 768 };

interface Opener {
  slug: string;
  nav: string;
  tab?: string;
  /** Whether the viewer (只读查看) reaches it too. */
  viewer: boolean;
  /** Clicks what opens it; returns what opened. */
  open: (page: Page) => Promise<Locator>;
}

const firstCell = (page: Page, grid: string, col: string): Locator =>
  page.getByRole('region', { name: grid }).locator(`.ag-row[row-index="0"] .ag-cell[col-id="${col}"]`);

const OPENERS: Opener[] = [
  {
    slug: 'case-drawer',
    nav: '人员台账',
    tab: '个案台账',
    viewer: true,
    open: async (page) => (await firstCell(page, '个案列表', 'status').click(), page.getByRole('complementary', { name: '个案详情' })),
  },
  {
    slug: 'resident-household',
    nav: '人员台账',
    tab: '居民查询',
    viewer: true,
    open: async (page) => {
      await page
        .getByRole('button', { name: /的同户人员$/ })
        .first()
        .click();
      return page.getByRole('region', { name: /^住户：/ });
    },
  },
  {
    slug: 'resident-new-case',
    nav: '人员台账',
    tab: '居民查询',
    viewer: false,
    open: async (page) => (
      await page
        .getByRole('button', { name: /^为.+登记个案$/ })
        .first()
        .click(),
      page.getByRole('form', { name: '登记个案' })
    ),
  },
  {
    slug: 'household-members',
    nav: '人员台账',
    tab: '入户排查',
    viewer: true,
    open: async (page) => (
      await page
        .getByRole('button', { name: /的成员$/ })
        .first()
        .click(),
      page.getByRole('region', { name: /^住户：/ })
    ),
  },
  {
    slug: 'staff-detail',
    nav: '人员',
    // The detail is the edit form (保险、请假、心理健康评估): the viewer's list does not open it.
    viewer: false,
    open: async (page) => (await firstCell(page, '人员列表', 'name').click(), page.getByRole('heading', { name: /：基本信息、保险、请假与心理健康评估$/ })),
  },
  {
    slug: 'memorial-record',
    nav: '表彰与纪念',
    tab: '牺牲人员',
    viewer: false,
    open: async (page) => (
      await page
        .getByRole('button', { name: /^查看.+的记录$/ })
        .first()
        .click(),
      page.locator('.memorial-head')
    ),
  },
  {
    slug: 'memorial-form',
    nav: '表彰与纪念',
    tab: '牺牲人员',
    viewer: false,
    open: async (page) => (await page.getByRole('button', { name: '登记牺牲人员' }).click(), page.getByRole('form', { name: '牺牲人员基本情况' })),
  },
  {
    slug: 'commendation',
    nav: '表彰与纪念',
    tab: '表彰表扬',
    viewer: true,
    open: async (page) => (await firstCell(page, '表彰表扬名单', 'subjectName').click(), page.locator('[aria-label="选中的表彰"]')),
  },
  {
    slug: 'number-policy',
    nav: '上报',
    tab: '号码设置',
    viewer: false,
    // Every form starts with full numbers in the demo: mask one (a write, on this test's own ledger), then ask for full numbers again.
    open: async (page) => {
      await page.getByRole('button', { name: '改为隐去' }).first().click();
      await page.getByRole('button', { name: '改为完整号码' }).first().click();
      return page.getByRole('form', { name: '改为完整号码' });
    },
  },
  {
    slug: 'disable-user',
    nav: '设置',
    tab: '用户',
    viewer: false,
    open: async (page) => (await page.getByRole('button', { name: '停用' }).first().click(), page.getByRole('dialog', { name: '确认停用' })),
  },
  {
    slug: 'demote-user',
    nav: '设置',
    tab: '用户',
    viewer: false,
    open: async (page) => (await page.getByRole('button', { name: '改为只读查看' }).first().click(), page.getByRole('dialog', { name: '改为只读查看' })),
  },
  {
    slug: 'rotate-key',
    nav: '设置',
    tab: '用户',
    viewer: false,
    open: async (page) => (await page.getByRole('button', { name: '更换密钥' }).click(), page.getByRole('dialog', { name: '确认更换密钥' })),
  },
  {
    slug: 'new-recovery-key',
    nav: '设置',
    tab: '用户',
    viewer: false,
    open: async (page) => (await page.getByRole('button', { name: '生成新的恢复密钥' }).click(), page.getByRole('dialog', { name: '确认生成新的恢复密钥' })),
  },
];

/** Opens each opener from a freshly opened screen; returns every problem, each prefixed with the opener's slug. */
async function openEach(page: Page, role: 'coordinator' | 'viewer'): Promise<string[]> {
  const walk = new WalkPage(page);
  const problems: string[] = [];
  for (const o of OPENERS.filter((x) => role === 'coordinator' || x.viewer)) {
    // Another screen first, so the opener's screen starts as a user finds it.
    await walk.openScreen(o.nav === '工作台' ? '今日随访' : '工作台');
    await walk.openScreen(o.nav);
    if (o.tab) await walk.openTab(o.tab);
    const opened = await o.open(page);
    await opened.waitFor();
    await walk.settle();
    // Wholly on the screen, or, taller than it, filling it from the top: its buttons are not below the fold.
    const box = await opened.boundingBox();
    const onScreen = box !== null && box.y >= 0 && (box.y + box.height <= SCREEN.height + 1 || box.y <= 100);
    if (!onScreen)
      problems.push(`${o.slug}: not wholly on the screen as it opens (${box ? `${Math.round(box.y)}–${Math.round(box.y + box.height)} px` : 'no box'})`);
    for (const p of await auditScreen(page)) problems.push(`${o.slug}: ${p}`);
    await screenshot(page, `dialog-${role}-${o.slug}`);
  }
  return problems;
}

describe('what a click opens, at 1366×768 on the demo ledger', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('as the coordinator and as the viewer: each opens on the screen, nothing cut, no English', async () => {
    const { page } = app;
    const [coordinator, , viewer] = DEMO_USERS;
    await new UnlockPage(page).unlock(coordinator.username, coordinator.password);
    await page.getByText(`${coordinator.displayName}（统筹负责人）`).waitFor();
    expect(await openEach(page, 'coordinator')).toEqual([]);

    await new ShellPage(page).lock();
    await new UnlockPage(page).unlock(viewer.username, viewer.password);
    await page.getByText(`${viewer.displayName}（只读查看）`).waitFor();
    expect(await openEach(page, 'viewer')).toEqual([]);
    // 入户登记 is not the viewer's: the tab says where to look instead.
    const walk = new WalkPage(page);
    await walk.openScreen('人员台账');
    await walk.openTab('入户登记');
    expect(await page.locator('main.content').textContent()).toContain('查看已登记的住户请到「入户排查」，查找居民请到「居民查询」');
  });
});
