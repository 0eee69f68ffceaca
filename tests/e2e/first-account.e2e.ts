/**
 * 设置 › 我的账号 for the coordinator who set up the ledger: nobody gave them an initial password,
 * so the note under 修改密码 must not say one was (it told every role 「统筹负责人为您设置的初始密码」).
 */
import { describe, expect, it } from 'vitest';
import { firstRunAsCoordinator } from './pages/auth-pages';
import { WalkPage } from './pages/walk-page';
import { openApp, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('我的账号 for the first coordinator, at 1366×768', () => {
  const app = appForEachAttempt(openApp, async ({ page, preview }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
  });

  it('says whose the password is, not that the coordinator gave it', async () => {
    const { page } = app;
    const walk = new WalkPage(page);
    await walk.openScreen('设置');
    await walk.openTab('我的账号');
    const text = (await page.locator('main.content').textContent()) ?? '';
    expect(text).not.toContain('统筹负责人为您设置');
    expect(text).toContain('密码只有您自己知道');
    await screenshot(page, 'first-account');
  });
});
