import { describe, expect, it } from 'vitest';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { SetupWizardPage, ShellPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

describe('keys: a disable rotates them, 「更换密钥」 explains itself, a new recovery key is shown once', () => {
  const app = appForEachAttempt();

  it('walks a coordinator through 设置 → 用户 → 密钥', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    const first = await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');
    await settings.keys().getByText('还没有更换过密钥。').waitFor();

    step('停用一位录入员：密钥随之更换');
    await settings.addUser({ name: '刘晓燕', username: 'liuxy', role: '录入员', password: 'password-1234' });
    // No 停用 on one's own account (it could only fail); another's asks first and says what it does.
    await expect.poll(() => settings.grid('用户列表').getByRole('row').filter({ hasText: '王建国' }).textContent()).toContain('当前登录的账号');
    expect(await settings.grid('用户列表').getByRole('row').filter({ hasText: '王建国' }).getByRole('button', { name: '停用' }).count()).toBe(0);
    expect(await settings.disableUser('刘晓燕')).toContain('这个账号的密码不能再打开台账');
    await settings
      .keys()
      .getByText(/^上次更换密钥：/)
      .waitFor();

    step('更换密钥：先说清楚做什么，再确认');
    const explained = await settings.rotateKeys();
    expect(explained).toContain('大家的密码和恢复密钥都不变');
    expect(explained).toContain('以前做的备份不受影响');
    await page.getByRole('button', { name: '更换密钥' }).click();
    await screenshot(page, 'keys-rotate-confirm');
    await page.getByRole('dialog', { name: '确认更换密钥' }).getByRole('button', { name: '取消' }).click();

    step('生成新的恢复密钥：只显示一次，与原来的不同');
    await settings.newRecoveryKey();
    const second = await wizard.recoveryKey();
    expect(second).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(second).not.toBe(first);
    await screenshot(page, 'keys-new-recovery-key');
    await wizard.continue();
    await settings.keys().waitFor();
    await screenshot(page, 'keys-settings-users');
  });
});
