import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ADMIN } from '../helpers/ledger';
import { rosterTemplate } from '../unit/export/district-templates';
import { OBSERVED_ID, PERIOD, ZIP_PASSWORD } from '../unit/export/fixture';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';
import { officeWithStick } from './support/office-with-stick';

describe('export: a coordinator writes the submission package to a USB stick and backs up', () => {
  let media: string;
  // A ledger with a small street office's caseload, made through the real core, then served by the preview.
  const app = appForEachAttempt(async () => {
    const opened = await officeWithStick();
    media = opened.media;
    return opened;
  });

  /** Unlocked as the coordinator, on 上报. */
  async function openExport(): Promise<{ page: Page; ex: ExportPage }> {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await page.getByText(`${ADMIN.displayName}（统筹负责人）`).waitFor();
    await new ShellPage(page).open('上报');
    return { page, ex: new ExportPage(page) };
  }

  it('shows the forms and the personal data that leaves, writes a verified package, logs it, and backs up', async () => {
    const { page, ex } = await openExport();
    await ex.setPeriod(PERIOD.from, PERIOD.to);
    await ex.forms().getByText('居家（医学）观察人员名单（1 行）').waitFor();
    // The roster and the care ledger carry full numbers by default, and the screen says so plainly.
    expect(await ex.formLine('居家（医学）观察人员名单')).toContain('含完整身份证号和电话');
    const notice = await ex.personalDataNotice();
    expect(notice).toContain('身份证号（完整号码）');
    expect(notice).toContain('含完整身份证号和电话号码的表格：「居家（医学）观察人员名单」、「重点人群关爱服务台账」');
    expect(await ex.numbersReason()).toContain('接收单位需要完整号码');
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
    expect(info).toContain('备份带有操作日志锚点，与备份中的日志一致');
    await expect.poll(() => ex.backupInfoInView()).toBe(true);
    await screenshot(page, 'export-backup');
  });

  it('maps the district roster template once, fills it alone and puts it in the package, with full numbers the coordinator chose', async () => {
    const { page, ex } = await openExport();
    const templatePath = join(media, '金水区居家医学观察人员花名册.xlsx');
    await rosterTemplate(templatePath);
    await ex.tab('区级表格模板');
    const found = await ex.openTemplate(templatePath);
    expect(found).toContain('表头在第 3–4 行，共 9 列，第 8 行是合计行');
    expect(found).toContain('会自动填写：填报单位、填报日期');
    expect(await ex.columnChoice('D 列「基本信息/身份证号码」')).toBe('身份证号');
    expect(await ex.columnChoice('A 列「序号」')).toBe('序号（1、2、3…）');
    expect(await ex.columnChoice('I 列「备注」')).toBe('（请选择）');
    await page.getByRole('table', { name: '列对应关系' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'export-template-mapping');
    await ex.mapColumn('I 列「备注」', '留空');
    await ex.saveTemplate({ name: '区居家观察花名册', fullNumbersReason: '区卫健委核对身份需要' });
    const out = join(media, 'KINGSTON', '本周花名册.xlsx');
    const filled = await ex.fillTemplateAlone('区居家观察花名册', PERIOD, out);
    expect(filled).toContain('1 行');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(readFileSync(out)).buffer);
    // Saved alone as a plain file without the explicit full-number choice: masked.
    expect(wb.worksheets[0]!.getCell('C5').value).toBe('张三');
    expect(wb.worksheets[0]!.getCell('D5').value).not.toBe(OBSERVED_ID);
    await screenshot(page, 'export-templates');

    await ex.tab('生成上报包');
    await ex.setPeriod(PERIOD.from, PERIOD.to);
    const line = await ex.formLine('区居家观察花名册');
    expect(line).toContain('区里的表格');
    expect(line).toContain('含完整身份证号和电话');
    await screenshot(page, 'export-with-template');

    await ex.tab('号码设置');
    await ex.grid('号码设置').getByText('区卫健委核对身份需要').waitFor();
    await screenshot(page, 'export-number-policies');
  });
});
