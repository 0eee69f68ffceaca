/**
 * What a coordinator at 1366×768 would be ashamed to see, checked in the page:
 * the page scrolling sideways (outside a grid's or a calendar's own frame), a
 * grid header cut or missing, a cut cell in a grid's pinned (or first) column,
 * a link or button cut by its grid cell (同户 beside a long address), a box's hint cut by its edge,
 * English identifiers (channel names such as `users.create`, AM/PM, raw JSON),
 * ag-grid's own 「无显示行」 overlay, a day (2020-01-27) or a name in 「」 broken across two lines, and an empty grid's
 * sentence ending in a line of a character or two. Each problem is one Chinese-free line
 * naming where it was found, so a failing walk says what to fix.
 */
import type { Locator, Page } from 'playwright-core';

/** File names a screen may show on purpose (a package, a key, a backup's manifest). */
const FILE_EXTENSIONS = ['xlsx', 'xls', 'et', 'csv', 'json', 'zip', 'pdf', 'db', 'pub', 'png', 'txt'];

export async function auditScreen(page: Page): Promise<string[]> {
  return page.evaluate((extensions: string[]) => {
    const problems: string[] = [];
    const describe = (el: Element): string => {
      const region = el.closest('[aria-label]');
      const text = (el.textContent ?? '').trim().slice(0, 30);
      return `${region ? `「${region.getAttribute('aria-label')}」 ` : ''}${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? `.${el.className.split(/\s+/).slice(0, 2).join('.')}` : ''} "${text}"`;
    };
    const ownFrame = (el: Element): boolean => el.closest('.ag-root-wrapper, [data-scroll-frame]') !== null;
    const shown = (el: Element): boolean => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };

    // 1. Sideways scrolling: the document, or any scroll box that is not a grid's own frame.
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) problems.push(`the page scrolls sideways: ${root.scrollWidth} px in ${root.clientWidth} px`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (ownFrame(el) || !shown(el)) continue;
      const overflowX = getComputedStyle(el).overflowX;
      if ((overflowX === 'auto' || overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1) {
        problems.push(`scrolls sideways outside a grid: ${describe(el)} is ${el.scrollWidth} px in ${el.clientWidth} px`);
      }
    }

    // 2. Grids: every header named and whole; the pinned (or else first) column's cells whole.
    const cut = (el: Element): boolean => el.scrollWidth > el.clientWidth + 1;
    // A wrapped label taller than its row loses its last line below the row.
    const cutBelow = (el: Element): boolean => el.scrollHeight > el.clientHeight + 2;
    for (const grid of Array.from(document.querySelectorAll('.ag-root-wrapper'))) {
      const name = grid.closest('[aria-label]')?.getAttribute('aria-label') ?? '(unnamed grid)';
      for (const header of Array.from(grid.querySelectorAll('.ag-header-cell'))) {
        // ag-grid's own row-selection column carries a tick box, not a name.
        if (!shown(header) || header.getAttribute('col-id')?.startsWith('ag-Grid-')) continue;
        const text = header.querySelector('.ag-header-cell-text');
        if (!text || (text.textContent ?? '').trim() === '') problems.push(`grid 「${name}」: a column has no header`);
        else if (cut(text)) problems.push(`grid 「${name}」: header 「${text.textContent}」 is cut (${text.scrollWidth} px in ${text.clientWidth} px)`);
      }
      // ag-grid 36 puts each row's cells in .ag-grid-pinned-left-cells and .ag-grid-scrolling-cells (the classes
      // before it, .ag-pinned-left-cols-container and .ag-center-cols-container, match nothing in 36).
      const pinned = Array.from(grid.querySelectorAll('.ag-grid-pinned-left-cells .ag-cell'));
      const firstColId = grid.querySelector('.ag-grid-scrolling-cells .ag-cell')?.getAttribute('col-id');
      const primary = pinned.length > 0 ? pinned : Array.from(grid.querySelectorAll(`.ag-grid-scrolling-cells .ag-cell[col-id="${firstColId}"]`));
      for (const cell of primary) {
        if (!shown(cell)) continue;
        const value = cell.querySelector('.ag-cell-value') ?? cell;
        if (cut(value) || cut(cell))
          problems.push(`grid 「${name}」: cell 「${(cell.textContent ?? '').trim()}」 in column ${cell.getAttribute('col-id')} is cut`);
        else if (cutBelow(cell))
          problems.push(
            `grid 「${name}」: cell 「${(cell.textContent ?? '').trim()}」 in column ${cell.getAttribute('col-id')} is cut below (${cell.scrollHeight} px in ${cell.clientHeight} px)`,
          );
      }
      // A link or button in a cell (同户, 登记个案, 已出勤) cut by its cell's edge: half a word to click.
      for (const button of Array.from(grid.querySelectorAll('.ag-cell button, .ag-cell a'))) {
        if (!shown(button)) continue;
        const cell = button.closest('.ag-cell')!.getBoundingClientRect();
        const r = button.getBoundingClientRect();
        if (r.right > cell.right + 1 || r.left < cell.left - 1)
          problems.push(`grid 「${name}」: 「${(button.textContent ?? '').trim()}」 is cut by its cell (${Math.round(r.right - cell.right)} px past it)`);
      }
      // 4. ag-grid's own empty overlay says nothing about what is missing.
      if (grid.querySelector('.ag-overlay-no-rows-center')) problems.push(`grid 「${name}」: shows ag-grid's default empty overlay`);
    }

    // A native time input follows the PC's language (05:30 PM on an English Windows): kit/TimeField and kit/DateTimeField are 24-hour everywhere.
    for (const el of Array.from(document.querySelectorAll('input[type="time"], input[type="datetime-local"]')))
      if (shown(el)) problems.push(`native time input (AM/PM on an English PC): ${describe(el)}`);

    // A hint in a one-line box cut by the box's edge (「姓名（只读账号只能按姓名搜…」): nothing scrolls to show the rest.
    const measure = document.createElement('canvas').getContext('2d')!;
    for (const el of Array.from(document.querySelectorAll('input[placeholder]'))) {
      const box = el as HTMLInputElement;
      if (!shown(box) || box.value !== '' || box.placeholder === '') continue;
      const style = getComputedStyle(box);
      measure.font = style.font;
      const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (measure.measureText(box.placeholder).width > room + 1) problems.push(`a box's hint is cut: ${describe(box)} 「${box.placeholder}」`);
    }

    // A day broken across two lines (「首次 2020-01-」 / 「27」) reads as two half-dates: a day is one word. So is a
    // name in 「」 (a screen, tab or button the words point to: 「添加社 / 区」 reads as two).
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || !shown(parent) || parent.closest('input, select, textarea, option')) continue;
      for (const m of (node.textContent ?? '').matchAll(/\d{4}-\d{2}-\d{2}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top)));
        if (tops.size > 1) problems.push(`a day is broken across lines: 「${m[0]}」 in ${describe(parent)}`);
      }
      for (const m of (node.textContent ?? '').matchAll(/「[^「」]{1,12}」/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        if (new Set(Array.from(range.getClientRects(), (r) => Math.round(r.top))).size > 1)
          problems.push(`a name is broken across lines: ${m[0]} in ${describe(parent)}`);
      }
    }

    // An empty grid's sentence (what is missing, where to add it) ending in a line of one or two characters (「记。」
    // alone under a line of 25).
    for (const para of Array.from(document.querySelectorAll('.grid-empty p'))) {
      if (!shown(para)) continue;
      const lines = new Map<number, number>();
      const texts = document.createTreeWalker(para, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node; node = texts.nextNode()) {
        const whole = document.createRange();
        whole.selectNodeContents(node);
        for (const r of Array.from(whole.getClientRects())) if (r.width > 0) lines.set(Math.round(r.top), (lines.get(Math.round(r.top)) ?? 0) + r.width);
      }
      const last = lines.get(Math.max(...lines.keys()));
      if (lines.size > 1 && last !== undefined && last < 2.5 * parseFloat(getComputedStyle(para).fontSize))
        problems.push(`an empty grid's sentence ends in a line of ${Math.round(last)} px: ${describe(para)}`);
    }

    // A tick box and its words: the box on the middle of the words' first line, at least 4 px from them, and at least
    // 12 px from the words before it (岗位与班次's 「08:00–16:00 ☐ 中班」 read as one run); in a row of fields, the words'
    // line on the boxes' middle line (设置's 「每天自动备份一次」 sat low beside 自动备份位置's box).
    for (const tick of Array.from(document.querySelectorAll('label > input[type="checkbox"], label > input[type="radio"]'))) {
      if (!shown(tick)) continue;
      const label = tick.parentElement!;
      const words = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      let first: DOMRect | undefined;
      for (let node = words.nextNode(); node && !first; node = words.nextNode()) {
        const at = (node.textContent ?? '').search(/\S/);
        if (at < 0 || !(tick.compareDocumentPosition(node) & Node.DOCUMENT_POSITION_FOLLOWING)) continue;
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + 1);
        first = range.getClientRects()[0];
      }
      if (!first) continue;
      const box = tick.getBoundingClientRect();
      const name = `「${(label.textContent ?? '').trim().slice(0, 16)}」`;
      const off = box.top + box.height / 2 - (first.top + first.height / 2);
      if (Math.abs(off) > 2) problems.push(`a tick box sits ${Math.round(Math.abs(off))} px ${off > 0 ? 'low' : 'high'} against its words ${name}`);
      if (first.left - box.right < 4) problems.push(`a tick box touches its words ${name} (${Math.round(first.left - box.right)} px)`);
      // Words before it: another tick box's, or a unit (「°C」); a field or a button before it keeps the row's own gap.
      const prior = label.previousElementSibling;
      const before = prior?.matches('label, span') ? prior.getClientRects() : undefined;
      const last = before?.[before.length - 1];
      if (last && last.bottom > box.top && last.top < box.bottom && box.left - last.right < 12 && box.left > last.right - 1)
        problems.push(`a tick box sits against the words before it: ${name} (${Math.round(box.left - last.right)} px)`);
      const row = label.parentElement!;
      if (row.classList.contains('toolbar')) {
        const middle = first.top + first.height / 2;
        const peer = Array.from(row.querySelectorAll('input:not([type="checkbox"]):not([type="radio"]), select, button')).find((c) => {
          const r = c.getBoundingClientRect();
          return shown(c) && r.top < first.bottom && r.bottom > first.top;
        });
        const r = peer?.getBoundingClientRect();
        if (r && Math.abs(r.top + r.height / 2 - middle) > 2)
          problems.push(`the words of a tick box sit ${Math.round(middle - (r.top + r.height / 2))} px off the middle of their row: ${name}`);
      }
    }

    // A plain sentence in a row of fields (「合计：0.00 元」 beside two dates, 人员's 「点击名单中的一行…」, a grid's 「共 N 户」,
    // a link among buttons) on the
    // boxes' middle line, not at their feet or level with their labels.
    const sentences = '.toolbar > span:not([class]), .toolbar > p, .toolbar > .grid-count, .toolbar > a, .grid-bar-start > .grid-count, .grid-bar-start > a';
    for (const words of Array.from(document.querySelectorAll(sentences))) {
      const text = document.createRange();
      text.selectNodeContents(words);
      const line = text.getClientRects()[0];
      if (!shown(words) || !line || (words.textContent ?? '').trim() === '') continue;
      const peer = Array.from(words.parentElement!.querySelectorAll('input:not([type="checkbox"]):not([type="radio"]), select, button')).find((c) => {
        const r = c.getBoundingClientRect();
        return shown(c) && r.top < line.bottom && r.bottom > line.top;
      });
      const r = peer?.getBoundingClientRect();
      const middle = line.top + line.height / 2;
      if (r && Math.abs(r.top + r.height / 2 - middle) > 2)
        problems.push(
          `words in a row of fields sit ${Math.round(middle - (r.top + r.height / 2))} px off its middle: 「${(words.textContent ?? '').trim().slice(0, 16)}」`,
        );
    }

    // 3. Words a coordinator should never read.
    const text = document.body.innerText;
    if (/无显示行|No Rows To Show/.test(text)) problems.push("ag-grid's default 「无显示行」 text is visible");
    for (const m of text.matchAll(/\b[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)+\b/g)) {
      const last = m[0].split('.').pop() ?? '';
      if (!extensions.includes(last.toLowerCase())) problems.push(`English identifier visible: "${m[0]}"`);
    }
    for (const m of text.matchAll(/\b\d{1,2}:\d{2}(:\d{2})?\s?(AM|PM|am|pm)\b|\b(AM|PM)\b/g)) problems.push(`12-hour time visible: "${m[0]}"`);
    for (const m of text.matchAll(/[{[]\s*"[^"\n]{1,40}"\s*:/g)) problems.push(`raw JSON visible: "${m[0]}"`);
    return [...new Set(problems)];
  }, FILE_EXTENSIONS);
}

/**
 * The words under `root` that a box cuts off (an ellipsis, a row too short for its wrapped lines): each text with a
 * line on screen that another box covers, or whose lines reach past an ancestor that clips (overflow hidden or clip). Text in a box that scrolls
 * is not counted as cut (it can be scrolled to), nor checked past it. Empty when every word shows whole.
 */
export async function cutTexts(root: Locator): Promise<string[]> {
  await root.waitFor();
  return root.evaluate((top: Element) => {
    const cut: string[] = [];
    const walker = document.createTreeWalker(top, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = (node.textContent ?? '').trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest('[hidden], [aria-hidden="true"]')) continue;
      // Said to screen readers only (ag-grid's 「加载中...」 in a 1 px box): nobody sees it to find it cut.
      const own = parent.getBoundingClientRect();
      if (own.width <= 1 || own.height <= 1) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // Covered: a line of it lies under another box (ag-grid's rows are placed absolutely: a row too short for its
      // wrapped text is overlapped by the next, not clipped). Only lines on screen can be asked.
      // A box the pointer passes through (ag-grid's overlays) cannot be asked: elementFromPoint answers what is under it.
      const askable = getComputedStyle(parent).pointerEvents !== 'none';
      // A line scrolled out of a box that scrolls or clips is not on screen to be covered (it is found below if clipped):
      // the rows of the mapping list scrolled below its frame lie where the step's action bar is.
      const framesOf: DOMRect[] = [];
      for (let el = parent.parentElement; el; el = el.parentElement) {
        const st = getComputedStyle(el);
        if (st.overflowX !== 'visible' || st.overflowY !== 'visible') framesOf.push(el.getBoundingClientRect());
      }
      const covered =
        askable &&
        Array.from(range.getClientRects()).some((line) => {
          const x = line.left + line.width / 2;
          const y = line.top + line.height / 2;
          if (line.width === 0 || x < 0 || y < 0 || x >= window.innerWidth || y >= window.innerHeight) return false;
          if (framesOf.some((f) => x < f.left || x > f.right || y < f.top || y > f.bottom)) return false;
          const hit = document.elementFromPoint(x, y);
          return hit !== null && hit !== parent && !parent.contains(hit) && !hit.contains(parent);
        });
      if (covered) {
        cut.push(`${text.slice(0, 40)}（被其他内容盖住）`);
        continue;
      }
      for (let el: Element | null = parent; el; el = el.parentElement) {
        const style = getComputedStyle(el);
        const clips = (o: string) => o === 'hidden' || o === 'clip';
        const box = el.getBoundingClientRect();
        const wide = clips(style.overflowX) && (r.left < box.left - 1 || r.right > box.right + 1);
        const tall = clips(style.overflowY) && (r.top < box.top - 1 || r.bottom > box.bottom + 1);
        if (wide || tall) {
          cut.push(`${text.slice(0, 40)}（${wide ? '横向' : '纵向'}被 ${el.tagName.toLowerCase()}.${String(el.className).split(/\s+/)[0]} 截断）`);
          break;
        }
        // Past a box that scrolls, where the text sits depends on the scrolling, not on the layout.
        if (/auto|scroll/.test(style.overflowX + style.overflowY)) break;
      }
    }
    return cut;
  });
}

/**
 * What the app's hint for an invalid field (kit/FormHints, role alert) lies over: every other field's label or box,
 * button, link or sentence (a paragraph) its box meets, by its words. The field's own label is not counted (the hint names it). Empty when the
 * hint covers nothing a coordinator needs to see.
 */
export async function coveredByHint(page: Page): Promise<string[]> {
  const hint = page.locator('.form-hint');
  await hint.waitFor();
  return hint.evaluate((tip: Element) => {
    const field = document.querySelector('[aria-invalid="true"]');
    if (!field) return ['no field is marked invalid'];
    const own = (field.id ? document.querySelector(`label[for="${CSS.escape(field.id)}"]`) : null) ?? field.closest('label');
    const h = tip.getBoundingClientRect();
    return Array.from(document.querySelectorAll('label, input, select, textarea, button, a, legend, p, .field-note'))
      .filter((o) => o !== field && o !== own && !o.contains(field) && !(own?.contains(o) ?? false))
      .filter((o) => {
        const r = o.getBoundingClientRect();
        return r.width > 0 && r.height > 0 && r.left < h.right && h.left < r.right && r.top < h.bottom && h.top < r.bottom;
      })
      .map((o) => {
        const named = (o as HTMLInputElement).labels?.[0]?.textContent || o.textContent || o.getAttribute('aria-label') || o.id;
        return `${o.tagName.toLowerCase()} 「${named.trim().slice(0, 20)}」`;
      });
  });
}
