/**
 * Issue 14's returnee and observation files through the wizard: the GBK returnee CSV and the observation .et holding an
 * xlsx with the community and the category only in their titles (each in one pass with the suggestions confirmed), a
 * 包保责任人 cell split in the preview, a community remembered from the last file, and the returnees in the caseload
 * grid at 1366×768. Split from import.e2e.ts (session 31); files made by the test.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { scratch, writeCsv } from '../unit/import/files';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { ImportPage, newLedgerOnImport } from './pages/import-page';
import { CaseloadPage } from './pages/caseload-page';
import { SettingsPage } from './pages/settings-page';
import { GridPage } from './pages/grid-page';
import { RETURNEE_LABELS } from '../../electron/core/caseload/returnee.shared';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { COMMUNITY, OBSERVED, observationEt, returneeCsv } from './fixtures/community-files';

describe('import: returnee and observation files with the community and category in their titles', () => {
  const app = appForEachAttempt();

  it('issue 14 “Done means”: a returnee CSV and an observation .et holding an xlsx, community and category only in their titles, each in one pass with the suggestions confirmed', async () => {
    const { page, preview } = app;
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const dir = scratch();
    // As 青松里社区 sends them (fixtures/community-files.ts): no 社区 or 人员类别 column, both only in the title.
    const csv = returneeCsv(dir);
    const shell = new ShellPage(page);
    step('没有社区时：导入页说每行都要有社区，并链接到添加社区的地方');
    await shell.open('导入');
    const none = page.getByRole('status', { name: '还没有社区' });
    await none.waitFor();
    await none.getByRole('link', { name: '到「设置 › 社区与网格」添加社区' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/settings?tab=org');
    const settings = new SettingsPage(page);
    await settings.addCommunity(COMMUNITY);
    await settings.addGrid(COMMUNITY, '一网格');
    await shell.open('导入');
    const imp = new ImportPage(page);
    await page.getByLabel('导入内容').waitFor();
    await expect.poll(() => none.count()).toBe(0);
    // The two sources are a row of choices with room under them, not labels sitting on a tab strip's line.
    const kinds = await page.getByRole('radiogroup', { name: '来源' }).boundingBox();
    const pasteLabel = await page.getByText('粘贴名单（接龙或单元格）').boundingBox();
    expect(kinds!.y + kinds!.height - (pasteLabel!.y + pasteLabel!.height)).toBeGreaterThanOrEqual(6);
    await screenshot(page, 'import-source-1366x768');

    step('GBK 返程人员登记表：标题中的社区与人员类别只提示，不自动填');
    await imp.openFile('个案（各类人员）', csv);
    expect(await imp.mappedTo('从何地返回')).toBe('来源地');
    expect(await imp.mappedTo('返程日期')).toBe('返程日期');
    expect(await imp.mappedTo('车次')).toBe('车次/航班号');
    expect(await imp.suggested('社区')).toContain('标题中写的是「青松里社区」');
    expect(await imp.suggested('人员类别')).toContain('标题中写的是「返程人员」');
    expect(await imp.wholeFileValue('社区')).toBe('');
    expect(await imp.previewButton().isDisabled()).toBe(true);
    await screenshot(page, 'import-whole-file-values');
    step('只采用人员类别：标题写明的社区还空着，预览仍不能按，并说明要做什么');
    await imp.adopt('返程人员');
    expect(await imp.previewButton().isDisabled()).toBe(true);
    expect(await imp.footNote()).toBe('标题中写的社区是「青松里社区」：请在“全表统一的值”中点「采用「青松里社区」」，或另选社区。');
    await screenshot(page, 'import-community-unanswered-1366x768');
    await imp.adopt(COMMUNITY);
    expect(await imp.wholeFileValue('社区')).toBe(COMMUNITY);
    expect(await imp.wholeFileValue('人员类别')).toBe('返程人员');
    await screenshot(page, 'import-whole-file-values-confirmed');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    expect(await imp.count('预览结果', 'rejected')).toBe(0);
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);

    step('导入完成后到「人员台账」：返程人员在表中，抽屉里有来源地、返程日期、交通方式');
    await page.getByRole('link', { name: '到「人员台账」查看导入的个案' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/caseload?tab=cases');
    const caseload = new CaseloadPage(page);
    await caseload.filterByCategory('返程人员');
    const drawer = await caseload.openCase('张三');
    const { facts, wrappedLabels } = await caseload.caseFacts(drawer);
    expect(facts).toMatchObject({ 来源地: '湖北省武汉市', 返程日期: '2020-02-10', 交通方式: '高铁 G507' });
    expect(wrappedLabels).toEqual([]);
    await screenshot(page, 'caseload-returnee-details');

    step('WPS .et（内容为 .xlsx）的居家观察登记表：同样一次导入');
    await shell.open('导入');
    await imp.openFile('个案（各类人员）', observationEt(dir, 'ooxml'));
    expect(await page.getByText('（WPS 表格（.et，内容为 .xlsx 格式））；表头在第 2、3 行').count()).toBe(1);
    expect(await imp.mappedTo('基本信息/身份证号')).toBe('身份证号');
    expect(await imp.suggested('社区')).toContain('标题中写的是「青松里社区」');
    expect(await imp.suggested('人员类别')).toContain('标题中写的是「居家观察人员」');
    expect(await imp.wholeFileValue('人员类别')).toBe('');
    await imp.adopt(COMMUNITY);
    await imp.adopt('居家观察');
    await imp.preview();
    expect(await imp.count('预览结果', 'created')).toBe(2);
    // The ID typed into a number cell is refused with the reason, never repaired.
    expect(await imp.count('预览结果', 'rejected')).toBe(1);
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);
    await page.getByRole('link', { name: '到「人员台账」查看导入的个案' }).click();
    await caseload.filterByCategory('居家观察');
    await expect.poll(() => caseload.total()).toBe('共 2 条');
    const observed = await caseload.openCase(OBSERVED[0].name);
    expect((await caseload.caseFacts(observed)).facts).toMatchObject({ 住址: `青松里社区 一网格 青松里小区${OBSERVED[0].room}` });
    await screenshot(page, 'caseload-observation-from-et');
  });

  it('at 1366×768: a 包保责任人 cell split in the preview, a remembered community the title agrees with, the returnees readable in the caseload grid', async () => {
    const { page, preview } = app;
    const imp = await newLedgerOnImport(page, preview.url, COMMUNITY);
    const dir = scratch();

    step('包保责任人一格三人：对应到「包保责任人」，预览里分开列出网格员、医生、民警');
    await imp.openFile('个案（各类人员）', returneeCsv(dir));
    expect(await imp.mappedTo('包保责任人')).toBe('包保责任人');
    await imp.adopt(COMMUNITY);
    await imp.adopt('返程人员');
    await imp.preview();
    const planned = imp.grid('将写入的行');
    await expect.poll(() => planned.getByText('网格员 李网格、医生 赵医生、民警 孙警官').count()).toBe(1);
    await screenshot(page, 'import-team-split-preview-1366x768');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(2);

    step('同一社区的第二份表：上次的社区、人员类别已填，并说明与标题一致');
    const second = writeCsv(
      join(dir, '青松里社区返程人员登记表（第二批）.csv'),
      [
        ['2020年2月青松里社区返程人员登记表（第二批）'],
        ['序号', '姓名', '身份证号', '联系电话', '家庭住址', '返程日期', '从何地返回', '交通方式', '车次', '包保责任人'],
        [
          1,
          '周八',
          makeIdNumber('410105', '1970-04-04', 19),
          '13803711012',
          '青松里小区6号楼1单元101室',
          '2020-02-13',
          '广东省深圳市',
          '飞机',
          'CZ3456',
          '王网格',
        ],
      ],
      'gbk',
    );
    await page.getByRole('button', { name: '导入下一个文件' }).click();
    await imp.openFile('个案（各类人员）', second);
    expect(await imp.wholeFileValue('社区')).toBe(COMMUNITY);
    expect(await imp.suggested('社区')).toContain('上次的值，与标题一致（标题中写的是「青松里社区」）');
    expect(await imp.suggested('人员类别')).toContain('上次的值，与标题一致（标题中写的是「返程人员」）');
    await screenshot(page, 'import-remembered-agrees-1366x768');
    await imp.preview();
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(1);

    step('人员台账 1366 宽：住址不截断，来源地、返程日期不用横向滚动就能看到');
    await page.getByRole('link', { name: '到「人员台账」查看导入的个案' }).click();
    const caseload = new CaseloadPage(page);
    await caseload.filterByCategory('返程人员');
    await expect.poll(() => caseload.total()).toBe('共 3 条');
    const grid = new GridPage(page, '个案列表');
    const address = grid.region().locator('.ag-row .ag-cell[col-id="address"]').first();
    await address.waitFor();
    const cut = await address.evaluate((c) => [c, c.querySelector('.ag-cell-value') ?? c].some((e) => e.scrollWidth > e.clientWidth + 1));
    expect(cut, '住址被截断').toBe(false);
    // The columns a coordinator reads a returnee by end inside the grid's window, with no sideways scroll.
    const viewport = (await grid.region().boundingBox())!;
    for (const header of ['姓名', '类别', '状态', '社区', '网格', '住址', RETURNEE_LABELS.origin, RETURNEE_LABELS.arrivedOn, '最近监测', '漏查天数']) {
      const cell = grid
        .region()
        .locator('.ag-header-cell')
        .filter({ has: page.getByText(header, { exact: true }) });
      const box = (await cell.boundingBox())!;
      expect(box.x + box.width, `「${header}」列在窗口之外`).toBeLessThanOrEqual(viewport.x + viewport.width + 1);
    }
    expect(await grid.cutCells()).toEqual([]);
    await screenshot(page, 'caseload-grid-returnees-1366x768');
  });
});
