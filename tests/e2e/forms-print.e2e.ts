/**
 * The printed forms on the demo ledger, as the coordinator prints them: A4 PDFs through Chromium, read back page
 * by page (pdftotext) and turned into PNGs in test-output/ to look at. Each form: one community per sheet where it
 * says so, its header repeated, its signature lines on the page of its table, its figures the core's.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import type { Requisition } from '../../electron/core/supplies/contract';
import { firstRunAsCoordinator, ShellPage, UnlockPage } from './pages/auth-pages';
import { CaseloadPage } from './pages/caseload-page';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { appForEachAttempt, step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { openApp, OUTPUT_DIR, screenshot } from './support/preview';
import { scratch, writeCsv } from '../unit/import/files';
import { COMMUNITY, OBSERVED } from './fixtures/community-files';

const NOW = '2020-02-17T02:00:00.000Z'; // 10:00 in 郑州, a Monday
const SCREEN = { width: 1366, height: 768 };

/** Prints the document at `hash` once `ready` shows (text, or a locator for what only the new document has), and gives its pages' text (spaces removed), page by page. */
async function printPages(page: Page, hash: string, ready: string | Locator, name: string, landscape = false): Promise<string[]> {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await (typeof ready === 'string' ? page.getByText(ready) : ready).first().waitFor();
  const pdf = join(OUTPUT_DIR, `forms-${name}.pdf`);
  await page.emulateMedia({ media: 'print' });
  await page.pdf({ path: pdf, format: 'A4', landscape, printBackground: true, preferCSSPageSize: true });
  await page.emulateMedia({ media: 'screen' });
  execFileSync('pdftoppm', ['-png', '-r', '80', pdf, join(OUTPUT_DIR, `forms-${name}`)]);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
  return Array.from({ length: pages }, (_, i) =>
    execFileSync('pdftotext', ['-layout', '-f', String(i + 1), '-l', String(i + 1), pdf, '-'])
      .toString()
      .replace(/[ \t]+/g, ''),
  );
}

const count = (text: string, words: string) => text.split(words).length - 1;

/** How long a poll waits for what the user should see (vitest's own 1 s is short on this loaded 2-core box). */
const SHOWN = { timeout: 10_000 };

/** A table row's cells as shown (none while the row is not on screen yet: callers poll). */
const cellsOf = async (row: Locator): Promise<string[]> => (await row.getByRole('cell').allTextContents()).map((t) => t.trim());

describe('the printed forms at A4, on the demo ledger', () => {
  const app = demoLedgerForEachAttempt(NOW, 500, SCREEN);

  it('each form: a sheet per community, headers repeated, signature lines with their table, the core’s figures', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();

    step('今日随访清单：每个社区一页，签字栏与本社区的表在同一页');
    const followUp = await printPages(page, '#/print/caseload-followup', '今日随访清单', 'followup');
    expect(followUp.length).toBeGreaterThan(3);
    for (const [n, text] of followUp.entries()) {
      expect(count(text, '今日随访清单'), `第 ${n + 1} 页`).toBe(1);
      // The office's own sheet is signed by the office (街道负责人), each community's by the community.
      const signer = text.includes('街道本级事项') ? '街道负责人：' : '社区负责人：';
      expect(count(text, signer), `第 ${n + 1} 页`).toBe(1);
      expect(count(text, '负责人：'), `第 ${n + 1} 页`).toBe(1);
      // 序号 and 网格 on one line each: the narrow columns are not squeezed to a character a line.
      expect(text, `第 ${n + 1} 页`).toContain('序号');
    }
    // The office's own items (honours reports) are the office's sheet, not a community called 「—」.
    expect(followUp[0]).toContain('街道本级事项');
    // A late line says, as a person would, when it was due and how late it is (it printed no due day at all), and the
    // report of a death names the day of the death rather than 「（应于 <that day>）」.
    const sheets = followUp.join('');
    // (The 说明 cell wraps, and the PDF's text interleaves the columns of a wrapped row: the start of the note is checked.)
    expect(sheets).toMatch(/（应于\d+月\d+日，已/);
    expect(sheets).not.toMatch(/应于\s*\d{4}-/);

    step('物资需求申请：表头每页重复，合计与各社区相符，申请单位留联系电话');
    const req = (await preview.rpc('supplies.requisition', {})) as Requisition;
    expect(req.items.length).toBeGreaterThan(0);
    const requisition = await printPages(page, '#/print/supplies-requisition', '防控物资需求申请', 'requisition');
    for (const [n, text] of requisition.entries()) if (n < requisition.length - 1 || text.includes('缺口合计')) expect(text).toContain('缺口数量');
    const all = requisition.join('');
    for (const item of req.items) {
      expect(item.communities.reduce((s, c) => s + c.shortfall, 0)).toBe(item.totalShortfall);
      expect(all).toContain(`缺口合计${item.totalShortfall}${item.unit}`);
      expect(all).toContain(`申请数量${item.requested}${item.unit}`);
    }
    expect(requisition.at(-1)).toContain('联系电话：');
    expect(requisition.at(-1)).toContain('申请单位（盖章）');

    step('居家（医学）观察人员名单：每个社区另起一页，列不截断，表头每页重复');
    const observed = await printPages(page, '#/print/observation-roster', page.getByRole('columnheader', { name: '来源地' }), 'observation-roster-demo', true);
    expect(observed.length).toBeGreaterThan(1);
    // The last column on every page: nothing cut at the right edge, and the header row is there on each page.
    for (const [n, text] of observed.entries()) expect(text, `第 ${n + 1} 页`).toContain('包保责任人');

    step('轮班表：两周，每页有表头，每个社区的签字栏在其最后一页');
    const roster = await printPages(
      page,
      '#/print/rota-roster?from=2020-02-10&to=2020-02-23',
      page.getByRole('columnheader', { name: /^02-10/ }),
      'roster',
      true,
    );
    for (const [n, text] of roster.entries()) expect(text, `第 ${n + 1} 页`).toContain('岗位（地点）');
    // One signature block per week's sheet: a continuation page (「…轮班表（续）」) carries the title but not the signatures.
    expect(count(roster.join(''), '社区负责人（签字）')).toBe(count(roster.join(''), '疫情防控值守轮班表') - count(roster.join(''), '轮班表（续）'));
    for (const [n, text] of roster.entries()) expect(text, `第 ${n + 1} 页`).toContain('疫情防控值守轮班表');
  });
});

describe('the observation roster printed from 人员台账, as a community’s observation sheet imported it', () => {
  const app = appForEachAttempt(openApp, ({ preview }) => preview.setClock({ instant: NOW }));

  it('lists who was under observation in the last 7 days with 来源地, 返程日期, 交通方式 and 包保责任人, numbers masked', async () => {
    const { page, preview } = app;
    await page.setViewportSize(SCREEN);
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const shell = new ShellPage(page);
    await shell.open('设置');
    await new SettingsPage(page).addCommunity(COMMUNITY);
    await new SettingsPage(page).addGrid(COMMUNITY, '一网格');
    const [a, b] = OBSERVED;
    const sheet = writeCsv(
      join(scratch(), '青松里社区居家观察人员登记表.csv'),
      [
        ['青松里社区居家观察人员登记表'],
        ['序号', '网格', '姓名', '身份证号', '联系电话', '家庭住址', '开始日期', '从何地返回', '返程日期', '交通方式', '车次', '包保责任人'],
        [1, '一网格', a.name, a.id, a.phone, `青松里小区${a.room}`, a.start, '湖北省武汉市', '2020-02-13', '高铁', 'G507', '李网格/赵医生/孙警官'],
        [2, '一网格', b.name, b.id, b.phone, `青松里小区${b.room}`, b.start, '浙江省温州市', '2020-02-14', '自驾', '', '张三、李四'],
      ],
      'gbk',
    );
    step('导入居家观察登记表');
    await shell.open('导入');
    const imp = new ImportPage(page);
    await imp.openFile('个案（各类人员）', sheet);
    await imp.adopt(COMMUNITY);
    await imp.adopt('居家观察');
    await imp.preview();
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);

    step('人员台账 › 打印观察人员名单：近 7 天（周一打印也是一周），每个社区一页');
    await shell.open('人员台账');
    await page.getByRole('link', { name: '打印观察人员名单' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/print/observation-roster');
    const row = page.getByRole('row').filter({ hasText: a.name });
    await expect
      .poll(() => cellsOf(row), SHOWN)
      .toEqual(expect.arrayContaining(['湖北省武汉市', '2020-02-13', '高铁 G507', '网格员 李网格、医生 赵医生、民警 孙警官']));
    await screenshot(page, 'observation-roster-print-1366x768');
    const pages = await printPages(page, '#/print/observation-roster', page.getByRole('columnheader', { name: '来源地' }), 'observation-roster', true);
    expect(pages.length).toBe(1);
    const text = pages[0]!;
    for (const header of ['来源地', '返程日期', '交通方式', '包保责任人', '开始日期', '结束日期']) expect(text).toContain(header);
    // Printed on a Monday: the 7 days to today, not this week's one day (session 20).
    expect(text).toContain('统计期间：2020-02-11至2020-02-17（共2人）');
    // On paper (a wrapped cell's lines interleave with its neighbours' in the PDF's text: each value by a part that fits a line).
    for (const part of ['湖北省', '2020-02-13', 'G507', '李网格', '赵医生', '孙警官', '浙江省']) expect(text).toContain(part);
    // A team that cannot be split is printed as written, no one given a role (session 23: it was left blank, read as
    // nobody responsible).
    const unsplit = page.getByRole('row').filter({ hasText: b.name });
    expect(await cellsOf(unsplit)).toContain('张三、李四（未注明分工）');
    // (On paper the cell wraps: 「张三、李四（未注明」 over 「分工）」.)
    expect(text).toContain('张三、李四（未注明');
    expect(text).not.toMatch(/(网格员|医生|民警)张三/);
    // Posted at checkpoints: the numbers stay masked.
    expect(text).not.toContain(a.id);
    expect(text).toContain(`${a.id.slice(0, 4)}**********${a.id.slice(-4)}`);

    step('个案详情：包保责任人（未注明分工）是个案自己的一项，可改；分了工，名单印分工');
    // The print page has no navigation: back to 人员台账 as a user leaves it.
    await page.evaluate(() => (location.hash = '#/caseload'));
    const caseload = new CaseloadPage(page);
    const drawer = await caseload.openCase(b.name);
    // Each as the user sees it once it shows: the drawer's facts, and after 保存 the facts it loads again (the
    // message 「包保责任人已保存」 shows before that reload ends: reading the facts at once read the old team).
    const team = async () => (await caseload.caseFacts(drawer)).facts['包保责任人'];
    await expect.poll(team, SHOWN).toBe('张三、李四（未注明分工）');
    await expect.poll(() => drawer.getByLabel('包保责任人（未注明分工）', { exact: true }).inputValue(), SHOWN).toBe('张三、李四');
    await screenshot(page, 'case-drawer-team-1366x768');
    await caseload.saveTeam(drawer, { 责任网格员: '张三', 责任医生: '李四', '包保责任人（未注明分工）': '' });
    await expect.poll(team, SHOWN).toBe('网格员 张三、医生 李四');
    await drawer.getByRole('button', { name: '关闭' }).click();
    await page.getByRole('link', { name: '打印观察人员名单' }).click();
    await expect.poll(() => cellsOf(page.getByRole('row').filter({ hasText: b.name })), SHOWN).toContain('网格员 张三、医生 李四');
  });
});
