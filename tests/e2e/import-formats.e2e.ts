/**
 * Issue 14 “Done means”, the formats import.e2e.ts does not walk: the 青松里社区 observation sheet as a community
 * saves it from WPS — .xlsx, legacy .xls, and .et holding a BIFF8 workbook — with the community and the category only
 * in its title, each imported in one pass through the wizard with the suggested values confirmed; and the files a
 * coordinator also receives that cannot be read, each refused with what to do instead. Files made by the test.
 */
import { describe, expect, it } from 'vitest';
import { scratch } from '../unit/import/files';
import { newLedgerOnImport } from './pages/import-page';
import { CaseloadPage } from './pages/caseload-page';
import { screenshot } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { badFiles, COMMUNITY, DAMAGED_ID, OBSERVED, observationCsv, observationEt, observationXls, observationXlsx } from './fixtures/community-files';

const FORMATS = [
  { name: 'csv', file: (dir: string) => Promise.resolve(observationCsv(dir)), says: '（文本表格（CSV），编码 GBK/GB18030）' },
  { name: 'xlsx', file: (dir: string) => observationXlsx(dir), says: '（Excel 工作簿（.xlsx））' },
  { name: 'xls', file: (dir: string) => Promise.resolve(observationXls(dir)), says: '（旧版 Excel 工作簿（.xls））' },
  { name: 'et-biff8', file: (dir: string) => Promise.resolve(observationEt(dir, 'biff8')), says: '（WPS 表格（.et，内容为 .xls 格式））' },
] as const;

describe('import: the observation sheet as WPS saves it, and the files it cannot read', () => {
  const app = appForEachAttempt();

  for (const format of FORMATS) {
    it(`issue 14 “Done means” (${format.name}): community and category only in the title, one pass with the suggestions confirmed`, async () => {
      const { page, preview } = app;
      const imp = await newLedgerOnImport(page, preview.url, COMMUNITY);

      step(`打开 ${format.name}：按内容认出格式，两行合并的表头读成「基本信息/身份证号」`);
      await imp.openFile('个案（各类人员）', await format.file(scratch()));
      expect(await page.getByText(`${format.says}；表头在第 2、3 行`).count()).toBe(1);
      expect(await imp.mappedTo('基本信息/姓名')).toBe('姓名（必填）');
      expect(await imp.mappedTo('基本信息/身份证号')).toBe('身份证号');

      step('标题里的社区与人员类别只提示，不自动填；采用之前不能预览');
      expect(await imp.suggested('社区')).toContain(`标题中写的是「${COMMUNITY}」`);
      expect(await imp.suggested('人员类别')).toContain('标题中写的是「居家观察人员」');
      expect(await imp.wholeFileValue('社区')).toBe('');
      expect(await imp.wholeFileValue('人员类别')).toBe('');
      expect(await imp.previewButton().isDisabled()).toBe(true);
      await imp.adopt(COMMUNITY);
      await imp.adopt('居家观察');
      expect(await imp.wholeFileValue('社区')).toBe(COMMUNITY);
      await screenshot(page, `import-${format.name}-values-confirmed-1366x768`);

      step('预览：两人写入；身份证号存成数字的那一行退回并写明原因，不修补');
      await imp.preview();
      expect(await imp.count('预览结果', 'created')).toBe(2);
      expect(await imp.count('预览结果', 'rejected')).toBe(1);
      const rejected = imp.grid('退回的行');
      await expect.poll(() => rejected.getByText('钱七').count()).toBeGreaterThan(0);
      expect(await rejected.textContent()).toContain('身份证号');
      expect(await rejected.textContent()).not.toContain(DAMAGED_ID);
      // A CSV keeps no merges: the rows under 「一网格」 are said, not filled (w48-import's walk found them filed silently).
      const lostGrid = format.name === 'csv';
      if (lostGrid) {
        expect(await imp.readNotes()).toContainEqual(expect.stringMatching(/^第 5–6 行的「网格」是空的，而上面的第 4 行写着「一网格」：CSV 不保存合并单元格/));
        await screenshot(page, 'import-csv-lost-merges-preview-1366x768');
      }
      await imp.commit();
      expect(await imp.count('导入结果', 'created')).toBe(2);

      step('人员台账：两位居家观察人员，住址带着合并单元格里的网格（CSV：预览说过的空网格）');
      await imp.openImportedCases();
      const caseload = new CaseloadPage(page);
      await caseload.filterByCategory('居家观察');
      await expect.poll(() => caseload.total()).toBe('共 2 条');
      const drawer = await caseload.openCase(OBSERVED[1].name);
      const grid = lostGrid ? '\\s+' : ' 一网格 ';
      expect((await caseload.caseFacts(drawer)).facts['住址']).toMatch(new RegExp(`^${COMMUNITY}${grid}青松里小区${OBSERVED[1].room}$`));
      await screenshot(page, `caseload-observation-from-${format.name}-1366x768`);
    });
  }

  it('refuses a workbook with macros, one with a password, a WPS-only .et, a Word file and text named .xlsx, each saying what to do', async () => {
    const { page, preview } = app;
    const imp = await newLedgerOnImport(page, preview.url, COMMUNITY);
    const dir = scratch();
    const bad = badFiles(dir);
    const cases: [string, string, string][] = [
      [bad.macros, '含有宏', '另存为 .xlsx 后再导入'],
      [bad.encrypted, '设置了打开密码', '取消密码'],
      [observationEt(dir, 'wps'), '是 WPS 表格自己的格式', '请在 WPS 中另存为 .xlsx 后再导入'],
      [bad.word, '是 Word 文档，不是表格', '粘贴名单（接龙或单元格）'],
      [bad.text, '内容是纯文本', '另存为 .xlsx 再导入'],
    ];
    for (const [file, what, todo] of cases) {
      step(`打开「${file.split('/').pop()}」：拒绝，说明原因和怎么办`);
      await imp.chooseFile('个案（各类人员）', file);
      const alert = page.getByRole('alert').filter({ hasText: what });
      await alert.waitFor();
      const text = (await alert.textContent()) ?? '';
      expect(text).toContain(file.split('/').pop());
      expect(text).toContain(todo);
      expect(await page.getByRole('table', { name: '列对应关系' }).count()).toBe(0);
    }
    await screenshot(page, 'import-refused-text-as-xlsx-1366x768');
  });
});
