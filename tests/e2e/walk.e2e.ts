/**
 * The walk: every screen and tab at 1366×768, as the coordinator, on the demo
 * ledger and on a fresh one, checked by auditScreen (nothing cut, no sideways
 * page, no English identifiers, no bare 「无显示行」). Screenshots of every stop
 * go to test-output/walk-<ledger>-<stop>.png; with REFRESH_SCREENSHOTS=1 the
 * demo's go to resources/screenshots/ too (README shows one of them).
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { firstRunAsCoordinator, UnlockPage } from './pages/auth-pages';
import { WALK, WalkPage } from './pages/walk-page';
import { buildDemoFolder } from './support/demo-ledger';
import { auditScreen } from './support/screen-audit';
import { openApp, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };
/** The demo's stops that README and the repository show, by the names they have there. */
const KEPT: Record<string, string> = {
  dashboard: 'dashboard',
  'caseload-cases': 'caseload',
  'settings-audit': 'settings-audit',
  today: 'today',
  'rota-calendar': 'rota-calendar',
  'supplies-shortages': 'supplies',
};

/** Clicks through every screen and tab; returns every problem found, each prefixed with where. */
async function walkEveryScreen(page: Page, ledger: string): Promise<string[]> {
  const walk = new WalkPage(page);
  const problems: string[] = [];
  const stop = async (slug: string) => {
    for (const p of await auditScreen(page)) problems.push(`${slug}: ${p}`);
    const shot = await screenshot(page, `walk-${ledger}-${slug}`);
    if (process.env.REFRESH_SCREENSHOTS === '1' && ledger === 'demo' && KEPT[slug]) {
      mkdirSync(resolve('resources/screenshots'), { recursive: true });
      copyFileSync(shot, resolve('resources/screenshots', `${KEPT[slug]}.png`));
    }
  };
  for (const nav of await walk.navLinks()) {
    const screen = WALK.find((s) => s.nav === nav);
    if (!screen) {
      problems.push(`screen 「${nav}」 is not in WALK (tests/e2e/pages/walk-page.ts): add it`);
      continue;
    }
    await walk.openScreen(nav);
    const tabs = await walk.tabs();
    if (tabs.length === 0) await stop(screen.slug);
    for (const tab of tabs) {
      const slug = screen.tabs?.[tab];
      if (!slug) {
        problems.push(`tab 「${tab}」 on 「${nav}」 is not in WALK (tests/e2e/pages/walk-page.ts): add it`);
        continue;
      }
      await walk.openTab(tab);
      await stop(`${screen.slug}-${slug}`);
    }
  }
  return problems;
}

describe('the walk on the demo ledger, as the coordinator', () => {
  const app = appForEachAttempt(
    async () => {
      const dataDir = await buildDemoFolder(NOW, 3000);
      return { ...(await openApp({ dataDir })), cleanup: () => rmSync(dataDir, { recursive: true, force: true }) };
    },
    async ({ preview, page }) => {
      await page.setViewportSize(SCREEN);
      await preview.setClock({ instant: NOW });
      await page.goto(preview.url);
      await new UnlockPage(page).unlock(DEMO_USERS[0].username, DEMO_USERS[0].password);
      await page.getByText(`${DEMO_USERS[0].displayName}（统筹负责人）`).waitFor();
    },
  );

  it('every screen and tab at 1366×768', async () => {
    expect(await walkEveryScreen(app.page, 'demo')).toEqual([]);
  });
});

describe('the walk on a fresh ledger, from the first run', () => {
  const app = appForEachAttempt(openApp, async ({ preview, page }) => {
    await page.setViewportSize(SCREEN);
    await preview.setClock({ instant: NOW });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
  });

  it('every screen and tab at 1366×768', async () => {
    expect(await walkEveryScreen(app.page, 'fresh')).toEqual([]);
  });
});
