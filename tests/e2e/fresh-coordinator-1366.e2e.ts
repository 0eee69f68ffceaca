/**
 * A fresh ledger's first coordinator at 1366×768.
 *
 * 设置 › 我的账号: nobody gave this coordinator an initial password, so the note under 修改密码 must
 * not say one was (it told every role 「统筹负责人为您设置的初始密码」).
 *
 * Two toolbars w45-screens saw askew at 1366×768: 今日随访's 「打印随访清单」 link sat lower than
 * the 刷新 button beside it, and 入户登记's 「入户排查」 drop-down label ~2 px higher than its
 * neighbours' labels. Measured on the page: a link's text on the buttons' middle line, every
 * label of a toolbar row on one line.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { firstRunAsCoordinator } from './pages/auth-pages';
import { WalkPage } from './pages/walk-page';
import { openApp, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

const SCREEN = { width: 1366, height: 768 };

/** Vertical middle of an element's box, in px. */
async function middle(el: Locator): Promise<number> {
  const box = await el.boundingBox();
  if (!box) throw new Error('element not shown');
  return box.y + box.height / 2;
}

/** The tops of a toolbar's field labels, rounded to the pixel. */
function labelTops(toolbar: Locator): Promise<Record<string, number>> {
  return toolbar
    .locator('.field > label')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [(e.textContent ?? '').trim(), Math.round(e.getBoundingClientRect().top)])));
}

describe('a fresh ledger’s first coordinator at 1366×768', () => {
  const app = appForEachAttempt(openApp, async ({ page, preview }) => {
    await page.setViewportSize(SCREEN);
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
  });

  it('今日随访: 「打印随访清单」 on the middle line of 刷新; 入户登记: the label 入户排查 on the line of its neighbours', async () => {
    const { page } = app;
    const walk = new WalkPage(page);
    await walk.openScreen('今日随访');
    const toolbar = page.locator('main.content .toolbar').first();
    const link = toolbar.getByRole('link', { name: '打印随访清单' });
    const refresh = toolbar.getByRole('button', { name: '刷新' });
    expect(Math.abs((await middle(link)) - (await middle(refresh)))).toBeLessThanOrEqual(1);
    await screenshot(page, 'toolbar-align-today');

    await walk.openScreen('人员台账');
    await walk.openTab('入户登记');
    const row = page
      .getByRole('form', { name: '登记住户' })
      .locator('.toolbar')
      .filter({ has: page.getByLabel('入户排查') });
    const tops = await labelTops(row);
    expect(Object.keys(tops)).toContain('入户排查');
    expect(new Set(Object.values(tops)).size, JSON.stringify(tops)).toBe(1);
    await screenshot(page, 'toolbar-align-register');
  });

  it('我的账号 says whose the password is, not that the coordinator gave it', async () => {
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
