/**
 * 排班日历 as a tired coordinator and a viewer meet it at 1366×768 (the walk of session 47):
 * - 自动排班 over four weeks of all communities of a big office (250 posts × 3 shifts × 28 days = 21,000 post-shift-days,
 *   over the run's bound of 20,000, rota/generate.ts): the refusal stands under the button in words, the 社区 control
 *   it names (details.field communityIds) is marked, and a note says which controls split the run; done as it says,
 *   the run plans. Before, only 「请按社区分开排」, nothing marked.
 * - The viewer's rows are as tall as their chips: a viewer's chips have no ×, two names share a line, and a row sized
 *   by its count of names stood twice as tall as what it showed. No row cuts a chip, for the coordinator either.
 * - 安排值守's 日期 after 下一周: the drop-down showed the new week's first day while 安排 sent the day kept from the
 *   week before; and at 17:30 UTC (01:30 the next day in the office) it offers today, not the week's past Monday.
 * Screenshots test-output/rota-walk-*.png.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../electron/core/demo/build-demo';
import { firstRunAsCoordinator, ShellPage, UnlockPage } from './pages/auth-pages';
import { RotaPage } from './pages/rota-page';
import { WalkPage } from './pages/walk-page';
import { appForEachAttempt, step } from './support/attempt';
import { demoLedgerForEachAttempt } from './support/demo-ledger';
import { auditScreen } from './support/screen-audit';
import { screenshot } from './support/preview';
import { makeOffice } from '../helpers/rota-office';

const NOW = '2020-02-17T02:00:00.000Z';

describe('自动排班 too big for one run, at 1366×768', () => {
  const app = appForEachAttempt(undefined, async ({ preview, page }) => {
    await preview.setClock({ instant: NOW });
    await page.goto(preview.url);
  });

  it('the refusal marks 社区 and says how to split; one community, one week plans', async () => {
    const { page, preview } = app;
    await firstRunAsCoordinator(page);
    await makeOffice((c, i) => preview.rpc(c, i), { staff: 30, posts: 250, perShift: 1 });
    const walk = new WalkPage(page);
    const rota = new RotaPage(page);
    await walk.openScreen('排班');
    await rota.tab('排班日历');
    await page.getByLabel('范围').selectOption({ label: '按月（四周）' });
    await walk.settle();
    await page.getByRole('button', { name: '自动排班' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '岗位班次太多' });
    await refusal.waitFor({ timeout: 60_000 });
    const community = page.getByLabel('社区', { exact: true });
    expect(await community.getAttribute('aria-invalid')).toBe('true');
    const how = page.getByRole('note', { name: '自动排班太大时怎么办' });
    expect(await how.textContent()).toBe('怎么办：在上面的「社区」里选一个社区，再点「自动排班」，各社区逐个排；或把「范围」改为「按周」，一周一周地排。');
    expect(await community.getAttribute('aria-describedby')).toBe(await how.getAttribute('id'));
    // The words in sight of the button, without scrolling.
    expect((await how.boundingBox())!.y + (await how.boundingBox())!.height).toBeLessThan(768);
    expect(await auditScreen(page)).toEqual([]);
    await screenshot(page, 'rota-walk-too-big');

    step('one community: 社区 no longer marked, the note keeps 按周 only');
    await rota.chooseCommunity('第1社区');
    expect(await community.getAttribute('aria-invalid')).toBeNull();
    expect(await how.textContent()).toBe('怎么办：把「范围」改为「按周」，一周一周地排。');
    expect(await rota.generate()).toMatch(/^自动排班完成/);
    await expect.poll(() => how.count()).toBe(0);
  }, 240_000);
});

describe('安排值守’s 日期 is the day 安排 sends', () => {
  // 17:30 UTC: 01:30 on Tuesday 18 February in the office's zone, the week begun yesterday.
  const app = appForEachAttempt(undefined, async ({ preview, page }) => {
    await preview.setClock({ instant: '2020-02-17T17:30:00.000Z' });
    await page.goto(preview.url);
  });

  it('today in a week begun; after 下一周 that week’s first day, and 安排 places the person on it', async () => {
    const { page, preview } = app;
    await firstRunAsCoordinator(page);
    await makeOffice((c, i) => preview.rpc(c, i), { staff: 3, posts: 1, perShift: 1 });
    const walk = new WalkPage(page);
    const rota = new RotaPage(page);
    await walk.openScreen('排班');
    await rota.tab('排班日历');
    await walk.settle();
    const form = page.getByRole('form', { name: '安排值守' });
    expect(await form.getByLabel('日期').inputValue()).toBe('2020-02-18');
    await page.getByRole('button', { name: '下一周' }).click();
    await walk.settle();
    expect(await form.getByLabel('日期').inputValue()).toBe('2020-02-24');
    await form.getByLabel('安排到岗位').selectOption({ label: '第1社区 岗位1' });
    await form.getByLabel('班次').selectOption({ index: 1 });
    await form.getByLabel('人员').selectOption({ label: '员1' });
    await form.getByRole('button', { name: '安排' }).click();
    expect(await rota.message('status', '已安排')).toBe('已安排 员1 2020-02-24');
    await screenshot(page, 'rota-walk-assign-next-week');
  }, 180_000);
});

describe('排班日历’s rows as tall as their names, by role', () => {
  const app = demoLedgerForEachAttempt(NOW, 100, { width: 1366, height: 768 });

  it('viewer: two names share a line and the row holds just them; nobody’s row cuts a chip', async () => {
    const { page } = app;
    const walk = new WalkPage(page);
    const rota = new RotaPage(page);
    for (const [i, slug] of [
      [2, 'viewer'],
      [0, 'coordinator'],
    ] as const) {
      const user = DEMO_USERS[i];
      step(`${user.displayName}（${slug}）`);
      await new UnlockPage(page).unlock(user.username, user.password);
      await page.getByText(`${user.displayName}（`).first().waitFor();
      await walk.openScreen('排班');
      await rota.tab('排班日历');
      for (const [view, span] of [
        ['岗位 × 日期', '按周'],
        ['人员 × 日期', '按周'],
        ['岗位 × 日期', '按月（四周）'],
      ] as const) {
        await page.getByLabel('视图').selectOption({ label: view });
        await page.getByLabel('范围').selectOption({ label: span });
        await walk.settle();
        const rows = await rota.rowRoom();
        expect(rows.length, `${slug} ${view} ${span}`).toBeGreaterThan(3);
        expect(
          rows.filter((r) => r.below < 2),
          `${slug} ${view} ${span}: cut`,
        ).toEqual([]);
        // One line of chips is about 26 px; the row's own padding leaves about 16 below it. A row no taller than its
        // label needs (a post's name over its shift, 52 px; a name, 42) is as short as it can be.
        const least = view === '岗位 × 日期' ? 52 : 42;
        if (slug === 'viewer')
          expect(
            rows.filter((r) => r.height > least && r.below > 24),
            `${slug} ${view} ${span}: empty below`,
          ).toEqual([]);
        await screenshot(page, `rota-walk-${slug}-${view === '岗位 × 日期' ? 'posts' : 'staff'}-${span === '按周' ? 'week' : 'four-weeks'}`);
      }
      await new ShellPage(page).lock();
    }
  }, 240_000);
});
