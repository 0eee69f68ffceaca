import { describe, expect, it } from 'vitest';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { ConfirmedByPage, SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

describe('keys: a disable rotates them (confirmed with the own password, who to reset and the new recovery key shown), 「更换密钥」 explains itself, a new recovery key is shown once', () => {
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

    step('停用一位录入员：用自己的密码确认；结果列出需重设密码的人，并给出新的恢复密钥');
    await settings.addUser({ name: '刘晓燕', username: 'liuxy', role: '录入员', password: 'password-1234' });
    await settings.addUser({ name: '孙丽', username: 'sunli', role: '录入员', password: 'password-1234' });
    // No 停用 on one's own account (it could only fail); another's asks first and says what it does.
    await expect.poll(() => settings.grid('用户列表').getByRole('row').filter({ hasText: '王建国' }).textContent()).toContain('当前登录的账号');
    expect(await settings.grid('用户列表').getByRole('row').filter({ hasText: '王建国' }).getByRole('button', { name: '停用' }).count()).toBe(0);
    // The dialog with its three boxes, at 1366×768, and a new password typed differently twice: named, nothing done.
    await page.setViewportSize({ width: 1366, height: 768 });
    await settings.grid('用户列表').getByRole('row').filter({ hasText: '刘晓燕' }).getByRole('button', { name: '停用' }).click();
    const asking = page.getByRole('dialog', { name: '确认停用' });
    await settings.fillRotationPasswords(asking, 'taizhang2020', 'wangjg-new-2020', 'wangjg-new-2021');
    await asking.getByRole('button', { name: '确认停用' }).click();
    await page.getByRole('alert').filter({ hasText: '「再次输入新密码」与「新密码」不一致，没有做任何改动' }).waitFor();
    await screenshot(page, 'keys-disable-confirm');
    await asking.getByRole('button', { name: '取消' }).click();
    const disabling = await settings.disableUser('刘晓燕', 'taizhang2020', 'wangjg-new-2020');
    expect(disabling).toContain('这个账号的密码不能再打开台账');
    expect(disabling).toContain('请输入您自己的密码确认，并设一个新密码');
    const result = settings.rotationResult();
    expect(await result.getByRole('status', { name: '您的新密码' }).textContent()).toContain('从现在起请用新密码登录，原来的密码已作废。');
    const toReset = await result.getByRole('status', { name: '需重设密码' }).textContent();
    expect(toReset).toContain('孙丽的密码还打不开新密钥');
    expect(toReset).toContain('请当面为他们重设密码；在此之前请他们不要用原来的密码登录。');
    expect(await result.textContent()).toContain('原来那张从此打不开台账');
    const rotatedKey = await wizard.recoveryKey();
    expect(rotatedKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(rotatedKey).not.toBe(first);
    await screenshot(page, 'keys-rotation-result');
    // One main region: the recovery sheet is a section of 设置 (before: a <main> inside the shell's <main>).
    expect(await page.getByRole('main').count()).toBe(1);
    // Already in the ledger: the sheet's last button goes back to the users, not 「进入台账」.
    expect(await result.getByRole('button', { name: '我已妥善保存，回到用户列表' }).count()).toBe(1);
    await wizard.continue();
    await expect.poll(() => settings.grid('用户列表').getByRole('row').filter({ hasText: '孙丽' }).textContent()).toContain('需重设密码');
    await settings
      .keys()
      .getByText(/^上次更换密钥：/)
      .waitFor();
    await screenshot(page, 'keys-needs-reset');
    await settings.resetPassword('孙丽', 'sunli-reset-2020');
    await expect.poll(() => settings.grid('用户列表').getByRole('row').filter({ hasText: '孙丽' }).textContent()).not.toContain('需重设密码');

    step('更换密钥：先说清楚做什么；原来的密码已作废，新密码与现在的相同也不行，都什么也不做；再确认');
    await settings.keys().getByRole('button', { name: '更换密钥' }).click();
    const confirm = page.getByRole('dialog', { name: '确认更换密钥' });
    await settings.fillRotationPasswords(confirm, 'taizhang2020', 'wangjg-third-2020');
    await confirm.getByRole('button', { name: '确认更换密钥' }).click();
    await settings.keys().getByRole('alert').filter({ hasText: '「您的密码」不正确，没有做任何改动' }).waitFor();
    await settings.fillRotationPasswords(confirm, 'wangjg-new-2020', 'wangjg-new-2020');
    await confirm.getByRole('button', { name: '确认更换密钥' }).click();
    await settings.keys().getByRole('alert').filter({ hasText: '新密码不能与现在的密码相同' }).waitFor();
    // Nor the one before the last rotation (issue 19, R1b): a leaver's copy of the keyring opens with it.
    await settings.fillRotationPasswords(confirm, 'wangjg-new-2020', 'taizhang2020');
    await confirm.getByRole('button', { name: '确认更换密钥' }).click();
    await settings.keys().getByRole('alert').filter({ hasText: '「新密码」不能用以前用过的密码' }).waitFor();
    await screenshot(page, 'keys-rotate-used-before');
    await confirm.getByRole('button', { name: '取消' }).click();
    const explained = await settings.rotateKeys('wangjg-new-2020', 'wangjg-third-2020');
    expect(explained).toContain('什么时候要更换：怀疑有人知道了您的密码或看到过恢复密钥');
    expect(explained).toContain('恢复密钥换成新的一张');
    expect(explained).toContain('以前做的备份不受影响');
    expect(await wizard.recoveryKey()).not.toBe(rotatedKey);
    await wizard.continue();
    await page.getByRole('button', { name: '更换密钥' }).click();
    await screenshot(page, 'keys-rotate-confirm');
    await page.getByRole('dialog', { name: '确认更换密钥' }).getByRole('button', { name: '取消' }).click();

    step('生成新的恢复密钥：它同时更换密钥（旧的那张连同以前的密钥文件都打不开现在的台账），问的与更换密钥一样；只显示一次，与原来的不同');
    await settings.keys().getByRole('button', { name: '生成新的恢复密钥' }).click();
    await settings.newRecoveryKeyDialog().waitFor();
    await screenshot(page, 'keys-new-recovery-confirm');
    const told = await settings.newRecoveryKey('wangjg-third-2020', 'wangjg-fourth-2020');
    expect(told).toContain('生成新的恢复密钥会同时更换密钥');
    expect(told).toContain('taizhang.keyring.json');
    expect(told).toContain('请输入您自己的密码确认，并设一个新密码');
    const second = await wizard.recoveryKey();
    expect(second).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(second).not.toBe(rotatedKey);
    await screenshot(page, 'keys-new-recovery-key');
    await wizard.continue();
    await settings.keys().waitFor();
    await screenshot(page, 'keys-settings-users');
    // In a coordinator's words: no 槽 (the keyring's slot) on a sound ledger's 密钥, nor in the sheet check's answer.
    expect(await settings.keys().textContent()).not.toContain('槽');
    const checked = await new ConfirmedByPage(page).check(second, '核对通过', settings.keys());
    expect(checked).toContain('台账现在认的那一张');
    expect(checked).not.toContain('槽');

    step('修改密码：以前用过的密码（每次更换密钥之前的那个）都不能再用，什么也不改');
    await settings.tab('我的账号');
    for (const before of ['taizhang2020', 'wangjg-new-2020', 'wangjg-third-2020'])
      expect(await settings.ownPasswordRefused('wangjg-fourth-2020', before, '以前用过的密码')).toContain('请另设一个。没有做任何改动。');
    await screenshot(page, 'password-used-before');
    await settings.changeOwnPassword('wangjg-fourth-2020', 'wangjg-sixth-2020');

    step('忘记密码：用恢复密钥重设。表单说明更换密钥后只有新发的那张有效、旧副本的情形；作废的那张打不开，现在这张可以');
    await new ShellPage(page).lock();
    const unlock = new UnlockPage(page);
    const note = await unlock.openRecovery();
    expect(note).toContain('如果新密码和新的恢复密钥都打不开，台账文件可能被换成了更换密钥前的旧副本');
    expect(note).toContain('请不要改用旧的恢复密钥或原来的密码');
    await unlock.recover('admin', first, 'wangjg-fifth-2020');
    expect(await unlock.error()).toContain('恢复密钥不正确');
    await screenshot(page, 'recover-old-sheet');
    await unlock.recover('admin', second, 'wangjg-fifth-2020');
    await page.getByText('王建国（统筹负责人）').waitFor();
  });
});
