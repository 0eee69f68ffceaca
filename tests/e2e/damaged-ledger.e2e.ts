import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { Core } from '../../electron/core/core';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt } from './support/attempt';
import { UnlockPage } from './pages/auth-pages';

describe('startup with a ledger that cannot be opened', () => {
  let broken: string;
  let good: string;
  const app = appForEachAttempt(async () => {
    broken = mkdtempSync(join(tmpdir(), 'taizhang-broken-'));
    good = mkdtempSync(join(tmpdir(), 'taizhang-good-'));
    // A plain, unencrypted SQLite file where the ledger should be, beside a keyring.
    const plain = new BetterSqlite3(join(broken, 'taizhang.db'));
    plain.exec('CREATE TABLE t (a)');
    plain.close();
    writeFileSync(join(broken, 'taizhang.keyring.json'), JSON.stringify({ format: 'taizhang-keyring', version: 1, ledgerId: 'x', dbSalt: '', slots: [] }));
    const core = new Core({ dataDir: good });
    await core.call('s', 'setup.init', { office: { name: '红旗街道办事处' }, admin: { username: 'admin', displayName: '赵敏', password: 'password-123' } });
    core.close();
    const preview = await startPreview({ dataDir: broken });
    const browser = await launchBrowser();
    const cleanup = () => {
      rmSync(broken, { recursive: true, force: true });
      rmSync(good, { recursive: true, force: true });
    };
    return { preview, browser, page: await newPage(browser), cleanup };
  });

  it('says what happened in Chinese, deletes nothing, and opens another ledger', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await page.getByRole('heading', { name: '台账无法打开' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('不是本程序的台账');
    await screenshot(page, 'damaged-ledger-startup');
    await page.getByLabel('台账文件夹路径').fill(good);
    await page.getByRole('button', { name: '打开这个台账' }).click();
    const unlock = new UnlockPage(page);
    await unlock.unlock('admin', 'password-123');
    await page.getByText('红旗街道办事处').waitFor();
  });
});
