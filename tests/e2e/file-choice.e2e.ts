/**
 * Choosing files in the preview, where the user types paths: each typed path
 * is checked as it is typed, with the core's rules. The ledger folder is
 * refused, a missing folder is named, and an existing file is replaced only
 * after the user says so; the pay sheet then lands where they chose.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger } from '../helpers/ledger';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { RotaPage } from './pages/rota-page';
import { appForEachAttempt } from './support/attempt';
import { openApp, screenshot } from './support/preview';

describe('file choice in the preview: typed paths checked as the user types', () => {
  let dataDir: string;
  let out: string;
  const app = appForEachAttempt(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-choice-'));
    (await openTestLedger({ dir: dataDir })).close();
    out = mkdtempSync(join(tmpdir(), 'taizhang-e2e-out-'));
    return {
      ...(await openApp({ dataDir })),
      cleanup: () => {
        rmSync(dataDir, { recursive: true, force: true });
        rmSync(out, { recursive: true, force: true });
      },
    };
  });

  it('refuses the ledger folder, names a missing folder, and replaces a file only when told', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await new ShellPage(page).open('排班');
    await new RotaPage(page).tab('补助');
    const box = page.getByLabel('保存到（.xlsx 文件）');
    const exportButton = page.getByRole('button', { name: '导出补助发放表' });

    await box.fill(join(dataDir, 'taizhang.keyring.json'));
    await page.getByRole('alert').filter({ hasText: '不能写入台账文件夹' }).waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    await exportButton.scrollIntoViewIfNeeded();
    await screenshot(page, 'file-choice-ledger-folder');

    await box.fill(join(out, '没有这个文件夹', '补助.xlsx'));
    await page.getByRole('alert').filter({ hasText: '所在的文件夹不存在' }).waitFor();
    expect(await exportButton.isDisabled()).toBe(true);

    const existing = join(out, '补助.xlsx');
    writeFileSync(existing, 'an older pay sheet');
    await box.fill(existing);
    await page.getByRole('alert').filter({ hasText: '该文件已存在，是否替换？' }).waitFor();
    expect(await exportButton.isDisabled()).toBe(true);
    await exportButton.scrollIntoViewIfNeeded();
    await screenshot(page, 'file-choice-replace');
    await page.getByRole('button', { name: '替换', exact: true }).click();
    await exportButton.click();
    await page.getByRole('status').filter({ hasText: '已导出补助发放表' }).waitFor();
    // Replaced by a real workbook (a zip), as the user confirmed.
    expect(readFileSync(existing).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
