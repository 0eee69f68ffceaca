/**
 * A safer first run: the app's own Chinese messages instead of the browser's
 * bubbles, a recovery key in groups that never break, print and copy, and no
 * way on until its last group is typed back; and in the preview, a second tab
 * asks for the password instead of riding on the first tab's session.
 */
import { describe, expect, it } from 'vitest';
import { COORDINATOR, SetupWizardPage, ShellPage, UnlockPage, firstRunAsCoordinator } from './pages/auth-pages';
import { DashboardPage } from './pages/dashboard-page';
import { newPage, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('first run: the recovery key is kept before anyone goes on; a second tab asks for the password', () => {
  const app = appForEachAttempt();

  it('says in Chinese what is missing, shows the key in whole groups, and asks for its last group', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await page.getByRole('heading', { name: '首次使用：建立本街道的台账' }).waitFor();
    await page.getByRole('button', { name: '建立台账' }).click();
    const hint = page.getByRole('alert');
    expect(await hint.textContent()).toContain('请填写「街道办事处名称」');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    await page.getByLabel('街道办事处名称').fill(COORDINATOR.office);
    await expect.poll(() => hint.count()).toBe(0);
    await page.getByRole('button', { name: '建立台账' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('请填写「您的姓名」');
    await screenshot(page, 'first-run-hint');

    const wizard = new SetupWizardPage(page);
    const key = await wizard.createLedger(COORDINATOR);
    expect(key).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    // Eight groups, each on one line, two rows of four.
    const boxes = await page
      .locator('.recovery-group')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), height: r.height })));
    expect(boxes).toHaveLength(8);
    expect(new Set(boxes.map((b) => b.top)).size).toBe(2);
    expect(Math.max(...boxes.map((b) => b.height))).toBeLessThan(40);
    await screenshot(page, 'first-run-recovery-key');

    await page.getByRole('button', { name: '复制' }).click();
    await page.getByText(/^(已复制|无法复制)/).waitFor();

    // No way on without the last group; a wrong one says so.
    await page.getByRole('button', { name: '我已妥善保存，进入台账' }).click();
    expect(await page.getByRole('alert').textContent()).toContain('请填写「请输入第 8 组（最后 4 位），确认您已记下」');
    await wizard.continue(key.split('-')[0]!);
    expect(await page.getByRole('alert').textContent()).toContain('与第 8 组不一致');
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();

    // The empty ledger's 工作台 claims nothing it has not measured: no stock is not 「够用」, nobody observed is not 「全部完成」.
    const dash = new DashboardPage(page);
    await expect.poll(() => dash.figure('物资缺口')).toBe('—');
    expect(await dash.tile('物资缺口').textContent()).toContain('还没有库存记录');
    expect(await dash.tile('物资缺口').textContent()).not.toContain('够用');
    expect(await dash.tile('逾期未监测').textContent()).toContain('目前没有在观察的人');
    expect(await dash.tile('牺牲人员逾期未报告').textContent()).toContain('没有到期的家属慰问或帮扶');
  });

  it('asks a second tab for the password, and a duplicated tab too', async () => {
    const { page, preview, browser } = app;
    // Each test (and each attempt) has its own ledger: the first tab sets it up.
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const second = await newPage(browser, { ownWindow: true });
    await second.goto(preview.url);
    await second.getByRole('heading', { name: '解锁台账' }).waitFor();
    expect(await second.getByText('王建国（统筹负责人）').count()).toBe(0);
    await new UnlockPage(second).unlock(COORDINATOR.username, COORDINATOR.password);
    await second.getByText('王建国（统筹负责人）').waitFor();
    // Locking the second tab leaves the first one open.
    await second.getByRole('button', { name: '锁定' }).click();
    await second.getByRole('heading', { name: '解锁台账' }).waitFor();
    await page.reload();
    await page.getByText('王建国（统筹负责人）').waitFor();

    // A duplicated tab carries the first tab's window id in its sessionStorage: it must take its own.
    const duplicate = await page.context().newPage();
    await duplicate.goto(preview.url);
    await duplicate.getByRole('heading', { name: '解锁台账' }).waitFor();
    await new ShellPage(page).open('设置');
    await page.getByRole('heading', { name: '设置' }).waitFor();
  });
});
