/**
 * Row heights for the sheets the office prints (forms.xlsx, 补助发放表). A wrapped cell grows only if its row is tall
 * enough: Excel and WPS keep a row written without a height at one line when the file is opened (LibreOffice too, for
 * merged cells), so a long 包保责任人 or a two-line header was printed cut to its first line (seen converting forms.xlsx
 * to PDF, session 23). Heights are worked out here from the text and the column widths, in the units a sheet's columns
 * use. A root file: io/export and rota both print with it.
 */
import { headerParts } from './header-break.shared';

/**
 * Points a line of 11-point text takes in a row, with the room the renderers leave between lines: 16, as a Chinese
 * font sets them (Noto Sans CJK's lines are 1.45 em; at 15 a row of four lines printed its fourth cut, session 25).
 */
const LINE_POINTS = 16;
/**
 * What a column of width w holds on one line, in the sheet's units (a digit of the 11-point default font, 7 px): the
 * column is 7w + 5 px, less the few pixels of cell padding. A Chinese character of 11-point text is 14.7 px, 2.1
 * units, so a column holds only whole characters: 「原因类别」 at width 10 holds 4 to a line, not 4.75 (a row worked out
 * from 4.75 was a line short and printed its last line cut, LibreOffice → PDF, session 25).
 */
const roomOf = (width: number): number => Math.max(1, width - 0.2);
const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u;
const WIDE_UNITS = 2.1;
/** Signs narrower than a digit (a day's 「-」, a decimal point): 「2020-02-10」 is 9.2 units and prints whole at width 10. */
const NARROW = /[-.,:;/'!|()[\] ]/;
const unitsOf = (ch: string): number => (WIDE.test(ch) ? WIDE_UNITS : NARROW.test(ch) ? 0.6 : 1);
/** Signs no line starts with (Chinese line breaking): the character before them goes down with them. */
const NO_LINE_START = /[，。、；：？！）」』》〉】…%,.;:?!)\]]/u;

/** Width in a sheet's character units: a Chinese character (or full-width sign, or one beyond the BMP such as 𠮷) is two, a digit or letter one. */
export function textUnits(text: string): number {
  let units = 0;
  for (const ch of text) units += WIDE.test(ch) ? 2 : 1;
  return units;
}

/** Lines one line of text takes wrapped at character boundaries in `room` units, a closing sign never starting a line. */
function wrappedLines(line: string, room: number): number {
  const chars = [...line];
  let lines = 1;
  let used = 0;
  for (let i = 0; i < chars.length; i++) {
    const w = unitsOf(chars[i]!);
    if (used + w <= room || used === 0) {
      used += w;
      continue;
    }
    lines++;
    // A closing sign that does not fit takes the character before it to the new line.
    const carried = NO_LINE_START.test(chars[i]!) && i > 0 ? unitsOf(chars[i - 1]!) : 0;
    used = carried + w;
  }
  return lines;
}

/** Lines a text takes wrapped in a cell `width` characters wide (its own line breaks kept). */
export function linesIn(text: string, width: number): number {
  const room = roomOf(width);
  return text.split('\n').reduce((n, line) => n + wrappedLines(line, room), 0);
}

/** The height of a row whose cells wrap: its tallest cell's lines. */
export function rowPoints(cells: ReadonlyArray<{ text: string; width: number }>): number {
  const lines = cells.reduce((n, c) => Math.max(n, linesIn(c.text, c.width)), 1);
  return LINE_POINTS * lines + 2;
}

/**
 * rowPoints for cells of a given font size (a district template's 12-point 仿宋 rather than forms.xlsx's 11): a bigger
 * font holds fewer characters in the same column and takes more points a line.
 */
export function rowPointsAt(cells: ReadonlyArray<{ text: string; width: number; size: number }>): number {
  const points = cells.map((c) => LINE_POINTS * (c.size / 11) * linesIn(c.text, (c.width * 11) / c.size));
  return Math.ceil(Math.max(LINE_POINTS, ...points)) + 2;
}

/** The gap between the parts of a line across the sheet (填报人：…　　联系电话：…). */
const GAP = '　　';

/**
 * A line across the sheet broken between its parts where it would run past the last column, not inside one:
 * 「填报日期：2020-02-」 over 「17」 was a day nobody could read at a glance.
 */
export function breakAtGaps(text: string, width: number): string {
  const room = roomOf(width) / (WIDE_UNITS / 2);
  const lines: string[] = [];
  for (const part of text.split(GAP)) {
    const last = lines.length - 1;
    if (last >= 0 && textUnits(`${lines[last]!}${GAP}${part}`) <= room) lines[last] = `${lines[last]!}${GAP}${part}`;
    else lines.push(part);
  }
  return lines.join('\n');
}

/**
 * A column header as forms.xlsx writes it: whole where it fits its column on one line, else its parts on lines of their
 * own (header-break.shared.ts), so Excel, WPS and LibreOffice never choose a break inside a word themselves.
 */
export function breakHeader(header: string, width: number): string {
  return linesIn(header, width) <= 1 ? header : headerParts(header).join('\n');
}
