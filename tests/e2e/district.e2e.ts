/**
 * 区级核验汇总 with two packages of one street office for the same week, the second made after its audit log was cut
 * back and an older anchor put back (issue 19 item 4): the district clerk sees plainly, above the results, which
 * office and which package, and what to do; the 操作日志 column says it in red. The two packages' periods overlap
 * (D2, session 23): the one generated first is merged, the later one is held back with both periods and generation
 * times and 「替换」 / 「不合并这个」; 「替换」 merges the later one instead and refuses the earlier one, naming it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rollBackLog } from '../helpers/attacker';
import { ADMIN, openTestLedger } from '../helpers/ledger';
import { exportOn, officeForPackages, workThenExport } from '../helpers/office-packages';
import { ZIP_PASSWORD } from '../unit/export/fixture';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { cutTexts } from './support/screen-audit';

describe('district: packages of one office whose audit log went back', () => {
  let stick: string;
  let packages: { first: string; second: string; pub: string };
  const app = appForEachAttempt(async () => {
    stick = mkdtempSync(join(tmpdir(), 'taizhang-e2e-district-'));
    const office = await officeForPackages('东风街道办事处', stick);
    const first = await workThenExport(office.t, '2020-11-20', '甲', stick);
    await rollBackLog(office.t, office.kept, { from: office.keptHead });
    const second = await exportOn(office.t, '2020-11-27', stick);
    office.t.close();
    packages = { first, second, pub: office.pub };
    const dataDir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-district-ledger-'));
    (await openTestLedger({ dir: dataDir, office: '金水区民政局' })).close();
    const preview = await startPreview({ dataDir });
    const browser = await launchBrowser();
    const cleanup = () => {
      rmSync(stick, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
    };
    return { preview, browser, page: await newPage(browser, { viewport: { width: 1366, height: 768 } }), cleanup };
  });

  it('flags the later package above the results, in words a clerk can act on', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await new UnlockPage(page).unlock(ADMIN.username, ADMIN.password);
    await new ShellPage(page).open('上报');
    const ex = new ExportPage(page);
    await ex.tab('区级核验汇总');
    await step('登记街道公钥', () => ex.registerKey(packages.pub));
    // Chosen newest first: the comparison follows the export order, not the order chosen.
    await ex.addPackage(packages.second);
    await ex.addPackage(packages.first);
    await step('核验', () => ex.verifyPackages(ZIP_PASSWORD));
    const flags = ex.auditFlags();
    await flags.waitFor();
    const text = (await flags.textContent()) ?? '';
    expect(text).toContain('请注意：有 1 个上报包的操作日志与同一街道之前报送的对不上');
    expect(text).toMatch(
      /东风街道办事处（东风街道办事处_20200210-20200216_上报_20201127-090000\.zip）：操作日志比 11月20日 报送的包（统计期 2月10日—2月16日）短（第 \d+ 条 → 第 \d+ 条）/,
    );
    expect(text).toContain('请联系街道核实');
    expect(text).toContain('签名和内容核验都已通过（是否计入汇总见下方「核验结果」）');
    // No wall of hashes: the flag names days, rows and what to do.
    expect(text).not.toMatch(/[0-9a-f]{12}/);
    await expect.poll(() => ex.inView('操作日志前后比对')).toBe(true);
    const grid = ex.grid('核验结果');
    await expect.poll(() => grid.getByText('与同一街道之前报送的包对不上（见上方「请注意」）').count()).toBe(1);
    await expect.poll(() => grid.getByText(/^操作日志：到第 \d+ 条/).count()).toBe(1);
    // Every word of every row shows (issue 14: the grid cut a row's reason or log to the height of another column).
    expect(await cutTexts(grid)).toEqual([]);
    await screenshot(page, 'district-audit-flag');

    // One office's people once: the later package of the same week waits for the clerk's answer.
    const asked = ex.overlapQuestions();
    await asked.waitFor();
    const question = (await asked.textContent()) ?? '';
    expect(question).toContain('请确认：有 1 个上报包与同一街道已汇总的包统计期重叠，暂未计入汇总');
    expect(question).toMatch(
      /第 2 个上报包（统计期 2020年2月10日—2020年2月16日，2020年11月20日 \d\d:\d\d 生成）已计入汇总，这个包（统计期 2020年2月10日—2020年2月16日，2020年11月27日 \d\d:\d\d 生成）生成得更晚/,
    );
    await expect.poll(() => grid.getByText('待确认').count()).toBe(1);
    await asked.scrollIntoViewIfNeeded();
    await screenshot(page, 'district-overlap-question');
    await step('替换', () => ex.answerOverlap('替换'));
    await expect.poll(() => grid.getByText('通过（已替换）').count()).toBe(1);
    await expect.poll(() => grid.getByText('拒收').count()).toBe(1);
    await expect.poll(() => grid.getByText(/^比第 1 个上报包（统计期 2020年2月10日—2020年2月16日，2020年11月27日 \d\d:\d\d 生成）生成得早/).count()).toBe(1);
    // The answered row's reason is the longest; it was cut after 「替换」 on 2 loads in 3 while the results were a DataGrid.
    expect(await cutTexts(grid)).toEqual([]);
    await screenshot(page, 'district-overlap-replaced');
  });
});
