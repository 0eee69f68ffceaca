/**
 * A new coordinator led, not left, in the office window (1366×678; session 35 walk at 1366×768): each step's way on
 * in it. A fresh ledger has no community yet, and the first
 * file is 「青松里社区返程人员登记表（2020年2月）」 with the community only in its title. The wizard said 「本街道没有这个
 * 社区：请先在「设置 › 社区与网格」中添加，或在左边另选」: leaving lost the file and its mapping, there was nothing to
 * choose, and 预览 sent every row back (「台账中没有这位居民……在「全表统一的值」里选社区」). The coordinator now adds the
 * title's community from the wizard and every row goes in.
 *
 * 导入记录 said what became of the rows in words (「新增 2，无变化 1」), which cannot be sorted: each count is also a column
 * of its own under 「显示列」, sortable.
 *
 * 排班 with a post and nobody registered: 自动排班 reported 「已排 0 人次……公平性：每人 0–0 班」 and fourteen lines of
 * 「没有可安排的人员」. It now says nobody is registered and where they are, and offers 自动排班 once someone is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeIdNumber } from '../../electron/core/people/id-number';
import { writeCsv } from '../unit/import/files';
import { COMMUNITY, RETURNEES, returneeCsv } from './fixtures/community-files';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { GridPage } from './pages/grid-page';
import { ImportPage } from './pages/import-page';
import { RotaPage } from './pages/rota-page';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';
import { expectInOfficeWindow, OFFICE_WINDOW } from './support/office-window';

const SCREEN = OFFICE_WINDOW;

describe('a new coordinator’s first file, its community only in the title', () => {
  let dir: string;
  const app = appForEachAttempt(
    async () => {
      dir = mkdtempSync(join(tmpdir(), 'taizhang-e2e-led-'));
      const preview = await startPreview();
      const browser = await launchBrowser();
      return { preview, browser, page: await newPage(browser, { viewport: SCREEN }), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
    },
    ({ preview }) => preview.setClock({ instant: '2020-02-17T01:30:00.000Z' }),
  );

  it('adds the title’s community from the import wizard and imports every row into it', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    await new ShellPage(page).open('导入');
    const imp = new ImportPage(page);
    await imp.openFile('个案（各类人员）', returneeCsv(dir));

    step('标题里的社区本街道还没有：说明，并可当场添加');
    const note = await imp.unknownCommunity(COMMUNITY);
    expect(note).toContain(`标题中写的是「${COMMUNITY}」，本街道还没有这个社区`);
    expect(note).toContain('请核对这份表是否发错');
    // Nothing to choose yet: it does not send the user to a choice that is empty.
    expect(note).not.toContain('请在上面选它');
    await screenshot(page, 'led-unknown-community');
    await expectInOfficeWindow(page, page.getByRole('button', { name: `添加社区「${COMMUNITY}」并采用` }), `添加社区「${COMMUNITY}」并采用`);
    expect(await imp.addCommunityFromTitle(COMMUNITY)).toContain('全表每一行都归到它');
    expect(await imp.wholeFileValue('社区')).toBe(COMMUNITY);
    expect(await imp.unknownCommunity(COMMUNITY)).toBeNull();
    await imp.adopt('返程人员');
    await screenshot(page, 'led-community-added');
    await expectInOfficeWindow(page, imp.previewButton(), '预览');

    step('预览：每一行都能写入，没有「台账中没有这位居民」');
    await imp.preview();
    expect(await imp.count('预览结果', 'rejected')).toBe(0);
    expect(await imp.count('预览结果', 'created')).toBe(RETURNEES.length);
    await expectInOfficeWindow(page, page.getByRole('button', { name: '确认导入' }), '确认导入');
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(RETURNEES.length);
    await expectInOfficeWindow(page, page.getByRole('button', { name: '导入下一个文件' }), '导入下一个文件');
    await screenshot(page, 'led-imported');

    step('社区在台账里，类别「社区」');
    const communities = (await preview.rpc('org.communities.list', {})) as { name: string; kind: string }[];
    expect(communities.map((c) => [c.name, c.kind])).toEqual([[COMMUNITY, '社区']]);

    step('补报一份（一人已在台账、一人新增），导入记录按「新增」排序');
    const late = writeCsv(
      join(dir, '青松里社区返程人员补报.csv'),
      [
        ['青松里社区返程人员登记表（2020年2月补报）'],
        ['姓名', '身份证号', '联系电话', '返程日期'],
        [RETURNEES[0].name, RETURNEES[0].id, RETURNEES[0].phone, RETURNEES[0].on],
        ['周芳', makeIdNumber('410105', '1993-04-02', 58), '13803711009', '2020-02-15'],
      ],
      'gbk',
    );
    await page.getByRole('button', { name: '导入下一个文件' }).click();
    await imp.openFile('个案（各类人员）', late);
    if ((await imp.wholeFileValue('社区')) !== COMMUNITY) await imp.adopt(COMMUNITY);
    if ((await imp.wholeFileValue('人员类别')) !== '返程人员') await imp.adopt('返程人员');
    await imp.preview();
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(1);
    await imp.history();
    const history = new GridPage(page, '导入记录');
    await expect.poll(() => history.region().getByText('青松里社区返程人员补报.csv').count()).toBeGreaterThan(0);
    await history.showColumn('新增', true);
    // The rows top to bottom (ag-grid moves rows by their row-index, not their order in the page): file and 新增.
    const files = () =>
      history
        .region()
        .locator('.ag-row')
        .evaluateAll((rows) =>
          rows
            .filter((r) => r.querySelector('[col-id="fileName"]'))
            .sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index')))
            .map((r) => [r.querySelector('[col-id="fileName"]')!.textContent, r.querySelector('[col-id="created"]')!.textContent]),
        );
    const header = history.region().locator('.ag-header-cell[col-id="created"]');
    await header.click();
    await expect.poll(files).toEqual([
      ['青松里社区返程人员补报.csv', '1'],
      ['青松里社区返程人员登记表.csv', String(RETURNEES.length)],
    ]);
    await header.click();
    await expect.poll(files).toEqual([
      ['青松里社区返程人员登记表.csv', String(RETURNEES.length)],
      ['青松里社区返程人员补报.csv', '1'],
    ]);
    await screenshot(page, 'led-history-sorted');
  });

  it('排班: a post and nobody registered says so and where people are added, not 「已排 0 人次」', async () => {
    const { page, preview } = app;
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
    const qingsong = ((await preview.rpc('org.communities.save', { name: COMMUNITY })) as { id: number }).id;
    const shell = new ShellPage(page);
    const rota = new RotaPage(page);
    await shell.open('排班');
    await rota.tab('岗位与班次');
    await rota.addPost({ community: COMMUNITY, name: '小区东门卡点', kind: '卡点值守', location: '青松里小区东门', shifts: ['早班 08:00–16:00'] });

    step('没有人员：说明，并指向「人员」');
    await rota.tab('排班日历');
    const note = page.getByRole('status', { name: '还没有人员' });
    expect(await note.textContent()).toContain('还没有登记人员，自动排班和「安排」都没有人可排');
    expect(await page.getByRole('button', { name: '自动排班' }).isDisabled()).toBe(true);
    await screenshot(page, 'led-rota-nobody');
    await expectInOfficeWindow(page, note.getByRole('link', { name: '去登记人员' }), '去登记人员');
    await note.getByRole('link', { name: '去登记人员' }).click();
    await page.getByRole('button', { name: '登记人员' }).waitFor();

    step('登记一人后：自动排班，有公平性');
    await preview.rpc('rota.staff.save', { name: '刘晓燕', kind: 'community_worker', communityId: qingsong });
    await shell.open('排班');
    await rota.tab('排班日历');
    await page.getByRole('button', { name: '自动排班', disabled: false }).waitFor();
    expect(await note.count()).toBe(0);
    expect(await rota.generate()).toMatch(/已排 [1-9]/);
    expect(await page.getByRole('region', { name: '排班结果' }).textContent()).toContain('公平性');
  });
});
