/**
 * 入户排查 as a worklist, at 1366×768 on the demo ledger, at 01:30 in 郑州 (17:30 UTC, the office's next day): the
 * coordinator lists the 未排查 households, marks the first 已排查 and, as the hint above the grid says, then writes
 * 排查人 and 排查结果 in the same row. Before, the grid asked for its rows again after each save, so the household left
 * the 未排查 list at once and its 排查人 and 排查结果 could not be written there. 查询 lists the filter afresh: it is gone,
 * the next household first, and 排查覆盖 counts one more (the unscreened 11 of the demo's 200 households, by hand:
 * 173 已排查 + 12 不在家 + 4 拒绝 + 11 未排查).
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { UnlockPage } from './pages/auth-pages';
import { CaseloadPage } from './pages/caseload-page';
import { WalkPage } from './pages/walk-page';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { screenshot } from './support/preview';

const NOW = '2020-02-17T17:30:00.000Z'; // 01:30 on Tuesday 18 February in 郑州

describe('入户排查: the 未排查 list as the coordinator works through it', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, { width: 1366, height: 768 });

  it('keeps the household just marked 已排查 in its row until 查询, so 排查人 and 排查结果 are written there', async () => {
    const { page } = app;
    const coordinator = DEMO_USERS[0];
    await new UnlockPage(page).unlock(coordinator.username, coordinator.password);
    await page.getByText(`${coordinator.displayName}（统筹负责人）`).waitFor();
    const caseload = new CaseloadPage(page);
    await new WalkPage(page).openScreen('人员台账');
    await caseload.tab('排查覆盖');
    const headline = page.getByRole('region', { name: '全街道排查覆盖' });
    await expect.poll(() => headline.textContent()).toContain('已排查 173 户');
    expect(await headline.textContent()).toContain('不在家 12 户，拒绝 4 户，未排查 11 户（2020-02-18）');

    await caseload.tab('入户排查');
    const main = page.locator('main.content');
    await main.getByLabel('排查状态', { exact: true }).selectOption({ label: '未排查' });
    await main.getByText('共 11 户', { exact: true }).waitFor();
    const grid = page.getByRole('region', { name: '住户列表' });
    const addresses = () => grid.locator('.ag-cell[col-id="address"]').allTextContents();
    await expect.poll(async () => (await addresses()).length).toBe(11);
    const [first, next] = await addresses();
    const row = grid.getByRole('row').filter({ hasText: first! });

    await row.locator('[col-id="screeningStatus"]').dblclick();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').getByRole('option', { name: '已排查' }).click();
    await page.getByRole('status').filter({ hasText: '已保存。这一户已不是「未排查」，仍留在这里便于填完这一行；点「查询」后不再列出' }).waitFor();
    // Dated the office's day, not the UTC one.
    await expect.poll(() => row.locator('[col-id="screenedOn"]').textContent()).toBe('2020-02-18');
    expect(await row.count()).toBe(1);

    await row.locator('[col-id="screenedBy"]').dblclick();
    await page.keyboard.type('王丽华');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('[col-id="screenedBy"]').textContent()).toBe('王丽华');
    await row.locator('[col-id="screeningResult"]').dblclick();
    await page.keyboard.type('无异常，家中两人均在');
    await page.keyboard.press('Enter');
    await expect.poll(() => row.locator('[col-id="screeningResult"]').textContent()).toBe('无异常，家中两人均在');
    await screenshot(page, 'household-visit-worklist-row-kept');

    // Its visit as written: the members' panel reads it from the core.
    const home = await caseload.householdMembers({ address: first! });
    expect(await home.panel.textContent()).toContain('排查状态：已排查（2020-02-18 王丽华）');
    await home.panel.getByRole('button', { name: '关闭' }).click();

    // 查询: the list afresh, the household gone and the next one first.
    await main.getByRole('button', { name: '查询', exact: true }).click();
    await main.getByText('共 10 户', { exact: true }).waitFor();
    await expect.poll(async () => (await addresses())[0]).toBe(next);
    expect(await addresses()).not.toContain(first);
    await screenshot(page, 'household-visit-worklist-next');

    // Counted.
    await caseload.tab('排查覆盖');
    await expect.poll(() => headline.textContent()).toContain('已排查 174 户');
    expect(await headline.textContent()).toContain('未排查 10 户（2020-02-18）');
  });
});
