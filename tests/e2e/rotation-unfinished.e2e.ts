import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { COORDINATOR, SetupWizardPage, ShellPage, UnlockPage, firstRunAsCoordinator } from './pages/auth-pages';
import { SettingsPage } from './pages/settings-page';

/**
 * 更换密钥 whose step after the switch fails (keys/after-switch.ts, as on a full disk; the preview's test-only
 * TAIZHANG_TEST_FAULT=rotation-unfinished makes the unlock throttle's file fail once): the rotation stands, and the result
 * says so (KeysRotated.unfinished, RotationResult's 收尾未完成) above the new recovery key, which is the one that works.
 */
describe('a rotation left unfinished after its switch says so on its result, the new recovery key still shown', () => {
  const app = appForEachAttempt(async () => {
    const preview = await startPreview({ env: { TAIZHANG_TEST_FAULT: 'rotation-unfinished' } });
    const browser = await launchBrowser();
    return { preview, browser, page: await newPage(browser) };
  });

  it('shows what was left undone and what it means, then the new password opens the ledger', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    await new ShellPage(page).open('设置');
    const settings = new SettingsPage(page);
    await settings.tab('用户');

    step('更换密钥：收尾一步没做成，结果上写明密钥已经更换、哪一步没做成、之后会怎样');
    await settings.rotateKeys(COORDINATOR.password, 'wangjg-new-2020');
    const result = settings.rotationResult();
    const unfinished = result.getByRole('alert', { name: '收尾未完成' });
    const said = (await unfinished.textContent()) ?? '';
    expect(said).toContain('密钥已经更换，新密码已生效');
    expect(said).toContain('taizhang.throttle.json');
    expect(said).toContain('不是有人改动');
    expect(await result.getByRole('status', { name: '您的新密码' }).textContent()).toContain('从现在起请用新密码登录');
    await unfinished.scrollIntoViewIfNeeded();
    await screenshot(page, 'rotation-unfinished-result');
    const wizard = new SetupWizardPage(page);
    expect(await wizard.recoveryKey()).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    await wizard.continue();

    step('之后：新密码能登录，原来的密码不能');
    await settings
      .keys()
      .getByText(/^上次更换密钥：/)
      .waitFor();
    await new ShellPage(page).lock();
    const unlock = new UnlockPage(page);
    await unlock.unlock(COORDINATOR.username, COORDINATOR.password);
    expect(await unlock.error()).toContain('密码');
    await unlock.unlock(COORDINATOR.username, 'wangjg-new-2020');
    await page.getByText('王建国（统筹负责人）').waitFor();
  });
});

describe('the preview refuses TAIZHANG_TEST_FAULT outside its test mode', () => {
  it('does not start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-fault-'));
    try {
      await expect(startPreview({ dataDir, env: { TAIZHANG_TEST_CLOCK: '0', TAIZHANG_TEST_FAULT: 'rotation-unfinished' } })).rejects.toThrow(/exited with 1/);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
