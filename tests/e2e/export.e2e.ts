import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ADMIN, openTestLedger } from '../helpers/ledger';
import { PERIOD, seedSmallOffice, ZIP_PASSWORD } from '../unit/export/fixture';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('export: a coordinator writes the submission package to a USB stick and backs up', () => {
  let dataDir: string;
  let media: string;
  const app = appForEachAttempt(async () => {
    // A ledger with a small street office's caseload, made through the real core, then served by the preview.
    dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-export-'));
    const t = await openTestLedger({ dir: dataDir });
    seedSmallOffice(t);
    t.close();
    media = mkdtempSync(join(tmpdir(), 'taizhang-media-'));
    mkdirSync(join(media, 'KINGSTON'));
    const preview = await startPreview({ dataDir, env: { TAIZHANG_DRIVE_ROOTS: media } });
    const browser = await launchBrowser();
    const cleanup = () => {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(media, { recursive: true, force: true });
    };
    return { preview, browser, page: await newPage(browser), cleanup };
  });

  it('shows the forms and the personal data that leaves, writes a verified package, logs it, and backs up', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    await new ShellPage(page).open('上报');
    const ex = new ExportPage(page);
    await ex.setPeriod(PERIOD.from, PERIOD.to);
    await ex.forms().getByText('居家（医学）观察人员名单（1 行）').waitFor();
    expect(await ex.personalDataNotice()).toContain('身份证号（隐去中间位）');
    await ex.chooseDrive('KINGSTON');
    await screenshot(page, 'export-before-write');
    const result = await ex.writePackage(ZIP_PASSWORD);
    expect(result).toContain('KINGSTON');
    await screenshot(page, 'export-written');
    const files = readdirSync(join(media, 'KINGSTON'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^东风街道办事处_20200210-20200216_上报_.*\.zip$/);
    // The independent reader opens it with the password.
    const out = mkdtempSync(join(tmpdir(), 'taizhang-e2e-7z-'));
    execFileSync('7z', ['x', '-y', `-p${ZIP_PASSWORD}`, `-o${out}`, join(media, 'KINGSTON', files[0]!)], { stdio: 'pipe' });
    expect(readdirSync(out).sort()).toEqual(['data.json', 'forms.xlsx', 'manifest.json', 'manifest.sig']);
    rmSync(out, { recursive: true, force: true });

    await ex.tab('上报记录');
    await expect.poll(() => ex.grid('上报记录').getByText('首次上报').count()).toBe(1);
    await screenshot(page, 'export-log');

    await ex.tab('备份与恢复');
    await ex.chooseDrive('KINGSTON');
    const done = await ex.backupNow();
    const backupPath = /备份完成并已核对：(.+)$/.exec(done)![1]!.trim();
    const info = await ex.inspectBackup(backupPath);
    expect(info).toContain('东风街道办事处');
    expect(info).toContain('居民：2');
    expect(info).toContain('修改记录完整');
    await screenshot(page, 'export-backup');
  });
});
