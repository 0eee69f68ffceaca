/**
 * A new coordinator's first hour in the office window (1366×678: a 1366×768 screen less the window's bars and the
 * taskbar), where the walk through it
 * stumbled: the way on of each import step in sight, a rejected row's reason
 * readable whole, each screen opening at its top, no 「都有专属保险」 with
 * nobody registered, roles explained and the next step said when a clerk is
 * added, and a first package that can include today's records, its next step in sight.
 */
import iconv from 'iconv-lite';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { COORDINATOR, SetupWizardPage, ShellPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { GridPage } from './pages/grid-page';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt } from './support/attempt';
import { OFFICE_WINDOW } from './support/office-window';

const SCREEN = OFFICE_WINDOW;

/**
 * A community's returnee sheet as WPS saves it: GBK, the community, the kind and the year only in the title, a date
 * written without its year (read in the title's 2020, and said so) and one that does not exist (sent back, saying why).
 */
function returneeSheet(dir: string): string {
  const rows = [
    ['张伟', makeIdNumber('410105', '1985-03-12', 123), '13803711001', '青松里小区', '3', '2', '101', '2020-02-08', '湖北省武汉市'],
    ['李娜', makeIdNumber('410105', '1990-07-15', 246), '13803711002', '青松里小区', '3', '2', '102', '2020/2/9', '湖北省孝感市'],
    ['王磊', makeIdNumber('410102', '1978-01-01', 311), '13803711003', '青松里小区', '5', '1', '301', '2月10日', '广东省深圳市'],
    ['赵敏', makeIdNumber('410102', '1982-05-20', 402), '13803711004', '青松里小区', '5', '1', '302', '2月30日', '广东省广州市'],
  ];
  const text = ['青松里社区返程人员登记表（2020年2月）', '姓名,身份证号,联系电话,小区,楼栋,单元,室,返程日期,从何地返回', ...rows.map((r) => r.join(','))].join(
    '\r\n',
  );
  const path = join(dir, '青松里社区返程人员登记表.csv');
  writeFileSync(path, iconv.encode(`${text}\r\n`, 'gbk'));
  return path;
}

/** Whether an element is on the screen as it is, without scrolling. */
async function inSight(page: Page, target: Locator): Promise<boolean> {
  const box = await target.boundingBox();
  return box !== null && box.y >= 0 && box.y + box.height <= page.viewportSize()!.height;
}
/** The rows of 列对应关系 wholly on screen: below its header, above the step's way on (which stays at the foot). */
const mappingRowsInSight = (page: Page) =>
  page.getByRole('table', { name: '列对应关系' }).evaluate((table) => {
    const head = table.querySelector('thead')!.getBoundingClientRect().bottom;
    const foot = Math.min(window.innerHeight, document.querySelector('.step-actions')?.getBoundingClientRect().top ?? Infinity);
    return Array.from(table.querySelectorAll('tbody tr')).filter((tr) => {
      const r = tr.getBoundingClientRect();
      return r.top >= head - 1 && r.bottom <= foot + 1;
    }).length;
  });
const mainScrollTop = (page: Page) => page.locator('main').evaluate((m) => m.scrollTop);
const scrollMainToBottom = (page: Page) => page.locator('main').evaluate((m) => (m.scrollTop = m.scrollHeight));

describe('a new coordinator’s first hour in a 1366×678 window', () => {
  let dir: string;
  const app = appForEachAttempt(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-first-hour-'));
      mkdirSync(join(dir, 'media', 'U盘'), { recursive: true });
      const preview = await startPreview({ env: { TAIZHANG_DRIVE_ROOTS: join(dir, 'media') } });
      const browser = await launchBrowser();
      return { preview, browser, page: await newPage(browser, { viewport: SCREEN }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
    ({ preview }) => preview.setClock({ instant: '2020-02-17T01:30:00.000Z' }), // Monday 09:30 in 郑州
  );

  it('imports a title-only sheet, registers a clerk and sends a first package, each next step in sight', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    // The first run: each step's way on in the window, the sheet's last button too.
    const wizard = new SetupWizardPage(page);
    await page.getByRole('heading', { name: '首次使用：建立本街道的台账' }).waitFor();
    expect(await inSight(page, page.getByRole('button', { name: '建立台账' }))).toBe(true);
    await wizard.createLedger(COORDINATOR);
    expect(await inSight(page, page.getByRole('button', { name: '打印恢复密钥' }))).toBe(true);
    expect(await inSight(page, page.getByRole('button', { name: '我已妥善保存，进入台账' }))).toBe(true);
    await screenshot(page, 'first-hour-recovery-sheet');
    await wizard.continue();
    await page.getByText('王建国（统筹负责人）').waitFor();
    // 工作台's four first steps, the first one's button in sight.
    expect(await inSight(page, page.getByRole('link', { name: '添加社区和网格' }))).toBe(true);
    await screenshot(page, 'first-hour-dashboard');
    const qingsong = ((await preview.rpc('org.communities.save', { name: '青松里社区' })) as { id: number }).id;
    await preview.rpc('org.grids.save', { communityId: qingsong, name: '第一网格' });
    const shell = new ShellPage(page);

    // Import: nine columns and two whole-file values push 预览 and 确认导入 below 768 px; they stay in sight.
    await shell.open('导入');
    const imp = new ImportPage(page);
    await imp.openFile('个案（各类人员）', returneeSheet(dir));
    // 预览 is greyed until 人员类别 is given: why is said beside it, in sight, not below the column list.
    expect(await imp.previewButton().isDisabled()).toBe(true);
    expect(await inSight(page, page.getByRole('status').filter({ hasText: '还需要指定「人员类别」' }))).toBe(true);
    await screenshot(page, 'first-hour-mapping-missing');
    await imp.adopt('青松里社区');
    await imp.adopt('返程人员');
    expect(await inSight(page, imp.previewButton())).toBe(true);
    // What is mapped to what is seen: eight of the file's nine columns whole on the screen at once, above the way on
    // (session 24: the whole-file values pushed the list down to one row in sight).
    expect(await mappingRowsInSight(page)).toBeGreaterThanOrEqual(8);
    await screenshot(page, 'first-hour-mapping');
    await imp.preview();
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    await page.getByRole('status').filter({ hasText: '有 1 行的日期只写了月日（如「2月10日」），已按表格标题或文件名中的 2020 年读取' }).waitFor();
    expect(await inSight(page, page.getByRole('button', { name: '确认导入' }))).toBe(true);
    // The reason says what to fix; it is read whole, a line or two wide, not a column one word across.
    const reason = page.getByRole('region', { name: '退回的行' }).getByText('「返程日期」「2月30日」在 2020 年不是真实存在的日期');
    await reason.waitFor();
    const box = (await reason.boundingBox())!;
    expect(box.width).toBeGreaterThanOrEqual(300);
    expect(box.height).toBeLessThan(80);
    // What will be written, and the rows sent back, are read whole: no ID number cut to 「4101****…」.
    expect(await new GridPage(page, '将写入的行').cutCells()).toEqual([]);
    expect(await new GridPage(page, '退回的行').cutCells()).toEqual([]);
    await screenshot(page, 'first-hour-preview');
    await imp.commit();
    // What came of it, and the way on: the next file, or the records in 人员台账.
    expect(await inSight(page, page.getByRole('button', { name: '导入下一个文件' }))).toBe(true);
    expect(await inSight(page, page.getByRole('link', { name: '到「人员台账」查看导入的个案' }))).toBe(true);
    await screenshot(page, 'first-hour-imported');

    // Each screen opens at its top, not where the last one was scrolled to.
    await shell.open('人员');
    await page.getByRole('button', { name: '登记人员' }).waitFor();
    // Nobody registered yet: nobody is said to be insured.
    const uninsured = page.getByRole('region', { name: '未参保或已过期', exact: true });
    await expect.poll(() => uninsured.textContent()).toContain('还没有在岗人员');
    expect(await uninsured.textContent()).not.toContain('都有专属保险');
    await scrollMainToBottom(page);
    expect(await mainScrollTop(page)).toBeGreaterThan(100);
    await shell.open('设置');
    expect(await mainScrollTop(page)).toBe(0);

    // A clerk: what the role may do is said where it is chosen, and the next step once added.
    const settings = new SettingsPage(page);
    await page.getByRole('tab', { name: '用户' }).click();
    expect(await inSight(page, page.getByRole('button', { name: '添加用户' }))).toBe(true);
    await page.getByLabel('角色').selectOption({ label: '录入员' });
    expect(await page.getByLabel('权限说明').textContent()).toContain('不能上报');
    const said = await settings.addUser({ name: '刘晓燕', username: 'liuxy', role: '录入员', password: 'qingsong2020' });
    expect(said).toContain('用户名 liuxy');
    expect(said).toContain('「锁定」');
    expect(await inSight(page, page.getByRole('status').filter({ hasText: '已添加录入员「刘晓燕」' }))).toBe(true);
    await screenshot(page, 'first-hour-clerk');

    // The first package: the returnees count from their 返程日期 (2月8–10日; 设置 › 监测标准 按返程日期起算), so last week
    // already holds them, not only the day they were entered; 「截至今天」 takes the days since in too.
    await shell.open('上报');
    const ex = new ExportPage(page);
    await ex
      .forms()
      .getByText(/人员排查管控情况汇总表（[1-9]\d* 行）/)
      .waitFor();
    await page.getByRole('button', { name: '截至今天' }).click();
    expect(await page.getByLabel('结束日期').inputValue()).toBe('2020-02-17');
    await expect.poll(() => ex.formLine('人员排查管控情况汇总表')).not.toContain('（0 行）');
    await ex.chooseDrive('U盘');
    expect(await ex.writePackage('qu2020abc')).toContain('文件指纹');
    expect(await page.getByRole('note', { name: '下一步' }).textContent()).toContain('安全弹出');
    // The result and the next step appear under the button, below the fold: they are brought into sight, not left below.
    expect(await inSight(page, page.getByRole('note', { name: '下一步' }))).toBe(true);
    await screenshot(page, 'first-hour-export');
  });
});
