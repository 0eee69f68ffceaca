import { describe, expect, it } from 'vitest';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { FirstPasswordPage, SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

describe('a promotion from 只读查看 is made like 重设密码: a new initial password given in person, the own password confirming it', () => {
  const app = appForEachAttempt();

  it('改为录入员: a wrong own password changes nothing; then the new clerk signs in with the initial password, sets their own, and holds the key', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    const wizard = new SetupWizardPage(page);
    await wizard.createLedger({ office: '东风街道办事处', name: '王建国', username: 'admin', password: 'taizhang2020' });
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();
    const shell = new ShellPage(page);
    await shell.open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');
    await settings.addUser({ name: '赵敏', username: 'zhaomin', role: '只读查看', password: 'zhaomin-first-1' });

    step('只读查看账号的一行有「改为录入员」「改为统筹负责人」；您的密码不对时什么也不改，对话框留着');
    const row = settings.grid('用户列表').getByRole('row').filter({ hasText: '赵敏' });
    await row.getByRole('button', { name: '改为统筹负责人' }).waitFor();
    const wrong = await settings.promote('赵敏', '录入员', { initial: 'zhaomin-init-22', own: 'not-my-password' }, 'refused');
    expect(wrong.explained).toContain('请给他一个新的初始密码，当面告诉本人');
    expect(wrong.said).toContain('「您的密码」不正确，没有做任何改动');
    await settings.promoteDialog('录入员').waitFor();
    expect(await row.textContent()).toContain('只读查看');
    await screenshot(page, 'promotion-dialog');

    step('密码对了：改为录入员，提示把新的初始密码当面告诉本人');
    await settings.promoteDialog('录入员').getByRole('button', { name: '取消' }).click();
    const done = await settings.promote('赵敏', '录入员', { initial: 'zhaomin-init-22', own: 'taizhang2020' });
    expect(done.said).toContain('已把「赵敏」改为录入员，并设了新的初始密码，请当面告诉本人');
    await expect.poll(() => row.textContent()).toContain('在用（待本人设置密码）');
    expect(await row.textContent()).toContain('录入员');
    await screenshot(page, 'promotion-done');

    step('赵敏：原来的密码打不开；用新的初始密码解锁，先设自己的密码，进来就是录入员，没有密钥提示');
    await shell.lock();
    const unlock = new UnlockPage(page);
    await unlock.unlock('zhaomin', 'zhaomin-first-1');
    expect(await unlock.error()).toContain('用户名或密码');
    await unlock.unlock('zhaomin', 'zhaomin-init-22');
    await new FirstPasswordPage(page).setOwn('zhaomin-init-22', 'zhaomin-own-2020');
    await page.getByText('赵敏（录入员）').waitFor();
    expect(await shell.keyNotice().count()).toBe(0);
    await screenshot(page, 'promotion-first-sign-in');
  });
});
