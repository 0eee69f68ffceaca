import { describe, expect, it } from 'vitest';
import { ADMIN, ADMIN_NEXT, rotating } from '../helpers/ledger';
import { stopNextRotationAfterSwitch } from '../helpers/rotation-stop';
import { screenshot } from './support/preview';
import { step } from './support/attempt';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { SetupWizardPage, ShellPage, UnlockPage } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

/**
 * 更换密钥 stopped right after its switch (the process gone before its reply), settled at the next sign-in
 * (auth/stopped-rotation.ts): its new recovery key was never shown, the printed one opens nothing. The coordinator is
 * led to make and print a new one (auth/unseen-recovery-sheet.ts), told until it is done.
 */
describe('a stopped rotation’s recovery key, never shown, is said until a new one is made', () => {
  const app = preparedLedgerForEachAttempt({
    withAppDir: true,
    // A stop right after the keyring is written: the files as a kill there leaves them.
    withLedger: async (t) => {
      stopNextRotationAfterSwitch();
      expect((await t.raw('users.rotateKeys', rotating())).ok).toBe(false);
    },
  });

  it('tells the coordinator at sign-in and on 密钥, and the notice goes once a new recovery key is made', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN_NEXT);

    step('登录时：上方说明那次更换中断、新的恢复密钥没能显示、打印的那张已打不开台账');
    const said = (await page.getByRole('alert', { name: '恢复密钥已作废' }).textContent()) ?? '';
    expect(said).toContain('在中途中断了');
    expect(said).toContain('已经打不开台账了');
    await screenshot(page, 'stopped-rotation-sign-in');

    step('设置 → 用户 → 密钥：同样的说明，旁边是「生成新的恢复密钥」');
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');
    const notice = settings.keys().getByRole('alert', { name: '恢复密钥已作废' });
    await notice.scrollIntoViewIfNeeded();
    await screenshot(page, 'stopped-rotation-keys-panel');
    await notice.getByRole('button', { name: '生成新的恢复密钥' }).click();
    await settings.newRecoveryKey(ADMIN_NEXT, 'correct-horse-3');
    const wizard = new SetupWizardPage(page);
    expect(await wizard.recoveryKey()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await wizard.continue();

    step('生成之后：密钥和上方都不再提示');
    await settings
      .keys()
      .getByText(/^上次更换密钥：/)
      .waitFor();
    expect(await page.getByRole('alert', { name: '恢复密钥已作废' }).count()).toBe(0);
  });
});
