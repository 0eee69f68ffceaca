/**
 * 改为只读查看 on 设置 › 用户 (users.update to 'viewer'): the clerk knew the keys, so the keys are changed as for 停用,
 * the coordinator confirming with their own password and setting a new one twice. A refusal is said inside the dialog,
 * which stays open with the box it names marked; the result is the rotation's; the demoted clerk signs in and sees
 * masked numbers only. At 1366×768 on the demo ledger; screenshots test-output/demotion-*.png.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage } from './pages/caseload-page';
import { SettingsPage } from './pages/settings-page';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { step } from './support/attempt';
import { screenshot } from './support/preview';

const [COORDINATOR, CLERK] = DEMO_USERS;
const NEW_PASSWORD = 'wangjg-new-2020';

describe('改为只读查看: asked like 停用, refusals named in the dialog, the keys changed, the person sees masks', () => {
  const app = demoLedgerForEachAttempt('2020-02-17T02:00:00.000Z', 60, { width: 1366, height: 768 });

  it('demotes the clerk: a new password typed differently and a wrong own password are named, then the result; the clerk signs in as 只读查看', async () => {
    const { page } = app;
    const unlock = new UnlockPage(page);
    const shell = new ShellPage(page);
    const settings = new SettingsPage(page);
    await unlock.unlock(COORDINATOR.username, COORDINATOR.password);
    await page.getByText(`${COORDINATOR.displayName}（统筹负责人）`).waitFor();
    await shell.open('设置');
    await settings.tab('用户');
    const row = (name: string) => settings.grid('用户列表').getByRole('row').filter({ hasText: name });

    step('只有录入员和统筹负责人的一行有「改为只读查看」；自己的一行写明为什么没有');
    await row(CLERK.displayName).getByRole('button', { name: '改为只读查看' }).waitFor();
    expect(await row(COORDINATOR.displayName).textContent()).toContain('当前登录的账号');
    expect(await row(COORDINATOR.displayName).getByRole('button', { name: '改为只读查看' }).count()).toBe(0);
    expect(await row('陈志强').getByRole('button', { name: '改为只读查看' }).count()).toBe(0);

    step('两次输入的新密码不一样：对话框里说出是哪一栏，那一栏标出，什么也不改');
    const typo = await settings.demote(CLERK.displayName, { own: COORDINATOR.password, newPassword: NEW_PASSWORD, again: 'wangjg-new-2021' }, 'refused');
    expect(typo.explained).toContain(
      `把「${CLERK.displayName}」（用户名 ${CLERK.username}）改为只读查看后，他还能用自己的密码登录，但身份证号和电话只能看到打码的`,
    );
    expect(typo.explained).toContain('请输入您自己的密码确认，并设一个新密码');
    expect(typo.explained).toContain('要由您当面重设密码');
    expect(typo.said).toContain('「再次输入新密码」与「新密码」不一致，没有做任何改动');
    expect(typo.marked).toBe('再次输入新密码');
    await screenshot(page, 'demotion-typed-differently');

    step('您的密码不对：同样说在对话框里，「您的密码」一栏标出，对话框留着');
    const wrong = await settings.demote(CLERK.displayName, { own: 'not-my-password', newPassword: NEW_PASSWORD }, 'refused');
    expect(wrong.said).toContain('「您的密码」不正确，没有做任何改动');
    expect(wrong.marked).toBe('您的密码');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-invalid'))).toBe('true');
    expect(await row(CLERK.displayName).textContent()).toContain('录入员');
    await screenshot(page, 'demotion-wrong-password');

    step('都对了：改为只读查看，密钥已更换，恢复密钥换成新的一张');
    const done = await settings.demote(CLERK.displayName, { own: COORDINATOR.password, newPassword: NEW_PASSWORD });
    expect(done.said).toContain(`已把「${CLERK.displayName}」改为只读查看`);
    const result = settings.rotationResult();
    expect(await result.getByRole('status', { name: '您的新密码' }).textContent()).toContain('从现在起请用新密码登录，原来的密码已作废。');
    expect(await result.textContent()).toContain('原来那张从此打不开台账');
    await screenshot(page, 'demotion-result');
    await new SetupWizardPage(page).continue();
    await expect.poll(() => row(CLERK.displayName).textContent()).toContain('只读查看');
    expect(await row(CLERK.displayName).getByRole('button', { name: '改为录入员' }).count()).toBe(1);
    await screenshot(page, 'demotion-done');

    step('刘晓燕用原来的密码登录：只读查看，号码打码，没有「显示完整」');
    await shell.lock();
    await unlock.unlock(CLERK.username, CLERK.password);
    await page.getByText(`${CLERK.displayName}（只读查看）`).waitFor();
    await shell.open('人员台账');
    const caseload = new CaseloadPage(page);
    await caseload.tab('居民查询');
    const residents = page.getByRole('region', { name: '居民列表' });
    await expect.poll(() => residents.locator('.ag-row[row-index="0"]').textContent()).toMatch(/\d{4}\*{10}\d{3}[\dX]/);
    expect(await residents.textContent()).not.toMatch(/\d{17}[\dX]/);
    expect(await residents.getByRole('button', { name: /^显示.*的完整/ }).count()).toBe(0);
    expect(await page.getByRole('note', { name: '打码说明' }).textContent()).toContain('只读账号看不到完整证件号');
    await screenshot(page, 'demotion-clerk-sees-masks');

    step('统筹负责人用新密码登录；原来的密码已作废');
    await shell.lock();
    await unlock.unlock(COORDINATOR.username, COORDINATOR.password);
    expect(await unlock.error()).toContain('用户名或密码');
    await unlock.unlock(COORDINATOR.username, NEW_PASSWORD);
    await page.getByText(`${COORDINATOR.displayName}（统筹负责人）`).waitFor();
  });
});
