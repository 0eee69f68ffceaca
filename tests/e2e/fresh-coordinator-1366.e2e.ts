/**
 * A fresh ledger's first coordinator at 1366×768.
 *
 * 设置 › 我的账号: nobody gave this coordinator an initial password, so the note under 修改密码 must
 * not say one was (it told every role 「统筹负责人为您设置的初始密码」).
 *
 * Two toolbars w45-screens saw askew at 1366×768: 今日随访's 「打印随访清单」 link sat lower than
 * the 刷新 button beside it, and 入户登记's 「入户排查」 drop-down label ~2 px higher than its
 * neighbours' labels. Measured on the page: a link's text on the buttons' middle line, every
 * label of a toolbar row on one line.
 *
 * 表彰与纪念, walked at 1366×768 in session 36: its empty grids kept 200 px a column, so 表彰表扬 cut 「拟稿日期」 at
 * the edge and hid 审批机关, 牺牲人员 hid 追授表彰 and 待解决困难; a record's 附件文件 box (the preview's typed path)
 * ran under 附件说明.
 */
import { describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { firstRunAsCoordinator } from './pages/auth-pages';
import { WalkPage } from './pages/walk-page';
import { GridPage } from './pages/grid-page';
import { HonoursPage } from './pages/honours-page';
import { openApp, screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

const SCREEN = { width: 1366, height: 768 };

/** Vertical middle of an element's box, in px. */
async function middle(el: Locator): Promise<number> {
  const box = await el.boundingBox();
  if (!box) throw new Error('element not shown');
  return box.y + box.height / 2;
}

/** The tops of a toolbar's field labels, rounded to the pixel. */
function labelTops(toolbar: Locator): Promise<Record<string, number>> {
  return toolbar
    .locator('.field > label')
    .evaluateAll((els) => Object.fromEntries(els.map((e) => [(e.textContent ?? '').trim(), Math.round(e.getBoundingClientRect().top)])));
}

describe('a fresh ledger’s first coordinator at 1366×768', () => {
  const app = appForEachAttempt(openApp, async ({ page, preview }) => {
    await page.setViewportSize(SCREEN);
    await page.goto(preview.url);
    await firstRunAsCoordinator(page);
  });

  it('今日随访: 「打印随访清单」 on the middle line of 刷新; 入户登记: the label 入户排查 on the line of its neighbours', async () => {
    const { page } = app;
    const walk = new WalkPage(page);
    await walk.openScreen('今日随访');
    const toolbar = page.locator('main.content .toolbar').first();
    const link = toolbar.getByRole('link', { name: '打印随访清单' });
    const refresh = toolbar.getByRole('button', { name: '刷新' });
    expect(Math.abs((await middle(link)) - (await middle(refresh)))).toBeLessThanOrEqual(1);
    await screenshot(page, 'toolbar-align-today');

    await walk.openScreen('人员台账');
    await walk.openTab('入户登记');
    const row = page
      .getByRole('form', { name: '登记住户' })
      .locator('.toolbar')
      .filter({ has: page.getByLabel('入户排查') });
    const tops = await labelTops(row);
    expect(Object.keys(tops)).toContain('入户排查');
    expect(new Set(Object.values(tops)).size, JSON.stringify(tops)).toBe(1);
    await screenshot(page, 'toolbar-align-register');
  });

  it('我的账号 says whose the password is, not that the coordinator gave it', async () => {
    const { page } = app;
    const walk = new WalkPage(page);
    await walk.openScreen('设置');
    await walk.openTab('我的账号');
    const text = (await page.locator('main.content').textContent()) ?? '';
    expect(text).not.toContain('统筹负责人为您设置');
    expect(text).toContain('密码只有您自己知道');
    await screenshot(page, 'first-account');
  });

  it('表彰与纪念: the empty lists show every column whole; the 附件文件 box of a record stays out of 附件说明', async () => {
    const { page } = app;
    const honours = new HonoursPage(page);
    await honours.open();
    const memorials = new GridPage(page, '牺牲人员名单');
    expect(await memorials.emptyText()).toContain('登记牺牲人员');
    expect(await memorials.headers()).toContain('待解决困难');
    expect(await memorials.headersNotInView()).toEqual([]);
    await screenshot(page, 'honours-empty-memorials-1366');
    await honours.tab('表彰表扬');
    const commendations = new GridPage(page, '表彰表扬名单');
    expect(await commendations.emptyText()).toContain('新增表彰推荐');
    expect(await commendations.headers()).toContain('审批机关');
    expect(await commendations.headersNotInView()).toEqual([]);
    await screenshot(page, 'honours-empty-commendations-1366');
    await honours.tab('牺牲人员');
    await honours.recordDeath({
      name: '李明',
      post: '社区网格员',
      diedAtLocal: '2020-02-10T09:30',
      place: '和平社区卡点',
      cause: '防控工作中感染',
      circumstances: '连续值守卡点，感染后经抢救无效牺牲。',
      deeds: '坚守卡点二十天。',
    });
    const attachments = page.getByRole('region', { name: '附件（材料与照片）' });
    const file = await attachments.getByLabel('附件文件').boundingBox();
    const caption = await attachments.getByLabel('附件说明').boundingBox();
    if (!file || !caption) throw new Error('附件 fields not shown');
    // Side by side, the path box ended under 附件说明; now on rows of their own, neither over the other.
    const overlap =
      file.x < caption.x + caption.width && caption.x < file.x + file.width && file.y < caption.y + caption.height && caption.y < file.y + file.height;
    expect(overlap, JSON.stringify({ file, caption })).toBe(false);
    await attachments.scrollIntoViewIfNeeded();
    await screenshot(page, 'honours-attachments-1366');
    // Back at the list: the record's count of open difficulties said with its unit.
    await page.getByRole('button', { name: '返回名单' }).click();
    expect(await memorials.region().locator('.ag-cell[col-id="openDifficulties"]').first().textContent()).toBe('0 项');
  });
});
