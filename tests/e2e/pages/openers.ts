/**
 * What a click opens, and how a test opens it: a case's drawer, a household, a staff member, a memorial record, a
 * commendation, the confirmations in 用户 and 密钥, and the forms opened by a button, with who reaches each
 * (dialogs.e2e.ts opens them as each role).
 */
import type { Locator, Page } from 'playwright-core';

export interface Opener {
  slug: string;
  nav: string;
  tab?: string;
  /** Whether the viewer (只读查看) reaches it too. */
  viewer: boolean;
  /** Whether the clerk (录入员) reaches it (every opener the viewer reaches, and these). */
  clerk?: true;
  /** Clicks what opens it; returns what opened. */
  open: (page: Page) => Promise<Locator>;
}

/** The first of a list's row buttons named like `name` (「…的同户人员」, 「为…登记个案」). */
const firstButton = (page: Page, name: RegExp): Locator => page.getByRole('button', { name }).first();

const firstCell = (page: Page, grid: string, col: string): Locator =>
  page.getByRole('region', { name: grid }).locator(`.ag-row[row-index="0"] .ag-cell[col-id="${col}"]`);

export const OPENERS: Opener[] = [
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
      await firstButton(page, /的同户人员$/).click();
      return page.getByRole('region', { name: /^住户：/ });
    },
  },
  {
    slug: 'resident-new-case',
    nav: '人员台账',
    tab: '居民查询',
    viewer: false,
    clerk: true,
    open: async (page) => (await firstButton(page, /^为.+登记个案$/).click(), page.getByRole('form', { name: '登记个案' })),
  },
  {
    slug: 'household-members',
    nav: '人员台账',
    tab: '入户排查',
    viewer: true,
    open: async (page) => (await firstButton(page, /的成员$/).click(), page.getByRole('region', { name: /^住户：/ })),
  },
  {
    slug: 'staff-detail',
    nav: '人员',
    // The detail is the edit form (保险、请假、心理健康评估): the viewer's list does not open it.
    viewer: false,
    clerk: true,
    open: async (page) => (await firstCell(page, '人员列表', 'name').click(), page.getByRole('heading', { name: /：基本信息、保险、请假与心理健康评估$/ })),
  },
  {
    slug: 'memorial-record',
    nav: '表彰与纪念',
    tab: '牺牲人员',
    viewer: false,
    open: async (page) => (await firstButton(page, /^查看.+的记录$/).click(), page.locator('.memorial-head')),
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
