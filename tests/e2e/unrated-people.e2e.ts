/**
 * 补助's notice 「本期有 N 人的人员类别未设补助标准」 counts people, not lines: a person who moved to another community in
 * the period has a line for each community (staff-move-pay.e2e.ts), and with no standard set the notice said 2 人 for
 * one person. By hand: 张伟 alone, one person, 0 元.
 */
import { describe, expect, it } from 'vitest';
import { RotaPage, workerMovedOn19th } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('补助 with no standard set, for a person moved to another community', () => {
  const app = appForEachAttempt();

  it('says 1 人 for one person on two lines', async () => {
    const { page } = app;
    await workerMovedOn19th(app, { before: ['2020-02-17', '2020-02-18'], after: ['2020-02-19'] });

    const rota = new RotaPage(page);
    await page.evaluate(() => (window.location.hash = '#/rota'));
    await rota.tab('补助');
    await rota.allowancePeriod('2020-02-17', '2020-02-23');
    const grid = page.getByRole('region', { name: '补助计算' });
    await expect.poll(async () => new Set(await grid.locator('.ag-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('row-id')))).size).toBe(2);
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：0.00 元');
    expect(await page.getByRole('note', { name: '未设补助标准' }).textContent()).toContain('本期有 1 人的人员类别未设补助标准，按 0 元计。');
    await screenshot(page, 'unrated-people');
  });
});
