/**
 * The walk: every screen and tab at 1366×768, as the coordinator, on the demo
 * ledger and on a fresh one, checked by auditScreen (nothing cut, no sideways
 * page, no English identifiers, no bare 「无显示行」). Screenshots of every stop
 * go to test-output/walk-<ledger>-<stop>.png; with REFRESH_SCREENSHOTS=1 the
 * demo's go to resources/screenshots/ too (README shows one of them).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { firstRunAsCoordinator, ShellPage, UnlockPage } from './pages/auth-pages';
import { WALK, WalkPage } from './pages/walk-page';
import { GridPage } from './pages/grid-page';
import { buildDemoFolder, demoLedgerForEachAttempt } from './support/demo-ledger';
import { auditScreen } from './support/screen-audit';
import { openApp, screenshot } from './support/preview';
import { OFFICE_WINDOW, officeWindowProblems } from './support/office-window';
import { appForEachAttempt } from './support/attempt';
import { writeButtonsShown } from './support/viewer-buttons';
import { emptyGridsNotLeading } from './support/empty-states';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };
/** The demo's stops that README and the repository show, by the names they have there. */
const KEPT: Record<string, string> = {
  dashboard: 'dashboard',
  'caseload-cases': 'caseload',
  'settings-audit': 'settings-audit',
  today: 'today',
  'rota-calendar': 'rota-calendar',
  'supplies-shortages': 'supplies',
};

/** The viewer's screens: no button that writes (support/viewer-buttons.ts). */
const noWriteButtons = (page: Page) => writeButtonsShown(page.locator('main.content'));

/** Clicks through every screen and tab; returns every problem found, each prefixed with where. */
async function walkEveryScreen(page: Page, ledger: string, check: (page: Page) => Promise<string[]> = async () => []): Promise<string[]> {
  const walk = new WalkPage(page);
  const problems: string[] = [];
  const stop = async (slug: string) => {
    for (const p of [...(await auditScreen(page)), ...(await check(page))]) problems.push(`${slug}: ${p}`);
    const shot = await screenshot(page, `walk-${ledger}-${slug}`);
    if (process.env.REFRESH_SCREENSHOTS === '1' && ledger === 'demo' && KEPT[slug]) {
      mkdirSync(resolve('resources/screenshots'), { recursive: true });
      copyFileSync(shot, resolve('resources/screenshots', `${KEPT[slug]}.png`));
    }
  };
  for (const nav of await walk.navLinks()) {
    const screen = WALK.find((s) => s.nav === nav);
    if (!screen) {
      problems.push(`screen 「${nav}」 is not in WALK (tests/e2e/pages/walk-page.ts): add it`);
      continue;
    }
    await walk.openScreen(nav);
    const tabs = await walk.tabs();
    if (tabs.length === 0) await stop(screen.slug);
    for (const tab of tabs) {
      const slug = screen.tabs?.[tab];
      if (!slug) {
        problems.push(`tab 「${tab}」 on 「${nav}」 is not in WALK (tests/e2e/pages/walk-page.ts): add it`);
        continue;
      }
      await walk.openTab(tab);
      await stop(`${screen.slug}-${slug}`);
    }
  }
  return problems;
}

describe('the walk on the demo ledger, as the coordinator', () => {
  const app = appForEachAttempt(
    async () => {
      const dataDir = await buildDemoFolder(NOW, 3000);
      return { ...(await openApp({ dataDir })), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
    },
    async ({ preview, page }) => {
      await page.setViewportSize(SCREEN);
      await preview.setClock({ instant: NOW });
      await page.goto(preview.url);
      await new UnlockPage(page).unlock(DEMO_USERS[0].username, DEMO_USERS[0].password);
      await page.getByText(`${DEMO_USERS[0].displayName}（统筹负责人）`).waitFor();
    },
  );

  it('every screen and tab at 1366×768', async () => {
    expect(await walkEveryScreen(app.page, 'demo')).toEqual([]);
  });
});

// The clerk and the viewer in the office window (1366×678) as well as the coordinator: each screen as it opens, heading,
// tabs and main button in sight, no words past their box; the viewer shown no button that writes.
describe('the walk on the demo ledger, as the clerk and as the viewer, in the office window (1366×678)', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, OFFICE_WINDOW);

  it('every screen and tab each may open: in sight, nothing cut, nothing a viewer can only fail at', async () => {
    const { page } = app;
    const clerk = DEMO_USERS[1];
    await new UnlockPage(page).unlock(clerk.username, clerk.password);
    await page.getByText(`${clerk.displayName}（录入员）`).waitFor();
    expect(await walkEveryScreen(page, 'clerk', officeWindowProblems)).toEqual([]);
    // The check itself: the clerk's 今日随访 has buttons that write (登记监测), and it names them.
    await new WalkPage(page).openScreen('今日随访');
    expect((await noWriteButtons(page)).join()).toContain('登记监测');
    await new ShellPage(page).lock();

    const viewer = DEMO_USERS[2];
    await new UnlockPage(page).unlock(viewer.username, viewer.password);
    await page.getByText(`${viewer.displayName}（只读查看）`).waitFor();
    expect(await walkEveryScreen(page, 'viewer', async (p) => [...(await officeWindowProblems(p)), ...(await noWriteButtons(p))])).toEqual([]);
    // 出勤确认: the viewer confirms nothing, so no 「确认」 column of empty cells; the line above says who confirms.
    const walk = new WalkPage(page);
    await walk.openScreen('排班');
    await walk.openTab('出勤确认');
    const attendance = new GridPage(page, '出勤确认');
    expect(await attendance.headers()).toContain('出勤情况');
    expect(await attendance.headers()).not.toContain('确认');
    expect(await page.locator('main.content').textContent()).toContain('只读账号只能查看，出勤由统筹负责人或录入员确认。');
    await screenshot(page, 'walk-viewer-attendance-read-only');
  });
});

/** A fresh ledger for every attempt, its first coordinator signed in at NOW in a page of `size`. */
function freshLedgerForEachAttempt(size: { width: number; height: number }) {
  return appForEachAttempt(openApp, async ({ preview, page }) => {
    await page.setViewportSize(size);
    await preview.setClock({ instant: NOW });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
  });
}

describe('the walk on a fresh ledger, from the first run', () => {
  const app = freshLedgerForEachAttempt(SCREEN);

  it('every screen and tab at 1366×768', async () => {
    expect(await walkEveryScreen(app.page, 'fresh')).toEqual([]);
    // A new user's empty 今日随访 says where its people come from.
    await new WalkPage(app.page).openScreen('今日随访');
    expect(await app.page.locator('main.content').textContent()).toContain('个案在「人员台账」登记，或从社区报来的表格导入');
    // No community yet: 入户登记 and 下发收集表 say why their 社区 choice is empty and lead to where one is added.
    for (const [screen, tab] of [
      ['人员台账', '入户登记'],
      ['导入', '下发收集表'],
    ] as const) {
      await new WalkPage(app.page).openScreen(screen);
      await new WalkPage(app.page).openTab(tab);
      const none = app.page.getByRole('status', { name: '还没有社区' });
      expect(await none.getByRole('link', { name: '到「设置 › 社区与网格」添加社区' }).getAttribute('href')).toBe('#/settings?tab=org');
    }
    // Nothing booked yet: 库存 says 无库存, not 充足, and 趋势 says there is no record instead of flat lines at 0.
    const walk = new WalkPage(app.page);
    await walk.openScreen('物资');
    await walk.openTab('库存');
    expect(await app.page.getByRole('region', { name: '库存', exact: true }).textContent()).not.toContain('充足');
    expect(await app.page.getByRole('region', { name: '库存', exact: true }).textContent()).toContain('无库存');
    await walk.openTab('趋势');
    expect(await app.page.locator('main.content').textContent()).toContain('近 30 天没有这项物资的库存记录');
  });
});

describe('the walk in the office window (1366×678), on a fresh ledger', () => {
  const app = freshLedgerForEachAttempt(OFFICE_WINDOW);

  // Each screen as it opens, unscrolled: its heading, tabs and main button inside the window; no words past their box;
  // each empty grid says what to do first, with the button that does it or naming one on the screen (support/empty-states.ts).
  it('every screen and tab of a fresh ledger: heading, tabs and main button in sight, no words past their box, each empty grid leading on', async () => {
    const { page } = app;
    const check = async (p: Page) => [...(await officeWindowProblems(p)), ...(await emptyGridsNotLeading(p))];
    expect(await walkEveryScreen(page, 'office-fresh', check)).toEqual([]);
    const walk = new WalkPage(page);
    // 库存 of a new ledger lists every item at 0 (no empty grid to say so): it says what comes first, with the way there.
    await walk.openScreen('物资');
    await walk.openTab('库存');
    await page.getByRole('status', { name: '还没有库存记录' }).getByRole('link', { name: '去登记入库' }).click();
    await expect.poll(() => page.getByRole('tab', { name: '出入库' }).getAttribute('aria-selected')).toBe('true');
    // 岗位与班次 before any community: its 岗位所属社区 offers none, so it says where one is added.
    await walk.openScreen('排班');
    await walk.openTab('岗位与班次');
    const none = page.getByRole('status', { name: '还没有社区' });
    expect(await none.textContent()).toContain('每个岗位都要归到一个社区');
    expect(await none.getByRole('link', { name: '到「设置 › 社区与网格」添加社区' }).getAttribute('href')).toBe('#/settings?tab=org');
    // 表彰表扬's form lies below the list: the button above it brings it into the window, its first box ready.
    await walk.openScreen('表彰与纪念');
    await walk.openTab('表彰表扬');
    await page.getByRole('button', { name: '新增表彰推荐' }).click();
    const subject = page.getByRole('form', { name: '新增表彰推荐' }).getByLabel('表彰对象', { exact: true });
    await expect.poll(() => subject.evaluate((e) => e === document.activeElement)).toBe(true);
    await expect.poll(() => subject.evaluate((e) => e.getBoundingClientRect().bottom <= window.innerHeight && e.getBoundingClientRect().top >= 0)).toBe(true);
    await screenshot(page, 'walk-office-fresh-commendation-form');
  });
});

describe('the walk in the office window (1366×678), on the demo ledger', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, OFFICE_WINDOW);

  it('every screen and tab of the demo: heading, tabs and main button in sight, no words past their box', async () => {
    const { page } = app;
    await new UnlockPage(page).unlock(DEMO_USERS[0].username, DEMO_USERS[0].password);
    await page.getByText(`${DEMO_USERS[0].displayName}（统筹负责人）`).waitFor();
    expect(await walkEveryScreen(page, 'office-demo', officeWindowProblems)).toEqual([]);
    const walk = new WalkPage(page);
    const inWindow = (l: Locator) => l.evaluate((e) => e.getBoundingClientRect().top >= 0 && e.getBoundingClientRect().bottom <= window.innerHeight);
    // 库存: 预计到货's form is under the 460 px grid; the button above brings it into the window, its first box ready.
    await walk.openScreen('物资');
    await walk.openTab('库存');
    await page.getByRole('button', { name: '新增预计到货' }).click();
    const delivery = page.getByRole('form', { name: '登记预计到货' });
    await expect.poll(() => delivery.getByLabel('到货仓库').evaluate((e) => e === document.activeElement)).toBe(true);
    await expect.poll(() => inWindow(delivery.getByRole('button', { name: '登记预计到货' }))).toBe(true);
    await screenshot(page, 'walk-office-demo-supplies-delivery-form');
    // 补助: the pay sheet beside the period (checked by the walk); the demo sets no 补助标准, and the note leads to the form.
    await walk.openScreen('排班');
    await walk.openTab('补助');
    await page.getByRole('note', { name: '未设补助标准' }).getByRole('button', { name: '设置补助标准' }).click();
    const rates = page.getByRole('form', { name: '修改补助标准' });
    await expect.poll(() => rates.getByLabel('人员类别').evaluate((e) => e === document.activeElement)).toBe(true);
    await expect.poll(() => inWindow(rates.getByRole('button', { name: '保存补助标准' }))).toBe(true);
    await screenshot(page, 'walk-office-demo-rota-rates-form');
    // 上报: three steps taller than the window; the way on stays at its foot, saying what it still waits for.
    await walk.openScreen('上报');
    const bar = page.locator('main.content .step-actions');
    expect(await bar.getByRole('status').textContent()).toBe('还需要在第 3 步选择保存位置（U 盘或文件夹）、填写压缩包密码（至少 8 位）。');
    await page.getByLabel('保存位置（U 盘或文件夹）').fill(tmpdir());
    // The password box under the bar (its label just above it): clicked on its label, it comes up above the bar to be typed in.
    const password = page.getByLabel('压缩包密码');
    await password.evaluate((e) => {
      const top = document.querySelector('main.content .step-actions')!.getBoundingClientRect().top;
      e.closest('main')!.scrollTop += e.getBoundingClientRect().top - top - 4;
    });
    await page.locator('label', { hasText: '压缩包密码' }).click();
    await page.keyboard.type('office-2020');
    const [box, barBox] = [(await password.boundingBox())!, (await bar.boundingBox())!];
    expect(box.y + box.height, '压缩包密码 above the bar').toBeLessThanOrEqual(barBox.y);
    await expect.poll(() => bar.getByRole('status').count()).toBe(0);
    expect(await bar.getByRole('button', { name: '生成上报包' }).isEnabled()).toBe(true);
    expect(await inWindow(bar.getByRole('button', { name: '生成上报包' }))).toBe(true);
    await screenshot(page, 'walk-office-demo-export-submit-ready');
  });
});
