/**
 * Issue 3 §9: "≤ 100 ms from click to rows on screen". Starts the preview on
 * the bench ledger (a second process; SQLite's WAL lets both read), opens
 * 人员台账 in Debian's Chromium, and times choosing a community (it applies at
 * once) until every row on screen is that community's. Measured from Node through Playwright,
 * so the figure includes its round trips: an upper bound.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { BenchPart } from '../types';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const screenBench: BenchPart = {
  area: 'screen',
  async run(env) {
    if (!existsSync(CHROMIUM) || !existsSync('dist-renderer/index.html')) {
      env.log('  screen: no Chromium or no built renderer; skipped');
      return [];
    }
    const child = spawn(process.execPath, ['dist-electron/preview.cjs', '--data-dir', env.dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve) => child.stdout.on('data', (d: Buffer) => /preview (\S+)/.test(d.toString()) && resolve(/preview (\S+)/.exec(d.toString())![1]!)));
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    try {
      const page = await (await browser.newContext({ viewport: { width: 1366, height: 860 }, locale: 'zh-CN' })).newPage();
      await page.goto(url);
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('taizhang2020');
      await page.getByRole('button', { name: '解锁' }).click();
      await page.getByRole('navigation', { name: '导航' }).getByRole('link', { name: '人员台账', exact: true }).click();
      const total = page.getByText(/^共 \d+ 条$/);
      await total.waitFor();
      const communities = (await page.getByLabel('社区', { exact: true }).locator('option').allTextContents()).filter((c) => c !== '全部');
      const times: number[] = [];
      for (const community of communities.slice(0, 7)) {
        // Choosing a community applies at once (no 查询 needed): that choice is the click.
        const t0 = performance.now();
        await page.getByLabel('社区', { exact: true }).selectOption({ label: community });
        // Every full row on screen (the ones carrying a 网格 column) belongs to the chosen community.
        await page.waitForFunction(
          (name: string) => {
            // Runs in the page (no DOM types in the Node build, hence the narrow shape).
            const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> } }).document;
            const rows = Array.from(doc.querySelectorAll('.ag-row')).filter((r) => (r.textContent ?? '').includes('网格'));
            return rows.length > 0 && rows.every((r) => (r.textContent ?? '').includes(name));
          },
          community,
          { polling: 'raf' },
        );
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      return [{ name: `人员台账: choose a community → filtered rows on screen (median of ${times.length}, via Playwright)`, value: times[Math.floor(times.length / 2)]!, unit: 'ms', target: 100 }];
    } finally {
      await browser.close();
      child.kill();
    }
  },
};
