/** Any grid on any screen, by its name: its headers, its 「显示列」 menu, what it says when empty. */
import type { Locator, Page } from 'playwright-core';

export class GridPage {
  constructor(
    private readonly page: Page,
    readonly name: string,
  ) {}
  region(): Locator {
    return this.page.getByRole('region', { name: this.name, exact: true });
  }
  async headers(): Promise<string[]> {
    return (await this.region().locator('.ag-header-cell-text').allTextContents()).map((t) => t.trim()).filter(Boolean);
  }
  /** Ticks or unticks a column in 「显示列」 above the grid, then closes the menu. */
  async showColumn(column: string, on: boolean): Promise<void> {
    const frame = this.page.locator('.grid-frame').filter({ has: this.region() });
    await frame.getByRole('button', { name: /^显示列/ }).click();
    const box = frame.getByRole('group', { name: '显示列' }).getByLabel(column, { exact: true });
    if (on) await box.check();
    else await box.uncheck();
    await this.page.keyboard.press('Escape');
  }
  /** The cells, in any column (or the one whose col-id is given), whose text the column's width cuts (「4101****…」). */
  async cutCells(colId?: string): Promise<string[]> {
    return this.region()
      .locator(colId ? `.ag-cell[col-id="${colId}"]` : '.ag-cell')
      .evaluateAll((cells) =>
        cells
          .filter((c) => [c, c.querySelector('.ag-cell-value') ?? c].some((e) => e.scrollWidth > e.clientWidth + 1))
          .map((c) => (c.textContent ?? '').trim()),
      );
  }
  /** Header names of scrolling columns whose words reach under the columns pinned right (操作): a column the user cannot read. */
  async underPinnedRight(): Promise<string[]> {
    return this.region().evaluate((grid) => {
      const pinned = Array.from(grid.querySelectorAll('[class*="pinned-right"]')).filter((e) => e.getBoundingClientRect().width > 0);
      if (pinned.length === 0) return [];
      const edge = Math.min(...pinned.map((e) => e.getBoundingClientRect().left));
      return Array.from(grid.querySelectorAll('.ag-header-cell-text'))
        .filter((t) => !t.closest('[class*="pinned-right"]') && t.getBoundingClientRect().right > edge + 1)
        .map((t) => (t.textContent ?? '').trim());
    });
  }
  /** The words an empty grid shows instead of rows. */
  async emptyText(): Promise<string> {
    const status = this.region().locator('.grid-empty').getByRole('status');
    await status.waitFor();
    return ((await status.textContent()) ?? '').trim();
  }
  emptyAction(label: string): Locator {
    return this.region()
      .locator('.grid-empty')
      .getByRole(/* a link or a button */ 'link', { name: label })
      .or(this.region().locator('.grid-empty').getByRole('button', { name: label }));
  }
}
