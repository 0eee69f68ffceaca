/**
 * 补助 after a person moved to another community (rota README 「A staff member moved to another community」): the
 * week's grid has a line for each community with that community's days, the adjustment form names the person once
 * with both communities, and last week's figures read as they did before the move.
 */
import { describe, expect, it } from 'vitest';
import { RotaPage, workerMovedOn19th } from './pages/rota-page';
import { screenshot } from './support/preview';
import { appForEachAttempt } from './support/attempt';

describe('补助 of a person moved to another community, through the screen', () => {
  const app = appForEachAttempt();

  it('shows the days before the move on the old community’s line and after it on the new one’s; last week unchanged', async () => {
    const { page, preview } = app;
    // Wednesday 19 February, 18:00 in Beijing: 张伟 stood 幸福社区's post, moved today (the 19th, the first day counted
    // for 和平社区) and stood 和平社区's post today; every day confirmed.
    await workerMovedOn19th(app, { before: ['2020-02-10', '2020-02-11', '2020-02-17', '2020-02-18'], after: ['2020-02-19'] }, () =>
      preview.rpc('rota.rates.save', { staffKind: 'community_worker', basis: 'day', amountFen: 10000, label: '临时性工作补助' }),
    );

    const rota = new RotaPage(page);
    await page.evaluate(() => (window.location.hash = '#/rota'));
    await rota.tab('补助');
    const grid = page.getByRole('region', { name: '补助计算' });
    // Each line of the grid by its row id, cell by cell.
    const lines = () =>
      grid.locator('.ag-row').evaluateAll((rows) => {
        const byId = new Map<string, string[]>();
        for (const r of rows) {
          const cells = Array.from(r.querySelectorAll('.ag-cell')).map((c) => (c.textContent ?? '').trim());
          byId.set(r.getAttribute('row-id') ?? '', [...(byId.get(r.getAttribute('row-id') ?? '') ?? []), ...cells]);
        }
        return [...byId.values()].map((cells) => cells.join('|')).sort();
      });
    // Last week, paid before the move: one line, 幸福社区, 2 days, 200 元.
    await rota.allowancePeriod('2020-02-10', '2020-02-16');
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：200.00 元');
    await expect.poll(lines).toEqual(['张伟|专职社区工作者|幸福社区|2|2|2|0|临时性工作补助|100 元/天|200.00|0.00||200.00']);
    // This week: two lines, 幸福社区 the 17th and 18th (200 元), 和平社区 the 19th (100 元).
    await rota.allowancePeriod('2020-02-17', '2020-02-23');
    await expect.poll(() => rota.allowanceTotal()).toBe('合计：300.00 元');
    await expect
      .poll(lines)
      .toEqual([
        '张伟|专职社区工作者|和平社区|1|1|1|0|临时性工作补助|100 元/天|100.00|0.00||100.00',
        '张伟|专职社区工作者|幸福社区|2|2|2|0|临时性工作补助|100 元/天|200.00|0.00||200.00',
      ]);
    // The adjustment form names him once, with both communities.
    const who = page.getByRole('form', { name: '补助调整' }).getByLabel('调整人员');
    expect(await who.locator('option', { hasText: '张伟' }).allTextContents()).toEqual(['张伟（和平社区、幸福社区）']);
    // Two lines of one person read as two rows: each below the other once the grid has placed them, not drawn over it.
    const rowsApart = () =>
      grid.locator('.ag-row').evaluateAll((rows) => {
        const boxes = [...new Map(rows.map((r) => [r.getAttribute('row-id'), r.getBoundingClientRect()])).values()].sort((a, b) => a.top - b.top);
        return boxes.length === 2 && boxes[0]!.height > 0 && boxes[1]!.top >= boxes[0]!.bottom - 1;
      });
    await expect.poll(rowsApart).toBe(true);
    await screenshot(page, 'staff-move-pay');
  });
});
