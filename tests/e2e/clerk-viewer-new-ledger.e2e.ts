/**
 * A clerk's (录入员) and a viewer's (只读查看) first look at a nearly empty ledger in the office window (1366×678): the
 * coordinator has added a community, its grid and one post, nothing else. Every screen and tab each may open, as it
 * opens: nothing cut (support/office-window.ts), and nothing they are told to do that their role cannot
 * (support/empty-states.ts waysBeyondRole): a viewer is told who registers, imports or books, not sent to 「去登记入库」;
 * a clerk is not told 「自动排班」 is theirs. Screenshots: test-output/new-ledger-<role>-<stop>.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { clearMustChangePassword, getUserByName } from '../../electron/core/auth/user-queries';
import { asWriteDb } from '../../electron/core/db/types';
import { PASSWORD } from '../helpers/ledger';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { WALK, WalkPage } from './pages/walk-page';
import { step } from './support/attempt';
import { waysBeyondRole } from './support/empty-states';
import { OFFICE_WINDOW, officeWindowProblems } from './support/office-window';
import { screenshot } from './support/preview';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';

const NOW = '2020-02-17T02:00:00.000Z'; // Monday 10:00 in 郑州
const CLERK = { username: 'liuxy', displayName: '刘晓燕', role: 'clerk' as const };
const VIEWER = { username: 'chenzq', displayName: '陈志强', role: 'viewer' as const };

/** Every screen and tab the signed-in user may open, each checked as it opens; every problem prefixed with where. */
async function walkAs(page: Page, role: 'clerk' | 'viewer'): Promise<string[]> {
  const walk = new WalkPage(page);
  const problems: string[] = [];
  for (const nav of await walk.navLinks()) {
    const screen = WALK.find((s) => s.nav === nav);
    if (!screen) {
      problems.push(`screen 「${nav}」 is not in WALK (tests/e2e/pages/walk-page.ts)`);
      continue;
    }
    await walk.openScreen(nav);
    const tabs = await walk.tabs();
    for (const tab of tabs.length > 0 ? tabs : [null]) {
      if (tab) await walk.openTab(tab);
      const slug = tab ? `${screen.slug}-${screen.tabs?.[tab] ?? tab}` : screen.slug;
      for (const p of [...(await officeWindowProblems(page)), ...(await waysBeyondRole(page, role))]) problems.push(`${slug}: ${p}`);
      await screenshot(page, `new-ledger-${role}-${slug}`);
    }
  }
  return problems;
}

describe('a clerk and a viewer on a nearly empty ledger, in the office window', () => {
  const app = preparedLedgerForEachAttempt({
    withLedger: async (t) => {
      const community = await t.call('org.communities.save', { name: '青松里社区' });
      await t.call('org.grids.save', { communityId: community.id, name: '第一网格', households: 0, population: 0 });
      const shifts = await t.call('rota.shifts.list', {});
      await t.call('rota.posts.save', {
        communityId: community.id,
        name: '青松里小区东门卡口',
        location: '青松里小区东门',
        kind: 'checkpoint',
        requirements: [{ shiftId: shifts[0]!.id, headcount: 2 }],
      });
      for (const u of [CLERK, VIEWER]) {
        await t.call('users.create', { ...u, password: PASSWORD });
        // They have set their own password already (the first one is clerk-viewer-first-hour.e2e's).
        const row = getUserByName(t.core.services.ledger.handle(), u.username)!;
        clearMustChangePassword(asWriteDb(t.core.services.ledger.handle()), row.id, t.clock.nowIso());
      }
    },
  });

  it('each is told only what their role can do, and who does the rest', async () => {
    const { page, preview } = app;
    await page.setViewportSize(OFFICE_WINDOW);
    await preview.setClock({ instant: NOW });
    await page.goto(preview.url);
    const walk = new WalkPage(page);

    step('录入员：每个画面，只说录入员能做的');
    await new UnlockPage(page).unlock(CLERK.username, PASSWORD);
    await page.getByText(`${CLERK.displayName}（录入员）`).waitFor();
    expect(await walkAs(page, 'clerk')).toEqual([]);
    // A post but nobody to put on it: the clerk registers people and 安排s; 自动排班 is the coordinator's.
    await walk.openScreen('排班');
    await walk.openTab('排班日历');
    const noStaff = page.getByRole('status', { name: '还没有人员' });
    expect(await noStaff.textContent()).toContain('自动排班由统筹负责人办理');
    expect(await noStaff.getByRole('link', { name: '去登记人员' }).getAttribute('href')).toBe('#/staff');
    expect(await page.getByRole('button', { name: '自动排班', exact: true }).count()).toBe(0);
    await screenshot(page, 'new-ledger-clerk-rota-no-staff');
    // The clerk books stock: the way there is theirs.
    await walk.openScreen('物资');
    expect(await page.getByRole('region', { name: '缺口清单' }).getByRole('link', { name: '去登记入库' }).count()).toBe(1);
    await new ShellPage(page).lock();

    step('只读查看：每个画面，说清由谁登记，不给写的按钮');
    await new UnlockPage(page).unlock(VIEWER.username, PASSWORD);
    await page.getByText(`${VIEWER.displayName}（只读查看）`).waitFor();
    expect(await walkAs(page, 'viewer')).toEqual([]);
    await walk.openScreen('工作台');
    expect(await page.locator('main.content').textContent()).toContain('还没有库存记录（由录入员或统筹负责人在「物资」登记入库或盘点）');
    await walk.openScreen('物资');
    const shortages = page.getByRole('region', { name: '缺口清单' });
    expect(await shortages.textContent()).toContain('录入员或统筹负责人在「出入库」登记入库或盘点后');
    expect(await shortages.getByRole('link').count()).toBe(0);
    await screenshot(page, 'new-ledger-viewer-supplies-no-stock');
    await walk.openScreen('排班');
    await walk.openTab('排班日历');
    expect(await noStaff.textContent()).toContain('录入员或统筹负责人在「人员」登记后');
    expect(await noStaff.getByRole('link').count()).toBe(0);
    await walk.openScreen('人员');
    expect(await page.getByRole('region', { name: '人员列表' }).textContent()).toContain('由录入员或统筹负责人登记后');
    expect(await page.locator('main.content').textContent()).not.toContain('点「登记人员」');
  });
});
