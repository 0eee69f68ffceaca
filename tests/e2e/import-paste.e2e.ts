/**
 * Pasted lists through the wizard: a WeChat 接龙 (the line it cannot read sent back), cells copied from WPS, a 接龙 after
 * the organiser's long notice, and the mapping step of a pasted list at 1366×768. Split from import.e2e.ts (session 31).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { ImportPage } from './pages/import-page';
import { SettingsPage } from './pages/settings-page';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { copiedCells } from './fixtures/community-files';

/** A new ledger at 1366×768 with 青松里社区 (no grid: a 接龙 names none) and the wizard open, as the paste tests start. */
async function newLedgerWithQingsongli(page: Page, url: string): Promise<ImportPage> {
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url);
  await firstRunAsCoordinator(page);
  const shell = new ShellPage(page);
  await shell.open('设置');
  await new SettingsPage(page).addCommunity('青松里社区');
  await shell.open('导入');
  return new ImportPage(page);
}

describe('import: pasted lists', () => {
  const app = appForEachAttempt();

  it('reads a WeChat 接龙 pasted into the wizard, and sends back the line it cannot read; then cells copied from WPS', async () => {
    const { page, preview } = app;
    const imp = await newLedgerWithQingsongli(page, preview.url);
    const text = [
      '青松里社区居家观察人员接龙',
      `1. 王五 ${makeIdNumber('110105', '1985-05-05', 35)} 13803711009 青松里小区1号楼1单元101室`,
      '2. 明天再报',
      // Two people on one line (PH2-L1): whose the ID number is cannot be told, so the line is sent back saying so.
      `3. 张三 李四 ${makeIdNumber('420106', '1990-07-01', 23)} 13803711003`,
    ].join('\n');
    await imp.paste('个案（各类人员）', text);
    expect(await imp.mappedTo('姓名')).toBe('姓名（必填）');
    await imp.adopt('青松里社区');
    await imp.adopt('居家观察');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(1);
    expect(await imp.count('预览结果', 'rejected')).toBe(2);
    const why = '「姓名」这一行有两个像姓名的词（张三、李四），看不出身份证号和电话是谁的，姓名未读取；请改成一人一行';
    expect(await page.getByRole('region', { name: '退回的行' }).getByText(why).count()).toBe(1);
    await screenshot(page, 'import-paste-preview');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(1);

    step('从 WPS 复制的单元格（没有标题）：说明表头在哪一行，「社区」不用去“其他字段”里找');
    await page.getByRole('button', { name: '导入下一个文件' }).click();
    await imp.paste('个案（各类人员）', copiedCells());
    expect(await page.getByText('粘贴的表格（从 Excel/WPS 复制的单元格）；表头在第 1 行').count()).toBe(1);
    // Two people not yet in the ledger: without 社区 both would come back 「台账中没有这位居民」.
    expect(await imp.suggested('社区')).not.toContain('采用');
    await imp.setWholeFileValue('社区', '青松里社区');
    await imp.setWholeFileValue('人员类别', '返程人员');
    await screenshot(page, 'import-paste-cells-values-1366x768');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    expect(await imp.count('预览结果', 'rejected')).toBe(0);
  });

  it('a 接龙 pasted in two rounds: the repeats merged, and 导入记录 says so (「合并重复 2 条」, migration 079)', async () => {
    const { page, preview } = app;
    const imp = await newLedgerWithQingsongli(page, preview.url);
    const round = [
      '青松里社区居家观察人员接龙',
      `1. 王五 ${makeIdNumber('110105', '1985-05-05', 35)} 13803711009`,
      `2. 赵六 ${makeIdNumber('110105', '1986-06-06', 36)} 13803711010`,
    ];
    await imp.paste('个案（各类人员）', [...round, '', ...round, `3. 钱七 ${makeIdNumber('110105', '1987-07-07', 37)} 13803711011`].join('\n'));
    for (const value of ['青松里社区', '居家观察']) await imp.adopt(value);
    await imp.preview();
    expect([await imp.count('预览结果', 'created'), await imp.count('预览结果', 'merged')]).toEqual([3, 2]);
    await imp.commit();
    expect(await imp.count('导入结果', 'merged')).toBe(2);
    await imp.history();
    const outcomes = imp.grid('导入记录').locator('.ag-cell[col-id="outcomes"]').first();
    await expect.poll(() => outcomes.textContent()).toBe('新增 3，合并重复 2 条');
    await screenshot(page, 'import-history-merged-1366x768');
  });

  it('at 1366×768: a returnee 接龙’s 来源地, a place not in the lists kept as written and said for the user to check', async () => {
    const { page, preview } = app;
    const imp = await newLedgerWithQingsongli(page, preview.url);
    const text = [
      '青松里社区返程人员接龙',
      `1. 王五 ${makeIdNumber('110105', '1985-05-05', 35)} 13803711009 青松里小区1号楼1单元101室 武汉返`,
      `2. 赵六 ${makeIdNumber('410102', '1970-01-01', 51)} 13803711010 青松里小区2号楼 麻城返`,
      `3. 钱七 ${makeIdNumber('410102', '1972-01-01', 52)} 13803711011 青松里小区3号楼 黄冈`,
    ].join('\n');
    // 麻城 is a county of 黄冈: not in the lists (provinces and prefecture-level cities), never taken for 黄冈.
    const said = '第 3 行的来源地「麻城返」不在程序认得的地名（省和地级市）里，已按原样写入「来源地」，没有猜是哪个地方：请核对。';
    await imp.paste('个案（各类人员）', text);
    expect(await imp.mappedTo('来源地')).toBe('来源地');
    expect(await imp.readNotes()).toEqual([said]);
    await screenshot(page, 'import-paste-origins-mapping-1366x768');
    await imp.adopt('青松里社区');
    await imp.adopt('返程人员');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(3);
    expect(await imp.count('预览结果', 'rejected')).toBe(0);
    expect(await imp.readNotes()).toEqual([said]);
    // The rows as they will be written: 来源地 as read (武汉返 → 武汉), 麻城返 as written.
    const sample = page.getByRole('region', { name: '将写入的行' });
    const column = await sample.locator('.ag-header-cell', { hasText: '来源地' }).getAttribute('col-id');
    const origins = sample.locator(`.ag-cell[col-id="${column}"]`);
    expect(await origins.allTextContents()).toEqual(['武汉', '麻城返', '黄冈']);
    await screenshot(page, 'import-paste-origins-preview-1366x768');
  });

  it('a 接龙 after 40 lines of the organiser’s notice: found where it starts, the notice said as skipped at 1366×768', async () => {
    const { page, preview } = app;
    const imp = await newLedgerWithQingsongli(page, preview.url);
    const notice = ['#接龙', '青松里社区返程人员登记'];
    for (let i = 1; notice.length < 40; i++) notice.push(i % 5 === 0 ? '' : `${i}）请各位居民如实填写本人情况，不要漏报，谢谢配合`);
    notice.push('填写要求：', '1、按“序号 姓名 身份证号 电话 住址”填写', '2、今天18:00前完成', '3、有疑问联系网格员 13803710000', '');
    const text = [
      ...notice,
      `1. 王五 ${makeIdNumber('110105', '1985-05-05', 35)} 13803711009 青松里小区1号楼1单元101室`,
      `2、赵六，${makeIdNumber('410102', '1970-01-01', 51)}，13803711010，青松里小区2号楼`,
    ].join('\n');
    // The notice's first 5 lines are its title; the rest, numbered instructions included, skipped.
    const said = `第 6–${notice.length - 1} 行是接龙前的说明文字（${notice.filter((l) => l !== '').length - 5} 行），未导入。`;
    await imp.paste('个案（各类人员）', text);
    expect(await imp.mappedTo('姓名')).toBe('姓名（必填）');
    expect(await imp.readNotes()).toEqual([said]);
    // 标题: the line naming the community and category, on one line; the notice's five title lines on hover and under 展开.
    const title = await imp.titleLine();
    expect(title).toMatchObject({ text: '青松里社区返程人员登记', hover: notice.slice(0, 5).join('\n') });
    expect(title.height).toBeLessThan(32);
    await screenshot(page, 'import-paste-notice-mapping-1366x768');
    expect(await imp.wholeTitle()).toEqual(notice.slice(0, 5));
    await screenshot(page, 'import-paste-notice-title-open-1366x768');
    await imp.adopt('青松里社区');
    await imp.adopt('返程人员');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    expect(await imp.count('预览结果', 'rejected')).toBe(0);
    expect(await imp.readNotes()).toEqual([said]);
    await screenshot(page, 'import-paste-notice-preview-1366x768');
  });

  it('at 1366×768: a pasted 接龙’s 全表统一的值 in sight above the action bar, every box and button of it, as more fields are added', async () => {
    const { page, preview } = app;
    const imp = await newLedgerWithQingsongli(page, preview.url);
    const text = [
      '#接龙',
      '青松里社区返程人员登记',
      `1. 王五 ${makeIdNumber('110105', '1985-05-05', 35)} 13803711009 青松里小区1号楼1单元101室`,
      `2. 赵六 ${makeIdNumber('410102', '1970-01-01', 51)} 13803711010 青松里小区2号楼`,
    ].join('\n');
    await imp.paste('个案（各类人员）', text);

    step('标题里的社区、人员类别两项待采用：每个框和按钮都不在底部操作栏下面');
    expect(await imp.suggested('人员类别')).toContain('标题中写的是「返程人员」');
    expect(await imp.coveredValueFields()).toEqual([]);
    await page.locator('.mapping-side').evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'import-paste-values-1366x768');

    step('再为其他字段填写统一的值（开始日期、来源、备注）：面板更长，仍在操作栏之上');
    for (const field of ['开始日期', '来源', '备注']) await page.getByLabel('为其他字段填写统一的值').selectOption({ label: field });
    await imp.adopt('青松里社区');
    await imp.adopt('返程人员');
    expect(await imp.coveredValueFields()).toEqual([]);
    await screenshot(page, 'import-paste-values-more-1366x768');
    await imp.setWholeFileValue('开始日期', '2020-02-10');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
  });
});

describe('import: the mapping step’s frames at 1366×768', () => {
  const app = appForEachAttempt();

  it('says under 全表统一的值 how many fields lie below, while any do, and nothing at its end; covers none of them', async () => {
    const { page, preview } = app;
    const imp = await newLedgerWithQingsongli(page, preview.url);
    const text = ['#接龙', '青松里社区返程人员登记', `1. 王五 ${makeIdNumber('110105', '1985-05-05', 35)} 13803711009 青松里小区1号楼1单元101室`].join('\n');
    await imp.paste('个案（各类人员）', text);
    for (const field of ['开始日期', '来源', '备注', '网格']) await page.getByLabel('为其他字段填写统一的值').selectOption({ label: field });
    const side = page.locator('.mapping-side');
    await side.evaluate((el) => el.scrollTo(0, 0));
    await screenshot(page, 'import-mapping-more-below-1366x768');
    expect(await side.evaluate((el) => el.scrollHeight > el.clientHeight + 1), '这些字段在 1366×768 应超出框').toBe(true);
    // The line under the frame, not over it: nothing of the frame is covered (a box at its foot stays clickable).
    const hint = page.locator('.mapping-side + [role="status"][aria-label="框内下方还有"]');
    // The rows of 全表统一的值 (and the 「为其他字段…」 choice) whose foot is below the frame's visible foot.
    const below = () =>
      side.evaluate((el) => {
        const foot = el.getBoundingClientRect().bottom;
        return Array.from(el.querySelectorAll('[data-more-item]')).filter((i) => i.getBoundingClientRect().bottom > foot + 1).length;
      });
    const n = await below();
    expect(n).toBeGreaterThan(0);
    await expect.poll(() => hint.textContent()).toBe(`向下还有 ${n} 项`);
    step('滚到底：提示消失');
    await side.evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect.poll(() => hint.textContent()).toBe('');
    expect(await below()).toBe(0);
    await screenshot(page, 'import-mapping-more-below-end-1366x768');
    step('点提示：框向下滚');
    await side.evaluate((el) => el.scrollTo(0, 0));
    await hint.getByRole('button', { name: /^向下还有 \d+ 项/ }).click();
    await expect.poll(() => side.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  });
});
