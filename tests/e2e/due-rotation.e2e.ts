import { describe, expect, it } from 'vitest';
import { leaveRotationDue } from '../helpers/due-rotation';
import { ADMIN, ADMIN_NEXT } from '../helpers/ledger';
import { screenshot } from './support/preview';
import { step } from './support/attempt';
import { preparedLedgerForEachAttempt } from './support/prepared-ledger';
import { SetupWizardPage, UnlockPage } from './pages/auth-pages';

/**
 * A rotation left due (DueRotationScreen): a clerk disabled while a viewer's slot was still in the layout of before
 * the upgrade, the viewer signed in since. The coordinator's next sign-in stops at 「设置新密码，更换密钥」 until a new
 * password is set; the rotation then runs and shows its result and the new recovery key, then the ledger.
 */
describe('a rotation left due: the coordinator sets a new password at sign-in, then sees what it did', () => {
  const app = preparedLedgerForEachAttempt({ withLedger: leaveRotationDue });

  it('stops at the new password, says why, and after it the result and the new recovery key', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN_NEXT);

    step('登录：先设置新密码、更换密钥，写明为什么（停用了谁）');
    const screen = page.getByRole('main', { name: '设置新密码' });
    await screen.getByRole('heading', { name: '设置新密码，更换密钥' }).waitFor();
    expect(await screen.getByRole('note', { name: '为什么要设新密码' }).textContent()).toContain('停用了');
    await screenshot(page, 'due-rotation-screen');
    await screen.getByLabel('您的密码', { exact: true }).fill(ADMIN_NEXT);
    await screen.getByLabel('新密码', { exact: true }).fill('correct-horse-4');
    await screen.getByLabel('再次输入新密码', { exact: true }).fill('correct-horse-4');
    await screen.getByRole('button', { name: '设置新密码并更换密钥' }).click();

    step('结果：密钥已更换，新密码生效，新的恢复密钥只显示这一次；之后进入台账');
    const result = page.getByRole('dialog', { name: '密钥已更换' });
    expect(await result.getByRole('status', { name: '您的新密码' }).textContent()).toContain('从现在起请用新密码登录');
    await screenshot(page, 'due-rotation-result');
    // One main region on the page: the recovery sheet is a section of this screen (before: a <main> inside its <main>).
    expect(await page.getByRole('main').count()).toBe(1);
    // Every group of the key inside its box (before: the card in a card cut the first and last groups at the sides).
    const sheet = (await page.getByLabel('恢复密钥').boundingBox())!;
    for (const group of await page.getByLabel('恢复密钥').locator('.recovery-group').all()) {
      const g = (await group.boundingBox())!;
      expect(g.x).toBeGreaterThanOrEqual(sheet.x);
      expect(g.x + g.width).toBeLessThanOrEqual(sheet.x + sheet.width);
    }
    await new SetupWizardPage(page).continue();
    await page.getByText('王建国（统筹负责人）').waitFor();
  });
});
