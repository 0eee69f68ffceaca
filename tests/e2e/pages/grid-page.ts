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
  /**
   * Cells whose text wraps (wrapText) read as one row: each wrapped cell's lines at most 1.6 × its font size apart
   * (ag-grid's own line height set them 31 px apart for 14 px words: two lines of one cell read as two rows), and every
   * line inside its row's borders. Each problem names the cell; empty when all read as one row. `wrapped` counts the
   * cells of two lines or more, so a test can say it measured something.
   */
  async wrappedLines(): Promise<{ wrapped: number; problems: string[] }> {
    return this.region().evaluate((grid) => {
      const problems: string[] = [];
      let wrapped = 0;
      for (const cell of Array.from(grid.querySelectorAll('.ag-cell-wrap-text'))) {
        const font = parseFloat(getComputedStyle(cell).fontSize);
        // Line boxes of the text itself (a range over an element would add the element's own box).
        const lines: DOMRect[] = [];
        const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = texts.nextNode(); node; node = texts.nextNode()) {
          const range = document.createRange();
          range.selectNodeContents(node);
          lines.push(...Array.from(range.getClientRects()).filter((r) => r.width > 0));
        }
        const middles: number[] = [];
        for (const m of lines.map((r) => r.top + r.height / 2).sort((a, b) => a - b))
          if (middles.length === 0 || m - middles[middles.length - 1]! > font / 2) middles.push(m);
        if (middles.length < 2) continue;
        wrapped++;
        const name = `${cell.getAttribute('col-id')} 「${(cell.textContent ?? '').trim().slice(0, 12)}」`;
        const pitch = Math.max(...middles.slice(1).map((m, i) => m - middles[i]!));
        if (pitch > 1.6 * font) problems.push(`${name}: lines ${Math.round(pitch)} px apart for ${font} px words`);
        const row = cell.closest('.ag-row')!.getBoundingClientRect();
        if (lines.some((r) => r.top < row.top - 1 || r.bottom > row.bottom + 1))
          problems.push(`${name}: a line outside its row (${Math.round(row.top)}–${Math.round(row.bottom)} px)`);
      }
      return { wrapped, problems };
    });
  }
  /** Texts of cells with a line across their row's foot (half a line showing, the rest under the next row). */
  async linesAcrossRowFoot(): Promise<string[]> {
    return this.region().evaluate((grid) =>
      Array.from(grid.querySelectorAll('.ag-row .ag-cell'))
        .filter((cell) => {
          const foot = cell.closest('.ag-row')!.getBoundingClientRect().bottom;
          const texts = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
          for (let node = texts.nextNode(); node; node = texts.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(node);
            if (Array.from(range.getClientRects()).some((r) => r.width > 0 && r.top < foot - 1 && r.bottom > foot + 1)) return true;
          }
          return false;
        })
        .map((cell) => (cell.textContent ?? '').trim()),
    );
  }
  /**
   * Header names shown in part at the edge of the grid's frame (「心」 of 心理评估 beside the scroll bar): a column
   * begun on screen whose name reads as a fragment. Columns wholly past the edge are a scroll away, not counted.
   */
  async headersCutAtEdge(): Promise<string[]> {
    return this.region().evaluate((grid) =>
      Array.from(grid.querySelectorAll('.ag-header-cell-text'))
        .filter((t) => {
          const words = document.createRange();
          words.selectNodeContents(t);
          const r = words.getBoundingClientRect();
          if (r.width === 0) return false;
          for (let el = t.parentElement; el && el !== grid.parentElement; el = el.parentElement) {
            if (!/hidden|clip/.test(getComputedStyle(el).overflowX)) continue;
            const frame = el.getBoundingClientRect();
            if (r.left < frame.right - 1 && r.right > frame.right + 1) return true;
          }
          return false;
        })
        .map((t) => (t.textContent ?? '').trim()),
    );
  }
  /** Header names not wholly inside the grid's box as it stands: cut at its edge, or a scroll away to the right. */
  async headersNotInView(): Promise<string[]> {
    return this.region().evaluate((grid) => {
      const box = grid.getBoundingClientRect();
      return Array.from(grid.querySelectorAll('.ag-header-cell-text'))
        .filter((t) => {
          const words = document.createRange();
          words.selectNodeContents(t);
          const r = words.getBoundingClientRect();
          return r.width === 0 || r.left < box.left - 1 || r.right > box.right + 1;
        })
        .map((t) => (t.textContent ?? '').trim());
    });
  }
  /**
   * Scrolls the grid to its right end, as a user drags its scroll bar, and says its last column's header: its name, and
   * whether the name is whole inside every box around it that clips (a last column reachable only in part is no column).
   * A grid with nothing to scroll sideways answers as it stands.
   */
  async lastHeaderAtRightEnd(): Promise<{ name: string; whole: boolean }> {
    await this.region().evaluate((grid) => {
      for (const bar of Array.from(grid.querySelectorAll<HTMLElement>('.ag-body-horizontal-scroll-viewport, .ag-center-cols-viewport'))) {
        bar.scrollLeft = bar.scrollWidth;
        bar.dispatchEvent(new Event('scroll'));
      }
    });
    await this.page.waitForTimeout(300);
    return this.region().evaluate((grid) => {
      const headers = Array.from(grid.querySelectorAll<HTMLElement>('.ag-header-cell[aria-colindex]')).filter((h) => h.getBoundingClientRect().width > 0);
      const last = headers.sort((a, b) => Number(b.getAttribute('aria-colindex')) - Number(a.getAttribute('aria-colindex')))[0];
      const text = last?.querySelector('.ag-header-cell-text');
      if (!last || !text) return { name: '', whole: false };
      const words = document.createRange();
      words.selectNodeContents(text);
      const r = words.getBoundingClientRect();
      let whole = r.width > 0;
      for (let el = text.parentElement; el && el !== grid.parentElement; el = el.parentElement) {
        if (!/hidden|clip|auto|scroll/.test(getComputedStyle(el).overflowX)) continue;
        const frame = el.getBoundingClientRect();
        if (r.left < frame.left - 1 || r.right > frame.left + el.clientWidth + 1) whole = false;
      }
      return { name: (text.textContent ?? '').trim(), whole };
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
