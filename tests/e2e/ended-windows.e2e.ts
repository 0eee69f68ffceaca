/**
 * A window ended by another window's change to its user shows the lock screen at once, saying why, without waiting for
 * the user's next click (the core's `locked` event; renderer/src/app/lock-notice.ts): the clerk's window after the
 * coordinator's 重设密码, the coordinator's after a recovery of their password in another window. 1366×768.
 * Screenshots: test-output/ended-window-*.png.
 */
import { describe, expect, it } from 'vitest';
import { COORDINATOR, FirstPasswordPage, SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';
import { newPage, screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';

const SCREEN = { width: 1366, height: 768 };

describe('a window ended by another window’s change is told why at once', () => {
  const app = appForEachAttempt();

  it('重设密码 locks the clerk’s open window; a recovery locks the coordinator’s', async () => {
    const { page, preview, browser } = app;
    await page.setViewportSize(SCREEN);
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    const recoveryKey = await wizard.createLedger(COORDINATOR);
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();
    const settings = new SettingsPage(page);
    await new ShellPage(page).open('设置');
    await settings.tab('用户');
    await settings.addUser({ name: '刘晓燕', username: 'liuxy', role: '录入员', password: 'liuxy-first-1' });

    step('刘晓燕在另一个窗口登录，设好自己的密码');
    const clerk = await newPage(browser, { viewport: SCREEN, ownWindow: true });
    await clerk.goto(preview.url);
    await new UnlockPage(clerk).unlock('liuxy', 'liuxy-first-1');
    await new FirstPasswordPage(clerk).setOwn('liuxy-first-1', 'liuxy-own-2020');
    await clerk.getByText('刘晓燕（录入员）').waitFor();

    step('统筹负责人为她重设密码：她的窗口随即锁定，并说明原因');
    await settings.resetPassword('刘晓燕', 'liuxy-init-22');
    await clerk.getByRole('heading', { name: '解锁台账' }).waitFor();
    await clerk.getByText('统筹负责人为您重设了密码，这个窗口已锁定。请用统筹负责人告诉您的新密码解锁。').waitFor();
    await screenshot(clerk, 'ended-window-reset');

    step('在这个窗口用恢复密钥为统筹负责人设新密码：统筹负责人的窗口随即锁定，提醒不是本人时要说');
    const unlock = new UnlockPage(clerk);
    await unlock.openRecovery();
    await unlock.recover(COORDINATOR.username, recoveryKey, 'admin-recovered-9');
    await clerk.getByText('王建国（统筹负责人）').waitFor();
    await page.getByRole('heading', { name: '解锁台账' }).waitFor();
    const said = page.getByText(/有人在另一个窗口用恢复密钥为您的账号设置了新密码/);
    expect(await said.textContent()).toContain('如果不是您本人，请立即告诉统筹负责人');
    await screenshot(page, 'ended-window-recovered');
  });
});
