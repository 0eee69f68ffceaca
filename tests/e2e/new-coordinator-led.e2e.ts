/**
 * A new coordinator led, not left, at 1366×768 (session 35 walk). A fresh ledger has no community yet, and the first
 * file is 「青松里社区返程人员登记表（2020年2月）」 with the community only in its title. The wizard said 「本街道没有这个
 * 社区：请先在「设置 › 社区与网格」中添加，或在左边另选」: leaving lost the file and its mapping, there was nothing to
 * choose, and 预览 sent every row back (「台账中没有这位居民……在「全表统一的值」里选社区」). The coordinator now adds the
 * title's community from the wizard and every row goes in.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMUNITY, RETURNEES, returneeCsv } from './fixtures/community-files';
import { firstRunAsCoordinator, ShellPage } from './pages/auth-pages';
import { ImportPage } from './pages/import-page';
import { launchBrowser, newPage, screenshot, startPreview } from './support/preview';
import { appForEachAttempt, step } from './support/attempt';

const SCREEN = { width: 1366, height: 768 };

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
    expect(await imp.addCommunityFromTitle(COMMUNITY)).toContain('全表每一行都归到它');
    expect(await imp.wholeFileValue('社区')).toBe(COMMUNITY);
    expect(await imp.unknownCommunity(COMMUNITY)).toBeNull();
    await imp.adopt('返程人员');
    await screenshot(page, 'led-community-added');

    step('预览：每一行都能写入，没有「台账中没有这位居民」');
    await imp.preview();
    expect(await imp.count('预览结果', 'rejected')).toBe(0);
    expect(await imp.count('预览结果', 'created')).toBe(RETURNEES.length);
    await imp.commit();
    expect(await imp.count('导入结果', 'created')).toBe(RETURNEES.length);

    step('社区在台账里，类别「社区」');
    const communities = (await preview.rpc('org.communities.list', {})) as { name: string; kind: string }[];
    expect(communities.map((c) => [c.name, c.kind])).toEqual([[COMMUNITY, '社区']]);
  });
});
