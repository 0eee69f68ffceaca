/**
 * Every grid in the app at 1366×768 on the demo ledger: no header shown in part at the grid's edge (「心」 of 心理评估
 * beside the scroll bar), nor at the edge of the columns pinned left (入户排查's 住址); and the date boxes on those
 * screens as tall as the text boxes beside them; and each grid scrolled to its right end shows its last column's header whole.
 * 区级表格模板's grid shows once a template is saved (the demo has none): one is added through the screen. 导入's mapping
 * step: import-paste.e2e; 导入记录 with a row: import.e2e.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { rosterTemplate } from '../unit/export/district-templates';
import { ShellPage, UnlockPage } from './pages/auth-pages';
import { ExportPage } from './pages/export-page';
import { GridPage } from './pages/grid-page';
import { step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { OUTPUT_DIR, screenshot } from './support/preview';

const SCREEN = { width: 1366, height: 768 };
/** Sorts first in the demo's first community (书香家园1栋1单元301室 is its first household). */
const LONG_ADDRESS = '书香家园1栋1单元102室（原金水区文化路街道办事处家属院北院）';
/** A result as a worker writes it: its first 14 characters say what was found. */
/** Longer than a day's column of four weeks at 1366 holds (about 8 characters). */
const LONG_POST = '文化路社区居家观察人员上门随访组';
const RESULT = '有外地返程人员两名已登记居家观察，门口张贴告知书';
/** The district's roster as it arrives: a long file name. */
const TEMPLATE_FILE = '金水区居家医学观察人员花名册.xlsx';

/** The grids on the screen as it stands, by name, once each has its headers and its rows (or its empty words). */
async function gridsShown(page: Page): Promise<string[]> {
  const boxes = page.locator('.grid-box[role="region"]');
  await boxes.first().waitFor();
  await page.waitForFunction(() =>
    Array.from(document.querySelectorAll('.grid-box[role="region"]')).every(
      (g) => g.querySelector('.ag-header-cell-text') && (g.querySelector('.ag-row') || g.querySelector('.grid-empty')),
    ),
  );
  // Columns sized to their content after the first rows are drawn.
  await page.waitForTimeout(400);
  return boxes.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
}

/** Header names whose words are wholly inside the grid's frame as it opens (not scrolled to). */
function wholeOnScreen(grid: GridPage): Promise<string[]> {
  return grid.region().evaluate((box) => {
    const frame = box.getBoundingClientRect();
    return Array.from(box.querySelectorAll('.ag-header-cell-text'))
      .filter((t) => {
        const r = t.getBoundingClientRect();
        return r.width > 0 && r.left >= frame.left && r.right <= frame.right;
      })
      .map((t) => (t.textContent ?? '').trim());
  });
}

/**
 * The form boxes on screen outside the grids: the heights of the date, time and month boxes, and of the text boxes and
 * drop-downs beside them. A row of fields is one height (date boxes stood 2 px taller: 37 px beside 35).
 */
function boxHeights(page: Page): Promise<{ dates: number[]; others: number[] }> {
  return page.evaluate(() => {
    const dates: number[] = [];
    const others: number[] = [];
    for (const box of Array.from(document.querySelectorAll('main input, main select'))) {
      const r = box.getBoundingClientRect();
      const type = box.getAttribute('type') ?? 'text';
      if (r.height === 0 || box.closest('.ag-root-wrapper') || !['text', 'number', 'search', 'date', 'time', 'month', 'datetime-local'].includes(type))
        continue;
      (['date', 'time', 'month', 'datetime-local'].includes(type) ? dates : others).push(Math.round(r.height * 10) / 10);
    }
    return { dates, others };
  });
}

/** The first day `assign` is not refused on (a CONFLICT from the rules); null if every day is. */
async function firstDayTaken(days: readonly string[], assign: (day: string) => Promise<unknown>): Promise<string | null> {
  for (const day of days) {
    try {
      await assign(day);
      return day;
    } catch (e) {
      if (!String(e).includes('"code":"CONFLICT"')) throw e;
    }
  }
  return null;
}

describe('every grid at 1366×768, on the demo ledger', () => {
  const app = demoLedgerForEachAttempt('2020-02-17T02:00:00.000Z', 500, SCREEN);

  it('names every header begun on screen whole, at the grid’s edge and at the pinned columns’ edge', async () => {
    const { page, preview } = app;
    const admin = DEMO_USERS[0];
    await new UnlockPage(page).unlock(admin.username, admin.password);
    await page.getByText(`${admin.displayName}（统筹负责人）`).waitFor();
    // 入户排查's pinned 住址 takes its width from the addresses on screen: one written out in full among the first rows.
    const [first] = (await preview.rpc('org.communities.list', {})) as Array<{ id: number }>;
    await preview.rpc('households.save', {
      communityId: first!.id,
      addressText: LONG_ADDRESS,
      headName: '欧阳长址',
      screeningStatus: 'screened',
      screenedBy: '李网格',
      screeningResult: RESULT,
    });
    // A post with a long name, someone on it the first day: its chip in 人员 × 日期 is wider than a day of four weeks.
    // The calendar's first row, so that the chip is drawn (rows far below are not).
    const calendar = (await preview.rpc('rota.calendar', { from: '2020-02-17', to: '2020-03-15' })) as {
      staff: Array<{ id: number; communityId: number | null }>;
    };
    const someone = calendar.staff.find((x) => x.communityId !== null) ?? calendar.staff[0];
    const post = (await preview.rpc('rota.posts.save', {
      communityId: someone!.communityId ?? first!.id,
      name: LONG_POST,
      kind: 'followup',
      requirements: [],
    })) as {
      id: number;
    };
    const [shift] = (await preview.rpc('rota.shifts.list', {})) as Array<{ id: number }>;
    // On the first day of that week the rules let them take it: which day depends on the demo's plan (its rest rotation),
    // and a day they already work a 中班 is refused (两班之间不足 11 小时).
    const placed = await firstDayTaken(['2020-02-17', '2020-02-18', '2020-02-19', '2020-02-20', '2020-02-21'], (day) =>
      preview.rpc('rota.assign', { day, postId: post.id, shiftId: shift!.id, staffId: someone!.id }),
    );
    expect(placed, `${LONG_POST} 在 2020-02-17 至 21 日都排不上`).not.toBeNull();
    const shell = new ShellPage(page);
    const cut: Record<string, string[]> = {};
    const lastCut: Record<string, string> = {};
    const boxes = { dates: new Set<number>(), others: new Set<number>() };
    const seen: string[] = [];
    const visit = async (screen: string, tab: string | null, before?: () => Promise<void>) => {
      step(`${screen}${tab ? ` › ${tab}` : ''}`);
      await shell.open(screen);
      if (tab) await page.getByRole('tab', { name: tab, exact: true }).click();
      await before?.();
      for (const name of await gridsShown(page)) {
        seen.push(name);
        const grid = new GridPage(page, name);
        expect((await grid.headers()).length, `「${name}」没有表头`).toBeGreaterThan(0);
        const names = await grid.headersCutAtEdge();
        if (names.length > 0) cut[name] = names;
        // Scrolled to its right end: the last column's header reachable and whole.
        const last = await grid.lastHeaderAtRightEnd();
        if (!last.whole) lastCut[name] = last.name;
      }
      const heights = await boxHeights(page);
      heights.dates.forEach((h) => boxes.dates.add(h));
      heights.others.forEach((h) => boxes.others.add(h));
      await screenshot(page, `grid-edges-${seen.length}-${screen}${tab ? `-${tab}` : ''}`);
    };
    for (const tab of ['个案台账', '居民查询', '入户排查', '排查覆盖']) await visit('人员台账', tab);
    step('入户排查: the long address does not push 排查人 and 排查结果 off the screen');
    await shell.open('人员台账');
    await page.getByRole('tab', { name: '入户排查', exact: true }).click();
    await gridsShown(page);
    const households = new GridPage(page, '住户列表');
    expect(await wholeOnScreen(households)).toEqual(expect.arrayContaining(['住址', '排查人', '排查结果']));
    // 排查结果 is read, not glimpsed: 14 characters of it in sight (4, 「有外地返…」, beside a 240 px 住址 before), and the
    // columns made narrower for it still hold their words (排查状态 with an earlier visit, 2020-02-17, 3 成员).
    const resultRoom = await households
      .region()
      .locator('.ag-cell[col-id="screeningResult"]')
      .first()
      .evaluate((c) => {
        // What of it the grid shows: up to the nearest edge of the boxes around it that clip or scroll.
        const value = c.querySelector('.ag-cell-value') ?? c;
        let edge = Infinity;
        for (let el = c.parentElement; el && !el.matches('.grid-box'); el = el.parentElement)
          if (getComputedStyle(el).overflowX !== 'visible') edge = Math.min(edge, el.getBoundingClientRect().left + el.clientWidth);
        const r = value.getBoundingClientRect();
        return Math.floor((Math.min(r.right, edge) - r.left) / parseFloat(getComputedStyle(value).fontSize));
      });
    expect(resultRoom, '排查结果一格能显示的字数').toBeGreaterThanOrEqual(14);
    for (const column of ['communityName', 'gridName', 'residentCount', 'screeningStatus', 'screenedOn', 'revisitOn'])
      expect(await households.cutCells(column), column).toEqual([]);
    await screenshot(page, 'grid-edges-households-result-1366x768');
    await households.region().locator(`.ag-cell[col-id="address"]`).first().hover();
    await expect.poll(() => page.locator('.ag-tooltip').textContent(), { timeout: 5000 }).toBe(LONG_ADDRESS);
    for (const tab of ['缺口预警', '库存', '出入库', '物资品种']) await visit('物资', tab);
    // 到货分配 shows its grid once an item is chosen.
    await visit('物资', '到货分配', () =>
      page
        .getByLabel('分配物资')
        .selectOption({ index: 1 })
        .then(() => undefined),
    );
    for (const tab of ['排班日历', '出勤确认', '岗位与班次', '补助']) await visit('排班', tab);
    // Four weeks scroll sideways: the day columns begun on screen are whole days (「02-24 周」 stood cut at the edge).
    const fourWeeks = (view: string) => async () => {
      await page.getByLabel('范围').selectOption({ label: '按月（四周）' });
      await page.getByLabel('视图').selectOption({ label: view });
      await page.getByRole('region', { name: '排班日历' }).locator('.ag-header-cell[col-id="2020-03-15"]').waitFor({ state: 'attached' });
    };
    await visit('排班', '排班日历', fourWeeks('岗位 × 日期'));
    await visit('排班', '排班日历', fourWeeks('人员 × 日期'));
    step('四周 人员 × 日期: every chip inside its day, its × whole; a chip cut short says the whole in its title');
    const chips = await page
      .getByRole('region', { name: '排班日历' })
      .locator('.rota-chip')
      .evaluateAll((els) =>
        els.map((chip) => {
          const cell = chip.closest('.ag-cell')!.getBoundingClientRect();
          const r = chip.getBoundingClientRect();
          const words = chip.querySelector('.rota-chip-text') ?? chip;
          const shortened = words.scrollWidth > words.clientWidth + 1;
          const text = (words.textContent ?? '').trim();
          const x = chip.querySelector('button')?.getBoundingClientRect();
          return {
            text,
            inside: r.left >= cell.left - 1 && r.right <= cell.right + 1 && (!x || (x.left >= r.left && x.right <= r.right + 1)),
            said: !shortened || (chip.getAttribute('title') ?? '').startsWith(text.replace(/ ※| ⚠.*$/g, '')),
          };
        }),
      );
    expect(chips.map((c) => c.text)).toContain(LONG_POST);
    expect(chips.filter((c) => !c.inside || !c.said)).toEqual([]);
    await screenshot(page, 'grid-edges-rota-staff-four-weeks-chips');
    await visit('人员', null);
    // 专属保险's two lists side by side, below the staff list (保险截止日 stood cut at the first one's edge).
    await page.locator('[aria-label="专属保险"]').screenshot({ path: join(OUTPUT_DIR, 'grid-edges-insurance.png') });
    for (const tab of ['牺牲人员', '表彰表扬']) await visit('表彰与纪念', tab);
    for (const tab of ['社区与网格', '用户', '操作日志']) await visit('设置', tab);
    for (const tab of ['号码设置', '报送日历', '上报记录']) await visit('上报', tab);
    // 区级表格模板: the district's roster opened and saved as a user does, then its grid walked like the others.
    const roster = join(mkdtempSync(join(tmpdir(), 'taizhang-e2e-template-')), TEMPLATE_FILE);
    await rosterTemplate(roster);
    await visit('上报', '区级表格模板', async () => {
      const ex = new ExportPage(page);
      await ex.openTemplate(roster);
      // The mapping it opens is in sight, its first rows too, not below the fold under the saved templates' panel.
      await expect.poll(async () => ((await page.getByRole('table', { name: '列对应关系' }).boundingBox())?.y ?? 9999) + 120).toBeLessThan(SCREEN.height);
      await screenshot(page, 'grid-edges-template-mapping');
      await ex.mapColumn('I 列「备注」', '留空');
      await ex.saveTemplate({ name: '区居家观察花名册' });
    });
    step('区级表格模板: the template’s file name whole in its row');
    expect(await new GridPage(page, '区级表格模板').cutCells('fileName')).toEqual([]);
    await new GridPage(page, '区级表格模板').region().getByText(TEMPLATE_FILE).waitFor();
    rmSync(dirname(roster), { recursive: true, force: true });
    // Empty on the demo (「跳过」 stood cut at its edge: its columns were 1740 px).
    await visit('导入', '导入记录');
    expect(seen).toEqual(
      expect.arrayContaining([
        '个案列表',
        '住户列表',
        '缺口清单',
        '排班日历',
        '补助计算',
        '牺牲人员名单',
        '表彰表扬名单',
        '用户列表',
        '导入记录',
        '区级表格模板',
      ]),
    );
    expect(seen.length).toBeGreaterThanOrEqual(29);
    expect(cut).toEqual({});
    expect(lastCut, '横向滚到最右，最后一列的表头应完整').toEqual({});
    // The date boxes met on the way (排班's 日期, 出入库's, 补助's period…) are as tall as the text boxes and drop-downs.
    expect([...boxes.dates], '没有量到日期框').not.toEqual([]);
    expect({ dates: [...boxes.dates], others: [...boxes.others] }).toEqual({ dates: [...boxes.others], others: [...boxes.others] });
  });
});
