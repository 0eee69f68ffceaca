/**
 * The app's window on an office PC's 1366×768 screen: the title bar, the menu and the Windows taskbar take about 90 px,
 * so a coordinator sees 1366×678 of the page (electron/app-window.ts opens a 1366×860 window, taller than that screen).
 * A screen's main button must show there unscrolled, or the coordinator does not know it is there.
 */
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';

export const OFFICE_WINDOW = { width: 1366, height: 678 } as const;

/**
 * Shrinks the page to OFFICE_WINDOW, as it opens (no scrolling: the page keeps where it was) and checks `button` is inside
 * it whole. The test sets its own size back if it goes on (most e2e files use 1366×768, the screen).
 */
export async function expectInOfficeWindow(page: Page, button: Locator, what: string): Promise<void> {
  await page.setViewportSize(OFFICE_WINDOW);
  await expect.poll(() => button.isVisible(), { message: `「${what}」 shown` }).toBe(true);
  const box = (await button.boundingBox())!;
  expect(box.x, `「${what}」 left of the window`).toBeGreaterThanOrEqual(0);
  expect(box.y, `「${what}」 above the window`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `「${what}」 past the right edge of a 1366×678 window`).toBeLessThanOrEqual(OFFICE_WINDOW.width);
  expect(box.y + box.height, `「${what}」 under the foot of a 1366×678 window (a 1366×768 screen less its title bar and taskbar)`).toBeLessThanOrEqual(
    OFFICE_WINDOW.height,
  );
}

/**
 * What a coordinator misses in the office window (1366×678) on the screen as it opens, unscrolled: the screen's
 * heading, its tabs and its lead (the first main-coloured button or link, when it has one) not whole inside the window, and
 * a button, label, tab or heading whose words are wider or taller than its box; English in what is read aloud or shown on
 * hover (aria-label, title, placeholder; ag-grid's own words). Each problem one line naming it.
 */
export async function officeWindowProblems(page: Page): Promise<string[]> {
  return page.evaluate((win: { width: number; height: number }) => {
    const problems: string[] = [];
    const main = document.querySelector('main.content');
    if (!main) return ['no main.content'];
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const inside = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.left >= 0 && r.top >= 0 && r.right <= win.width + 0.5 && r.bottom <= win.height + 0.5;
    };
    const name = (el: Element) => `${el.tagName.toLowerCase()} 「${(el.textContent ?? '').trim().slice(0, 20)}」`;
    const heading = main.querySelector('h1');
    if (!heading || !shown(heading)) problems.push('the screen has no heading shown');
    else if (!inside(heading)) problems.push(`the heading is outside the window: ${name(heading)}`);
    for (const tab of Array.from(main.querySelectorAll('[role="tab"]')).filter(shown))
      if (!inside(tab)) problems.push(`a tab is outside the window: ${name(tab)}`);
    // The screen's lead: its first main-coloured button or link (an empty grid's 「去排班日历」, 上报's 「导入表格」).
    const primary = Array.from(main.querySelectorAll('button.primary, a.button-link')).find(shown);
    if (primary && !inside(primary)) problems.push(`the main button is outside the window unscrolled: ${name(primary)}`);
    if (/[a-zA-Z]{4,}/.test((heading?.textContent ?? '').replace(/PDF|Excel|WPS|ID/g, ''))) problems.push(`the heading is not Chinese: ${name(heading!)}`);
    // Words read aloud or shown on hover (aria-label, title, placeholder), ag-grid's own hidden ones among them: Chinese.
    // Not a chart's insides: a role="img" is read by its own label alone (recharts labels its legend icons 「… legend icon」).
    const known = /PDF|Excel|WPS|xlsx?|csv|SHA-256|KB|MB|WinRAR|Bandizip|Zip|Alt|ALT|Ctrl|CTRL|Shift/g;
    for (const el of Array.from(document.querySelectorAll('[aria-label], [title], [placeholder], [aria-description]')).filter(
      (e) => !e.parentElement?.closest('[role="img"]'),
    ))
      for (const attr of ['aria-label', 'title', 'placeholder', 'aria-description']) {
        const said = el.getAttribute(attr) ?? '';
        if (/[A-Za-z]{3,}/.test(said.replace(known, ''))) problems.push(`English in ${attr}: 「${said.slice(0, 40)}」 (${el.tagName.toLowerCase()})`);
      }
    for (const el of Array.from(document.querySelectorAll('.ag-aria-description-container, .ag-overlay, .ag-paging-panel')))
      if (/[A-Za-z]{3,}/.test(el.textContent ?? '')) problems.push(`ag-grid's own words in English: 「${(el.textContent ?? '').trim().slice(0, 40)}」`);
    for (const el of Array.from(main.querySelectorAll('button, label, [role="tab"], h1, h2, h3, legend'))) {
      if (!shown(el) || el.closest('.ag-root-wrapper')) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        problems.push(`words overflow their box: ${name(el)} (${el.scrollWidth}×${el.scrollHeight} px in ${el.clientWidth}×${el.clientHeight})`);
    }
    return problems;
  }, OFFICE_WINDOW);
}

/**
 * What a coordinator misses of what a click opened (a drawer, a form or panel the app brings into sight) in the office
 * window, as the app leaves it: its top, and `action` when given, outside the window; any action button of it (a button,
 * a link made a button) that no scrolling brings into sight: cut off by a box that does not scroll, in a scroll area
 * whose own frame reaches past the window (its foot can never be scrolled into sight), or outside the window with
 * nothing to scroll; it or the screen scrolling sideways; a button, label, heading or term whose words are wider or
 * taller than their box. Each problem one line.
 */
export async function openedProblems(opened: Locator, action?: Locator): Promise<string[]> {
  const problems = await opened.evaluate((box: Element, win: { width: number; height: number }) => {
    const out: string[] = [];
    const r = box.getBoundingClientRect();
    if (r.top < 0 || r.top > win.height - 60) out.push(`its top is outside the window (${Math.round(r.top)} px)`);
    if (r.left < 0 || r.right > win.width + 0.5) out.push(`it reaches past the window's sides (${Math.round(r.left)}–${Math.round(r.right)} px)`);
    if (box.scrollWidth > box.clientWidth + 1) out.push(`it scrolls sideways (${box.scrollWidth} px in ${box.clientWidth})`);
    const main = document.querySelector('main.content');
    if (main && main.scrollWidth > main.clientWidth + 1) out.push(`the screen scrolls sideways (${main.scrollWidth} px in ${main.clientWidth})`);
    const words = (el: Element) => (el.textContent ?? '').trim().slice(0, 20) || (el.getAttribute('aria-label') ?? '');
    for (const el of Array.from(box.querySelectorAll('button, label, h1, h2, h3, legend, dt, th'))) {
      const e = el.getBoundingClientRect();
      if (e.width === 0 || e.height === 0 || el.closest('.ag-root-wrapper')) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        out.push(
          `words overflow their box: ${el.tagName.toLowerCase()} 「${words(el)}」 (${el.scrollWidth}×${el.scrollHeight} px in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    // Every action button, where no scrolling brings it: a grid's own cells are left to the screen audit.
    const within = (b: DOMRect, f: { top: number; left: number; bottom: number; right: number }) =>
      b.top >= f.top - 0.5 && b.left >= f.left - 0.5 && b.bottom <= f.bottom + 0.5 && b.right <= f.right + 0.5;
    const windowFrame = { top: 0, left: 0, bottom: win.height, right: win.width };
    const pixels = (b: DOMRect) => `${Math.round(b.top)}–${Math.round(b.bottom)} px`;
    const actions = [box, ...Array.from(box.querySelectorAll('*'))].filter(
      (el) => el.matches('button, a.button-link, input[type="submit"]') && !el.closest('.ag-root-wrapper'),
    );
    for (const el of actions) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 || b.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      let reachable = within(b, windowFrame);
      let problem: string | null = null;
      for (let up = el.parentElement; up && up !== document.documentElement && !problem; up = up.parentElement) {
        const style = getComputedStyle(up);
        // A drawer fixed to the window is not moved by the screen's scrolling: nothing above it brings its buttons in.
        const fixed = style.position === 'fixed';
        const frame = up.getBoundingClientRect();
        if ((style.overflowX === 'visible' && style.overflowY === 'visible') || within(b, frame)) {
          if (fixed) break;
          continue;
        }
        const scrolls = (o: string) => o === 'auto' || o === 'scroll';
        const outsideY = b.top < frame.top - 0.5 || b.bottom > frame.bottom + 0.5;
        const outsideX = b.left < frame.left - 0.5 || b.right > frame.right + 0.5;
        if ((outsideY && !scrolls(style.overflowY)) || (outsideX && !scrolls(style.overflowX)))
          problem = `「${words(el)}」 is cut off by the edge of a box that does not scroll (${pixels(b)} in ${pixels(frame)})`;
        else if (!within(frame, windowFrame))
          problem = `「${words(el)}」 is in a scroll area reaching past the window (${pixels(frame)}): scrolled to its foot, it is still out of sight`;
        else {
          // A scroll area in the window: scrolling it brings the button in.
          reachable = true;
          break;
        }
      }
      if (problem) out.push(problem);
      else if (!reachable) out.push(`「${words(el)}」 is outside the window (${pixels(b)}) and nothing scrolls it into sight`);
    }
    return out;
  }, OFFICE_WINDOW);
  if (action) {
    const b = await action.boundingBox();
    const name = ((await action.textContent()) ?? '').trim();
    if (!b || b.x < 0 || b.y < 0 || b.x + b.width > OFFICE_WINDOW.width || b.y + b.height > OFFICE_WINDOW.height)
      problems.push(`「${name}」 is outside the window (${b ? `${Math.round(b.y)}–${Math.round(b.y + b.height)} px` : 'not shown'})`);
  }
  return problems;
}
