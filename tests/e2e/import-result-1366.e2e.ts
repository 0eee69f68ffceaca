/**
 * 导入 in the office window (1366×678), step by step, with a community's workbook (a title row, two sheets) whose 300 rows
 * are refused: 选择文件, 对应列 (工作表, 表头, 全表统一的值), 预览 and 导入结果 each with its way on in sight.
 *
 * Session 42 (w60-screens): 保存退回表格 sat greyed until a path was typed in a box above it, and a coordinator did not
 * know why. Now the button is the next step: it asks where to save (main's dialog in the app; in the preview a small
 * dialog with the typed path, already beside the imported file), then saves. The words say what the file is for (send it
 * back to the community to correct the rows named below), the rows are listed with their reasons in a frame of their
 * own, and the whole step, its buttons included, fits the window unscrolled.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch, writeXlsx } from '../unit/import/files';
import { newLedgerOnImport } from './pages/import-page';
import { appForEachAttempt, step } from './support/attempt';
import { OFFICE_WINDOW, officeWindowProblems, openedProblems } from './support/office-window';
import { screenshot } from './support/preview';
import { auditScreen, cutTexts } from './support/screen-audit';

/** Whole inside the office window: the box's four edges. */
async function inWindow(el: Locator): Promise<boolean> {
  const box = await el.boundingBox();
  return box !== null && box.x >= 0 && box.y >= 0 && box.x + box.width <= OFFICE_WINDOW.width && box.y + box.height <= OFFICE_WINDOW.height;
}

/** Buttons and headings whose words are wider or taller than their box. */
function overflowing(root: Locator): Promise<string[]> {
  return root.evaluate((top) =>
    Array.from(top.querySelectorAll('button, h1, h2, h3, label, a'))
      .filter((el) => el.getBoundingClientRect().width > 0)
      .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
      .map((el) => (el.textContent ?? '').trim().slice(0, 20)),
  );
}

describe('导入结果 in the office window', () => {
  const app = appForEachAttempt();

  it('after 300 rows refused: names them, and 保存退回表格 asks where, saves, and stays in sight', async () => {
    const { page, preview } = app;
    const imp = await newLedgerOnImport(page, preview.url, '东风社区');
    await page.setViewportSize(OFFICE_WINDOW);
    const dir = scratch();
    const good = Array.from({ length: 5 }, (_, i) => [
      '东风社区',
      `张${i}`,
      makeIdNumber('420106', '1956-11-08', 31 + i),
      '13800138000',
      `幸福小区3栋${i + 1}01室`,
    ]);
    // Excel turned the ID numbers into 4.20106E+17: every such row is refused, naming 身份证号.
    const bad = Array.from({ length: 300 }, (_, i) => ['东风社区', `退${i}`, '4.20106E+17', '', `幸福小区5栋${i + 1}室`]);
    // As a community sends it: a title above the header, and a second sheet of instructions.
    const file = await writeXlsx(join(dir, '东风社区居民花名册.xlsx'), [
      { name: '花名册', rows: [['东风社区居民花名册（2020年2月）'], ['社区', '姓名', '身份证号', '联系电话', '家庭住址'], ...good, ...bad] },
      { name: '填表说明', rows: [['身份证号请设为文本格式']] },
    ]);

    step('1 选择文件：标题、选项卡和「打开文件」在窗口里');
    expect(await officeWindowProblems(page)).toEqual([]);
    await screenshot(page, 'import-file-step-1366x678');
    await imp.openFile('居民（按户）', file);

    step('2 对应列：工作表、表头、全表统一的值，「预览」在窗口底部的操作栏里');
    await page.getByLabel('工作表', { exact: true }).waitFor();
    const mapping = page.locator('.mapping-panel');
    expect(await openedProblems(mapping, imp.previewButton())).toEqual([]);
    expect(await officeWindowProblems(page)).toEqual([]);
    expect(await imp.coveredValueFields()).toEqual([]);
    await screenshot(page, 'import-mapping-step-1366x678');

    step('3 预览：300 行有错，「确认导入」在窗口里');
    await imp.preview();
    expect(await imp.count('预览结果', 'rejected')).toBe(300);
    const commit = page.getByRole('button', { name: '确认导入' });
    expect(await openedProblems(page.getByLabel('预览结果'), commit)).toEqual([]);
    expect(await officeWindowProblems(page)).toEqual([]);
    await screenshot(page, 'import-preview-300-refused-1366x678');
    // Each reason whole in its row (it says what to fix), as in 导入结果.
    const refusedPreview = imp.grid('退回的行');
    // Under the way-on bar at first (the step scrolls on to 写入后在台账中的样子): brought up, every row and reason whole.
    await refusedPreview.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await expect.poll(() => cutTexts(refusedPreview)).toEqual([]);
    await imp.commit();
    expect(await imp.count('导入结果', 'rejected')).toBe(300);

    step('导入结果：下一步看得见，不用滚动');
    const content = page.locator('main.content');
    const saveButton = page.getByRole('button', { name: /^保存退回表格/ });
    await saveButton.waitFor();
    expect(await saveButton.isEnabled(), '保存退回表格 should not be greyed').toBe(true);
    const refused = imp.grid('退回的行');
    await expect.poll(() => refused.getByText('身份证号', { exact: false }).count()).toBeGreaterThan(0);
    for (const [what, el] of [
      ['导入完成', page.getByRole('heading', { name: '导入完成' })],
      ['导入结果', page.getByLabel('导入结果')],
      ['保存退回表格', saveButton],
      ['导入下一个文件', page.getByRole('button', { name: '导入下一个文件' })],
      ['退回的行', refused],
    ] as const)
      expect(await inWindow(el), `「${what}」 inside 1366×678`).toBe(true);
    expect(await content.evaluate((c) => c.scrollHeight - c.clientHeight), 'the result step scrolls').toBeLessThanOrEqual(1);
    const said = (await page.getByRole('note', { name: '退回的行怎么办' }).textContent()) ?? '';
    expect(said).toContain('发回社区');
    expect(said).toContain('行号');
    expect(await overflowing(content)).toEqual([]);
    expect(await auditScreen(page)).toEqual([]);
    await screenshot(page, 'import-result-300-refused-1366x678');

    step('保存退回表格：先问保存到哪里，再保存');
    await saveButton.click();
    const dialog = page.getByRole('dialog', { name: '保存退回表格' });
    await dialog.waitFor();
    // Beside the imported file, named for it: the coordinator only confirms.
    expect(await dialog.getByLabel('退回表格保存到').inputValue()).toBe(join(dir, '退回_东风社区居民花名册.xlsx'));
    const confirm = dialog.getByRole('button', { name: '保存', exact: true });
    await expect.poll(() => confirm.isEnabled()).toBe(true);
    expect(await inWindow(confirm), '「保存」 inside 1366×678').toBe(true);
    expect(await overflowing(dialog)).toEqual([]);
    await screenshot(page, 'import-result-save-dialog-1366x678');
    await confirm.click();
    const saved = page.getByRole('status').filter({ hasText: '已保存退回表格（300 行）' });
    await saved.waitFor();
    expect(existsSync(join(dir, '退回_东风社区居民花名册.xlsx'))).toBe(true);
    expect(await inWindow(saved), 'the saved message inside 1366×678').toBe(true);
    expect(await page.getByRole('dialog', { name: '保存退回表格' }).count()).toBe(0);
    await screenshot(page, 'import-result-saved-1366x678');
  });
});
