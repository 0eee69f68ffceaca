/**
 * A new user's empty grids lead on: each says what to do first and holds the button or link that does it, or names in
 * 「」 a button shown on the same screen (the form above it: 「添加社区」, 「登记入库」). Fresh-ledger walks check this.
 */
import type { Page } from 'playwright-core';
import { WRITE_VERBS } from './viewer-buttons';

/** Empty grids with nothing to do about them: nothing is missing (no insurance ends within 14 days). */
const NOTHING_TO_DO = ['即将到期名单'];

interface Box {
  /** The label of the region it is in (a grid's name), or its class. */
  where: string;
  text: string;
  /** The words of the links and buttons inside it. */
  ways: string[];
}

/** The shown boxes under `selector` in the screen, and the words of every button and link shown on the screen. */
async function readBoxes(page: Page, selector: string): Promise<{ boxes: Box[]; buttons: Set<string> }> {
  const read = await page.evaluate((sel: string) => {
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const words = (el: Element) => (el.textContent ?? '').trim();
    return {
      buttons: Array.from(document.querySelectorAll('main.content button, main.content a')).filter(shown).map(words),
      boxes: Array.from(document.querySelectorAll(sel))
        .filter(shown)
        .map((box) => ({
          where: box.closest('[aria-label]')?.getAttribute('aria-label') ?? box.className,
          text: words(box),
          ways: Array.from(box.querySelectorAll('a, button')).map(words),
        })),
    };
  }, selector);
  return { boxes: read.boxes, buttons: new Set(read.buttons) };
}

/** One line for each empty grid on the screen that leaves the user with no next step. */
export async function emptyGridsNotLeading(page: Page): Promise<string[]> {
  const { boxes, buttons } = await readBoxes(page, 'main.content .grid-empty');
  const out: string[] = [];
  for (const empty of boxes) {
    if (NOTHING_TO_DO.includes(empty.where) || empty.ways.length > 0) continue;
    const named = Array.from(empty.text.matchAll(/「([^」]+)」/g), (m) => m[1]!);
    if (named.some((n) => buttons.has(n))) continue;
    out.push(`grid 「${empty.where}」 is empty with no way on: 「${empty.text}」 holds no button and names none on the screen`);
  }
  return out;
}

/**
 * What a clerk or a viewer is told to do that they cannot: in an empty grid, a notice, a status line or a 工作台 tile, a
 * 点「…」 naming a button not on their screen; for a viewer also a link or button there that would write (they may only
 * look: 「查看…」 is theirs), or a sentence telling them to register, add, import or plan without naming who does it
 * (录入员 / 统筹负责人). The names in 「」 are places, not verbs: 「排班日历」 tells no one to plan.
 */
export async function waysBeyondRole(page: Page, role: 'clerk' | 'viewer'): Promise<string[]> {
  const { boxes, buttons } = await readBoxes(page, 'main.content :is(.grid-empty, .notice, [role="status"], .dash-tile-detail)');
  const out: string[] = [];
  for (const { where, text, ways } of boxes) {
    for (const m of text.matchAll(/点(?:上方的|上面的)?「([^」]+)」/g))
      if (!buttons.has(m[1]!)) out.push(`「${where}」 says 点「${m[1]}」, a button not on this screen: 「${text}」`);
    if (role !== 'viewer') continue;
    for (const way of ways) if (WRITE_VERBS.test(way) && !way.startsWith('查看')) out.push(`「${where}」 leads a viewer to 「${way}」, which only writes`);
    for (const sentence of text.replace(/「[^」]*」/g, '「」').split(/[。；]/))
      if (/先|在上面填|从表格|或到/.test(sentence) && /登记|添加|导入|排班|盘点|填好/.test(sentence) && !/录入员|统筹负责人/.test(sentence))
        out.push(`「${where}」 tells a viewer to do what they cannot, without saying who does: 「${sentence}」`);
  }
  return [...new Set(out)];
}
