/**
 * How many lines a day's cell of 排班日历 takes, for its row's height: the chips flow side by side and wrap (a
 * viewer's chips have no ×, so two names share a line where an editor's stand one to a line; a row sized by the count
 * of names stood twice as tall as its chips for the viewer, session 47). Measured at 12 px (Chromium, 1366×768): a
 * chip is 14 px of padding and border around its words, 2 px of margin either side, 32 px more with its ×; a Chinese
 * character 12 px, anything else at most 8. The width is the narrowest a day's cell is drawn (DAY_MIN_WIDTH less its
 * 12 px of padding): a guess too wide would cut a name, one too narrow only leaves room below.
 */
const LINE_WIDTH = 124 - 12;
const CHIP_CHROME = 14 + 4;
const BUTTON = 32;

const textWidth = (text: string) => Array.from(text).reduce((w, ch) => w + (/[\u2e80-\ufaff\uff00-\uffef]/u.test(ch) ? 12 : 8), 0);

/** chips: each chip's words; note: 「缺 1 人」 or 「请假」 after them, if any; withButton: the chips carry × (who can edit). */
export function cellLines(chips: readonly string[], note: string | undefined, withButton: boolean): number {
  const widths = chips.map((t) => Math.min(LINE_WIDTH, CHIP_CHROME + textWidth(t) + (withButton ? BUTTON : 0)));
  if (note) widths.push(Math.min(LINE_WIDTH, textWidth(` ${note}`)));
  let lines = widths.length ? 1 : 0;
  let used = 0;
  for (const w of widths) {
    if (used > 0 && used + w > LINE_WIDTH) {
      lines++;
      used = 0;
    }
    used += w;
  }
  return Math.max(1, lines);
}
