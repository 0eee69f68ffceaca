/**
 * A new user's empty grids lead on: each says what to do first and holds the button or link that does it, or names in
 * 「」 a button shown on the same screen (the form above it: 「添加社区」, 「登记入库」). Fresh-ledger walks check this.
 */
import type { Page } from 'playwright-core';

/** Empty grids with nothing to do about them: nothing is missing (no insurance ends within 14 days). */
const NOTHING_TO_DO = ['即将到期名单'];

/** One line for each empty grid on the screen that leaves the user with no next step. */
export async function emptyGridsNotLeading(page: Page): Promise<string[]> {
  return page.evaluate((exempt: string[]) => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const words = (el: Element) => (el.textContent ?? '').trim();
    const buttons = new Set(Array.from(document.querySelectorAll('main.content button, main.content a')).filter(shown).map(words));
    const out: string[] = [];
    for (const empty of Array.from(document.querySelectorAll('main.content .grid-empty')).filter(shown)) {
      const grid = empty.closest('[aria-label]')?.getAttribute('aria-label') ?? '';
      if (exempt.includes(grid) || empty.querySelector('a, button')) continue;
      const named = Array.from(words(empty).matchAll(/「([^」]+)」/g), (m) => m[1]!);
      if (named.some((n) => buttons.has(n))) continue;
      out.push(`grid 「${grid}」 is empty with no way on: 「${words(empty)}」 holds no button and names none on the screen`);
    }
    return out;
  }, NOTHING_TO_DO);
}
